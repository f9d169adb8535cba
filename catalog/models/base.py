"""What the catalog's models share: provenance, slugs, natural-key managers."""

from django.db import models
from django.utils.text import slugify


def unique_slug(instance: models.Model, text: str, field: str = "slug") -> str:
    """A slug for `text` that no other row of the model has yet."""
    max_length = instance._meta.get_field(field).max_length
    base = slugify(text)[:max_length] or instance._meta.model_name
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, number = base, 1
    while others.filter(**{field: slug}).exists():
        number += 1
        slug = numbered(base, number, max_length)
    return slug


def numbered(base: str, number: int, max_length: int) -> str:
    """`base-N`, cut so that the suffix fits in the column."""
    suffix = f"-{number}"
    return base[: max_length - len(suffix)] + suffix


class SluggedModel(models.Model):
    """A record whose `slug` is made from its `slug_source` field when first
    saved, unique in its table, and serves as its natural key."""

    slug_source = "name"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, getattr(self, self.slug_source))
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)


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


class NaturalSlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class AliasManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class UidManager(models.Manager):
    def get_by_natural_key(self, uid):
        return self.get(uid=uid)
