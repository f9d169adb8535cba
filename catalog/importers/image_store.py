"""Saving an image file as a photo.

The file is validated first (`images.inspect_image`), stored under a name
made from its content hash (never the client's), and its renditions made.
Its embedded metadata fills the photo's empty fields; its credit goes
through the article credit parser and the catalog's aliases, and a photo
whose embedded credit disagrees with the catalog's is flagged.

Files are written before the database; if saving fails they are removed
again, and files a change replaces are removed only once it is committed.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from catalog.credits import Credit, canonical_agency, credit_from_embedded
from catalog.models import Photo, Rendition

from .errors import ImportFailed, check_lengths
from .images import ImageFacts, ImageRejected, inspect_image, make_rendition
from .parties import CreditResolver
from .summary import ImportSummary

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "TIFF": "tif", "GIF": "gif"}


def ingest_image(
    data: bytes, *, name: str, photo: Photo | None = None, dry_run: bool = False
) -> tuple[Photo, ImportSummary]:
    """Create or update the photo holding this file; the same file ingests once.

    With `photo`, the file becomes that photo's image. `dry_run` validates
    and works out the changes but writes no file (the caller rolls back).
    """
    facts = inspect_image(
        data,
        max_bytes=settings.MAX_IMAGE_BYTES,
        max_pixels=settings.MAX_IMAGE_PIXELS,
        max_decoded_bytes=settings.MAX_IMAGE_DECODED_BYTES,
    )
    writer = _ImageWriter(facts, data, name=_short(PurePath(name).name), dry_run=dry_run)
    try:
        with transaction.atomic():
            return writer.save(photo), writer.summary
    except BaseException:
        writer.remove_written_files()
        raise


def _short(name: str, limit: int = 255) -> str:
    """A file name cut to fit its column, keeping the extension."""
    if len(name) <= limit:
        return name
    suffix = PurePath(name).suffix[:20]
    return name[: limit - len(suffix)] + suffix


def credit_agrees(photo: Photo, credit: Credit) -> bool:
    """Whether the parts both credits name are the same person and agency."""
    if credit.photographer and photo.photographer_id:
        names = {alias.name.lower() for alias in photo.photographer.aliases.all()}
        if credit.photographer.lower() not in names:
            return False
    if credit.agency and photo.agency_id:
        names = {alias.name.lower() for alias in photo.agency.aliases.all()}
        spellings = {credit.agency.lower(), canonical_agency(credit.agency).lower()}
        if not names & spellings:
            return False
    return True


class _ImageWriter:
    def __init__(self, facts: ImageFacts, data: bytes, *, name: str, dry_run: bool):
        self.facts, self.data, self.name, self.dry_run = facts, data, name, dry_run
        self.summary = ImportSummary()
        self.written: list[str] = []

    def save(self, photo: Photo | None) -> Photo:
        facts = self.facts
        holder = Photo.objects.select_for_update().filter(image_sha256=facts.sha256).first()
        if photo is None:
            photo = holder or Photo()
        elif holder is not None and holder.pk != photo.pk:
            raise ImageRejected(
                "duplicate", f"this file is already the image of photo {holder.uid}"
            )
        created = photo.pk is None
        new_file = photo.image_sha256 != facts.sha256 or not photo.image
        replaced = [photo.image.name] if new_file and photo.image else []
        metadata = facts.metadata
        values = {
            "image_name": self.name if new_file else photo.image_name,
            "image_format": facts.format,
            "image_width": facts.width,
            "image_height": facts.height,
            "image_size": facts.size,
            "image_sha256": facts.sha256,
            "embedded": metadata.as_dict() | {"blocks": metadata.blocks},
        }
        if not photo.caption:
            values["caption"] = metadata.caption
        if not photo.title:
            values["title"] = metadata.headline[:300]
        credit = credit_from_embedded(
            creators=[metadata.creator], credit_line=metadata.credit_line, source=metadata.source
        )
        values.update(self._credit_values(photo, credit))
        changed = [name for name, value in values.items() if getattr(photo, name) != value]
        for name in changed:
            setattr(photo, name, values[name])
        if new_file:
            photo.image.name = self._store(f"photos/{self._hashed_name()}", self.data)
            changed.append("image")
        check_lengths(Photo, values, None)
        if created or changed:
            photo.save()
        self.summary.count(Photo, "created" if created else "updated" if changed else "unchanged")
        if new_file:
            self._make_renditions(photo)
        for name in replaced:
            transaction.on_commit(lambda name=name: default_storage.delete(name))
        return photo

    def _credit_values(self, photo: Photo, credit: Credit | None) -> dict:
        if credit is None:
            return {"credit_conflict": False}
        has_credit = photo.photographer_id or photo.agency_id or photo.credit_text
        if not has_credit:
            resolver = CreditResolver(self.summary)
            resolver.resolve([(credit, None)])
            return {**resolver.fields(credit), "credit_conflict": False}
        return {"credit_conflict": not credit_agrees(photo, credit)}

    def _make_renditions(self, photo: Photo):
        deleted, _ = photo.renditions.all().delete()  # files go once the change commits
        self.summary.count(Rendition, "deleted", deleted)
        for spec, (width, height) in settings.PHOTO_RENDITIONS.items():
            made = make_rendition(
                self.data,
                max_width=width,
                max_height=height,
                max_pixels=settings.MAX_IMAGE_PIXELS,
                max_decoded_bytes=settings.MAX_IMAGE_DECODED_BYTES,
            )
            name = self._store(f"renditions/{self._hashed_name(spec, 'jpg')}", made.content)
            Rendition.objects.create(
                photo=photo, spec=spec, file=name, width=made.width, height=made.height
            )
            self.summary.count(Rendition, "created")

    def _hashed_name(self, suffix: str = "", extension: str = "") -> str:
        digest = self.facts.sha256
        extension = extension or EXTENSIONS.get(self.facts.format, "bin")
        return f"{digest[:2]}/{digest}{'-' + suffix if suffix else ''}.{extension}"

    def _store(self, name: str, content: bytes) -> str:
        """Write a file; a storage failure (disk full, say) is the import's error.

        The name is noted before the write, so that a file the failure left
        half written is removed with the others.
        """
        if self.dry_run:
            return name
        name = default_storage.get_available_name(name)
        self.written.append(name)
        try:
            stored = default_storage.save(name, ContentFile(content))
        except OSError as error:
            raise ImportFailed(f"could not store {name}: {error}") from error
        if stored != name:
            self.written.append(stored)
        return stored

    def remove_written_files(self):
        for name in self.written:
            default_storage.delete(name)
