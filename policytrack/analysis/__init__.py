"""The analyses: pure functions of a dataset, a codebook and options, returning frozen results.

Timelines, the OxCGRT-style index, escalation steps, comparisons, outcome totals, sensitivity
and the Freedom on the Net crosswalk. They compute on values: the model below them, and
storage only to read the bundled crosswalk. ``spans`` and ``sweep`` are the timeline's
machinery; ``derived`` keeps what they derive from a dataset.
"""
