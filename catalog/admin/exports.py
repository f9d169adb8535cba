"""Exports from the admin's lists (catalog.exports): an action for the rows
selected, and "download all that match" links for every row the list's
search and filters find, streamed whatever their number."""

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse

from catalog.exports import FORMATS

LABELS = {"csv": "CSV", "jsonl": "JSON Lines"}


class ExportAdmin:
    """For a ModelAdmin: `export` (a catalog.exports.Export) as CSV and JSON Lines.
    Its `actions` name `export_csv` and `export_jsonl` to offer the action."""

    export = None

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "export/<str:fmt>/",
                self.admin_site.admin_view(self.export_view),
                name=f"{opts.app_label}_{opts.model_name}_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, fmt):
        """Every row the list shows with the same search and filters (the
        query string is the list's), in the list's order."""
        if fmt not in FORMATS:
            raise Http404
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:  # as the list itself answers them
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + "?e=1"
            )
        return self.export.response(changelist.queryset, fmt)

    def changelist_view(self, request, extra_context=None):
        opts = self.model._meta
        query = request.GET.urlencode()
        links = [
            (
                f"Export all that match ({LABELS[fmt]})",
                reverse(f"admin:{opts.app_label}_{opts.model_name}_export", args=[fmt])
                + (f"?{query}" if query else ""),
            )
            for fmt in FORMATS
        ]
        return super().changelist_view(request, {"export_links": links, **(extra_context or {})})

    @admin.action(description="Export selected %(verbose_name_plural)s (CSV)", permissions=["view"])
    def export_csv(self, request, queryset):
        return self.export.response(queryset, "csv")

    @admin.action(
        description="Export selected %(verbose_name_plural)s (JSON Lines)", permissions=["view"]
    )
    def export_jsonl(self, request, queryset):
        return self.export.response(queryset, "jsonl")
