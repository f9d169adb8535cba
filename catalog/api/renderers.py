"""JSON responses encoded by orjson; the browsable API with its forms filled in.

On the hot read paths, encoding a page of photos with the standard library
took about a tenth of the request. orjson writes the same bytes as DRF's
JSONRenderer for the compact, UTF-8 JSON the API sends (tests/api/
test_renderers.py holds it to that), several times faster.
"""

import orjson
from rest_framework import renderers
from rest_framework.utils.serializer_helpers import ReturnDict


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSONRenderer, encoding compact JSON with orjson.

    Indented JSON (`Accept: application/json; indent=4`, the browsable API)
    and any value orjson cannot encode go to DRF's own encoder, so those
    answers, errors included, are exactly DRF's.
    """

    # Dates and dataclasses go to DRF's encoder, which writes UTC as `Z`.
    options = (
        orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
    )

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        indent = self.get_indent(accepted_media_type, renderer_context or {})
        if indent is not None or self.ensure_ascii or not self.compact:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            encoded = orjson.dumps(data, default=self._default, option=self.options)
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        # As DRF: JSON that is also valid JavaScript.
        return encoded.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")

    def _default(self, value):
        return self.encoder_class().default(value)


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's browsable API, with a record's edit forms filled in.

    A detail answers with a plain row (RowsMixin in views.py), which carries
    no serializer, so DRF would draw the PUT and raw-data forms empty, and
    sending one as drawn would blank the record. Here they start from the
    record, as on any DRF detail page."""

    def get_context(self, data, accepted_media_type, renderer_context):
        view = renderer_context["view"]
        response = renderer_context["response"]
        if (
            getattr(view, "action", None) == "retrieve"
            and isinstance(data, dict)
            and getattr(data, "serializer", None) is None
            and response.status_code == 200
        ):
            data = ReturnDict(data, serializer=view.get_serializer(view.get_object()))
        return super().get_context(data, accepted_media_type, renderer_context)


def view_name(view) -> str:
    """DRF's name for a view, a record's page called by its kind ("Photo"),
    not DRF's "Photo Instance"."""
    from rest_framework.views import get_view_name  # which imports the settings naming this

    return get_view_name(view).removesuffix(" Instance")
