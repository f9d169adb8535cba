"""Lists of photos or photographers as CSV or JSON Lines, streamed.

An export reads its rows as plain values (`values_list`, joins for the
credit's names) through `iterator(chunk_size=CHUNK)`: a fixed number of
queries whatever the number of rows, and memory that holds one chunk at a
time, never the whole list. The admin (an action, and "download all that
match") and the API (`?format=csv` or `?format=jsonl`) export the same
columns, declared once here as `Column`s.

CSV is for spreadsheets: UTF-8 with a byte-order mark (so Excel reads the
accents right), and a text cell that a spreadsheet would take for a formula
(starting with =, +, -, @ or a tab) is written with a leading apostrophe.
JSON Lines is one JSON object per line, values as they are.
"""

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import orjson
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone

from catalog.models import house_credit_line

CHUNK = 2000
FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/jsonl; charset=utf-8"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str
    lookup: str | None  # what values_list reads; None for a column made from others
    description: str
    make: Callable[[dict], object] | None = None


def _credit_line(row: dict) -> str:
    return house_credit_line(
        photographer=row["photographer"] or "",
        agency=row["agency"] or "",
        distributor=row["distributor"] or "",
        role=row["credit_role"],
    )


PHOTO_COLUMNS = (
    Column("uid", "uid", "The photo's identifier, as in /api/photos/{uid}/."),
    Column("title", "title", "Its title (headline), if any."),
    Column("caption", "caption", "Its caption."),
    Column("alt_text", "alt_text", "What it shows, for someone who cannot see it."),
    Column("credit_line", None, "The house-style credit: Photographer / Agency.", _credit_line),
    Column("photographer", "photographer__name", "The photographer's name."),
    Column("photographer_slug", "photographer__slug", "The photographer's slug."),
    Column("agency", "agency__name", "The agency that made the picture."),
    Column("agency_slug", "agency__slug", "The agency's slug."),
    Column("distributor", "distributor__name", "Who distributed it (X via Y)."),
    Column("credit_role", "credit_role", "handout, courtesy, pool, or empty."),
    Column("credit_text", "credit_text", "The credit as the source printed it."),
    Column("credit_conflict", "credit_conflict", "The file's credit disagrees with ours."),
    Column("image_name", "image_name", "The image file's name as uploaded, if any."),
    Column("image_format", "image_format", "JPEG, PNG, … if there is a file."),
    Column("image_width", "image_width", "In pixels."),
    Column("image_height", "image_height", "In pixels."),
    Column("article", "article__slug", "The article it was imported from."),
    Column("source_line", "source_line", "The line of that article's text."),
    Column("created_at", "created_at", "When it was added (ISO 8601, UTC)."),
    Column("updated_at", "updated_at", "When it last changed."),
)

PHOTOGRAPHER_COLUMNS = (
    Column("slug", "slug", "The photographer's slug, as in /api/photographers/{slug}/."),
    Column("name", "name", "Their name."),
    Column("photo_count", "photo_count", "Photos credited to them."),
)


@dataclass(frozen=True)
class Export:
    """What an export of one kind of list writes."""

    name: str  # the file's name, before the date
    columns: tuple[Column, ...]
    prepare: Callable[[QuerySet], QuerySet] = lambda queryset: queryset

    def rows(self, queryset: QuerySet) -> Iterator[dict]:
        """The rows of `queryset`, in its order, as column → value."""
        read = [column for column in self.columns if column.lookup]
        values = (
            self.prepare(queryset)
            .prefetch_related(None)
            .values_list(*[column.lookup for column in read])
        )
        made = [column for column in self.columns if column.make]
        for values_row in values.iterator(chunk_size=CHUNK):
            row = {column.name: value for column, value in zip(read, values_row, strict=True)}
            for column in made:
                row[column.name] = column.make(row)
            yield {column.name: row[column.name] for column in self.columns}

    def response(self, queryset: QuerySet, fmt: str) -> StreamingHttpResponse:
        """The export of `queryset` as a download in `fmt` (csv or jsonl)."""
        rows = self.rows(queryset)
        chunks = as_csv(rows, self.columns) if fmt == "csv" else as_jsonl(rows)
        response = StreamingHttpResponse(chunks, content_type=FORMATS[fmt])
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        response["Content-Disposition"] = f'attachment; filename="{self.name}-{stamp}.{fmt}"'
        response["Cache-Control"] = "private, no-store"
        return response


PHOTOS = Export("photos", PHOTO_COLUMNS)


def _with_photo_count(queryset: QuerySet) -> QuerySet:
    counted = "photo_count" in queryset.query.annotations
    return queryset if counted else queryset.with_photo_count()


PHOTOGRAPHERS = Export("photographers", PHOTOGRAPHER_COLUMNS, prepare=_with_photo_count)


class _Line:
    """A file-like object for csv.writer that hands back what it is given."""

    def write(self, text: str) -> str:
        return text


def _cell(value) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def as_csv(rows: Iterable[dict], columns: tuple[Column, ...]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow([column.name for column in columns])
    batch = []
    for row in rows:
        batch.append(writer.writerow([_cell(value) for value in row.values()]))
        if len(batch) == 200:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def as_jsonl(rows: Iterable[dict]) -> Iterator[bytes]:
    batch = []
    for row in rows:
        batch.append(orjson.dumps(row))
        if len(batch) == 200:
            yield b"\n".join(batch) + b"\n"
            batch = []
    if batch:
        yield b"\n".join(batch) + b"\n"
