"""Small pieces of HTML the catalog's admin pages share."""

from collections import Counter, defaultdict

from django import forms
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from catalog.models import WarningKind


def admin_url(obj: models.Model, view: str = "change") -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])


def changelist_url(model: type[models.Model], **filters) -> str:
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    if filters:
        url += "?" + "&".join(f"{key}={value}" for key, value in filters.items())
    return url


def link(url: str, text: str, **attrs) -> str:
    extra = format_html_join("", ' {}="{}"', attrs.items())
    return format_html('<a href="{}"{}>{}</a>', url, extra, text)


def excerpt(text: str, words: int = 16) -> str:
    return Truncator(text).words(words, truncate="…")


def source_url(article_id: int | None, line: int | None) -> str | None:
    """The line of an article's source text a record was imported from."""
    if article_id is None:
        return None
    url = reverse("admin:catalog_article_change", args=[article_id])
    return f"{url}#L{line}" if line else url


def source_link(obj: models.Model) -> str:
    """Provenance of an imported record: a link to its line, without a query."""
    url = source_url(obj.article_id, obj.source_line)
    if url is None:
        return "—"
    return link(url, f"line {obj.source_line}" if obj.source_line else "article")


def warning_badges(warnings) -> str:
    """One badge per kind of warning, in the order of `WarningKind`: "Graphic
    content x3" (with a times sign) when there are several, and each different note once (with
    how many say it) in the badge's title."""
    notes: dict[str, Counter] = defaultdict(Counter)
    for warning in warnings:
        notes[warning.kind][warning.note.strip()] += 1
    return format_html_join(
        " ",
        '<span class="catalog-badge catalog-badge-warning" title="{}">{}</span>',
        (
            (_badge_title(notes[value]), counted(label, notes[value].total()))
            for value, label in WarningKind.choices
            if value in notes
        ),
    )


TIMES = "\u00d7"  # the multiplication sign, as in "Violence x2"


def counted(label: str, count: int) -> str:
    return f"{label} {TIMES}{count}" if count > 1 else label


def _badge_title(notes: Counter) -> str:
    said = [counted(note, count) for note, count in notes.items() if note]
    return "Content warning" + (": " + "; ".join(said) if said else "")


def badge(text: str, tone: str) -> str:
    return format_html('<span class="catalog-badge catalog-badge-{}">{}</span>', tone, text)


class CatalogMedia:
    """The catalog's admin stylesheet, plus the scripts its autocomplete
    filters need (the admin ships them for its autocomplete fields)."""

    autocomplete_filters = False

    @property
    def media(self):
        media = super().media + forms.Media(css={"all": ["catalog/admin/catalog.css"]})
        if not self.autocomplete_filters:
            return media
        extra = "" if settings.DEBUG else ".min"
        return media + forms.Media(
            js=[
                f"admin/js/vendor/jquery/jquery{extra}.js",
                f"admin/js/vendor/select2/select2.full{extra}.js",
                "admin/js/jquery.init.js",
                "admin/js/autocomplete.js",
                "catalog/admin/autocomplete_filter.js",
            ],
            css={
                "screen": [
                    f"admin/css/vendor/select2/select2{extra}.css",
                    "admin/css/autocomplete.css",
                ]
            },
        )
