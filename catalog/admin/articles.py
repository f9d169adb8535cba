"""Articles with their source text and what each line became; videos and
their transcripts; uploading article files."""

import codecs
from collections import defaultdict

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse

from catalog.importers.batch import check_article_size, import_article
from catalog.importers.store import SUMMARY_MODELS
from catalog.models import Article, Speaker, TranscriptTurn, Video
from catalog.outcomes import ImportFailed

from .display import CatalogMedia, admin_url, excerpt, link, source_link
from .forms import FileUploadMixin, MultipleFileField
from .search import BoundedSearch


def records_by_line(article: Article) -> dict[int, list[str]]:
    """Links to every record imported from each line of the article.

    One query per kind of record, however many there are.
    """
    lines = defaultdict(list)

    def add(record, text, url):
        if record.source_line:
            lines[record.source_line].append(link(url, text))

    for photo in article.photos.all():
        add(photo, f"Photo: {excerpt(photo.caption or photo.title, 8)}", admin_url(photo))
    for show in article.slideshows.all():
        add(show, f"Slideshow: {show.title}", admin_url(show))
    for slide in article.slides.select_related("slideshow"):
        add(slide, f"Slide {slide.position} of {slide.slideshow.title}", admin_url(slide.slideshow))
    for warning in article.contentwarnings.all():
        target = reverse(
            "admin:catalog_photo_change" if warning.photo_id else "admin:catalog_slideshow_change",
            args=[warning.photo_id or warning.slideshow_id],
        )
        add(warning, f"Warning: {warning.get_kind_display()}", target)
    for video in article.videos.all():
        add(video, f"Video: {video.title}", admin_url(video))
    for turn in article.transcriptturns.all():
        url = reverse("admin:catalog_video_change", args=[turn.video_id])
        add(turn, f"Turn {turn.position}: {turn.speaker_label}", url)
    return lines


class TranscriptTurnInline(admin.TabularInline):
    """The transcript, turn by turn; the text can be corrected in place."""

    model = TranscriptTurn
    fields = ("position", "speaker_name", "text", "source")
    readonly_fields = ("position", "speaker_name", "source")
    ordering = ("position",)
    extra = 0
    can_delete = False
    verbose_name_plural = "transcript"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("video", "speaker")

    @admin.display(description="speaker")
    def speaker_name(self, turn):
        speaker = turn.speaker
        if speaker is None:  # no name in the transcript: what it wrote instead
            return f"{turn.speaker_label} (unnamed)"
        name = f"{speaker.name} ({speaker.role})" if speaker.role else speaker.name
        return name if turn.speaker_label == speaker.name else f"{name}, as {turn.speaker_label}"

    @admin.display(description="imported from")
    def source(self, turn):
        return source_link(turn)


@admin.register(Video)
class VideoAdmin(BoundedSearch, CatalogMedia, admin.ModelAdmin):
    list_display = ("title", "turn_count", "article")
    ordering = ("id",)
    list_select_related = ("article",)
    search_fields = ("title",)
    show_full_result_count = False
    inlines = [TranscriptTurnInline]
    fields = ("title", "uid", "source")
    readonly_fields = ("uid", "source")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(turn_count=Count("turns"))

    @admin.display(description="turns", ordering="turn_count")
    def turn_count(self, video):
        return video.turn_count

    @admin.display(description="imported from")
    def source(self, video):
        return source_link(video)


@admin.register(Speaker)
class SpeakerAdmin(BoundedSearch, admin.ModelAdmin):
    list_display = ("name", "role")
    search_fields = ("name",)
    readonly_fields = ("slug",)
    show_full_result_count = False


class ArticleImportForm(forms.Form):
    files = MultipleFileField(
        label="Article files",
        help_text="One or more text dumps of article pages (.txt).",
        allow_empty_file=True,  # reported by the importer, as the command does
    )
    encoding = forms.CharField(initial="utf-8", help_text="Text encoding of the files.")
    force = forms.BooleanField(
        required=False,
        help_text="Apply files even when unchanged since their last import "
        "(overwrites editors' changes to imported fields).",
    )
    take_over = forms.BooleanField(
        required=False,
        label="Also update records other articles imported",
        help_text="Without it, a slideshow, photo or warning another article imported is "
        "linked as it is. With it, the file rewrites and trims them too, which needs "
        "permission to change and delete slideshows, slides, photos and warnings.",
    )
    dry_run = forms.BooleanField(
        required=False, label="Dry run", help_text="Report what would change; save nothing."
    )

    def clean_files(self):
        """Files over MAX_ARTICLE_BYTES are refused by their size, before they are read."""
        files = self.cleaned_data["files"]
        refused = []
        for upload in files:
            try:
                check_article_size(upload.size)
            except ImportFailed as error:
                refused.append(
                    ValidationError(
                        "%(name)s: %(reason)s",
                        code="too_large",
                        params={"name": upload.name, "reason": error.message},
                    )
                )
        if refused:
            raise ValidationError(refused)
        return files

    def clean_encoding(self):
        encoding = self.cleaned_data["encoding"].strip()
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ValidationError(
                "%(encoding)s is not a text encoding Python knows.",
                code="unknown_encoding",
                params={"encoding": encoding},
            ) from None
        return encoding


@admin.register(Article)
class ArticleAdmin(BoundedSearch, FileUploadMixin, CatalogMedia, admin.ModelAdmin):
    upload_form = ArticleImportForm
    upload_path = "import/"
    upload_title = "Import articles"
    upload_intro = (
        "Each file is imported whole or not at all; a file that cannot be read is "
        "reported as file:line: what is wrong, and the others still import. A file "
        "unchanged since its last import is left alone, so editors' corrections stand. "
        "Records other articles imported are linked, not changed. A file that would make "
        "a change you have no permission for is refused, and nothing of it is saved."
    )
    upload_summary_models = SUMMARY_MODELS

    list_display = ("__str__", "source_name", "source_agency", "updated_at", "imported_at")
    list_select_related = ("source_agency",)
    search_fields = ("headline", "summary", "slug", "source_name")
    show_full_result_count = False
    autocomplete_fields = ("source_agency", "lead_photo")
    readonly_fields = ("slug", "source_name", "imported_at", "source")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "headline",
                    "summary",
                    "byline",
                    "updated_at",
                    "source_agency",
                    "rights_notice",
                    "lead_photo",
                )
            },
        ),
        ("Source text", {"fields": ("source_name", "slug", "imported_at", "source")}),
    )

    @admin.display(description="source text, and what each line became")
    def source(self, article):
        records = records_by_line(article)
        rows = [
            (number, text, records.get(number, []))
            for number, text in enumerate(article.source_text.splitlines(), start=1)
        ]
        return render_to_string("admin/catalog/article/source_text.html", {"rows": rows})

    def import_upload(self, upload, options):
        # With the user: refused unless they may make every change the file makes.
        return import_article(upload.name, upload, **options)  # checked for size unread
