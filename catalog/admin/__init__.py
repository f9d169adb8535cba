"""The photo editors' admin: one module per part of the catalog."""

from . import articles, credits, photos, rights, slideshows, tokens  # noqa: F401  (registers the model admins)
