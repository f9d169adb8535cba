"""Changelist filters that stay cheap on tables of a million rows.

None lists every photographer, agency or slideshow: related records are
picked with the admin's autocomplete, and counts come from `Exists`
subqueries instead of joins that multiply rows.
"""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import Exists, F, ManyToManyRel, OuterRef
from django.urls import reverse

from catalog.labels import with_article
from catalog.models import ContentWarning, WarningKind


class AutocompleteFilter(admin.FieldListFilter):
    """Filter by one related record, picked by typing part of its name.

    Works on a foreign key, and on a many-to-many relation through a model
    (photo → slideshows through slides): the admin's autocomplete view is
    asked about the foreign key that points at the records to pick.
    """

    template = "admin/catalog/autocomplete_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.lookup_kwarg = f"{field_path}__{field.target_field.name}__exact"
        self.related_model = field.related_model
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = self.related_model._meta.verbose_name
        self.placeholder = f"Type to find {with_article(self.title)}"
        self.all_label = f"All {self.related_model._meta.verbose_name_plural}"
        if isinstance(field, ManyToManyRel):
            self.source, self.source_field = field.through._meta, field.field.m2m_field_name()
        else:
            self.source, self.source_field = model._meta, field.name
        self.autocomplete_url = reverse(f"{model_admin.admin_site.name}:autocomplete")

    def expected_parameters(self):
        return [self.lookup_kwarg]

    @property
    def value(self):
        values = self.used_parameters.get(self.lookup_kwarg)
        return values[-1] if values else None

    def selected(self):
        """The record filtered by, if any (one query)."""
        if self.value is None:
            return None
        try:
            return self.related_model._default_manager.filter(pk=self.value).first()
        except (ValueError, TypeError) as error:
            raise IncorrectLookupParameters(error) from error

    def choices(self, changelist):
        self.clear_url = changelist.get_query_string(remove=[self.lookup_kwarg])
        selected = self.selected()
        yield {
            "selected": selected is not None,
            "object": selected,
            "query_string": self.clear_url,
            "display": str(selected) if selected else self.all_label,
        }


class WarningFilter(admin.SimpleListFilter):
    """Records with a content warning of a given kind, any kind, or none."""

    title = "content warning"
    parameter_name = "warning"
    target = None  # the ContentWarning field pointing at the filtered model

    def lookups(self, request, model_admin):
        return [("any", "Any warning"), ("none", "No warning"), *WarningKind.choices]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        warnings = ContentWarning.objects.filter(**{self.target: OuterRef("pk")})
        if value == "none":
            return queryset.filter(~Exists(warnings))
        if value != "any":
            warnings = warnings.filter(kind=value)
        return queryset.filter(Exists(warnings))


class PhotoWarningFilter(WarningFilter):
    """Photos under a warning: their own, or one on a slideshow they are in."""

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if value == "none":
            return queryset.clear_of_warnings()
        return queryset.under_warning(None if value == "any" else [value])


class SlideshowWarningFilter(WarningFilter):
    target = "slideshow"


class CompletenessFilter(admin.SimpleListFilter):
    """Slideshows missing some of the slides their page announced, or not.

    Works on `Slideshow.objects.with_slide_count()` (its `present_count`).
    """

    title = "slides"
    parameter_name = "slides"

    def lookups(self, request, model_admin):
        return [
            ("incomplete", "Fewer than declared"),
            ("complete", "All declared present"),
            ("undeclared", "No count declared"),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "incomplete":
                return queryset.incomplete()
            case "complete":
                return queryset.filter(declared_count__lte=F("present_count"))
            case "undeclared":
                return queryset.filter(declared_count__isnull=True)
        return queryset
