"""The domain model: records and their field rules, dates, codebooks, the dataset, checks.

The lowest layer above ``errors`` and ``vocab``: pure values and rules, no file I/O.
"""
