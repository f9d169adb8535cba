"""Who changed what, when and through what: recording and reading edit history.

The versions themselves are django-simple-history's historical tables
(catalog.models.history). A `save()` or a `delete()` records a version
through its signals; the writes that bypass them (the importers' inserts and
bulk updates, slide reordering, merges) call `record()` with the rows they
changed, which copies those rows into the historical table in one statement.

What a version says beside its fields comes from the context of the change:
`HistoryMiddleware` names the signed-in user and the way in (admin, API) for
a request; `recording()` adds or overrides the way in and the reason (an
import and its file, a merge, a revert) for a block of code.

`entries()` reads a record's versions back as before → after, in a fixed
number of queries, and `revert()` makes an earlier version current again
(a change recorded like any other).
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache

from django.core.exceptions import ValidationError
from django.db import connections, models, router, transaction
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from catalog.labels import shorten
from catalog.models.history import Via


@dataclass(frozen=True)
class Source:
    via: str = Via.SHELL
    reason: str = ""
    user: object = None


NO_SOURCE = Source()
_source: ContextVar[Source | None] = ContextVar("history_source", default=None)


def _current() -> Source:
    return _source.get() or NO_SOURCE


@contextmanager
def recording(*, via: str | None = None, reason: str | None = None, user=None) -> Iterator[None]:
    """Changes made inside are recorded as made through `via`, for `reason`,
    by `user`; what is not given stays as the enclosing context says."""
    outer = _current()
    token = _source.set(
        Source(
            via=via or outer.via,
            reason=outer.reason if reason is None else reason,
            user=user or outer.user,
        )
    )
    try:
        yield
    finally:
        _source.reset(token)


def current_user():
    """The user a change is recorded for: the context's, else the request's."""
    source = _current()
    if source.user is not None:
        return source.user
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


class HistoryMiddleware:
    """simple-history's request middleware, which names the user, and the way
    in: the admin or the API, by the request's path."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        via = Via.API if path.startswith("/api/") else Via.ADMIN
        HistoricalRecords.context.request = request
        try:
            with recording(via=via):
                return self.get_response(request)
        finally:
            del HistoricalRecords.context.request


def stamp(history_instance) -> None:
    """Fill a version simple-history is about to save from the context
    (`pre_create_historical_record` receiver)."""
    source = _current()
    history_instance.history_via = source.via
    if not history_instance.history_change_reason:
        history_instance.history_change_reason = source.reason or None
    if history_instance.history_user_id is None and (user := current_user()) is not None:
        history_instance.history_user_id = user.pk


# -- recording the writes that bypass save() --------------------------------------------

BATCH = 500


def is_tracked(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


@cache
def history_model(model):
    """The historical model of `model`. Cached: simple-history's `model.history`
    makes a new manager class at each access, too slow for an import's hot path."""
    return model.history.model


def record(model, pks: Iterable[int], history_type: str = "~", *, reason: str | None = None):
    """Record a version of each row of `model` with these primary keys, as
    the rows are now: one INSERT … SELECT per BATCH rows, no instance made.
    For the bulk writes no signal reports (`+` created, `~` changed)."""
    pks = sorted(set(pks))
    if not pks or not is_tracked(model):
        return
    history = history_model(model)
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = [quote(f.column) for f in tracked_fields(model)]
    user = current_user()
    source = _current()
    stamp_values = [
        history._meta.get_field("history_date").get_db_prep_save(timezone.now(), connection),
        history_type,
        user.pk if user is not None else None,
        (source.reason if reason is None else reason) or None,
        source.via,
    ]
    stamp_columns = [
        quote(history._meta.get_field(name).column)
        for name in (
            "history_date",
            "history_type",
            "history_user",
            "history_change_reason",
            "history_via",
        )
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(pks), BATCH):
            batch = pks[start : start + BATCH]
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} "
                f"({', '.join(columns + stamp_columns)}) "
                f"SELECT {', '.join(columns)}, {', '.join(['%s'] * len(stamp_values))} "
                f"FROM {quote(model._meta.db_table)} "
                f"WHERE {quote(model._meta.pk.column)} IN ({', '.join(['%s'] * len(batch))})",
                [*stamp_values, *batch],
            )


@cache
def tracked_fields(model) -> list[models.Field]:
    """The model's fields its history keeps, in the historical model."""
    history = history_model(model)
    own = {f.attname for f in model._meta.concrete_fields}
    return [f for f in history._meta.concrete_fields if f.attname in own]


# Fields kept in every version but never shown as a change: identities and stamps.
NOT_CHANGES = {"id", "uid", "slug", "created_at"}


def compared_fields(model) -> list[models.Field]:
    return [f for f in tracked_fields(model) if f.attname not in NOT_CHANGES]


# -- reading versions back --------------------------------------------------------------

KINDS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass
class Change:
    field: str
    label: str
    before: str
    after: str


@dataclass
class Entry:
    """One version of a record: the change that made it, field by field."""

    model: type
    version: object  # the historical instance
    subject: str = ""  # for a related record (a slide, a warning): which
    changes: list[Change] = field(default_factory=list)

    @property
    def history_id(self) -> int:
        return self.version.history_id

    @property
    def date(self):
        return self.version.history_date

    @property
    def kind(self) -> str:
        return KINDS[self.version.history_type]

    @property
    def user(self):
        return self.version.history_user

    @property
    def via(self) -> str:
        return self.version.history_via

    @property
    def via_label(self) -> str:
        return Via(self.version.history_via).label

    @property
    def reason(self) -> str:
        return self.version.history_change_reason or ""

    @property
    def model_name(self) -> str:
        return self.model._meta.model_name

    @property
    def revertible(self) -> bool:
        return self.kind != "deleted"


# The related records whose versions a record's history shows with its own:
# a photo's warnings; a slideshow's slides (its order) and warnings.
RELATED: dict[str, list[tuple[str, str]]] = {
    "photo": [("contentwarning", "photo")],
    "slideshow": [("slide", "slideshow"), ("contentwarning", "slideshow")],
}


def entries(obj: models.Model, *, limit: int | None = None) -> list[Entry]:
    """The versions of `obj` and of the records it holds (RELATED), newest
    first, each with its changes from the version before. A query for each
    model read and one for each model whose names a change shows."""
    model = type(obj)
    groups = [(model, model.history.filter(id=obj.pk))]
    for model_name, fk in RELATED.get(model._meta.model_name, []):
        related = model._meta.apps.get_model(model._meta.app_label, model_name)
        groups.append((related, related.history.filter(**{f"{fk}_id": obj.pk})))
    found: list[Entry] = []
    for each, versions in groups:
        versions = versions.select_related("history_user").order_by("history_date", "history_id")
        found += _compare(each, list(versions), related=each is not model)
    _name_values(found)
    found.sort(key=lambda entry: (entry.date, entry.history_id), reverse=True)
    return found[:limit] if limit is not None else found


def _compare(model, versions: list, *, related: bool) -> list[Entry]:
    fields = compared_fields(model)
    last: dict[int, object] = {}
    found = []
    for version in versions:
        previous = last.get(version.id)
        entry = Entry(model=model, version=version)
        for f in fields:
            after = getattr(version, f.attname)
            before = getattr(previous, f.attname) if previous is not None else None
            if version.history_type == "-":
                continue
            if previous is None and after in (None, "", False):
                continue
            if previous is not None and before == after:
                continue
            original = _original_field(model, f.attname)
            label = str(original.verbose_name).capitalize()
            entry.changes.append(Change(original.name, label, before, after))
        last[version.id] = version
        if related:
            entry.subject = _subject(model, version)
        if entry.changes or version.history_type != "~" or version.history_change_reason:
            found.append(entry)
    return found


def _subject(model, version) -> str:
    if model._meta.model_name == "slide":
        return f"Slide #{version.position}"
    return f"Warning ({version.get_kind_display()})"


def _name_values(found: list[Entry]) -> None:
    """Turn raw values into what an editor reads: names for foreign keys
    (one query per related model), labels for choices, "—" for nothing."""
    wanted: dict[type, set] = defaultdict(set)
    for entry in found:
        if entry.model._meta.model_name == "slide":  # named by its photo
            wanted[entry.model._meta.get_field("photo").related_model].add(entry.version.photo_id)
        for change in entry.changes:
            f = entry.model._meta.get_field(change.field)
            if f.is_relation:
                wanted[f.related_model] |= {v for v in (change.before, change.after) if v}
    names = {model: _names(model, ids) for model, ids in wanted.items()}
    for entry in found:
        for change in entry.changes:
            f = entry.model._meta.get_field(change.field)
            for side in ("before", "after"):
                value = getattr(change, side)
                setattr(change, side, _shown(f, value, names))
        if entry.model._meta.model_name == "slide" and entry.subject:
            photo = names.get(entry.model._meta.get_field("photo").related_model, {})
            title = photo.get(entry.version.photo_id)
            if title:
                entry.subject += f": {title}"


def _original_field(model, attname: str) -> models.Field:
    for f in model._meta.concrete_fields:
        if f.attname == attname:
            return f
    raise LookupError(attname)


def _names(model, ids: set) -> dict:
    """What to call each record: its name, or a photo's title or caption.
    A record since deleted is named from its last version, marked so."""
    if model._meta.model_name == "photo":
        fields = ("title", "caption")
    elif any(f.name == "name" for f in model._meta.fields):
        fields = ("name",)
    else:
        return {obj.pk: str(obj) for obj in model._base_manager.filter(pk__in=ids)}
    rows = model._base_manager.filter(pk__in=ids).values_list("pk", *fields)
    names = {pk: _called(*values) for pk, *values in rows}
    if (missing := ids - names.keys()) and is_tracked(model):
        gone = model.history.filter(id__in=missing).order_by("id", "-history_date")
        for pk, *values in gone.values_list("id", *fields):
            names.setdefault(pk, f"{_called(*values)} (deleted)")
    return names


def _called(*values: str) -> str:
    return shorten(next((value for value in values if value), ""), 60) or "(unnamed)"


def _shown(f: models.Field, value, names: dict) -> str:
    if value is None or value == "":
        return "—"
    if f.is_relation:
        return names.get(f.related_model, {}).get(value) or f"{value} (deleted)"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def version_model(obj: models.Model, history_id: int):
    """The model (obj's own, or one of RELATED) whose version `history_id` is
    a version of `obj` or of a record it holds; None if it is neither."""
    model = type(obj)
    if model.history.filter(id=obj.pk, history_id=history_id).exists():
        return model
    for model_name, fk in RELATED.get(model._meta.model_name, []):
        related = model._meta.apps.get_model(model._meta.app_label, model_name)
        if related.history.filter(**{f"{fk}_id": obj.pk}, history_id=history_id).exists():
            return related
    return None


def related_models(model) -> list[type]:
    """The models whose versions a record's history shows: itself, RELATED."""
    found = [model]
    for model_name, _ in RELATED.get(model._meta.model_name, []):
        found.append(model._meta.apps.get_model(model._meta.app_label, model_name))
    return found


# -- revert -------------------------------------------------------------------------------


class RevertFailed(Exception):
    """The version cannot be made current; nothing was changed."""


@transaction.atomic
def revert(model, history_id: int, *, user=None) -> models.Model:
    """Make the version `history_id` of a `model` record current again: each
    field the history keeps set back to that version's value. Recorded as a
    change like any other, with the version it went back to as its reason."""
    version = model.history.filter(history_id=history_id).first()
    if version is None:
        raise RevertFailed("There is no such version.")
    obj = model._base_manager.select_for_update().filter(pk=version.id).first()
    if obj is None:
        raise RevertFailed(f"This {model._meta.verbose_name} has been deleted.")
    when = date_format(timezone.localtime(version.history_date), "j M Y H:i:s")
    reason = f"Reverted to the version of {when} (#{history_id})"
    with recording(reason=reason, user=user):
        if model._meta.model_name == "slide":
            return _revert_slide(obj, version)
        for f in compared_fields(model):
            setattr(obj, f.attname, getattr(version, f.attname))
        try:
            obj.full_clean()
        except ValidationError as invalid:
            raise RevertFailed(" ".join(invalid.messages)) from None
        obj._change_reason = reason
        obj.save()
    return obj


def _revert_slide(slide, version):
    from catalog.services import move_slide

    if slide.caption != version.caption:
        slide.caption = version.caption
        slide.save(update_fields=["caption"])
    count = type(slide).objects.filter(slideshow_id=slide.slideshow_id).count()
    position = min(version.position, count)
    if slide.position != position:
        move_slide(slide=slide, position=position)
    return slide
