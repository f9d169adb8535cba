"""Inserting many new rows of a wide model in one statement, cheaply; and
setting a few columns of one row.

`bulk_create` takes model instances and prepares every column of every row
through the ORM; for a model with twenty columns, most left at their
defaults (a new Photo), that costs far more than the database's own work.
Here the columns left at their defaults are prepared once per statement and
only the values given go through their field's `get_db_prep_save`, as the
ORM prepares them. Like `bulk_create`, no `save()` runs and no signal is sent.
"""

from django.db import connections, models, router
from django.utils import timezone
from django.utils.text import slugify

from .base import numbered
from .lookups import keys_present


def insert_rows(model, rows: list[dict]) -> list:
    """Insert `rows` (plain values by field attname, the same names in each
    row) as new rows of `model`, every other column at its default; return
    their primary keys, in order."""
    if not rows:
        return []
    connection = connections[router.db_for_write(model)]
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    given = set(rows[0])
    if unknown := given - {field.attname for field in fields}:
        raise ValueError(f"not columns of {model.__name__}: {', '.join(sorted(unknown))}")
    now = timezone.now()

    def column(field):
        """How to get the field's value for a row: the defaults prepared once."""
        if field.attname in given:
            return lambda row: field.get_db_prep_save(row[field.attname], connection)
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            same = field.get_db_prep_save(now, connection)
        elif field.has_default() and callable(field.default):  # uuid4, dict: one a row
            return lambda row: field.get_db_prep_save(field.get_default(), connection)
        else:
            same = field.get_db_prep_save(field.get_default(), connection)
        return lambda row: same

    values = [column(field) for field in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = f"({', '.join(['%s'] * len(fields))})"
    returning = quote(model._meta.pk.column)
    size = max(1, connection.ops.bulk_batch_size(fields, rows))
    pks = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
                f"VALUES {', '.join([placeholders] * len(batch))} RETURNING {returning}",
                [value(row) for row in batch for value in values],
            )
            pks += [pk for (pk,) in cursor.fetchall()]
    return pks


def update_row(model, pk, values: dict) -> None:
    """Set columns (by field attname) of the row of `model` with primary key
    `pk`, each value prepared by its field as the ORM prepares it. Like
    `QuerySet.update()`, no `save()` runs and no signal is sent; unlike it,
    `auto_now` columns are left alone."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    fields = [by_attname[name] for name in values]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    params = [
        field.get_db_prep_save(value, connection)
        for field, value in zip(fields, values.values(), strict=True)
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(model._meta.db_table)} SET {assignments} "
            f"WHERE {quote(model._meta.pk.column)} = %s",
            [*params, pk],
        )


def create_named(model: type[models.Model], rows: list[models.Model]) -> list[models.Model]:
    """Insert new named rows (agencies, photographers, speakers) at once: their
    slugs made unique with one query, and for models with aliases, each name
    recorded as an alias, as `save()` does one at a time. Sets their pks."""
    if not rows:
        return rows
    max_length = model._meta.get_field("slug").max_length
    bases = [slugify(row.name)[:max_length] or model._meta.model_name for row in rows]
    taken = set(keys_present(model, "slug", bases))
    for row, base in zip(rows, bases, strict=True):
        slug, number = base, 1
        while slug in taken or (number > 1 and model._default_manager.filter(slug=slug).exists()):
            number += 1
            slug = numbered(base, number, max_length)
        row.slug = slug
        taken.add(slug)
    fields = [field.attname for field in model._meta.concrete_fields if not field.primary_key]
    pks = insert_rows(model, [{name: getattr(row, name) for name in fields} for row in rows])
    for row, pk in zip(rows, pks, strict=True):
        row.pk = pk
        row._state.adding, row._state.db = False, model._default_manager.db
    aliases = getattr(model, "aliases", None)
    if aliases is not None:
        owner = aliases.field.attname
        insert_rows(aliases.rel.related_model, [{owner: row.pk, "name": row.name} for row in rows])
    return rows
