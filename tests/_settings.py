"""Settings for properties that cost too much to run the profile's full number of examples."""

from __future__ import annotations

from hypothesis import settings

FEWER = settings(max_examples=max(10, settings().max_examples // 4))
"""A quarter of the loaded profile's examples (at least 10): it scales with dev and thorough."""
