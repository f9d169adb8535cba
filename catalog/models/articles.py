"""Articles: the pages the catalog imports."""

from django.db import models
from django.urls import reverse

from catalog.labels import shorten

from .base import NaturalSlugManager
from .parties import Agency
from .photos import Photo


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
        return self.headline or shorten(self.summary, 80) or self.slug

    def get_absolute_url(self):
        """Its public page: the API's detail (the admin's "View on site")."""
        return reverse("api:article-detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def paragraphs(self) -> list[str]:
        return [block["text"] for block in self.body if block.get("type") == "paragraph"]
