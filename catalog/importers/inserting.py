"""Moved to catalog/models/inserting.py (credit resolution inserts rows too)."""

from catalog.models.inserting import create_named, insert_rows, update_row

__all__ = ["create_named", "insert_rows", "update_row"]
