"""Slideshows: slides in order, moved by dragging them or typing a new position."""

from collections import defaultdict
from collections.abc import Mapping, Sequence

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html

from catalog.labels import shorten
from catalog.models import RenditionSpec, Slide, Slideshow
from catalog.services import place_slides

from .display import CatalogMedia, admin_url, badge, excerpt, link, source_link, warning_badges
from .filters import CompletenessFilter, SlideshowWarningFilter
from .history import HistoryAdmin
from .photos import WarningInline
from .search import BoundedSearch


class SlideForm(forms.ModelForm):
    """A slide of the slideshow. `new_position` is not the model field, so
    that typing a position another slide holds is a move, not a clash."""

    new_position = forms.IntegerField(
        label="Position",
        min_value=1,
        widget=forms.NumberInput(attrs={"class": "vSmallField", "min": 1}),
        help_text="Drag the slide by its handle, or type another number to move it there.",
    )
    # Where the slide stood when the page was drawn: a move by someone else
    # since then is reported instead of silently undone.
    seen_position = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Slide
        fields = ("caption",)
        widgets = {"caption": forms.Textarea(attrs={"rows": 2, "cols": 36})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("new_position", self.instance.position)
            self.initial.setdefault("seen_position", self.instance.position)


class NewSlideForm(SlideForm):
    class Meta(SlideForm.Meta):
        fields = ("photo", "caption")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_position"].required = False
        self.fields["new_position"].help_text = "Leave empty to add it last."

    def clean(self):
        """Refuse a photo the slideshow has already (the database would, with a 500)."""
        cleaned_data = super().clean()
        photo, slideshow_id = cleaned_data.get("photo"), self.instance.slideshow_id
        if photo and slideshow_id and photo.slides.filter(slideshow_id=slideshow_id).exists():
            self.add_error(
                "photo",
                ValidationError("This photo is in the slideshow already.", code="already_in"),
            )
        return cleaned_data


class SlideFormSet(BaseInlineFormSet):
    def save_new(self, form, commit=True):
        """A new slide goes last until `requested_moves` places it."""
        top = self.instance.slides.aggregate(top=Max("position"))["top"] or 0
        form.instance.position = top + 1
        return super().save_new(form, commit=commit)

    def clean(self):
        super().clean()
        for form in self.forms:
            seen = form.cleaned_data.get("seen_position") if form.instance.pk else None
            if seen is not None and seen != form.instance.position:
                raise ValidationError(
                    "Someone else reordered these slides since you opened this page; "
                    "nothing was saved. Reload the page and make your change again.",
                    code="reordered_meanwhile",
                )

    def requested_moves(self) -> dict[int, int]:
        """Saved slides whose position the editor changed: id → position."""
        return {
            form.instance.pk: form.cleaned_data["new_position"]
            for form in self.forms
            if form.instance.pk
            and form not in self.deleted_forms
            and form.cleaned_data.get("new_position")
            and form.cleaned_data["new_position"] != form.instance.position
        }


class SlideInline(admin.TabularInline):
    """The slides present, in order, each with its picture. Their photo is
    shown, not edited: a select per row would cost a query per slide.

    slide_order.js lets the editor drag a slide by its handle; on the drop
    it numbers the position inputs 1..n in the order shown, and the save
    goes through the same checks as typed positions."""

    model = Slide
    form = SlideForm
    formset = SlideFormSet
    fields = ("new_position", "picture", "photo_link", "credit", "caption", "source")
    readonly_fields = ("picture", "photo_link", "credit", "source")
    ordering = ("position",)
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "slideshow", "photo__photographer", "photo__agency", "photo__distributor"
            )
            .prefetch_related("photo__warnings", "photo__renditions")
        )

    @property
    def media(self):
        return super().media + forms.Media(js=["catalog/admin/slide_order.js"])

    @admin.display(description="picture")
    def picture(self, slide):
        rendition = slide.photo.rendition(RenditionSpec.THUMBNAIL)
        if rendition is None:
            image = format_html('<span class="catalog-slide-placeholder">{}</span>', "No picture")
        else:
            image = format_html(
                '<img src="{}" width="{}" height="{}" alt="" class="catalog-thumbnail">',
                rendition.file.url,
                rendition.width // 3,
                rendition.height // 3,
            )
        return format_html(
            '<span class="catalog-drag-handle" title="Drag to move this slide" hidden>'
            "&#x2807;&#x2807;</span>{}",
            image,
        )

    @admin.display(description="photo")
    def photo_link(self, slide):
        badges = warning_badges(slide.photo.warnings.all())
        text = excerpt(slide.photo.caption or slide.photo.title, 12) or slide.photo.label
        return format_html("{} {}", link(admin_url(slide.photo), text), badges)

    @admin.display(description="credit")
    def credit(self, slide):
        return slide.photo.credit_line

    @admin.display(description="imported from")
    def source(self, slide):
        return source_link(slide)


class NewSlideInline(admin.TabularInline):
    model = Slide
    form = NewSlideForm
    formset = SlideFormSet
    fields = ("photo", "new_position", "caption")
    autocomplete_fields = ("photo",)
    verbose_name = "new slide"
    verbose_name_plural = "add slides"
    extra = 1
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).none()


class SlideshowWarningInline(WarningInline):
    fk_name = "slideshow"


@admin.register(Slideshow)
class SlideshowAdmin(HistoryAdmin, BoundedSearch, CatalogMedia, admin.ModelAdmin):
    list_display = ("title", "slide_count", "completeness", "warnings", "article")
    ordering = ("title",)
    list_select_related = ("article",)
    list_filter = (CompletenessFilter, SlideshowWarningFilter)
    search_fields = ("title", "heading")
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    autocomplete_fields = ("cover",)
    inlines = [SlideInline, NewSlideInline, SlideshowWarningInline]
    readonly_fields = ("slug", "slide_count", "completeness", "source")
    fieldsets = (
        (None, {"fields": ("title", "heading", "cover")}),
        ("Slides", {"fields": ("declared_count", "slide_count", "completeness")}),
        ("Where it came from", {"fields": ("slug", "source")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_slide_count().prefetch_related("warnings")

    def get_object(self, request, object_id, from_field=None):
        """On a save, lock the slideshow first (the admin's change view runs in a
        transaction), so that two editors saving at once are served in turn and
        the second sees the first's order when its form is checked."""
        if request.method == "POST" and str(object_id).isdigit():
            Slideshow.objects.select_for_update().filter(pk=object_id).first()
        return super().get_object(request, object_id, from_field)

    @admin.display(description="slides present", ordering="present_count")
    def slide_count(self, slideshow):
        declared = slideshow.declared_count
        if declared is None:
            return f"{slideshow.present_count}"
        return f"{slideshow.present_count} of {declared}"

    @admin.display(description="completeness")
    def completeness(self, slideshow):
        declared, present = slideshow.declared_count, slideshow.present_count
        if declared is None:
            return badge("no count declared", "undeclared")
        if present < declared:
            return badge(f"{declared - present} missing", "missing")
        return badge("complete", "complete")

    @admin.display(description="warnings")
    def warnings(self, slideshow):
        return warning_badges(slideshow.warnings.all()) or ""

    @admin.display(description="imported from")
    def source(self, slideshow):
        return source_link(slideshow)

    def save_related(self, request, form, formsets, change):
        """Save the slides, then put them where the editor asked: unique
        positions 1..n, with no gap where a slide was removed."""
        super().save_related(request, form, formsets, change)
        moves = {}
        for formset in formsets:
            if isinstance(formset, SlideFormSet):
                moves.update(formset.requested_moves())
        placed = place_slides(slideshow=form.instance, moves=moves)
        if moves:
            final = [slide.pk for slide in placed]
            notes = placement_notes(moves, final, slide_labels(set(moves)))
            message = "Slides reordered" + (": " + "; ".join(notes) if notes else ".")
            self.message_user(request, message, messages.SUCCESS)


def slide_labels(slide_ids) -> dict[int, str]:
    """Short names for slides, in one query."""
    slides = Slide.objects.filter(pk__in=slide_ids).select_related(
        "photo__photographer", "photo__agency", "photo__distributor"
    )
    return {slide.pk: shorten(slide.effective_caption or slide.photo.label, 40) for slide in slides}


def placement_notes(
    moves: Mapping[int, int], final: Sequence[int], labels: Mapping[int, str]
) -> list[str]:
    """How typed positions that could not all be honoured were resolved:
    several slides asking for one position, a position past the end.
    A consistent set of moves (a drag renumbers every slide) says nothing."""
    where = {pk: index for index, pk in enumerate(final, start=1)}
    last = len(final)

    def at(pk: int) -> str:
        return f"{where[pk]} (last)" if where[pk] == last else f"{where[pk]}"

    asked: dict[int, list[int]] = defaultdict(list)
    for pk, position in moves.items():
        asked[position].append(pk)
    notes = []
    for position in sorted(asked):
        pks = sorted(asked[position], key=where.get)
        names = [f"'{labels[pk]}'" for pk in pks]
        if len(pks) > 1:
            both = "both" if len(pks) == 2 else "all"
            who = ", ".join(names[:-1]) + f" and {names[-1]}"
            placed = ", ".join(f"{name} is {at(pk)}" for name, pk in zip(names, pks, strict=True))
            notes.append(f"{who} {both} asked for {position}: {placed}")
        elif where[pks[0]] != position:
            notes.append(f"{names[0]} asked for {position}: moved to {at(pks[0])}")
    return notes
