"""What the views that answer in other formats than JSON (CSV, JSON Lines,
JSON-LD: exports.py, jsonld.py) share."""

from .renderers import JSONRenderer


class ErrorsAsJSON:
    """An error is still written as the API's JSON error (errors.py), whatever
    format the request asked for."""

    json_formats = frozenset({"json", "api"})

    def finalize_response(self, request, response, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        if response.status_code >= 400 and renderer and renderer.format not in self.json_formats:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
