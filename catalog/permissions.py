"""Who may make a write that reaches beyond one record: the one check the
admin, the API, the importers and the services share.

Django's model permissions (`catalog.add_photo`, ...) say what a user may do
to each model. An import, a merge or a credit naming a new agency touches
several models at once; it needs the permission for each change it makes,
and is refused as a whole, naming what is missing, when one is lacking.
"""

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied
from django.db import models

from .models import (
    Agency,
    AgencyAlias,
    ContentWarning,
    Photo,
    Photographer,
    PhotographerAlias,
    Rendition,
    Slide,
    Slideshow,
)

ACTIONS = ("add", "change", "delete")

# Made and removed with their photo's image: a change to the photo, checked as such.
DERIVED = frozenset({Rendition})

# Models a credit names; a credit write that creates rows of them needs add on them.
PARTIES = (Agency, AgencyAlias, Photographer, PhotographerAlias)

# Taking over records other articles imported rewrites and trims them.
TAKE_OVER_NEEDS = {
    Slideshow: {"change", "delete"},
    Slide: {"change", "delete"},
    Photo: {"change", "delete"},
    ContentWarning: {"change", "delete"},
}

Needs = Mapping[type[models.Model], Iterable[str]]


class WriteNotAllowed(PermissionDenied):
    """The user lacks a permission the write needs; nothing is saved."""

    def __init__(self, doing: str, missing: list[tuple[type[models.Model], str]]):
        self.missing = missing
        wants = [f"{action} {model._meta.verbose_name_plural}" for model, action in missing]
        codes = ", ".join(permission(model, action) for model, action in missing)
        super().__init__(f"You may not {doing}: it would {_listed(wants)} ({codes})")


def permission(model: type[models.Model], action: str) -> str:
    """The permission's name as `has_perm` takes it: `catalog.add_photo`."""
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def missing_permissions(user, needs: Needs) -> list[tuple[type[models.Model], str]]:
    """(model, action) for each permission in `needs` the user does not hold."""
    return [
        (model, action)
        for model, actions in needs.items()
        if model not in DERIVED
        for action in ACTIONS
        if action in actions and not user.has_perm(permission(model, action))
    ]


def require(user, needs: Needs, *, doing: str) -> None:
    """Raise WriteNotAllowed unless the user holds every permission in `needs`.

    `doing` completes "You may not ...": `import this file`, `merge agencies`.
    """
    if lacking := missing_permissions(user, needs):
        raise WriteNotAllowed(doing, lacking)


def party_writes(writes: Needs) -> dict:
    """Of the changes a write made, those to agencies, photographers and their aliases."""
    return {model: actions for model, actions in writes.items() if model in PARTIES}


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
