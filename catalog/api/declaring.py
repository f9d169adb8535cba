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
    """The absolute URL of the API's `route` detail for the key at `source`;
    null when the key is (give `allow_null=True` then)."""

    def __init__(self, route: str, source: str, **kwargs):
        super().__init__(
            lambda site, key: site.links.detail(route, key) if key is not None else None,
            source,
            output=serializers.URLField(),
            needs_site=True,
            **kwargs,
        )


# -- plans ---------------------------------------------------------------------------


# Fields whose value as read from the database is already their output.
AS_READ = (
    serializers.CharField,
    serializers.IntegerField,
    serializers.BooleanField,
    serializers.ChoiceField,
)


def _convert(field: serializers.Field) -> Callable | None:
    """How a plain value becomes output: as DRF's field makes it, in short
    where that is plain (a UUID, a UTC datetime) or needs nothing."""
    if isinstance(field, serializers.UUIDField):
        return str
    if isinstance(field, serializers.DateTimeField):
        return iso  # what DRF writes in UTC, the catalog's TIME_ZONE
    if isinstance(field, AS_READ):
        return None
    return field.to_representation


class Plan:
    """A representation compiled once: the columns it reads, and two renderers.

    `from_row(row, site)` gives the output for a row of `.values(*columns)`,
    batched fields empty; `from_instance(instance, site)` the output for a
    model instance, batched fields read through their sources.

    Both follow the steps made from the declaration: (kind, name, key,
    detail) for each field, where a key is a column name for rows and an
    attribute path from the root record for instances. `from_row` is those
    steps written out as one Python expression (`source`), made once: the
    hot paths render many rows, and a loop over the steps took twice as long.
    """

    def __init__(self, representation: type[Representation]):
        self.representation = representation
        row_steps = _steps(representation(), (), _column)
        self.instance_steps = _steps(representation(), (), tuple)
        self.columns = tuple(dict.fromkeys(_columns(row_steps)))
        functions = {}
        self.source = f"lambda row, site: {_expression(row_steps, functions)}"
        self.from_row = eval(self.source, functions)  # built from declarations only

    def from_instance(self, instance, site: Site) -> dict:
        return _render(self.instance_steps, instance, site)


@functools.cache
def plan(representation: type[Representation]) -> Plan:
    return Plan(representation)


def _column(path: tuple[str, ...]) -> str:
    return "__".join(path)


def _steps(serializer: serializers.Serializer, prefix: tuple[str, ...], key) -> list[tuple]:
    meta = serializer.Meta
    batched = set(getattr(meta, "batched", ()))
    steps = []
    present_if = getattr(meta, "present_if", None)
    if present_if:
        steps.append(("present_if", None, key((*prefix, *present_if.split("."))), None))
    for name, field in serializer.fields.items():
        path = (*prefix, *field.source_attrs)
        if isinstance(field, Derived):
            keys = tuple(key((*prefix, *source)) for source in field.paths)
            steps.append(("derived", name, keys, field))
        elif name in batched:
            steps.append(("batched", name, key(path), _many(field)))
        elif isinstance(field, serializers.BaseSerializer):
            same_record = field.source == "*"
            steps.append(("nested", name, key(path), (_steps(field, path, key), same_record)))
        else:
            steps.append(("value", name, key(path), _convert(field)))
    return steps


def _many(field) -> tuple:
    """How to render each record of a batched field read from an instance."""
    if isinstance(field, serializers.ListSerializer):
        return ("records", _steps(field.child, (), tuple))
    if isinstance(field, serializers.ManyRelatedField):
        return ("attribute", field.child_relation.slug_field)
    if isinstance(field, serializers.BaseSerializer):
        return ("record", _steps(field, (), tuple))
    raise TypeError(f"{field!r} cannot be batched.")


def _columns(row_steps: list[tuple]):
    for kind, _, column, detail in row_steps:
        if kind in ("value", "present_if"):
            yield column
        elif kind == "derived":
            yield from column
        elif kind == "nested":
            nested, same_record = detail
            if not same_record:
                yield column  # the foreign key: null or not
            yield from _columns(nested)


def _expression(row_steps: list[tuple], names: dict) -> str:
    """The output for `row` as one Python expression, as _render makes it
    for an instance but with batched fields None; `names` receives the
    functions it calls."""

    def call(function, *arguments: str) -> str:
        name = f"f{len(names)}"
        names[name] = function
        return f"{name}({', '.join(arguments)})"

    parts, present_if = [], None
    for kind, name, column, detail in row_steps:
        value = f"row[{column!r}]" if isinstance(column, str) else None
        if kind == "value":
            converted = call(detail, value) if detail is not None else None
            expression = f"({converted} if {value} is not None else None)" if converted else value
        elif kind == "derived":
            arguments = [f"row[{source!r}]" for source in column]
            expression = call(detail.function, *(["site"] if detail.needs_site else []), *arguments)
        elif kind == "nested":
            nested, same_record = detail
            expression = _expression(nested, names)
            if not same_record:
                expression = f"({expression} if {value} is not None else None)"
        elif kind == "batched":
            expression = "None"
        else:  # present_if
            present_if = value
            continue
        parts.append(f"{name!r}: {expression}")
    expression = "{" + ", ".join(parts) + "}"
    return f"({expression} if {present_if} else None)" if present_if else expression


def _render(steps: list[tuple], instance, site: Site) -> dict | None:
    result = {}
    for kind, name, path, detail in steps:
        if kind == "value":
            value = resolve(instance, path)
            result[name] = detail(value) if detail is not None and value is not None else value
        elif kind == "derived":
            values = [resolve(instance, source) for source in path]
            result[name] = (
                detail.function(site, *values) if detail.needs_site else detail.function(*values)
            )
        elif kind == "nested":
            nested, same_record = detail
            present = same_record or resolve(instance, path) is not None
            result[name] = _render(nested, instance, site) if present else None
        elif kind == "batched":
            result[name] = _render_many(detail, instance, path, site)
        elif kind == "present_if" and not resolve(instance, path):
            return None
    return result


def _render_many(detail: tuple, instance, path: tuple[str, ...], site: Site):
    """A batched field read from an instance, through its (prefetched) source."""
    how, spec = detail
    value = resolve(instance, path)
    if how == "record":
        return _render(spec, value, site) if value is not None else None
    items = value.all() if isinstance(value, models.Manager) else value
    if how == "attribute":
        return [getattr(item, spec) for item in items]
    return [_render(spec, item, site) for item in items]


class DerivedFieldExtension(OpenApiSerializerFieldExtension):
    """The schema of a Derived field is that of its `output`."""

    target_class = Derived
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return auto_schema._map_serializer_field(self.target.output, direction)
