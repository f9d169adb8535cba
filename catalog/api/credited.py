"""`/api/photos/{uid}/credited/`: the photo's file with the catalog's current
credit, caption and copyright written into it (catalog.credited_files).

The web rendition by default, for anyone, as the renditions themselves are
public; `?size=original` gives the original file, for staff who may see
originals (Photo.may_see_original), as `/original/` does.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError

from catalog.credited_files import CannotWrite, credited_file
from catalog.models import Photo

SIZES = ("web", "original")


class CreditedFileMixin:
    """For the photo viewset: the `credited` action."""

    @extend_schema(
        summary="The picture with its credit written in",
        description="The web rendition (or, for staff, `size=original`) with the catalog's "
        "current credit, caption and copyright in its IPTC IIM, XMP and EXIF. The stored "
        "file is not changed.",
        parameters=[OpenApiParameter("size", OpenApiTypes.STR, enum=SIZES, default="web")],
        responses={(200, "image/*"): OpenApiTypes.BINARY},
        filters=False,
    )
    @action(detail=True, methods=["get"])
    def credited(self, request, id=None):
        size = request.query_params.get("size", "web")
        if size not in SIZES:
            raise ValidationError({"size": [f"One of: {', '.join(SIZES)}."]})
        original = size == "original"
        if original and not Photo.may_see_original(request.user):
            raise PermissionDenied("Original files are for staff who may view photos.")
        try:
            photo = Photo.objects.with_credit().with_renditions().filter(uid=id).first()
        except DjangoValidationError:
            photo = None
        if photo is None:
            raise NotFound()
        try:
            file = credited_file(photo, original=original)
        except CannotWrite as error:
            raise NotFound(str(error)) from None
        response = HttpResponse(file.content, content_type=file.content_type)
        response["Content-Disposition"] = content_disposition_header(True, file.filename)
        if original:
            response["Cache-Control"] = "private, no-cache"
        return response
