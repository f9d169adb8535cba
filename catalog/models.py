"""The catalog's domain model: who made a picture, who sent it, where it ran.

Every record an import creates carries its provenance (the article and the
line of the source text) so an editor can trace it back.
"""

import uuid
from collections import defaultdict

from django.db import connections, models
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.db.models.query import ModelIterable
from django.urls import reverse
from django.utils.text import slugify

from .search import FullTextMatch, count_in_index, query_words, search_only


def unique_slug(instance: models.Model, text: str, field: str = "slug") -> str:
    """A slug for `text` that no other row of the model has yet."""
    max_length = instance._meta.get_field(field).max_length
    base = slugify(text)[:max_length] or instance._meta.model_name
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, number = base, 1
    while others.filter(**{field: slug}).exists():
        number += 1
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)] + suffix
    return slug


def create_named(model: type[models.Model], rows: list[models.Model]) -> list[models.Model]:
    """Insert new named rows (agencies, photographers, speakers) at once: their
    slugs made unique with one query, and for models with aliases, each name
    recorded as an alias, as `save()` does one at a time."""
    max_length = model._meta.get_field("slug").max_length
    bases = [slugify(row.name)[:max_length] or model._meta.model_name for row in rows]
    taken = set(model._default_manager.filter(slug__in=bases).values_list("slug", flat=True))
    for row, base in zip(rows, bases, strict=True):
        slug, number = base, 1
        while slug in taken or (number > 1 and model._default_manager.filter(slug=slug).exists()):
            number += 1
            suffix = f"-{number}"
            slug = base[: max_length - len(suffix)] + suffix
        row.slug = slug
        taken.add(slug)
    model._default_manager.bulk_create(rows)
    aliases = getattr(model, "aliases", None)
    if aliases is not None:
        alias_model, owner = aliases.rel.related_model, aliases.field.name
        alias_model._default_manager.bulk_create(
            [alias_model(**{owner: row, "name": row.name}) for row in rows]
        )
    return rows


class Sourced(models.Model):
    """Provenance: the article an import read a record from, and the line."""

    article = models.ForeignKey(
        "Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="%(class)ss",
        help_text="Article this record was imported from.",
    )
    source_line = models.PositiveIntegerField(
        null=True, blank=True, help_text="Line of the article's source text."
    )

    class Meta:
        abstract = True


class AliasedQuerySet(models.QuerySet):
    def matching(self, name: str):
        """Records whose name or any alias equals `name`, ignoring case."""
        return self.filter(aliases__name__iexact=name.strip()).distinct()

    def with_photo_count(self):
        """`photo_count`: photos credited to each (made by, for agencies).

        A subquery per row rather than a join and GROUP BY, so that a page of
        twenty costs twenty index lookups whatever the size of the catalog.
        """
        field = self.model._meta.model_name  # Photo.photographer or Photo.agency
        counts = (
            Photo.objects.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(photo_count=Coalesce(Subquery(counts), 0))


class AliasedName(models.Model):
    """A named party (agency, photographer) that may be written several ways.

    The name itself is always kept as one of the aliases, so the aliases
    table alone answers "which record is this spelling?", and its
    case-insensitive unique constraint keeps two records from claiming the
    same spelling.
    """

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)

    objects = AliasedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)
        # Fixture loads bypass save(); their alias rows come with the fixture.
        if not self.aliases.filter(name__iexact=self.name).exists():
            self.aliases.create(name=self.name)

    def natural_key(self):
        return (self.slug,)


class NaturalSlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class AgencyManager(NaturalSlugManager.from_queryset(AliasedQuerySet)):
    pass


class Agency(AliasedName):
    """A wire service, newspaper or picture agency that makes or sells pictures."""

    objects = AgencyManager()

    class Meta(AliasedName.Meta):
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(Lower("name"), name="agency_name_unique_ci"),
        ]

    def clean(self):
        from django.core.exceptions import ValidationError

        taken = AgencyAlias.objects.filter(name__iexact=self.name.strip())
        if self.pk:
            taken = taken.exclude(agency=self)
        if taken.exists():
            message = f"{self.name!r} is already a name or alias of another agency."
            raise ValidationError({"name": ValidationError(message, code="alias_taken")})


class AliasManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class AgencyAlias(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    objects = AliasManager()

    class Meta:
        verbose_name_plural = "agency aliases"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="agency_alias_unique_ci"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)

    natural_key.dependencies = ["catalog.agency"]


class CreditedAgenciesIterable(ModelIterable):
    """Photographers, each given `agencies`: the agencies of their photos, most
    credited first, each with `credited` (its number of photos). One query
    for all the photographers fetched, not one each."""

    def __iter__(self):
        photographers = list(super().__iter__())
        agencies = defaultdict(list)
        if photographers:
            credited = (
                Agency.objects.filter(photos__photographer__in=photographers)
                .annotate(credited_photographer=F("photos__photographer"))
                .annotate(credited=Count("photos"))
                .order_by("-credited", "name")
            )
            for agency in credited:
                agencies[agency.credited_photographer].append(agency)
        for photographer in photographers:
            photographer.agencies = agencies[photographer.pk]
            yield photographer


class PhotographerQuerySet(AliasedQuerySet):
    def with_agencies(self):
        """Give each photographer fetched its `agencies` (see CreditedAgenciesIterable)."""
        clone = self._chain()
        clone._iterable_class = CreditedAgenciesIterable
        return clone


class PhotographerManager(NaturalSlugManager.from_queryset(PhotographerQuerySet)):
    pass


class Photographer(AliasedName):
    objects = PhotographerManager()

    class Meta(AliasedName.Meta):
        constraints = [
            models.UniqueConstraint(Lower("name"), name="photographer_name_unique_ci"),
        ]

    def clean(self):
        from django.core.exceptions import ValidationError

        taken = PhotographerAlias.objects.filter(name__iexact=self.name.strip())
        if self.pk:
            taken = taken.exclude(photographer=self)
        if taken.exists():
            message = f"{self.name!r} is already a name or alias of another photographer."
            raise ValidationError({"name": ValidationError(message, code="alias_taken")})


class PhotographerAlias(models.Model):
    photographer = models.ForeignKey(Photographer, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    objects = AliasManager()

    class Meta:
        verbose_name_plural = "photographer aliases"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="photographer_alias_unique_ci"),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)

    natural_key.dependencies = ["catalog.photographer"]


class UidManager(models.Manager):
    def get_by_natural_key(self, uid):
        return self.get(uid=uid)


class CreditRole(models.TextChoices):
    """What the credit says of the picture when it names no photographer."""

    NONE = "", "—"
    HANDOUT = "handout", "Handout"
    COURTESY = "courtesy", "Courtesy"
    POOL = "pool", "Pool"


class PhotoQuerySet(models.QuerySet):
    def with_credit(self):
        return self.select_related("photographer", "agency", "distributor")

    def with_renditions(self):
        return self.prefetch_related("renditions")

    def with_listing(self):
        """Credit, renditions, warnings, and the slides placing the photo in
        slideshows (with those slideshows' warnings): what a list of photos shows."""
        slides = Slide.objects.select_related("slideshow").prefetch_related("slideshow__warnings")
        return (
            self.with_credit()
            .with_renditions()
            .prefetch_related("warnings", Prefetch("slides", queryset=slides))
        )

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
    own = ContentWarning.objects.filter(photo=OuterRef("pk"))
    shown_in = ContentWarning.objects.filter(
        slideshow__in=Slide.objects.filter(photo=OuterRef(OuterRef("pk"))).values("slideshow")
    )
    if kinds is not None:
        own, shown_in = own.filter(kind__in=kinds), shown_in.filter(kind__in=kinds)
    return Exists(own) | Exists(shown_in)


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
        help_text="Who distributed the picture, when the credit says `X via Y`.",
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
        help_text="The credit embedded in the file disagrees with the catalog's.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PhotoManager()

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
        ]

    def __str__(self):
        label = self.title or self.caption[:60] or f"Photo {self.uid}"
        return f"{label} ({self.credit_line})" if self.credit_line else label

    def get_absolute_url(self):
        return reverse("admin:catalog_photo_change", args=[self.pk])

    def natural_key(self):
        return (str(self.uid),)

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
    file = models.FileField(upload_to="renditions/", max_length=200)
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


class SlideshowQuerySet(models.QuerySet):
    def with_slide_count(self):
        """`present_count`: the slides present, counted per row by a subquery."""
        counts = (
            Slide.objects.filter(slideshow=OuterRef("pk"))
            .order_by()
            .values("slideshow")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(present_count=Coalesce(Subquery(counts), 0))

    def incomplete(self):
        return self.with_slide_count().filter(declared_count__gt=models.F("present_count"))

    def with_slides(self):
        slides = Slide.objects.select_related(
            "photo__photographer", "photo__agency", "photo__distributor"
        ).prefetch_related("photo__warnings", "photo__renditions")
        return self.prefetch_related(Prefetch("slides", queryset=slides), "warnings")


class SlideshowManager(NaturalSlugManager.from_queryset(SlideshowQuerySet)):
    pass


class Slideshow(Sourced):
    """A photo gallery. `declared_count` is what the page announced, which
    may differ from the slides actually present."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=300, unique=True)
    heading = models.CharField(
        max_length=300, blank=True, help_text="The section heading the page printed above it."
    )
    declared_count = models.PositiveIntegerField(
        null=True, blank=True, help_text="Number of slides the page announced."
    )
    cover = models.ForeignKey(
        Photo,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="covered_slideshows",
    )
    photos = models.ManyToManyField(Photo, through="Slide", related_name="slideshows")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SlideshowManager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)


class SlideManager(models.Manager):
    def get_by_natural_key(self, slideshow_slug, photo_uid):
        return self.get(slideshow__slug=slideshow_slug, photo__uid=photo_uid)


class Slide(Sourced):
    """A photo's place in a slideshow, with the caption that slideshow printed."""

    slideshow = models.ForeignKey(Slideshow, on_delete=models.CASCADE, related_name="slides")
    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="slides")
    position = models.PositiveIntegerField()
    caption = models.TextField(
        blank=True, help_text="Caption as this slideshow printed it; overrides the photo's."
    )

    objects = SlideManager()

    class Meta:
        ordering = ["slideshow", "position"]
        constraints = [
            models.UniqueConstraint(fields=["slideshow", "position"], name="slide_position_unique"),
            models.UniqueConstraint(fields=["slideshow", "photo"], name="slide_photo_unique"),
            models.CheckConstraint(condition=Q(position__gte=1), name="slide_position_positive"),
        ]

    def __str__(self):
        return f"{self.slideshow} #{self.position}"

    def natural_key(self):
        return (self.slideshow.slug, str(self.photo.uid))

    natural_key.dependencies = ["catalog.slideshow", "catalog.photo"]

    @property
    def effective_caption(self) -> str:
        return self.caption or self.photo.caption

    @property
    def caption_source(self) -> str:
        """Where the caption shown for this slide comes from: "slide" or "photo"."""
        return "slide" if self.caption else "photo"


class WarningKind(models.TextChoices):
    """IPTC Content Warning NewsCodes, plus `graphic` for a generic note."""

    DEATH = "death", "Death"
    DRUG_USE = "drugUse", "Drug use"
    FANTASY_VIOLENCE = "fantasyViolence", "Fantasy violence"
    LANGUAGE = "language", "Language"
    NUDITY = "nudity", "Nudity"
    SEXUALITY = "sexuality", "Sexuality"
    SUFFERING = "suffering", "Suffering"
    VIOLENCE = "violence", "Violence"
    GRAPHIC = "graphic", "Graphic content"


class ContentWarning(Sourced):
    """An editor's note that a photo or a whole slideshow may disturb."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    photo = models.ForeignKey(
        Photo, null=True, blank=True, on_delete=models.CASCADE, related_name="warnings"
    )
    slideshow = models.ForeignKey(
        Slideshow, null=True, blank=True, on_delete=models.CASCADE, related_name="warnings"
    )
    kind = models.CharField(max_length=20, choices=WarningKind.choices)
    note = models.TextField(blank=True)

    objects = UidManager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(photo__isnull=False, slideshow__isnull=True)
                    | Q(photo__isnull=True, slideshow__isnull=False)
                ),
                name="warning_has_one_target",
                violation_error_message="A warning belongs to a photo or to a slideshow.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=WarningKind.values), name="warning_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.photo or self.slideshow}"

    def natural_key(self):
        return (str(self.uid),)


class Speaker(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    role = models.CharField(max_length=100, blank=True, help_text="e.g. anchor, reporter")

    objects = NaturalSlugManager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="speaker_name_unique_ci"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)


class Video(Sourced):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=300)

    objects = UidManager()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (str(self.uid),)


class TurnManager(models.Manager):
    def get_by_natural_key(self, video_uid, position):
        return self.get(video__uid=video_uid, position=position)


class TranscriptTurn(Sourced):
    """One speaker's turn in a video transcript, in order."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="turns")
    position = models.PositiveIntegerField()
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="turns")
    speaker_label = models.CharField(
        max_length=200, help_text="The speaker as the transcript wrote them."
    )
    text = models.TextField()

    objects = TurnManager()

    class Meta:
        ordering = ["video", "position"]
        constraints = [
            models.UniqueConstraint(fields=["video", "position"], name="turn_position_unique"),
            models.CheckConstraint(condition=Q(position__gte=1), name="turn_position_positive"),
        ]

    def __str__(self):
        return f"{self.video} #{self.position} ({self.speaker})"

    def natural_key(self):
        return (str(self.video.uid), self.position)

    natural_key.dependencies = ["catalog.video", "catalog.speaker"]


class Article(models.Model):
    """A news article page, as imported from its text dump."""

    slug = models.SlugField(max_length=200, unique=True, help_text="From the source file name.")
    source_name = models.CharField(max_length=255, help_text="The source file's name.")
    headline = models.CharField(max_length=500, blank=True)
    summary = models.TextField(blank=True)
    byline = models.CharField(max_length=300, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True, help_text="When the page was updated.")
    source_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    rights_notice = models.TextField(blank=True)
    lead_photo = models.ForeignKey(
        Photo, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.JSONField(
        default=list,
        blank=True,
        help_text="Body blocks in order: paragraph, heading or related story, each with its line.",
    )
    source_text = models.TextField(blank=True, help_text="The text the import read.")
    source_sha256 = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    objects = NaturalSlugManager()

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.headline or self.summary[:80] or self.slug

    def natural_key(self):
        return (self.slug,)

    @property
    def paragraphs(self) -> list[str]:
        return [block["text"] for block in self.body if block.get("type") == "paragraph"]
