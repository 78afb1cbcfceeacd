"""The codebook an analysis uses when none is given: the one the dataset names.

The one place an analysis reaches below the model: a dataset names its codebook by id (or by
a path), and asking for it again on every call would repeat what the dataset already says.
"""

from __future__ import annotations

import functools

from policytrack.errors import ArgumentValueError, NotFoundError
from policytrack.model.codebook import Codebook
from policytrack.model.dataset import Dataset
from policytrack.storage.resources import load_codebook

__all__ = ["own_codebook"]


@functools.lru_cache(maxsize=8)
def _named(name: str) -> Codebook:
    return load_codebook(name)


def own_codebook(dataset: Dataset, codebook: Codebook | None) -> Codebook:
    """*codebook*, or when it is None the codebook *dataset*'s info names.

    Raises:
        ArgumentValueError: The dataset names a codebook that is neither bundled nor a file
            (a path relative to a dataset's folder): pass ``codebook=`` instead.
    """
    if codebook is not None:
        return codebook
    name = dataset.info.codebook
    try:
        return _named(name)
    except NotFoundError:
        msg = (
            f"'codebook': the dataset names codebook {name!r}, which is not bundled nor a file "
            "here; pass codebook=policytrack.load_codebook(path)"
        )
        raise ArgumentValueError(msg) from None
