"""How did state controls on the internet in China escalate from 2012 to 2023, and why?

Prints the composite index at both ends, each step that raised it with the policy and the
quote behind it, and how much each dimension of the codebook rose.
"""

import pendulum

import policytrack as pt

data = pt.load_bundled()
codebook = pt.bundled_codebook()
report = pt.escalation(
    data, "CN", pendulum.Date(2012, 1, 1), pendulum.Date(2023, 12, 31), codebook=codebook
)

print(f"Composite index for China: {report.start_value:.1f} -> {report.end_value:.1f}")
print(f"({report.series.value} series: measures counted as early as their dates allow)\n")
for step in report.composite_steps:
    cause = step.causes[0]
    print(f"{step.day}  {step.before:.1f} -> {step.after:.1f}  {cause.policy}")
    print(f"    {cause.dimension} to level {cause.level} ({cause.scope.value})")
    print(f"    \u201c{cause.evidence[0].exact}\u201d [{cause.evidence[0].source}]")

print("\nWhich dimensions changed most (net change of the sub-index, 0-100):")
for change in sorted(report.by_dimension, key=lambda c: c.rise - c.fall, reverse=True):
    if change.rise or change.fall:
        print(f"    {change.dimension:<15} {change.rise - change.fall:+.1f}")
