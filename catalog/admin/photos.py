"""Photos: find them by credit, fix captions, flag what may disturb."""

from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.text import Truncator

from catalog.models import ContentWarning, Photo
from catalog.services import flag_photos

from .display import (
    CatalogMedia,
    admin_url,
    changelist_url,
    excerpt,
    link,
    source_link,
    warning_badges,
)
from .filters import AutocompleteFilter, PhotoWarningFilter


class WarningInline(admin.TabularInline):
    """Content warnings, added or removed where the photo or slideshow is edited."""

    model = ContentWarning
    fields = ("kind", "note", "source")
    readonly_fields = ("source",)
    extra = 0

    def get_queryset(self, request):
        # Each row is labelled with str(warning), which names its photo or slideshow.
        return (
            super()
            .get_queryset(request)
            .select_related(
                "photo__photographer", "photo__agency", "photo__distributor", "slideshow"
            )
        )

    @admin.display(description="imported from")
    def source(self, warning):
        return source_link(warning)


class PhotoWarningInline(WarningInline):
    fk_name = "photo"


def photographer_photos_url(photographer_id: int) -> str:
    return changelist_url(Photo, photographer__id__exact=photographer_id)


@admin.register(Photo)
class PhotoAdmin(CatalogMedia, admin.ModelAdmin):
    autocomplete_filters = True
    list_display = ("caption_excerpt", "credit", "agency", "slideshow_list", "warnings")
    list_select_related = ("photographer", "agency", "distributor")
    list_filter = (
        ("agency", AutocompleteFilter),
        ("photographer", AutocompleteFilter),
        PhotoWarningFilter,
        ("slideshows", AutocompleteFilter),
    )
    search_fields = (
        "caption",
        "title",
        "photographer__name",
        "photographer__aliases__name",
        "agency__name",
        "agency__aliases__name",
    )
    search_help_text = "Caption, title, photographer or agency (any of their names)."
    autocomplete_fields = ("photographer", "agency", "distributor")
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 50
    actions = ["flag_as_graphic"]
    inlines = [PhotoWarningInline]
    readonly_fields = (
        "credit_line",
        "more_by_photographer",
        "slideshow_list",
        "source",
        "uid",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("title", "caption")}),
        (
            "Credit",
            {
                "fields": (
                    "photographer",
                    "agency",
                    "distributor",
                    "credit_role",
                    "credit_text",
                    "credit_line",
                    "more_by_photographer",
                )
            },
        ),
        (
            "Where it ran",
            {"fields": ("slideshow_list", "source", "uid", "created_at", "updated_at")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_listing()

    @admin.display(description="caption", ordering="caption")
    def caption_excerpt(self, photo):
        return excerpt(photo.caption or photo.title) or f"Photo {photo.uid}"

    @admin.display(description="credit")
    def credit(self, photo):
        if photo.photographer_id is None:
            return photo.credit_line or "—"
        return link(
            photographer_photos_url(photo.photographer_id),
            photo.credit_line,
            title=f"All photos by {photo.photographer}",
        )

    @admin.display(description="slideshows")
    def slideshow_list(self, photo):
        slideshows = [slide.slideshow for slide in photo.slides.all()]
        if not slideshows:
            return "—"
        return format_html_join(
            ", ",
            "{}",
            ((link(admin_url(show), Truncator(show.title).chars(40)),) for show in slideshows),
        )

    @admin.display(description="warnings")
    def warnings(self, photo):
        inherited = [w for slide in photo.slides.all() for w in slide.slideshow.warnings.all()]
        return warning_badges([*photo.warnings.all(), *inherited]) or ""

    @admin.display(description="more by the photographer")
    def more_by_photographer(self, photo):
        if photo.photographer_id is None:
            return "—"
        return link(
            photographer_photos_url(photo.photographer_id),
            f"All photos by {photo.photographer}",
        )

    @admin.display(description="imported from")
    def source(self, photo):
        return source_link(photo)

    @admin.action(description="Flag as graphic", permissions=["change"])
    def flag_as_graphic(self, request, queryset):
        flagged = flag_photos(photos=queryset)
        already = queryset.count() - flagged
        message = f"Flagged {flagged} photo{'s' if flagged != 1 else ''} as graphic."
        if already:
            message += f" {already} already had that warning."
        self.message_user(request, message, messages.SUCCESS)
