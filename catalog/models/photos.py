"""Photos with their credits, and the renditions of their image files."""

import uuid

from django.db import connections, models
from django.db.models import Prefetch, Q
from django.db.models.query import ModelIterable
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from catalog.labels import shorten
from catalog.search import FullTextMatch, count_in_index, query_words, search_only

from .base import Sourced, UidManager
from .history import tracked
from .parties import Agency, Photographer
from .rights import RightsCategory


class CreditRole(models.TextChoices):
    """What the credit says of the picture when it names no photographer."""

    NONE = "", "—"
    HANDOUT = "handout", "Handout"
    COURTESY = "courtesy", "Courtesy"
    POOL = "pool", "Pool"


class VerdictsIterable(ModelIterable):
    """Photos, each given `verdict`: its rights' verdict at `at` (see
    catalog.rights). One query for all the photos fetched, not one each."""

    def __iter__(self):
        from catalog.rights import verdicts

        photos = list(super().__iter__())
        found = verdicts([photo.pk for photo in photos], self.queryset._verdicts_at)
        for photo in photos:
            photo.verdict = found.get(photo.pk)
            yield photo


class PhotoQuerySet(models.QuerySet):
    _verdicts_at = None

    def with_verdicts(self, at=None):
        """Give each photo fetched its `verdict` at `at` (now by default)."""
        clone = self._chain()
        clone._iterable_class = VerdictsIterable
        clone._verdicts_at = at
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._verdicts_at = self._verdicts_at
        return clone

    def with_credit(self):
        return self.select_related("photographer", "agency", "distributor")

    def with_renditions(self):
        return self.prefetch_related("renditions")

    def with_listing(self):
        """Credit, renditions, warnings, and the slides placing the photo in
        slideshows (with those slideshows' warnings): what a list of photos shows."""
        from .slideshows import PHOTO_SLIDES_ORDER, Slide

        slides = (
            Slide.objects.select_related("slideshow")
            .prefetch_related("slideshow__warnings")
            .order_by(*PHOTO_SLIDES_ORDER)
        )
        return (
            self.with_credit()
            .with_renditions()
            .prefetch_related("warnings", Prefetch("slides", queryset=slides))
        )

    def with_rights(self, at=None):
        """What each photo's verdict at `at` (now by default) is read from,
        selected: `rights_rule` and the flags (see catalog.rights)."""
        return self._rights(at, self.annotate)

    def alias_rights(self, at=None):
        """The verdict at `at` to filter on, not selected (see with_rights)."""
        return self._rights(at, self.alias)

    def costing(self, cost: str, at=None):
        """Photos that cost `cost` (free, conditional, pay, overquota) at `at`."""
        from catalog import rights

        return self.alias_rights(at).filter(rights.cost_is(cost))

    def usable(self, at=None, usable: bool = True):
        """Photos that may (or may not) be used at `at`."""
        from catalog import rights

        return self.alias_rights(at).filter(rights.usable_is(usable))

    def _rights(self, at, add):
        from django.utils import timezone

        from catalog import rights

        at = at or timezone.now()
        clone = self.alias(rights_agency=rights.rights_agency())
        add = getattr(clone, add.__name__)
        return add(**rights.annotations(at))

    def search(self, text: str):
        """Photos whose title or caption has every word of `text` (see catalog.search)."""
        words = query_words(text)
        return self.filter(FullTextMatch(words)) if words else self.none()

    def count(self):
        match = search_only(self.query) if self._result_cache is None else None
        if match is not None:
            counted = count_in_index(match, connections[self.db])
            if counted is not None:
                return counted
        return super().count()

    def under_warning(self, kinds: list[str] | None = None):
        """Photos under a warning (of these kinds, or any): a warning on the
        photo itself, or on a slideshow it is in."""
        return self.filter(_warned(kinds))

    def clear_of_warnings(self, kinds: list[str] | None = None):
        return self.exclude(_warned(kinds))


def _warned(kinds: list[str] | None):
    """Membership in one short list of ids, not EXISTS per photo: a count over
    a million photos then reads the warned ones by key (SQLite: 1.4 s → 0.03 s)."""
    from .slideshows import ContentWarning, Slide

    warnings = (
        ContentWarning.objects.all()
        if kinds is None
        else ContentWarning.objects.filter(kind__in=kinds)
    )
    # Unordered: a compound statement's parts may not have an ORDER BY.
    own = warnings.filter(photo__isnull=False).order_by().values("photo")
    shown_in = (
        Slide.objects.filter(
            slideshow__in=warnings.filter(slideshow__isnull=False).values("slideshow")
        )
        .order_by()
        .values("photo")
    )
    return Q(pk__in=own.union(shown_in))


class PhotoManager(UidManager.from_queryset(PhotoQuerySet)):
    pass


class Photo(Sourced):
    """A picture with its own caption and its credit.

    The credit keeps the text as written (`credit_text`) beside its parts:
    who took it, the agency that made it, and the one that distributed it
    (`X via Y`).
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=300, blank=True)
    caption = models.TextField(blank=True)
    alt_text = models.CharField(
        max_length=500,
        blank=True,
        help_text="The text a screen reader reads instead of the picture: what it shows, "
        "for someone who cannot see it.",
    )
    # Indexed by the composite indexes in Meta, which begin with them.
    photographer = models.ForeignKey(
        Photographer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="photos",
        db_index=False,
    )
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="photos",
        db_index=False,
    )
    distributor = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="distributed_photos",
        help_text="Who distributed the picture, when the credit says “X via Y”.",
    )
    credit_role = models.CharField(
        max_length=20, choices=CreditRole.choices, blank=True, default=CreditRole.NONE
    )
    credit_text = models.CharField(
        max_length=500, blank=True, help_text="The credit as the source printed it."
    )
    image = models.FileField(
        upload_to="photos/",
        max_length=200,
        blank=True,
        help_text="The picture file, if we hold it.",
    )
    image_name = models.CharField(
        max_length=255, blank=True, help_text="The file's name as it was uploaded."
    )
    image_format = models.CharField(max_length=10, blank=True)
    image_width = models.PositiveIntegerField(null=True, blank=True)
    image_height = models.PositiveIntegerField(null=True, blank=True)
    image_size = models.PositiveBigIntegerField(null=True, blank=True, help_text="In bytes.")
    image_sha256 = models.CharField(
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        help_text="Content hash: the same file is ingested once.",
    )
    embedded = models.JSONField(
        default=dict,
        blank=True,
        help_text="Metadata embedded in the file (IPTC, EXIF, XMP), as read on ingest.",
    )
    credit_conflict = models.BooleanField(
        default=False,
        db_index=True,
        help_text="The credit embedded in the file, or the one its caption writes, "
        "disagrees with the catalog's.",
    )
    rights_category = models.CharField(
        "rights category",
        max_length=20,
        choices=RightsCategory.choices,
        default=RightsCategory.NO_RIGHTS,
        db_index=True,
    )
    rights_restrictions = models.TextField(
        "restrictions",
        blank=True,
        help_text="Conditions of use, as the supplier wrote them; any makes the photo conditional.",
    )
    rights_licence = models.CharField(
        "licence",
        max_length=50,
        blank=True,
        help_text="The Creative Commons licence, e.g. CC BY-SA 4.0.",
    )
    rights_source = models.URLField(
        "rights source",
        max_length=500,
        blank=True,
        help_text="Where the rights are stated: the licence's source page, a web statement.",
    )
    rights_licensor = models.CharField(
        "licensor", max_length=200, blank=True, help_text="Who licenses the picture."
    )
    embargo_until = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="Not to be published before this time."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PhotoManager()
    # `embedded` is what the file holds, read again from it; `updated_at` moves at every save.
    history = tracked(excluded=("embedded", "updated_at"))

    class Meta:
        ordering = ["id"]
        indexes = [
            # A photographer's or an agency's photos, newest first, without a sort.
            models.Index(fields=["photographer", "id"], name="photo_by_photographer"),
            models.Index(fields=["agency", "id"], name="photo_by_agency"),
            # An agency's photographers counted from the index alone (facets).
            models.Index(fields=["agency", "photographer"], name="photo_agency_photographer"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(agency=models.F("distributor")) | Q(agency__isnull=True),
                name="photo_distributor_not_agency",
                violation_error_message="The distributor must differ from the agency.",
            ),
            models.CheckConstraint(
                condition=Q(image="", image_sha256__isnull=True)
                | (~Q(image="") & Q(image_sha256__isnull=False)),
                name="photo_image_has_hash",
                violation_error_message="An image file goes with its SHA-256, and only with it.",
            ),
            models.CheckConstraint(
                condition=~Q(rights_category=RightsCategory.CREATIVE_COMMONS)
                | ~Q(rights_licence=""),
                name="photo_creative_commons_has_licence",
                violation_error_message="A Creative Commons photo names its licence.",
            ),
        ]

    def __str__(self):
        credit = self.credit_line
        return f"{self.label} ({credit})" if credit and not self.unnamed else self.label

    @property
    def unnamed(self) -> bool:
        return not (self.title or self.caption)

    @property
    def label(self) -> str:
        """What an editor calls the photo: its title or the start of its
        caption; without either, its credit and the day it was added."""
        if not self.unnamed:
            return shorten(self.title or self.caption, 60)
        added = self.created_at
        day = f"{added.day} {added:%b %Y}" if added else "not saved yet"
        credit = self.credit_line
        return f"Photo by {credit}, {day}" if credit else f"Uncredited photo, {day}"

    def get_absolute_url(self):
        """Its public page: the API's detail (the admin's "View on site")."""
        return reverse("api:photo-detail", kwargs={"id": self.uid})

    def natural_key(self):
        return (str(self.uid),)

    @staticmethod
    def may_see_original(user) -> bool:
        """Who may have the original file, with all it carries (GPS, the
        camera's serial number, a photographer's notes): staff who may view
        photos. The renditions, which carry none of it, are public."""
        return bool(
            user
            and user.is_active
            and user.is_staff
            and user.has_perm(f"{Photo._meta.app_label}.view_photo")
        )

    @property
    def listed_slides(self) -> list:
        """The slides placing the photo, in slideshow title order (see
        PhotoQuerySet.with_listing, which prefetches them so)."""
        return list(self.slides.all())

    @property
    def listed_warnings(self) -> list:
        """Its own warnings, then those of each slideshow it is in."""
        shown = (w for slide in self.listed_slides for w in slide.slideshow.warnings.all())
        return [*self.warnings.all(), *shown]

    @cached_property
    def rights_block(self) -> dict:
        """Its rights now, as the API shows them, for one photo read as a model
        instance; a page reads the blocks of all its photos in one query."""
        from catalog.rights import rights_blocks, rights_rows

        now = timezone.now()
        return rights_blocks(rights_rows([self.pk], at=now), now)[self.pk]

    @property
    def renditions_by_spec(self) -> dict[str, "Rendition"]:
        return {rendition.spec: rendition for rendition in self.renditions.all()}

    def rendition(self, spec: str) -> "Rendition | None":
        """The rendition of that size, from prefetched renditions when there are."""
        return next((r for r in self.renditions.all() if r.spec == spec), None)

    @property
    def credit_line(self) -> str:
        """The house-style credit: `Photographer / Agency`."""
        return house_credit_line(
            photographer=self.photographer.name if self.photographer else "",
            agency=self.agency.name if self.agency else "",
            distributor=self.distributor.name if self.distributor else "",
            role=self.credit_role,
        )


def house_credit_line(*, photographer: str, agency: str, distributor: str, role: str) -> str:
    made_by = " via ".join(part for part in (agency, distributor) if part)
    if role == CreditRole.COURTESY and not photographer:
        return f"Courtesy of {made_by}" if made_by else "Courtesy"
    who = photographer or (CreditRole(role).label if role else "")
    return " / ".join(part for part in (who, made_by) if part)


# The one folder of the media storage that may be served to anyone: renditions
# carry none of the originals' metadata. Originals are under photos/.
PUBLIC_MEDIA = "renditions/"


class RenditionSpec(models.TextChoices):
    """Sizes made of every image: a thumbnail for lists, a web size for pages."""

    THUMBNAIL = "thumbnail", "Thumbnail"
    WEB = "web", "Web"


class RenditionManager(models.Manager):
    def get_by_natural_key(self, photo_uid, spec):
        return self.get(photo__uid=photo_uid, spec=spec)


class Rendition(models.Model):
    """A resized copy of a photo's image, made once on ingest and kept."""

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")
    spec = models.CharField(max_length=20, choices=RenditionSpec.choices)
    file = models.FileField(upload_to=PUBLIC_MEDIA, max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    objects = RenditionManager()

    class Meta:
        ordering = ["photo", "spec"]
        constraints = [
            models.UniqueConstraint(fields=["photo", "spec"], name="rendition_unique_spec"),
        ]

    def __str__(self):
        return f"{self.get_spec_display()} of {self.photo}"

    def natural_key(self):
        return (str(self.photo.uid), self.spec)

    natural_key.dependencies = ["catalog.photo"]
