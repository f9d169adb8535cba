"""Photos and slideshows as the API shows them, read as plain rows.

These are the hot read paths. Building model instances and running
prefetch_related costs several times the SQL behind a page of photos, so
the readers fetch the same columns with `.values()`, in a fixed number of
small queries (none for renditions when no photo on the page has a file),
and assemble the representation the serializers in `serializers.py`
describe.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q

from catalog.models import ContentWarning, Photo, Rendition, Slide, house_credit_line

from .serializers import EMBEDDED_FIELDS, Links, iso

PARTIES = ("photographer", "agency", "distributor")
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
FILES = Photo._meta.get_field("image").storage


class Reader:
    def __init__(self, request):
        self.request = request
        self.links = Links(request)

    # -- photos ---------------------------------------------------------------------

    def photos(self, rows: list[dict]) -> list[dict]:
        """Full photo representations for rows of PHOTO_COLUMNS, in their order."""
        ids = [row["id"] for row in rows]
        slides = list(
            Slide.objects.filter(photo_id__in=ids)
            .order_by("slideshow", "position")
            .values("photo_id", "position", "slideshow_id", "slideshow__slug", "slideshow__title")
        )
        shows = {slide["slideshow_id"] for slide in slides}
        own, shown = self._warnings(ids, shows)
        renditions = self._renditions(rows)
        slides_of = defaultdict(list)
        for slide in slides:
            slides_of[slide["photo_id"]].append(slide)
        result = []
        for row in rows:
            photo = self._summary(row, own, renditions)
            placed = slides_of[row["id"]]
            photo["warnings"] += [
                warning for slide in placed for warning in shown[slide["slideshow_id"]]
            ]
            photo["slideshows"] = [
                {
                    "slug": slide["slideshow__slug"],
                    "title": slide["slideshow__title"],
                    "position": slide["position"],
                    "url": self.links.detail("slideshow", slide["slideshow__slug"]),
                }
                for slide in placed
            ]
            embedded = row["embedded"] or {}
            photo["embedded"] = {name: embedded.get(name, "") for name in EMBEDDED_FIELDS}
            photo["credit_conflict"] = row["credit_conflict"]
            photo["article"] = row["article__slug"]
            photo["source_line"] = row["source_line"]
            photo["created_at"] = iso(row["created_at"])
            photo["updated_at"] = iso(row["updated_at"])
            result.append(photo)
        return result

    # -- slideshows -----------------------------------------------------------------

    def slideshows(self, rows: list[dict], *, with_slides: bool = False) -> list[dict]:
        """Slideshows for rows of SLIDESHOW_COLUMNS; with their slides in order."""
        slides = []
        if with_slides:
            slides = list(
                Slide.objects.filter(slideshow_id__in=[row["id"] for row in rows])
                .order_by("slideshow", "position")
                .values(
                    "slideshow_id",
                    "position",
                    "caption",
                    *(f"photo__{column}" for column in SUMMARY_COLUMNS),
                )
            )
        covers = [_unprefixed(row, "cover__") for row in rows if row["cover__id"] is not None]
        photos = covers + [_unprefixed(slide, "photo__") for slide in slides]
        own, shown = self._warnings([photo["id"] for photo in photos], [row["id"] for row in rows])
        renditions = self._renditions(photos)
        slides_of = defaultdict(list)
        for slide in slides:
            slides_of[slide["slideshow_id"]].append(slide)
        result = []
        for row in rows:
            present = row["present_count"]
            show = {
                "slug": row["slug"],
                "url": self.links.detail("slideshow", row["slug"]),
                "title": row["title"],
                "heading": row["heading"],
                "declared_count": row["declared_count"],
                "present_count": present,
                "incomplete": row["declared_count"] is not None and row["declared_count"] > present,
                "cover": (
                    self._summary(_unprefixed(row, "cover__"), own, renditions)
                    if row["cover__id"] is not None
                    else None
                ),
                "warnings": shown[row["id"]],
                "article": row["article__slug"],
                "updated_at": iso(row["updated_at"]),
            }
            if with_slides:
                show["slides"] = [
                    {
                        "position": slide["position"],
                        "caption": slide["caption"] or slide["photo__caption"],
                        "caption_source": "slide" if slide["caption"] else "photo",
                        "photo": self._summary(_unprefixed(slide, "photo__"), own, renditions),
                    }
                    for slide in slides_of[row["id"]]
                ]
            result.append(show)
        return result

    # -- parts ----------------------------------------------------------------------

    def _summary(self, row: dict, own: dict, renditions: dict) -> dict:
        parties = {party: _party(row, party) for party in PARTIES}
        return {
            "id": str(row["uid"]),
            "url": self.links.detail("photo", row["uid"]),
            "title": row["title"],
            "caption": row["caption"],
            "credit": {
                **parties,
                "role": row["credit_role"],
                "text": row["credit_text"],
                "line": house_credit_line(
                    **{party: (value or {}).get("name", "") for party, value in parties.items()},
                    role=row["credit_role"],
                ),
            },
            "warnings": list(own[row["id"]]),
            "image": self._image(row, renditions.get(row["id"], {})),
        }

    def _warnings(self, photo_ids: Iterable[int], slideshow_ids: Iterable[int]):
        """The warnings on these photos and on these slideshows, in one query."""
        own, shown = defaultdict(list), defaultdict(list)
        photo_ids, slideshow_ids = list(photo_ids), list(slideshow_ids)
        if not photo_ids and not slideshow_ids:
            return own, shown
        warnings = (
            ContentWarning.objects.filter(
                Q(photo_id__in=photo_ids) | Q(slideshow_id__in=slideshow_ids)
            )
            .order_by("id")
            .values("uid", "kind", "note", "photo_id", "slideshow_id", "slideshow__slug")
        )
        for warning in warnings:
            scope = "photo" if warning["photo_id"] is not None else "slideshow"
            body = {
                "id": str(warning["uid"]),
                "kind": warning["kind"],
                "note": warning["note"],
                "scope": scope,
                "slideshow": warning["slideshow__slug"],
            }
            if scope == "photo":
                own[warning["photo_id"]].append(body)
            else:
                shown[warning["slideshow_id"]].append(body)
        return own, shown

    def _renditions(self, rows: list[dict]) -> dict[int, dict]:
        with_files = [row["id"] for row in rows if row["image"]]
        found = defaultdict(dict)
        if with_files:
            for rendition in Rendition.objects.filter(photo_id__in=with_files).values(
                "photo_id", "spec", "file", "width", "height"
            ):
                found[rendition["photo_id"]][rendition["spec"]] = {
                    "url": self._file_url(rendition["file"]),
                    "width": rendition["width"],
                    "height": rendition["height"],
                }
        return found

    def _image(self, row: dict, renditions: dict) -> dict | None:
        if not row["image"]:
            return None
        return {
            "url": self._file_url(row["image"]),
            "name": row["image_name"],
            "width": row["image_width"],
            "height": row["image_height"],
            "format": row["image_format"],
            "size": row["image_size"],
            "sha256": row["image_sha256"],
            "renditions": {spec: renditions.get(spec) for spec in ("thumbnail", "web")},
        }

    def _file_url(self, name: str) -> str:
        url = FILES.url(name)
        return self.request.build_absolute_uri(url) if self.request is not None else url


def _party(row: dict, party: str) -> dict | None:
    slug = row[f"{party}__slug"]
    return {"slug": slug, "name": row[f"{party}__name"]} if slug is not None else None


def _unprefixed(row: dict, prefix: str) -> dict:
    return {key.removeprefix(prefix): value for key, value in row.items() if key.startswith(prefix)}
