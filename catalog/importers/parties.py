"""Moved: credit resolution lives in catalog/credits/resolving.py, and
`create_named` in catalog/models/inserting.py."""

from catalog.credits.resolving import CreditRejected, CreditResolver
from catalog.models.inserting import create_named

__all__ = ["CreditRejected", "CreditResolver", "create_named"]
