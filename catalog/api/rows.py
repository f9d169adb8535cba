"""The fixed-shape queries behind the readers (readers.py), written in SQL.

Each fetches the rows that belong to a page by their keys: the slides and
warnings of twenty photos, the slides of a slideshow. Built through the ORM,
such a query costs ~0.7 ms of Python to construct and compile, against
~0.05 ms for SQLite to answer it; that Python set the pace of the API's
hottest requests. The SQL is plain enough for SQLite and PostgreSQL alike,
takes its values as parameters only, and names its columns as `.values()`
would, so the readers work with either. tests/api/test_rows.py holds each
query to the answer of its ORM equivalent.
"""

import json
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from django.db import connection

PARTIES = ("photographer", "agency", "distributor")
# What each query returns, named as the ORM would name them: the rows equal
# `.values(*COLUMNS)` of the same records.
SUMMARY_COLUMNS = (
    "id",
    "uid",
    "title",
    "caption",
    "credit_role",
    "credit_text",
    *(f"{party}__{field}" for party in PARTIES for field in ("slug", "name")),
    "image",
    "image_name",
    "image_width",
    "image_height",
    "image_format",
    "image_size",
    "image_sha256",
)
PHOTO_COLUMNS = (
    *SUMMARY_COLUMNS,
    "embedded",
    "credit_conflict",
    "article__slug",
    "source_line",
    "created_at",
    "updated_at",
)
SLIDESHOW_COLUMNS = (
    "id",
    "slug",
    "title",
    "heading",
    "declared_count",
    "present_count",
    "article__slug",
    "updated_at",
    *(f"cover__{column}" for column in SUMMARY_COLUMNS),
)
# The tables the summary's parties come from, as PARTY_JOINS names them.
PARTY_TABLES = {"photographer": "ph", "agency": "ag", "distributor": "di"}
PARTY_JOINS = """
    LEFT JOIN catalog_photographer ph ON ph.id = p.photographer_id
    LEFT JOIN catalog_agency ag ON ag.id = p.agency_id
    LEFT JOIN catalog_agency di ON di.id = p.distributor_id
"""


def summary_columns(prefix: str = "") -> str:
    """The SELECT list of SUMMARY_COLUMNS from a photo `p` and PARTY_JOINS, each
    column named `prefix` + its name."""

    def expression(name: str) -> str:
        party, _, field = name.partition("__")
        return f"{PARTY_TABLES[party]}.{field}" if field else f"p.{name}"

    return ", ".join(f'{expression(name)} AS "{prefix}{name}"' for name in SUMMARY_COLUMNS)


def select(sql: str, params: Sequence) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def placeholders(values: Sequence) -> str:
    """`%s, %s, ...` for an IN list; an empty list matches nothing."""
    return ", ".join(["%s"] * len(values)) or "NULL"


def as_uuid(value) -> uuid.UUID:
    """A UUIDField as SQLite stores it (32 hex digits) or PostgreSQL returns it."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


def as_datetime(value) -> datetime | None:
    """A DateTimeField as SQLite stores it (UTC text) or PostgreSQL returns it."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def as_json(value):
    """A JSONField: both backends hand Django its text, which Django decodes."""
    return json.loads(value) if isinstance(value, str) else value


def in_order(rows: list[dict], ids: Sequence[int]) -> list[dict]:
    by_id = {row["id"]: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def photos(ids: Sequence[int]) -> list[dict]:
    """Photos by id, in the order of `ids`: readers.PHOTO_COLUMNS."""
    rows = select(
        f"""
        SELECT {summary_columns()}, p.embedded, p.credit_conflict, a.slug AS article__slug,
               p.source_line, p.created_at, p.updated_at
        FROM catalog_photo p
        {PARTY_JOINS}
        LEFT JOIN catalog_article a ON a.id = p.article_id
        WHERE p.id IN ({placeholders(ids)})
        """,
        list(ids),
    )
    for row in rows:
        row["uid"] = as_uuid(row["uid"])
        row["embedded"] = as_json(row["embedded"])
        row["credit_conflict"] = bool(row["credit_conflict"])
        row["created_at"] = as_datetime(row["created_at"])
        row["updated_at"] = as_datetime(row["updated_at"])
    return in_order(rows, ids)


def slideshows(ids: Sequence[int]) -> list[dict]:
    """Slideshows by id, in the order of `ids`, with the slides present counted
    and their cover's summary columns prefixed `cover__`: readers.SLIDESHOW_COLUMNS."""
    rows = select(
        f"""
        SELECT ss.id, ss.slug, ss.title, ss.heading, ss.declared_count,
               (SELECT COUNT(*) FROM catalog_slide s WHERE s.slideshow_id = ss.id)
                   AS present_count,
               a.slug AS article__slug, ss.updated_at, {summary_columns("cover__")}
        FROM catalog_slideshow ss
        LEFT JOIN catalog_article a ON a.id = ss.article_id
        LEFT JOIN catalog_photo p ON p.id = ss.cover_id
        {PARTY_JOINS}
        WHERE ss.id IN ({placeholders(ids)})
        """,
        list(ids),
    )
    for row in rows:
        row["updated_at"] = as_datetime(row["updated_at"])
        if row["cover__uid"] is not None:
            row["cover__uid"] = as_uuid(row["cover__uid"])
    return in_order(rows, ids)


def slides_of_photos(photo_ids: Sequence[int]) -> list[dict]:
    """The slides that show these photos, with their slideshow's slug and title,
    in slideshow title order (Slideshow's ordering), then position."""
    return select(
        f"""
        SELECT s.photo_id, s.position, s.slideshow_id,
               ss.slug AS slideshow__slug, ss.title AS slideshow__title
        FROM catalog_slide s
        JOIN catalog_slideshow ss ON ss.id = s.slideshow_id
        WHERE s.photo_id IN ({placeholders(photo_ids)})
        ORDER BY ss.title, s.slideshow_id, s.position
        """,
        list(photo_ids),
    )


def slides_of_slideshows(slideshow_ids: Sequence[int]) -> list[dict]:
    """The slides of these slideshows in position order, each with its photo's
    summary columns prefixed `photo__`."""
    rows = select(
        f"""
        SELECT s.slideshow_id, s.position, s.caption, {summary_columns("photo__")}
        FROM catalog_slide s
        JOIN catalog_photo p ON p.id = s.photo_id
        {PARTY_JOINS}
        WHERE s.slideshow_id IN ({placeholders(slideshow_ids)})
        ORDER BY s.slideshow_id, s.position
        """,
        list(slideshow_ids),
    )
    for row in rows:
        row["photo__uid"] = as_uuid(row["photo__uid"])
    return rows


def warnings(photo_ids: Sequence[int], slideshow_ids: Sequence[int]) -> list[dict]:
    """The warnings on these photos and on these slideshows, in the order they were made."""
    rows = select(
        f"""
        SELECT w.uid, w.kind, w.note, w.photo_id, w.slideshow_id, ss.slug AS slideshow__slug
        FROM catalog_contentwarning w
        LEFT JOIN catalog_slideshow ss ON ss.id = w.slideshow_id
        WHERE w.photo_id IN ({placeholders(photo_ids)})
           OR w.slideshow_id IN ({placeholders(slideshow_ids)})
        ORDER BY w.id
        """,
        [*photo_ids, *slideshow_ids],
    )
    for row in rows:
        row["uid"] = as_uuid(row["uid"])
    return rows


def renditions(photo_ids: Sequence[int]) -> list[dict]:
    return select(
        f"""
        SELECT r.photo_id, r.spec, r.file, r.width, r.height
        FROM catalog_rendition r
        WHERE r.photo_id IN ({placeholders(photo_ids)})
        ORDER BY r.photo_id, r.spec
        """,
        list(photo_ids),
    )
