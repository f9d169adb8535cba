"""Synthetic catalogs and article pages, for measuring the catalog at scale."""
