"""The analyses: pure functions of a dataset, a codebook and options, returning frozen results.

Timelines, the OxCGRT-style index, escalation steps, comparisons, outcome totals, sensitivity
and the Freedom on the Net crosswalk. They read no files and import only the model.
"""
