"""Saving an image file as a photo.

The file is validated first (`files.inspect_image`), stored under a name
made from its content hash (never the client's), and its renditions made.
Its embedded metadata fills the photo's empty fields; its credit (by-line
and credit line, completed by the credit its caption writes, such as
`(AP Photo/Jane Doe)`) goes through the credit pipeline and the catalog's
aliases, and a photo whose embedded or caption credit disagrees with the
catalog's (or the two with each other) is flagged.

Files are written before the database; if saving fails they are removed
again, and files a change replaces are removed only once it is committed.
"""

from dataclasses import replace
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from catalog.credits import (
    Credit,
    canonical_agency,
    caption_credit,
    complete_credit,
    credit_from_embedded,
)
from catalog.credits.resolving import CreditRejected, CreditResolver
from catalog.models import Agency, Photo, Photographer, Rendition
from catalog.outcomes import ImportFailed, ImportSummary, Notice, check_lengths
from catalog.permissions import party_writes, require

from .files import ImageFacts, ImageRejected, inspect_image, make_rendition

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "TIFF": "tif", "GIF": "gif"}


def ingest_image(
    data: bytes,
    *,
    name: str,
    photo: Photo | None = None,
    dry_run: bool = False,
    user=None,
    every_write: bool = False,
) -> tuple[Photo, ImportSummary]:
    """Create or update the photo holding this file; the same file ingests once.

    With `photo`, the file becomes that photo's image. `dry_run` validates
    and works out the changes but writes no file (the caller rolls back).
    With a `user`, an embedded credit that names a new agency or photographer
    is refused (WriteNotAllowed) unless they may add it; the caller checks
    their permission on the photo itself, unless `every_write` asks for the
    permission of every change made (an import of files).
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
            saved = writer.save(photo)
            if user is not None:
                writes = writer.summary.writes()
                if every_write:
                    require(user, writes, doing="import this file")
                else:
                    require(user, party_writes(writes), doing="save this credit")
            return saved, writer.summary
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
            "embedded": metadata.as_dict()
            | {
                "creators": metadata.creators,
                "sources": metadata.sources,
                "conflicts": metadata.conflicts,
                "iim_digest": metadata.iim_digest,
                "blocks": metadata.blocks,
            },
        }
        self.summary.notices += [Notice(None, message) for message in metadata.notices]
        if not photo.caption:
            values["caption"] = metadata.caption
        if not photo.title:
            values["title"] = self._fitted(Photo, "title", metadata.headline)
        embedded = credit_from_embedded(
            creators=metadata.creators, credit_line=metadata.credit_line, source=metadata.source
        )
        in_caption = caption_credit(metadata.caption)
        credit, disagree = complete_credit(embedded, in_caption)
        values.update(self._credit_values(photo, self._fitted_credit(credit), in_caption, disagree))
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

    def _fitted(self, model, name: str, value: str) -> str:
        """The value cut to its column, with a notice when it had to be."""
        limit = model._meta.get_field(name).max_length
        if len(value) <= limit:
            return value
        label = f"{model._meta.verbose_name} {name.replace('_', ' ')}"
        self.summary.notices.append(
            Notice(None, f"the embedded {label} has {len(value):,} characters; cut to {limit:,}")
        )
        return value[:limit].rstrip()

    def _fitted_credit(self, credit: Credit | None) -> Credit | None:
        """The credit with each part cut to the column that keeps it."""
        if credit is None:
            return None
        return replace(
            credit,
            text=self._fitted(Photo, "credit_text", credit.text),
            photographer=self._fitted(Photographer, "name", credit.photographer),
            agency=self._fitted(Agency, "name", credit.agency),
            distributor=self._fitted(Agency, "name", credit.distributor),
        )

    def _credit_values(
        self, photo: Photo, credit: Credit | None, in_caption: Credit | None, disagree: bool
    ) -> dict:
        """The file's credit fills a photo without one (flagged when the caption's
        credit disagrees with it); otherwise it, and the caption's, are checked."""
        if credit is None:
            return {"credit_conflict": False}
        has_credit = photo.photographer_id or photo.agency_id or photo.credit_text
        if not has_credit:
            resolver = CreditResolver(self.summary)
            try:
                resolver.resolve([(credit, None)])
            except CreditRejected as error:
                raise ImportFailed(error.message) from error
            if disagree and in_caption is not None:
                self._conflict(f"the credit its caption writes, “{in_caption.text}”", credit)
            return {**resolver.fields(credit), "credit_conflict": disagree}
        ours = photo.credit_line or photo.credit_text
        conflict = False
        for found, where in ((credit, "embedded in the file"), (in_caption, "in its caption")):
            if found is not None and not credit_agrees(photo, found):
                self._conflict(f"the photo's credit, “{ours}”", found, where)
                conflict = True
        return {"credit_conflict": conflict}

    def _conflict(self, ours: str, theirs: Credit, where: str = "embedded in the file"):
        """Tell the editor which two credits disagree (the photo is flagged)."""
        self.summary.notices.append(
            Notice(
                None,
                f"credit conflict: the credit {where}, “{theirs.text}”, disagrees with "
                f"{ours}; the photo is marked as having a credit conflict",
            )
        )

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
