"""The domain model: records and their field rules, dates, codebooks, the dataset, checks.

Also the crosswalk to Freedom on the Net as data (``fotn``), beside the codebook it maps.

The lowest layer above ``errors`` and ``vocab``: pure values and rules, no file I/O.
"""
