"""Did controls escalate across 2013-14 whatever the weights, and in both series?

Tests the conclusion "the composite rose between 1 January 2013 and 31 December 2014" under
the codebook's weights and every weighting in the neighbourhood, in the earliest and the
latest series, and names the weightings that would flip it.
"""

import pendulum

import policytrack as pt

data = pt.load_bundled()
codebook = pt.bundled_codebook()
for series in pt.Series:
    conclusion = pt.CompositeRose(
        "CN", pendulum.Date(2013, 1, 1), pendulum.Date(2014, 12, 31), series=series
    )
    verdict = pt.sensitivity(data, conclusion, codebook=codebook)
    print(
        f"{series.value} series: rose by {verdict.baseline.margin:+.1f}; robust: {verdict.robust}"
    )
    print("    flipped by:", ", ".join(v.name for v in verdict.flips) or "nothing")
