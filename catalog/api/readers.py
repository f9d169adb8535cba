"""Photos and slideshows as the API shows them, read as plain rows.

These are the hot read paths. Building model instances and running
prefetch_related costs several times the SQL behind a page of photos, so
the page itself is read with `.values()` (its filters come from the ORM),
what belongs to it is read by key with the SQL in rows.py, in a fixed
number of small queries (none for renditions when no photo on the page has
a file), and the readers assemble the representation the serializers in
`serializers.py` describe.
"""

import functools
from collections import defaultdict
from collections.abc import Iterable

from catalog.models import Photo, house_credit_line

from . import rows as by_key
from .rights import judged_at, rights_blocks
from .rows import PARTIES, SUMMARY_COLUMNS
from .serializers import EMBEDDED_FIELDS, Links, iso

FILES = Photo._meta.get_field("image").storage
# The columns of each party of a credit: its slug and its name.
_PARTY_COLUMNS = {party: (f"{party}__slug", f"{party}__name") for party in PARTIES}


class Reader:
    def __init__(self, request):
        self.request = request
        self.links = Links(request)
        user = getattr(request, "user", None)
        self.originals = Photo.may_see_original(user)
        self.staff = bool(user and user.is_active and user.is_staff)

    # -- photos ---------------------------------------------------------------------

    def photos(self, rows: list[dict]) -> list[dict]:
        """Full photo representations for rows of rows.PHOTO_COLUMNS, in their order."""
        ids = [row["id"] for row in rows]
        slides = by_key.slides_of_photos(ids)
        shows = {slide["slideshow_id"] for slide in slides}
        own, shown = self._warnings(ids, shows)
        renditions = self._renditions(rows)
        rights = rights_blocks(ids, judged_at(self.request), staff=self.staff)
        slides_of = defaultdict(list)
        for slide in slides:
            slides_of[slide["photo_id"]].append(slide)
        result = []
        for row in rows:
            photo = self._summary(row, own, renditions)
            photo["rights"] = rights[row["id"]]
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
        """Slideshows for rows of rows.SLIDESHOW_COLUMNS; with their slides in order."""
        slides = by_key.slides_of_slideshows([row["id"] for row in rows]) if with_slides else []
        covers = {
            row["id"]: _unprefixed(row, "cover__") for row in rows if row["cover__id"] is not None
        }
        for slide in slides:
            slide["photo"] = _unprefixed(slide, "photo__")
        photos = [*covers.values(), *(slide["photo"] for slide in slides)]
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
                    self._summary(covers[row["id"]], own, renditions)
                    if row["id"] in covers
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
                        "caption": slide["caption"] or slide["photo"]["caption"],
                        "caption_source": "slide" if slide["caption"] else "photo",
                        "photo": self._summary(slide["photo"], own, renditions),
                    }
                    for slide in slides_of[row["id"]]
                ]
            result.append(show)
        return result

    # -- parts ----------------------------------------------------------------------

    def _summary(self, row: dict, own: dict, renditions: dict) -> dict:
        uid = str(row["uid"])
        names = {party: row[name] or "" for party, (_, name) in _PARTY_COLUMNS.items()}
        return {
            "id": uid,
            "url": self.links.detail("photo", uid),
            "title": row["title"],
            "caption": row["caption"],
            "credit": {
                **{
                    party: {"slug": row[slug], "name": row[name]} if row[slug] is not None else None
                    for party, (slug, name) in _PARTY_COLUMNS.items()
                },
                "role": row["credit_role"],
                "text": row["credit_text"],
                "line": house_credit_line(**names, role=row["credit_role"]),
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
        for warning in by_key.warnings(photo_ids, slideshow_ids):
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
            for rendition in by_key.renditions(with_files):
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
            "url": self.links.original(row["uid"]) if self.originals else None,
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


def _unprefixed(row: dict, prefix: str) -> dict:
    """The summary of a photo whose columns the row holds under `prefix`."""
    return {name: row[key] for key, name in _prefixed(prefix)}


@functools.cache
def _prefixed(prefix: str) -> tuple[tuple[str, str], ...]:
    return tuple((prefix + name, name) for name in SUMMARY_COLUMNS)
