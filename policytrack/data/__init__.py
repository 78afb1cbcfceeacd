"""Data files that ship with policytrack (the ISO 3166 table)."""
