"""The optional libraries the edges use (pyarrow, pandas, polars), imported only when asked for.

A missing one is a :class:`~policytrack.errors.PolicytrackError` naming the extra to install,
never a bare ImportError.
"""

from __future__ import annotations

import importlib
from typing import Any

from policytrack.errors import PolicytrackError

__all__ = ["need"]


def need(module: str, extra: str) -> Any:
    """The module *module*, imported now.

    Raises:
        PolicytrackError: It is not installed; the message names the extra *extra*.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.partition(".")[0]
        msg = f"this needs {top}, which is not installed: pip install 'policytrack[{extra}]'"
        raise PolicytrackError(msg) from None
