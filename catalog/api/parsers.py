"""Request bodies the API reads, held to Django's limit on them."""

from io import BytesIO

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from rest_framework import parsers


class BoundedBody:
    """Reads at most DATA_UPLOAD_MAX_MEMORY_SIZE bytes, as Django does for
    `request.body` and `request.POST`: DRF's JSON and form parsers read the
    request stream themselves, past Django's check. (Multipart bodies go
    through Django's own parser, which applies it.)"""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None:
            body = stream.read(limit + 1)
            if len(body) > limit:
                raise RequestDataTooBig(
                    "Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE."
                )
            stream = BytesIO(body)
        return super().parse(stream, media_type, parser_context)


class JSONParser(BoundedBody, parsers.JSONParser):
    pass


class FormParser(BoundedBody, parsers.FormParser):
    pass
