"""The coding workflow: registering a text, extracting candidates, drafts, agreement.

How a researcher turns an article into records; it builds on the model and storage.
"""
