"""How does the December 2012 real-name decision compare with the July 2023 directive?

Compares the NPC Standing Committee's real-name decision with Xi Jinping's "security barrier"
directive dimension by dimension, and says which is stricter overall and where.
"""

import policytrack as pt

data = pt.load_bundled()
codebook = pt.bundled_codebook()
first, second = "cn-2012-npcsc-real-name-decision", "cn-2023-xi-security-barrier-directive"
comparison = pt.compare_policies(data, first, second, codebook=codebook)


names = {pt.Stricter.FIRST: "2012 decision", pt.Stricter.SECOND: "2023 directive"}


def level(value: int | None, scope: pt.Scope | None) -> str:
    return "-" if value is None else f"{value} {scope.value if scope else ''}".strip()


print(f"{'dimension':<22}{'2012 decision':<16}{'2023 directive':<16}stricter")
for row in comparison.dimensions:
    print(
        f"{row.dimension:<22}{level(row.first_level, row.first_scope):<16}"
        f"{level(row.second_level, row.second_scope):<16}"
        f"{names.get(row.stricter, row.stricter.value)}"
    )
print(f"\nComposite score: 2012 decision {comparison.first_score:.1f}, ", end="")
print(
    f"2023 directive {comparison.second_score:.1f}; stricter overall: {names[comparison.stricter]}"
)
print("Agencies only behind the 2012 decision:", ", ".join(comparison.first_only_agencies))
print("Agencies only behind the 2023 directive:", ", ".join(comparison.second_only_agencies))
