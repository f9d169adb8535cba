"""`?format=csv` and `?format=jsonl` on the photo and photographer lists:
every row the filters match, streamed (catalog.exports), for staff.

An export is the list without its pages: `page` and `page_size` are
ignored, and the rows come in the list's order. It is for staff who may
view the model (an export reads the whole table if asked to); anyone else
is answered 403.
"""

from rest_framework.exceptions import PermissionDenied
from rest_framework.renderers import BaseRenderer

from catalog.exports import FORMATS

from .formats import ErrorsAsJSON
from .renderers import JSONRenderer


class ExportRenderer(BaseRenderer):
    """Lets content negotiation accept the format; the export writes the body
    itself. What else reaches it (an error) is written as JSON."""

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return JSONRenderer().render(data, "application/json", renderer_context)


class CSVRenderer(ExportRenderer):
    media_type = "text/csv"
    format = "csv"


class JSONLinesRenderer(ExportRenderer):
    media_type = "application/jsonl"
    format = "jsonl"


class ExportMixin(ErrorsAsJSON):
    """For a list viewset: `export` (a catalog.exports.Export) in the formats above."""

    export = None

    def get_renderers(self):
        renderers = super().get_renderers()
        # None: a method the view does not allow, answered 405 in any format asked for.
        if self.action in ("list", None):
            renderers += [CSVRenderer(), JSONLinesRenderer()]
        return renderers

    def list(self, request, *args, **kwargs):
        fmt = request.accepted_renderer.format
        if fmt not in FORMATS:
            return super().list(request, *args, **kwargs)
        opts = self.export_model()._meta
        user = request.user
        if not (user.is_staff and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")):
            raise PermissionDenied("Exports are for staff who may view this list.")
        return self.export.response(self.filter_queryset(self.get_queryset()), fmt)

    def export_model(self):
        return self.queryset.model if self.queryset is not None else self.model
