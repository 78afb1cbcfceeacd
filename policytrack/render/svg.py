"""Writing SVG by hand: escaped text, compact numbers, elements and text labels.

``policytrack.render.svg`` is what the charts write their documents with. Every string taken
from the data passes through :func:`clean` (characters XML 1.0 forbids become U+FFFD) and is
escaped; numbers are written with one decimal, never as ``-0.0``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from xml.sax.saxutils import escape, quoteattr

__all__ = ["CHAR_WIDTH", "clean", "escape_text", "fit", "num", "signed", "tag", "text_at"]

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


CHAR_WIDTH = 0.6
"""An average glyph's width as a share of the font size, to estimate how long a label is."""


def clean(value: object) -> str:
    """*value* as text with the characters XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", str(value))


def escape_text(value: object) -> str:
    """*value* cleaned and escaped, ready to stand as an element's text."""
    return escape(clean(value))


def num(value: float) -> str:
    """*value* with one decimal, as coordinates are written (never ``-0.0``)."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def tag(name: str, attributes: Mapping[str, object], *children: str) -> str:
    """An element with *attributes* in the order given (None values left out)."""
    written = "".join(
        f" {key}={quoteattr(clean(num(v) if isinstance(v, float) else v))}"
        for key, v in attributes.items()
        if v is not None
    )
    if not children:
        return f"<{name}{written}/>"
    return f"<{name}{written}>{''.join(children)}</{name}>"


def text_at(
    x: float, y: float, text: str, *, size: float = 11, anchor: str = "start", **extra: object
) -> str:
    """A ``<text>`` element at (*x*, *y*); *extra* attributes are spelt with ``-`` for ``_``."""
    attributes: dict[str, object] = {"x": x, "y": y, "font-size": size}
    if anchor != "start":
        attributes["text-anchor"] = anchor
    attributes.update({k.replace("_", "-"): v for k, v in extra.items()})
    return tag("text", attributes, escape_text(text))


def fit(text: str, width: float, size: float) -> str:
    """*text* cut with an ellipsis to about *width* pixels at font *size*."""
    room = max(int(width / (size * CHAR_WIDTH)), 1)
    return text if len(text) <= room else text[: max(room - 1, 0)].rstrip() + "\u2026"


def signed(value: float) -> str:
    """*value* with its sign and one decimal (``+2.5``; zero as ``0.0``)."""
    text = f"{value:+.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text
