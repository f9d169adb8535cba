"""Slideshows, their slides in order, and content warnings."""

import uuid

from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from .base import NaturalSlugManager, SluggedModel, Sourced, UidManager
from .history import tracked
from .photos import Photo

# The slideshows a photo is in, as it lists them: by title, then by position.
PHOTO_SLIDES_ORDER = ("slideshow__title", "slideshow_id", "position")


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


class Slideshow(Sourced, SluggedModel):
    """A photo gallery. `declared_count` is what the page announced, which
    may differ from the slides actually present."""

    slug_source = "title"

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
    history = tracked(excluded=("updated_at",))

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """Its public page: the API's detail (the admin's "View on site")."""
        return reverse("api:slideshow-detail", kwargs={"slug": self.slug})


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
    # A slide's position is the slideshow's order: its history is the order's.
    history = tracked(indexed=("slideshow",))

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
    history = tracked(indexed=("photo", "slideshow"))

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
