"""How a read representation is declared once and rendered fast.

A representation is a DRF serializer (a `Representation`) whose fields say
where each value comes from: a model field by `source` (`photographer.slug`
follows the foreign key), a nested representation (`source="*"` for a group
of the same record's fields, a foreign key for a related record, null when
the key is), a `Derived` value computed from other sources, or a `Link`.
drf-spectacular reads the schema from it like any serializer.

From the declaration a `Plan` is made once per class: the `.values()`
column names it needs (`photographer__slug`) and a renderer that builds the
output from such a row, or from a model instance, without DRF's per-field
machinery. The fields named in `Meta.batched` hold several records each
(a photo's warnings); from an instance they are read through their source
(prefetched relations), and from rows they are left empty for readers.py
to fill, one query for the whole page. Rendered field by field by DRF
itself (`context={"field_by_field": True}`) a representation gives the
reference answer that tests/api/test_representations.py holds the plans and
readers to.
"""

import functools
from collections.abc import Callable, Mapping

from django.db import models
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers

from .links import Site, iso, site


def resolve(record, path: tuple[str, ...]):
    """The value at `path` of an instance (or a mapping), None past a null."""
    for name in path:
        if record is None:
            return None
        record = record.get(name) if isinstance(record, Mapping) else getattr(record, name)
    return record


class Representation(serializers.Serializer):
    """A read representation; see the module docstring.

    Meta may name `batched` fields (filled per page on the row path) and
    `present_if`, a source whose falsy value makes the whole representation
    null (a photo's `image` block when it has no file).
    """

    class Meta:
        batched: tuple[str, ...] = ()
        present_if: str | None = None

    def to_representation(self, instance):
        if self.context.get("field_by_field"):
            present_if = getattr(self.Meta, "present_if", None)
            if present_if and not resolve(instance, tuple(present_if.split("."))):
                return None
            return super().to_representation(instance)
        return plan(type(self)).from_instance(instance, site(self.context))


class Derived(serializers.Field):
    """A value computed by `function` from the values at `sources` (dotted
    paths, None past a null foreign key); with `needs_site`, the Site comes
    first. `output` is the field the schema shows."""

    def __init__(
        self,
        function: Callable,
        *sources: str,
        output: serializers.Field,
        needs_site: bool = False,
        **kwargs,
    ):
        self.function, self.sources, self.output = function, sources, output
        self.needs_site = needs_site
        self.paths = tuple(tuple(source.split(".")) for source in sources)
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, instance):
        values = [resolve(instance, path) for path in self.paths]
        if self.needs_site:
            return self.function(site(self.context), *values)
        return self.function(*values)


class Link(Derived):
    """The absolute URL of the API's `route` detail for the key at `source`."""

    def __init__(self, route: str, source: str, **kwargs):
        super().__init__(
            functools.partial(_link, route),
            source,
            output=serializers.URLField(),
            needs_site=True,
            **kwargs,
        )


def _link(route: str, site: Site, key) -> str:
    return site.links.detail(route, key)


# -- plans ---------------------------------------------------------------------------


def _convert(field: serializers.Field) -> Callable | None:
    """How a plain value of a model field becomes JSON, where it is not already."""
    if isinstance(field, serializers.UUIDField):
        return str
    if isinstance(field, serializers.DateTimeField):
        return iso
    return None


class Plan:
    """A representation compiled once: its columns and its renderer."""

    def __init__(self, representation: type[Representation]):
        self.representation = representation
        self.steps = _steps(representation(), ())
        self.columns = tuple(dict.fromkeys(_columns(self.steps)))

    def from_row(self, row: dict, site: Site) -> dict:
        """The output for a row of `.values(*self.columns)`; batched fields empty."""
        return _render(self.steps, row, site, _column, from_rows=True)

    def from_instance(self, instance, site: Site) -> dict:
        return _render(self.steps, instance, site, resolve, from_rows=False)


@functools.cache
def plan(representation: type[Representation]) -> Plan:
    return Plan(representation)


def _column(row: dict, path: tuple[str, ...]):
    return row["__".join(path)]


def _steps(serializer: serializers.Serializer, prefix: tuple[str, ...]) -> list[tuple]:
    """(kind, name, path, detail) for each field, paths from the plan's root record."""
    meta = serializer.Meta
    batched = set(getattr(meta, "batched", ()))
    steps = []
    present_if = getattr(meta, "present_if", None)
    if present_if:
        steps.append(("present_if", None, (*prefix, *present_if.split(".")), None))
    for name, field in serializer.fields.items():
        path = (*prefix, *field.source_attrs)
        if isinstance(field, Derived):
            paths = [(*prefix, *source) for source in field.paths]
            steps.append(("derived", name, paths, field))
        elif name in batched:
            steps.append(("batched", name, path, _many(field)))
        elif isinstance(field, serializers.BaseSerializer):
            steps.append(("nested", name, path, (_steps(field, path), field.source == "*")))
        else:
            steps.append(("value", name, path, _convert(field)))
    return steps


def _many(field) -> tuple:
    """How to render each record of a batched field read from an instance."""
    if isinstance(field, serializers.ListSerializer):
        return ("records", _steps(field.child, ()))
    if isinstance(field, serializers.ManyRelatedField):
        return ("attribute", field.child_relation.slug_field)
    if isinstance(field, serializers.BaseSerializer):
        return ("record", _steps(field, ()))
    raise TypeError(f"{field!r} cannot be batched.")


def _columns(steps: list[tuple]):
    for kind, _, path, detail in steps:
        if kind in ("value", "present_if"):
            yield "__".join(path)
        elif kind == "derived":
            yield from ("__".join(source) for source in path)
        elif kind == "nested":
            nested, same_record = detail
            if not same_record:
                yield "__".join(path)  # the foreign key: null or not
            yield from _columns(nested)


def _render(steps: list[tuple], record, site: Site, get, *, from_rows: bool) -> dict | None:
    result = {}
    for kind, name, path, detail in steps:
        if kind == "value":
            value = get(record, path)
            result[name] = detail(value) if detail is not None and value is not None else value
        elif kind == "derived":
            values = [get(record, source) for source in path]
            result[name] = (
                detail.function(site, *values) if detail.needs_site else detail.function(*values)
            )
        elif kind == "nested":
            nested, same_record = detail
            if same_record or get(record, path) is not None:
                result[name] = _render(nested, record, site, get, from_rows=from_rows)
            else:
                result[name] = None
        elif kind == "batched":
            result[name] = None if from_rows else _render_many(detail, record, path, site)
        elif kind == "present_if" and not get(record, path):
            return None
    return result


def _render_many(detail: tuple, instance, path: tuple[str, ...], site: Site):
    """A batched field read from an instance, through its (prefetched) source."""
    how, spec = detail
    value = resolve(instance, path)
    if how == "record":
        return _render(spec, value, site, resolve, from_rows=False) if value is not None else None
    items = value.all() if isinstance(value, models.Manager) else value
    if how == "attribute":
        return [getattr(item, spec) for item in items]
    return [_render(spec, item, site, resolve, from_rows=False) for item in items]


class DerivedFieldExtension(OpenApiSerializerFieldExtension):
    """The schema of a Derived field is that of its `output`."""

    target_class = Derived
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return auto_schema._map_serializer_field(self.target.output, direction)
