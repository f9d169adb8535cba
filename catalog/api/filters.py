"""Query parameters of the list endpoints. Every filter composes with the others.

A value that names nothing (an unknown photographer, agency, slideshow,
article or warning kind) is a 400 error saying so, never an empty list.
"""

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q
from django.http import QueryDict
from django_filters.widgets import BaseCSVWidget
from rest_framework.exceptions import ValidationError

from catalog.credits import canonical_agency
from catalog.models import (
    Agency,
    Article,
    ContentWarning,
    Photo,
    Photographer,
    RightsCategory,
    Slide,
    Slideshow,
    Speaker,
    Video,
    WarningKind,
)
from catalog.models.lookups import keys_present
from catalog.rights import Cost
from catalog.search import MAX_QUERY_LENGTH, MAX_WORDS, query_words

from .rights import moment


class FilterSet(django_filters.FilterSet):
    """django-filter's FilterSet, made cheaper per request.

    The stock FilterSet deep-copies every filter and builds a new form class on
    each request, and the form deep-copies every field; on a fast list that is
    a good part of its time. Our filters' form fields never depend on the
    request (no callable querysets) and no form changes them, so the form class
    is built once per FilterSet class, and each request takes shallow copies of
    the filters and of the form's fields.
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {}
        for name, base in self.base_filters.items():
            filter_ = self.filters[name] = _shallow_copy(base)
            filter_.model = queryset.model
            filter_.parent = self
            if filter_.method is not None:
                filter_.method = filter_.method  # a FilterMethod of this copy, not of the base

    def get_form_class(self):
        form_class = type(self).__dict__.get("_form_class")
        if form_class is None:
            form_class = type(self)._form_class = super().get_form_class()
            form_class.base_fields = _SharedFields(form_class.base_fields)
        return form_class


class _SharedFields(dict):
    """A form class's fields, which each form copies shallowly.

    A Django form deep-copies its class's fields, widgets and choices
    included, so that a form may change its own; ours never do, and the
    deep copy was the larger part of building a filter form.
    """

    def __deepcopy__(self, memo):
        return {name: _shallow_copy(field) for name, field in self.items()}


def _shallow_copy(obj):
    """copy.copy of a filter or form field (plain attributes, no __slots__),
    without the pickle protocol that makes copy.copy cost several times more."""
    clone = object.__new__(type(obj))
    clone.__dict__.update(obj.__dict__)
    return clone


class StrictBooleanField(forms.Field):
    """`true`/`false` (or 1/0, yes/no); anything else is an error, not ignored."""

    TRUE, FALSE = {"true", "1", "yes"}, {"false", "0", "no"}

    def to_python(self, value):
        if value in (None, ""):
            return None
        if str(value).lower() in self.TRUE:
            return True
        if str(value).lower() in self.FALSE:
            return False
        raise forms.ValidationError("Must be true or false.", code="invalid")


class BooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class SlugField(forms.CharField):
    """A record of `model` named by its slug; cleans to the record's primary key,
    found in one small query (keys_present) rather than through a ModelChoiceField."""

    def __init__(self, *, model, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)  # after the validators: no NUL reaches the database
        if value in self.empty_values:
            return None
        pk = keys_present(self.model, "slug", [value]).get(value)
        if pk is None:
            raise forms.ValidationError(
                "No %(model)s has the slug %(value)r.",
                code="invalid_choice",
                params={"model": self.model._meta.verbose_name, "value": value},
            )
        return pk


class SlugFilter(django_filters.CharFilter):
    """Rows related to the `model` record with this slug: `photographer=jane-doe`."""

    field_class = SlugField


class RepeatedOrCommaSeparated(BaseCSVWidget, forms.TextInput):
    """Several values, comma-separated (`a,b`), repeated (`x=a&x=b`) or both,
    in the order given: the stock widget reads only the last repetition."""

    def value_from_datadict(self, data, files, name):
        if not hasattr(data, "getlist"):
            return super().value_from_datadict(data, files, name)
        values = data.getlist(name)
        if not values:
            return None
        return [key.strip() for value in values for key in value.split(",") if key.strip()]


class OrderingFilter(django_filters.OrderingFilter):
    """Sorts by the fields asked for, in order, then by id, so that pages never
    overlap. Keys come comma-separated or repeated: `ordering=agency,-created`
    is `ordering=agency&ordering=-created`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", RepeatedOrCommaSeparated)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        fields = [self.get_ordering_value(param) for param in value or [] if param]
        return qs.order_by(*fields, "pk") if fields else qs


def find_agency(value: str, param: str) -> Agency:
    """An agency by slug, or by any of its names and aliases, ignoring case.

    `associated-press`, `ASSOCIATED PRESS`, `The Associated Press` and `ap`
    all find AP.
    """
    value = value.strip()
    spellings = dict.fromkeys([value, value.replace("-", " ")])
    spellings.update(dict.fromkeys(canonical_agency(spelling) for spelling in list(spellings)))
    agency = Agency.objects.filter(slug=value.lower()).first()
    for spelling in spellings:
        agency = agency or Agency.objects.matching(spelling).first()
    if agency is None:
        raise ValidationError({param: [f"No agency is called {value!r}."]})
    return agency


def warning_kinds(value: str, param: str) -> list[str] | None:
    """`graphic,violence` -> those kinds; `all` (or `true`) -> None, meaning any kind."""
    kinds = [kind.strip() for kind in value.split(",") if kind.strip()]
    if not kinds:
        raise ValidationError({param: ["Give warning kinds, comma-separated, or `all`."]})
    if any(kind.lower() in {"all", "any", "true"} for kind in kinds):
        return None
    unknown = sorted(set(kinds) - set(WarningKind.values))
    if unknown:
        raise ValidationError(
            {
                param: [
                    f"Unknown warning kind {unknown[0]!r}; "
                    f"use one of {', '.join(WarningKind.values)}."
                ]
            }
        )
    return kinds


class SearchFilter(django_filters.CharFilter):
    """`q`: text of at most MAX_QUERY_LENGTH characters; longer is a 400 error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, max_length=MAX_QUERY_LENGTH, **kwargs)


SEARCH_RULES = (
    f"At most {MAX_QUERY_LENGTH} characters; a word given twice counts once, "
    f"and only the first {MAX_WORDS} distinct words are used."
)


def search_words(queryset, fields: list[str], value: str):
    """Every word must appear in one of `fields` (case-insensitive); words as
    catalog.search reads them: each once, the first MAX_WORDS."""
    for word in query_words(value):
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


class MomentField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 time, as a time rights are judged at (catalog.api.rights.moment)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return moment(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from error


class MomentFilter(django_filters.IsoDateTimeFilter):
    field_class = MomentField


class PhotoFilter(FilterSet):
    photographer = SlugFilter(
        model=Photographer,
        help_text="Photographer slug.",
    )
    agency = django_filters.CharFilter(
        method="filter_agency",
        help_text="Agency that made the photo: its slug, or any of its names and aliases "
        "(case-insensitive).",
    )
    distributor = django_filters.CharFilter(
        method="filter_distributor", help_text="Agency that distributed the photo, as `agency`."
    )
    slideshow = SlugFilter(
        model=Slideshow,
        field_name="slides__slideshow",
        help_text="Slideshow slug: the photos in it.",
    )
    article = SlugFilter(model=Article, help_text="Article slug.")
    warning = django_filters.ChoiceFilter(
        choices=WarningKind.choices,
        method="filter_warning",
        help_text="Photos under a warning of this kind, on the photo or on its slideshow.",
    )
    has_warnings = BooleanFilter(
        method="filter_has_warnings", help_text="Photos under any warning (or none)."
    )
    exclude_warnings = django_filters.CharFilter(
        method="filter_exclude_warnings",
        help_text="Leave out photos under these warning kinds (comma-separated), "
        "or under any warning with `all`; e.g. `exclude_warnings=graphic` for a feed "
        "with no graphic content.",
    )
    has_image = BooleanFilter(
        field_name="image",
        method="filter_has_image",
        help_text="Photos whose file we hold (or not).",
    )
    credit_conflict = BooleanFilter(
        help_text="Photos whose embedded credit disagrees with the catalog's (or agrees)."
    )
    usable = BooleanFilter(
        method="filter_usable",
        help_text="Photos that may be used now, or at `usable_at` (or may not).",
    )
    cost = django_filters.ChoiceFilter(
        choices=Cost.choices,
        method="filter_cost",
        help_text="Photos costing this now, or at `usable_at`.",
    )
    rights_category = django_filters.ChoiceFilter(
        choices=RightsCategory.choices, help_text="Photos with these usage rights."
    )
    usable_at = MomentFilter(
        method="filter_usable_at",
        help_text="The time `usable`, `cost` and each photo's `rights` are judged at "
        "(ISO 8601), for planning; alone, the photos usable then.",
    )
    q = SearchFilter(
        method="filter_text",
        help_text="Words that must each begin a word of the caption or title "
        "(full-text, case-insensitive): `soldier kuwait`. A word of one or two "
        f"letters must be a whole word. {SEARCH_RULES}",
    )
    ordering = OrderingFilter(
        fields=(
            ("created_at", "created"),
            ("updated_at", "updated"),
            ("title", "title"),
            ("photographer__name", "photographer"),
            ("agency__name", "agency"),
            ("id", "id"),
        ),
        help_text="Sort by created, updated, title, photographer, agency or id "
        "(prefix `-` to reverse).",
    )

    class Meta:
        model = Photo
        fields = []

    def filter_agency(self, queryset, name, value):
        return queryset.filter(agency=find_agency(value, name))

    def filter_distributor(self, queryset, name, value):
        return queryset.filter(distributor=find_agency(value, name))

    def filter_warning(self, queryset, name, value):
        return queryset.under_warning([value])

    def filter_has_warnings(self, queryset, name, value):
        return queryset.under_warning() if value else queryset.clear_of_warnings()

    def filter_exclude_warnings(self, queryset, name, value):
        return queryset.clear_of_warnings(warning_kinds(value, name))

    def filter_has_image(self, queryset, name, value):
        # An image always comes with its hash, whose unique index serves this.
        return queryset.filter(image_sha256__isnull=not value)

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def filter_usable(self, queryset, name, value):
        return queryset.usable(self.form.cleaned_data.get("usable_at"), usable=value)

    def filter_cost(self, queryset, name, value):
        return queryset.costing(value, self.form.cleaned_data.get("usable_at"))

    def filter_usable_at(self, queryset, name, value):
        if self.form.cleaned_data.get("usable") is not None:
            return queryset  # `usable` says which, at this time
        return queryset.usable(value)


class SlideshowFilter(FilterSet):
    q = SearchFilter(
        method="filter_text",
        help_text=f"Words that must all appear in the title. {SEARCH_RULES}",
    )
    photographer = SlugFilter(
        model=Photographer,
        method="filter_photographer",
        help_text="Slideshows with a photo by this photographer (slug).",
    )
    agency = django_filters.CharFilter(
        method="filter_agency", help_text="Slideshows with a photo made by this agency."
    )
    has_warnings = BooleanFilter(
        method="filter_has_warnings",
        help_text="Slideshows under a warning, or with a photo under one (or neither).",
    )
    incomplete = BooleanFilter(
        method="filter_incomplete",
        help_text="Slideshows with fewer slides present than the page declared (or not).",
    )

    class Meta:
        model = Slideshow
        fields = []

    def filter_text(self, queryset, name, value):
        return search_words(queryset, ["title"], value)

    def filter_photographer(self, queryset, name, value: str):
        slides = Slide.objects.filter(slideshow=OuterRef("pk"), photo__photographer=value)
        return queryset.filter(Exists(slides))

    def filter_agency(self, queryset, name, value):
        agency = find_agency(value, name)
        return queryset.filter(
            Exists(Slide.objects.filter(slideshow=OuterRef("pk"), photo__agency=agency))
        )

    def filter_has_warnings(self, queryset, name, value):
        condition = Exists(ContentWarning.objects.filter(slideshow=OuterRef("pk"))) | Exists(
            ContentWarning.objects.filter(photo__slides__slideshow=OuterRef("pk"))
        )
        return queryset.filter(condition if value else ~condition)

    def filter_incomplete(self, queryset, name, value):
        condition = Q(declared_count__gt=F("present_count"))
        return queryset.filter(condition) if value else queryset.exclude(condition)


class VideoFilter(FilterSet):
    speaker = SlugFilter(
        model=Speaker,
        method="filter_speaker",
        help_text="Videos in which this speaker (slug) has a turn.",
    )
    article = SlugFilter(model=Article, help_text="Article slug.")

    class Meta:
        model = Video
        fields = []

    def filter_speaker(self, queryset, name, value: str):
        return queryset.filter(turns__speaker=value).distinct()


class NameFilter(FilterSet):
    q = SearchFilter(
        method="filter_name",
        help_text="Part of the name or of any alias (case-insensitive); "
        f"at most {MAX_QUERY_LENGTH} characters.",
    )
    ordering = OrderingFilter(
        fields=(("name", "name"), ("photo_count", "photo_count")),
        help_text="Sort by name or photo_count (prefix `-` to reverse).",
    )

    def filter_name(self, queryset, name, value):
        return queryset.filter(aliases__name__icontains=value.strip()).distinct()


class PhotographerFilter(NameFilter):
    class Meta:
        model = Photographer
        fields = []


class AgencyFilter(NameFilter):
    class Meta:
        model = Agency
        fields = []
