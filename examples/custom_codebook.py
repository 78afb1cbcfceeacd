"""Does policytrack's index engine reproduce OxCGRT's own Stringency Index?

Loads OxCGRT's nine stringency indicators from examples/oxcgrt-codebook.toml, codes the day of
OxCGRT's worked example as policies (one indicator has no data), and computes the index:
OxCGRT's methodology gives 43.98.
"""

from pathlib import Path

import pendulum

import policytrack as pt

codebook = pt.load_codebook(Path(__file__).with_name("oxcgrt-codebook.toml"))
day = pendulum.Date(2020, 6, 1)
source = pt.Source(
    "oxcgrt-method",
    "OxCGRT index methodology",
    "OxCGRT",
    pt.UncertainDate("2021-05-05"),
    pt.Reliability.NGO,
    "0" * 64,
    1,
)
quote = (pt.Evidence("oxcgrt-method", "x", 0, 1),)
# The worked example: indicator -> (level, general?); C2 has no data and C5 is 0.
worked = {
    "C1": (2, True),
    "C3": (2, False),
    "C4": (2, False),
    "C5": (0, False),
    "C6": (1, False),
    "C7": (1, True),
    "C8": (3, True),
    "H1": (2, False),
}
policies = tuple(
    pt.Policy(
        f"gb-{name.lower()}",
        f"{name} on the day",
        "GB",
        pt.PolicyKind.REGULATION,
        pt.PolicyStatus.IN_FORCE,
        (
            pt.Measure(
                name,
                value,
                "worked example",
                quote,
                pt.Scope.GENERAL if general else pt.Scope.TARGETED,
            ),
        ),
        quote,
        effective=pt.UncertainDate(day.isoformat()),
    )
    for name, (value, general) in worked.items()
)
data = pt.Dataset(
    pt.DatasetInfo("oxcgrt-example", "OxCGRT worked example", codebook=codebook.id),
    sources=(source,),
    policies=policies,
)
pt.check(data, codebook)

index = pt.index(data, "GB", codebook=codebook)
point = index.on(day)
print(f"Codebook: {codebook.title} ({len(codebook.dimensions)} indicators)")
for dim in codebook.dimensions:
    band = point.subindices[dim.id] if point else None
    value = "no data" if band is None or band.earliest is None else f"{band.earliest:.2f}"
    print(f"    {dim.id}  {dim.name:<40} {value}")
print(f"Stringency Index on {day}: {index.value(day):.2f} (OxCGRT's worked example: 43.98)")
