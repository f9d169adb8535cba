"""Photos: find them by credit, fix captions, flag what may disturb."""

from collections import Counter

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from catalog import exports
from catalog.images.files import ImageRejected, check_size, inspect_image
from catalog.images.metadata import FIELDS as EMBEDDED_FIELDS
from catalog.images.store import ingest_image
from catalog.importers.batch import import_image
from catalog.labels import shorten
from catalog.models import (
    Agency,
    AgencyAlias,
    ContentWarning,
    Lease,
    Photo,
    Photographer,
    Rendition,
    RenditionSpec,
    Usage,
)
from catalog.paginators import EstimatingPaginator
from catalog.permissions import WriteNotAllowed
from catalog.rights import verdicts
from catalog.services import flag_photos, remove_image

from .display import (
    CatalogMedia,
    admin_url,
    badge,
    changelist_url,
    counted,
    excerpt,
    link,
    source_link,
    warning_badges,
)
from .exports import ExportAdmin
from .filters import AutocompleteFilter, PhotoWarningFilter
from .forms import FileUploadMixin, MultipleFileField
from .history import HistoryAdmin
from .rights import CostFilter, LeaseInline, UsableFilter, UsageInline, rights_badge, set_rights
from .search import search_terms

IMAGE_DISPLAYS = ("image_preview", "image_facts", "embedded_table")


# A photo's usage rights as editors set them, in the form and on the page.
RIGHTS_FIELDS = (
    "rights_category",
    "rights_restrictions",
    "rights_licence",
    "rights_source",
    "rights_licensor",
    "embargo_until",
)


class WarningInline(admin.TabularInline):
    """Content warnings, added or removed where the photo or slideshow is edited."""

    model = ContentWarning
    fields = ("kind", "note", "source")
    readonly_fields = ("source",)
    extra = 0
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}

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


class PhotoForm(forms.ModelForm):
    """The photo's fields, and its picture file, checked before anything is saved."""

    upload = forms.FileField(
        required=False,
        label="Image file",
        help_text="JPEG, PNG, WebP, TIFF or GIF. The credit, caption and headline embedded "
        "in it fill the fields left empty.",
    )
    rights_source = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        label="Rights source",
        help_text=Photo._meta.get_field("rights_source").help_text,
    )
    remove_image = forms.BooleanField(
        required=False,
        label="Remove the image file",
        help_text="The file, its thumbnail and web size and the metadata read from it are "
        "deleted; the photo, its caption and its credit stay.",
    )

    class Meta:
        model = Photo
        fields = (
            "title",
            "caption",
            "alt_text",
            "photographer",
            "agency",
            "distributor",
            "credit_role",
            "credit_text",
            "credit_conflict",
            *RIGHTS_FIELDS,
        )
        widgets = {"rights_restrictions": forms.Textarea(attrs={"rows": 2})}

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        try:
            check_size(upload.size, max_bytes=settings.MAX_IMAGE_BYTES)
            data = upload.read()
            facts = inspect_image(
                data,
                max_bytes=settings.MAX_IMAGE_BYTES,
                max_pixels=settings.MAX_IMAGE_PIXELS,
                max_decoded_bytes=settings.MAX_IMAGE_DECODED_BYTES,
            )
        except ImageRejected as rejected:
            raise ValidationError(rejected.message, code=rejected.reason) from None
        holder = Photo.objects.filter(image_sha256=facts.sha256).exclude(pk=self.instance.pk)
        if holder.exists():
            raise ValidationError(
                "This file is already the image of another photo.", code="duplicate"
            )
        return upload.name, data

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("remove_image") and cleaned_data.get("upload"):
            self.add_error(
                "remove_image",
                ValidationError(
                    "Upload a new file or remove the image, not both: a new file "
                    "replaces the old one by itself.",
                    code="remove_and_upload",
                ),
            )
        return cleaned_data


class AddPhotosForm(forms.Form):
    files = MultipleFileField(
        label="Image files",
        help_text="JPEG, PNG, WebP, TIFF or GIF files; each becomes a photo, with the "
        "credit, caption and headline embedded in it.",
        allow_empty_file=True,  # refused by the image checks, with their message
    )
    dry_run = forms.BooleanField(
        required=False, label="Dry run", help_text="Check the files; save nothing."
    )


class HasImageFilter(admin.SimpleListFilter):
    title = "image"
    parameter_name = "has_image"

    def lookups(self, request, model_admin):
        return [("yes", "With an image file"), ("no", "Without")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            # An image always comes with its hash, whose unique index serves this.
            return queryset.filter(image_sha256__isnull=self.value() == "no")
        return queryset


GRID_VIEW = "view"  # ?view=grid shows the page of photos as pictures


class PhotoChangeList(ChangeList):
    """The photo list; `view` chooses how it is drawn, so it is not a filter,
    but it stays in the filter, search and page links."""

    def get_filters_params(self, params=None):
        params = super().get_filters_params(params)
        params.pop(GRID_VIEW, None)
        return params

    def get_queryset(self, request, exclude_parameters=None):
        """Each photo of the page with its rights' `verdict` now, in one query."""
        return super().get_queryset(request, exclude_parameters).with_verdicts()

    def cards(self) -> list[dict]:
        """The page's photos as the grid draws them, from what the list
        prefetched (no query per photo)."""
        admin_ = self.model_admin
        return [
            {
                "pk": photo.pk,
                "url": admin_url(photo),
                "thumbnail": admin_.thumbnail(photo, scale=1, css_class="catalog-card-image")
                or admin_.no_picture(),
                "caption": excerpt(photo.caption or photo.title, 24) or photo.label,
                "credit": photo.credit_line or "No credit",
                "rights": rights_badge(photo.verdict),
                "warnings": admin_.warnings(photo),
                "slideshows": admin_.slideshow_list(photo, empty=""),
            }
            for photo in self.result_list
        ]


def photographer_photos_url(photographer_id: int) -> str:
    return changelist_url(Photo, photographer__id__exact=photographer_id)


@admin.register(Photo)
class PhotoAdmin(HistoryAdmin, ExportAdmin, FileUploadMixin, CatalogMedia, admin.ModelAdmin):
    upload_form = AddPhotosForm
    upload_path = "add-files/"
    upload_title = "Add photos from files"
    upload_intro = (
        "Each file is checked and saved whole or not at all; the same file is kept "
        "once. A file that is not an image we accept, or is damaged or too large, is "
        "reported with the reason."
    )
    upload_summary_models = (Photo, Rendition, Photographer, Agency, AgencyAlias)

    autocomplete_filters = True
    form = PhotoForm
    list_display = (
        "caption_excerpt",
        "thumbnail",
        "credit",
        "agency",
        "rights",
        "slideshow_list",
        "warnings",
    )
    list_select_related = ("photographer", "agency", "distributor")
    ordering = ("-id",)  # newest first, as the API lists them
    change_list_template = "admin/catalog/photo/change_list.html"
    list_filter = (
        ("agency", AutocompleteFilter),
        ("photographer", AutocompleteFilter),
        PhotoWarningFilter,
        ("slideshows", AutocompleteFilter),
        HasImageFilter,
        "credit_conflict",
        UsableFilter,
        CostFilter,
        "rights_category",
    )
    search_fields = ("caption",)  # shows the search box; get_search_results does the work
    search_help_text = "Caption, title, photographer or agency (any of their names)."
    autocomplete_fields = ("photographer", "agency", "distributor")
    show_full_result_count = False
    paginator = EstimatingPaginator
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 50
    actions = ["flag_as_graphic", set_rights, "export_csv", "export_jsonl"]
    export = exports.PHOTOS
    inlines = [PhotoWarningInline, LeaseInline, UsageInline]
    readonly_fields = (
        "rights_verdict",
        "credit_line",
        "more_by_photographer",
        "slideshow_list",
        "inherited_warnings",
        "source",
        "uid",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("title", "caption", "alt_text")}),
        (
            "Image",
            {
                "fields": (
                    "image_preview",
                    "upload",
                    "remove_image",
                    "image_facts",
                    "credit_conflict",
                    "embedded_table",
                )
            },
        ),
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
            "Usage rights",
            {
                "fields": (
                    "rights_verdict",
                    *RIGHTS_FIELDS,
                ),
                "description": "Leases, which allow or deny its use for a time, and its "
                "uses follow below.",
            },
        ),
        (
            "Where it ran",
            {"fields": ("slideshow_list", "source", "uid", "created_at", "updated_at")},
        ),
        (
            "Content warnings from its slideshows",
            {
                "fields": ("inherited_warnings",),
                "description": "A slideshow's warnings hold for every photo in it. They are "
                "shown here, read-only; change them on the slideshow's page. The photo's own "
                "warnings follow.",
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_listing()

    def get_changelist(self, request, **kwargs):
        return PhotoChangeList

    def changelist_view(self, request, extra_context=None):
        """The list, or with `?view=grid` the same photos as pictures."""
        grid = request.GET.get(GRID_VIEW) == "grid"
        as_list, as_grid = request.GET.copy(), request.GET.copy()
        as_list.pop(GRID_VIEW, None)
        as_grid[GRID_VIEW] = "grid"
        for query in (as_list, as_grid):
            query.pop("p", None)  # the other view starts on its first page
        extra_context = {
            **(extra_context or {}),
            "grid_view": grid,
            "list_view_url": f"?{as_list.urlencode()}",
            "grid_view_url": f"?{as_grid.urlencode()}",
        }
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):
        """Each word must be in the caption or title (through the full-text
        index), or in a name or alias of the photographer or the agency; the
        words bounded as everywhere (search.search_terms)."""
        for word in search_terms(search_term):
            queryset = queryset.filter(
                Q(pk__in=Photo.objects.search(word).values("pk"))
                | Q(photographer__in=Photographer.objects.filter(aliases__name__icontains=word))
                | Q(agency__in=Agency.objects.filter(aliases__name__icontains=word))
            )
        return queryset, False

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *IMAGE_DISPLAYS)

    def get_fieldsets(self, request, obj=None):
        """ "Remove the image file" only on a photo that has one."""
        if obj is not None and obj.image:
            return self.fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "remove_image"]})
            for name, options in self.fieldsets
        ]

    def save_formset(self, request, form, formset, change):
        """Leases and uses added here are the editor's."""
        for obj in formset.save(commit=False):
            if isinstance(obj, (Lease, Usage)) and obj.pk is None:
                obj.created_by = request.user
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("remove_image"):
            # The admin capitalises a message's first letter: a file name goes later.
            name = f"The image file {obj.image_name}" if obj.image_name else "The image file"
            if remove_image(photo=obj):
                self.message_user(
                    request,
                    f"{name} was removed from this photo, with its thumbnail and web size.",
                    messages.SUCCESS,
                )
        upload = form.cleaned_data.get("upload")
        if upload:
            name, data = upload
            _, summary = ingest_image(data, name=name, photo=obj, user=request.user)
            for notice in summary.notices:
                self.message_user(request, f"File {name}: {notice.message}", messages.WARNING)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A file whose embedded credit names an agency or photographer the
        editor may not add is refused: the whole save is undone (the change
        form runs in one transaction) and the form comes back saying why."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except WriteNotAllowed as refused:
            self.message_user(request, f"{refused}. Nothing was saved.", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def import_upload(self, upload, options):
        # The file object, so that one over MAX_IMAGE_BYTES is refused unread.
        return import_image(upload.name, upload, dry_run=options["dry_run"], user=options["user"])

    def upload_results(self, outcomes, *, dry_run):
        """Per file: its thumbnail and a link to its photo (unless nothing was
        saved), what happened, and what the editor should know. One query
        for all the thumbnails."""
        saved = {} if dry_run else {o.record.pk: o.record for o in outcomes if o.ok and o.record}
        thumbnails = {
            rendition.photo_id: rendition
            for rendition in Rendition.objects.filter(
                photo__in=list(saved), spec=RenditionSpec.THUMBNAIL
            )
        }
        rows = []
        for outcome in outcomes:
            photo = saved.get(outcome.record.pk) if outcome.ok and outcome.record else None
            picture = thumbnails.get(photo.pk) if photo else None
            rows.append(
                {
                    "name": outcome.name,
                    "ok": outcome.ok,
                    "outcome": outcome.state if outcome.ok else "refused",
                    "error": None if outcome.ok else outcome.error.message,
                    "notices": [notice.message for notice in outcome.notices],
                    "photo": photo,
                    "url": admin_url(photo) if photo else None,
                    "thumbnail": picture,
                }
            )
        return rows

    @admin.display(description="")
    def thumbnail(self, photo, scale=3, css_class="catalog-thumbnail"):
        """The thumbnail rendition, drawn at 1/`scale` of its size (sharp on
        dense screens); the grid draws it larger."""
        rendition = photo.rendition(RenditionSpec.THUMBNAIL)
        if rendition is None:
            return ""
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="" class="{}" loading="lazy">',
            rendition.file.url,
            rendition.width // scale,
            rendition.height // scale,
            css_class,
        )

    def no_picture(self):
        return format_html('<span class="catalog-no-picture">{}</span>', "No picture")

    @admin.display(description="picture")
    def image_preview(self, photo):
        rendition = photo.rendition(RenditionSpec.WEB) if photo.pk else None
        if rendition is None:
            return "No image file: upload one below."
        return format_html(
            '<a href="{}" title="The original file">'
            '<img src="{}" alt="{}" class="catalog-preview"></a>',
            reverse("api:photo-original", args=[photo.uid]),  # staff only, not under /media/
            rendition.file.url,
            photo.alt_text
            or shorten(photo.caption or photo.title, 250)
            or f"The picture: {photo.label}",
        )

    @admin.display(description="file")
    def image_facts(self, photo):
        if not photo.image:
            return "—"
        credited = reverse("api:photo-credited", args=[photo.uid])
        return format_html(
            "{} · {} x {} px · {} bytes · {}<br><small>SHA-256 {}</small><br>"
            'Download with the credit and caption written in: <a href="{}">web size</a> · '
            '<a href="{}?size=original">original</a>',
            photo.image_name,
            photo.image_width,
            photo.image_height,
            f"{photo.image_size:,}",
            photo.image_format,
            photo.image_sha256,
            credited,
            credited,
        )

    @admin.display(description="embedded in the file")
    def embedded_table(self, photo):
        rows = [(name.replace("_", " "), photo.embedded.get(name)) for name in EMBEDDED_FIELDS]
        rows = [(name, value) for name, value in rows if value]
        if not rows:
            return "—"
        return format_html(
            '<table class="catalog-embedded">{}</table>',
            format_html_join("", "<tr><th>{}</th><td>{}</td></tr>", rows),
        )

    @admin.display(description="caption", ordering="caption")
    def caption_excerpt(self, photo):
        return excerpt(photo.caption or photo.title) or photo.label

    @admin.display(description="rights")
    def rights(self, photo):
        return rights_badge(getattr(photo, "verdict", None))

    @admin.display(description="now")
    def rights_verdict(self, photo):
        if photo.pk is None:
            return "—"
        verdict = verdicts([photo.pk])[photo.pk]
        return format_html("{} {}", rights_badge(verdict), " ".join(verdict.reasons))

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
    def slideshow_list(self, photo, empty="—"):
        slideshows = [slide.slideshow for slide in photo.slides.all()]
        if not slideshows:
            return empty
        return format_html_join(
            ", ",
            "{}",
            ((link(admin_url(show), shorten(show.title, 40)),) for show in slideshows),
        )

    @admin.display(description="warnings")
    def warnings(self, photo):
        inherited = [w for slide in photo.slides.all() for w in slide.slideshow.warnings.all()]
        return warning_badges([*photo.warnings.all(), *inherited]) or ""

    @admin.display(description="inherited")
    def inherited_warnings(self, photo):
        """Each slideshow's warnings, a note said several times shown once."""
        rows = []
        for slide in photo.slides.all():
            counts = Counter(
                (w.get_kind_display(), w.note.strip()) for w in slide.slideshow.warnings.all()
            )
            rows += [
                (
                    badge(counted(kind, count), "warning"),
                    note or "(no note)",
                    link(admin_url(slide.slideshow), shorten(slide.slideshow.title, 60)),
                )
                for (kind, note), count in counts.items()
            ]
        if not rows:
            return "None: no slideshow it is in has a warning."
        return format_html(
            '<ul class="catalog-list catalog-inherited-warnings">{}</ul>',
            format_html_join("", "<li>{} {} <small>from the slideshow {}</small></li>", rows),
        )

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
