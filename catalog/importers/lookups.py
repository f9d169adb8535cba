"""Moved to catalog/models/lookups.py (the API and credits ask them too)."""

from catalog.models.lookups import keys_present, named_rows

__all__ = ["keys_present", "named_rows"]
