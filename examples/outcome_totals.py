"""What do the reported outcome figures add up to, and who reported them?

Totals every figure per metric and unit, with bounds carried through ("dozens" is 24 to 99,
"more than a hundred" has no upper bound), each figure counted once, then says who reported
the figures behind the enforcement totals.
"""

import policytrack as pt

data = pt.load_bundled()
totals = pt.outcome_totals(data)
enforcement = [t for t in totals.totals if t.metric in pt.ENFORCEMENT_METRICS]

print("Enforcement outcomes reported, 2012-2023:")
for total in enforcement:
    high = "unbounded" if total.high is None else f"{total.high:,}"
    span = f"{total.low:,}" if total.exact else f"{total.low:,} to {high}"
    print(f"    {total.metric.value:<20} {span:>24} {total.unit}")

print("\nWho reported them:")
for total in pt.outcome_totals(data, by=pt.GroupBy.REPORTER).totals:
    if total.metric in pt.ENFORCEMENT_METRICS:
        print(f"    {total.metric.value:<20} {total.group:<26} {', '.join(total.outcomes)}")
