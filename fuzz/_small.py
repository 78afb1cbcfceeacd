"""A small, sound dataset cut from the bundled one: a seed for the harnesses' corpora."""

from __future__ import annotations

import attrs

from policytrack import Dataset, evidence_of, load_bundled

POLICY = "cn-2013-social-media-crackdown"
"""A policy with an issuer, two platforms and quotes from two sources."""


def small_dataset() -> Dataset:
    """The bundled policy :data:`POLICY` with the records it refers to, and nothing else."""
    bundled = load_bundled()
    policy = bundled.policy(POLICY)
    agencies = [
        attrs.evolve(a, parent=None)
        for a in bundled.agencies
        if a.id in policy.issuers or a.id in policy.enforcers
    ]
    platforms = [p for p in bundled.platforms if p.id in policy.platforms]
    cited = {e.source for r in (policy, *agencies, *platforms) for _, e in evidence_of(r)}
    return Dataset(
        bundled.info,
        sources=tuple(s for s in bundled.sources if s.id in cited),
        agencies=tuple(agencies),
        platforms=tuple(platforms),
        policies=(policy,),
    )
