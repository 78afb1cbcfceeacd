"""Importers: other trackers' published data read into policytrack datasets."""
