"""Agencies and photographers, with the other ways credits spell them."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Lower
from django.db.models.query import ModelIterable
from django.urls import reverse

from .base import AliasManager, NaturalSlugManager, SluggedModel
from .history import tracked


class AliasedQuerySet(models.QuerySet):
    def matching(self, name: str):
        """Records whose name or any alias equals `name`, ignoring case."""
        return self.filter(aliases__name__iexact=name.strip()).distinct()

    def with_photo_count(self):
        """`photo_count`: photos credited to each (made by, for agencies).

        A subquery per row rather than a join and GROUP BY, so that a page of
        twenty costs twenty index lookups whatever the size of the catalog.
        """
        from .photos import Photo

        field = self.model._meta.model_name  # Photo.photographer or Photo.agency
        counts = (
            Photo.objects.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(photo_count=Coalesce(Subquery(counts), 0))


class AliasedName(SluggedModel):
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
        super().save(*args, **kwargs)
        # Fixture loads bypass save(); their alias rows come with the fixture.
        if not self.aliases.filter(name__iexact=self.name).exists():
            self.aliases.create(name=self.name)


class AgencyManager(NaturalSlugManager.from_queryset(AliasedQuerySet)):
    pass


class Agency(AliasedName):
    """A wire service, newspaper or picture agency that makes or sells pictures."""

    objects = AgencyManager()
    history = tracked()

    class Meta(AliasedName.Meta):
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(Lower("name"), name="agency_name_unique_ci"),
        ]

    def get_absolute_url(self):
        """Its public page: the API's detail (the admin's "View on site")."""
        return reverse("api:agency-detail", kwargs={"slug": self.slug})

    def clean(self):

        taken = AgencyAlias.objects.filter(name__iexact=self.name.strip())
        if self.pk:
            taken = taken.exclude(agency=self)
        if taken.exists():
            message = f"{self.name!r} is already a name or alias of another agency."
            raise ValidationError({"name": ValidationError(message, code="alias_taken")})


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
    history = tracked()

    class Meta(AliasedName.Meta):
        constraints = [
            models.UniqueConstraint(Lower("name"), name="photographer_name_unique_ci"),
        ]

    def get_absolute_url(self):
        """Its public page: the API's detail (the admin's "View on site")."""
        return reverse("api:photographer-detail", kwargs={"slug": self.slug})

    def clean(self):

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
