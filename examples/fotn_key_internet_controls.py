"""Which of Freedom on the Net's Key Internet Controls does the dataset show, year by year?

Reads the bundled dataset through the crosswalk to Freedom on the Net, for each calendar year
from 2012 to 2023: the controls evidenced with certainty, and those only possibly evidenced.
"""

import policytrack as pt

data = pt.load_bundled()
codebook = pt.bundled_codebook()
for year in range(2012, 2024):
    report = pt.key_internet_controls(data, "CN", year, codebook=codebook)
    certain = report.certain()
    possible = [f.kic.id for f in report.findings if f.kic.id not in certain]
    print(f"{year}: certain: {', '.join(certain) or '-'}")
    print(f"      possible: {', '.join(possible) or '-'}")

report = pt.key_internet_controls(data, "CN", 2023, codebook=codebook)
arrests = report.finding("users-arrested")
if arrests is not None:
    print(f"\n2023, {arrests.kic.label}: {arrests.certainty.value}")
    for item in arrests.evidence:
        print(f"    {item.record}: {item.reason}")
