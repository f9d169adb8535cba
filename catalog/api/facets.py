"""Counts per value of the photos a filter selects, beside the page (as Datasette does)."""

from django.db import connection
from django.db.models import Count
from rest_framework.exceptions import ValidationError

from catalog.models import ContentWarning, Slide

FACETS = ("agency", "photographer", "warning")
MAX_VALUES = 30


def requested_facets(value: str | None) -> list[str]:
    names = [name.strip() for name in (value or "").split(",") if name.strip()]
    unknown = [name for name in names if name not in FACETS]
    if unknown:
        raise ValidationError(
            {"facet": [f"Unknown facet {unknown[0]!r}; use {', '.join(FACETS)}."]}
        )
    return list(dict.fromkeys(names))


def photo_facets(queryset, names: list[str]) -> dict:
    """`{facet: {"values": [{"value", "label", "count"}...], "truncated": bool}}`."""
    counters = {"agency": _by_party, "photographer": _by_party, "warning": _by_warning}
    return {name: counters[name](queryset, name) for name in names}


def _by_party(queryset, field: str) -> dict:
    rows = list(
        queryset.order_by()
        .values(f"{field}__slug", f"{field}__name")
        .annotate(count=Count("*"))
        .order_by("-count", f"{field}__name")[: MAX_VALUES + 1]
    )
    values = [
        {
            "value": row[f"{field}__slug"],
            "label": row[f"{field}__name"] or "",
            "count": row["count"],
        }
        for row in rows[:MAX_VALUES]
    ]
    return {"values": values, "truncated": len(rows) > MAX_VALUES}


def _by_warning(queryset, field: str) -> dict:
    """Photos per warning kind, counting a slideshow's warning for each photo in it."""
    selected, params = queryset.order_by().values("pk").query.sql_with_params()
    warnings, slides = ContentWarning._meta.db_table, Slide._meta.db_table
    sql = f"""
        SELECT kind, COUNT(DISTINCT photo_id) AS photos FROM (
            SELECT w.photo_id AS photo_id, w.kind AS kind FROM {warnings} w
            WHERE w.photo_id IN ({selected})
            UNION
            SELECT s.photo_id AS photo_id, w.kind AS kind FROM {warnings} w
            JOIN {slides} s ON s.slideshow_id = w.slideshow_id
            WHERE s.photo_id IN ({selected})
        ) warned
        GROUP BY kind ORDER BY photos DESC, kind
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *params])
        rows = cursor.fetchall()
    labels = dict(ContentWarning._meta.get_field("kind").choices)
    return {
        "values": [
            {"value": kind, "label": str(labels.get(kind, kind)), "count": count}
            for kind, count in rows
        ],
        "truncated": False,
    }
