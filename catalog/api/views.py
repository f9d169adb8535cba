"""API views: declarative viewsets over the QuerySet methods the admin uses too."""

import mimetypes
from pathlib import PurePath

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import FileResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from knox.models import AuthToken
from rest_framework import status, viewsets
from rest_framework.authtoken import views as authtoken_views
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, Throttled, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog import exports
from catalog.logins import cool_off_seconds, lockout_message
from catalog.models import (
    Agency,
    Article,
    ContentWarning,
    Photo,
    Photographer,
    Slideshow,
    TranscriptTurn,
    Video,
)
from catalog.models.lookups import keys_present
from catalog.services import OrderConflict, reorder_slides

from . import errors, filters, readers, representations, serializers
from .authentication import TokenAuthentication
from .caching import ConditionalRead
from .credited import CreditedFileMixin
from .exports import ExportMixin
from .facets import FACETS, photo_facets, requested_facets
from .history import HistoryMixin
from .jsonld import JSONLDMixin
from .pagination import FacetedPageNumberPagination
from .permissions import MaySeeOriginals, StaffCanChange
from .rights import judged_at
from .throttles import TokenAddressThrottle, TokenUsernameThrottle
from .timeouts import AnonymousReadTimeLimit

UUID_PATTERN = r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"
# What a SlugField holds (Django's validate_slug): anything else names nothing.
SLUG_PATTERN = r"[-a-zA-Z0-9_]+"


class LocatedCreate:
    """A 201 names the new record's URL in `Location`."""

    def get_success_headers(self, data):
        key = self.lookup_url_kwarg or self.lookup_field
        if key not in data:
            return {}
        return {"Location": self.reverse_action("detail", kwargs={key: data[key]})}


class ReadWriteSerializersMixin(LocatedCreate):
    """Writes take `write_serializer_class` and answer with the read representation."""

    write_serializer_class = None

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update", "image"}:
            return self.write_serializer_class
        return self.serializer_class

    def create(self, request, *args, **kwargs):
        writer = self.get_serializer(data=request.data)
        writer.is_valid(raise_exception=True)
        instance = writer.save()
        data = self.read(instance)
        return self.answer(
            writer,
            Response(data, status=status.HTTP_201_CREATED, headers=self.get_success_headers(data)),
        )

    def update(self, request, *args, **kwargs):
        writer = self.get_serializer(
            self.get_object(), data=request.data, partial=kwargs.get("partial", False)
        )
        writer.is_valid(raise_exception=True)
        instance = writer.save()
        return self.answer(writer, Response(self.read(instance)))

    def answer(self, writer, response: Response) -> Response:
        """The response, with what the write had to cut (an embedded value too long
        for its field, say) in an `Import-Notices` header, notices separated by ` | `."""
        notices = getattr(writer, "notices", [])
        if notices:
            text = " | ".join(notices).replace("\r", " ").replace("\n", " ")
            response["Import-Notices"] = text.encode("ascii", "replace").decode("ascii")
        return response

    def read(self, instance):
        fresh = self.get_queryset().get(pk=instance.pk)
        return self.serializer_class(fresh, context=self.get_serializer_context()).data


def json_body(serializer):
    """A request body declared as JSON alone: the data endpoints take JSON (the
    form encodings are accepted too, but a generated client needs one type)."""
    return {"application/json": serializer}


def writes(summary: str, read, write) -> dict:
    """extend_schema arguments of the create, update and partial_update of a
    viewset: JSON in, the read representation out."""
    return {
        "create": extend_schema(
            summary=f"Add {summary} (staff)", request=json_body(write), responses={201: read}
        ),
        "update": extend_schema(
            summary=f"Change {summary} (staff)", request=json_body(write), responses={200: read}
        ),
        "partial_update": extend_schema(
            summary=f"Change part of {summary} (staff)",
            request=json_body(write),
            responses={200: read},
        ),
    }


class VaryByAccount:
    """Photos show their original file's link to staff only, so a shared cache
    must keep an answer per account: the token as well as the session cookie."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ("Authorization",))
        return response


class RowsMixin:
    """Lists and details read as plain rows and represented by `represent(rows)`
    (see readers.py): the hot read paths skip model instances. The ORM picks the
    ids (every filter and ordering applies there); `rows(ids)` reads them.

    A detail is looked up by its unique lookup field in the whole table of
    `model`, in one small query: the views' querysets hide no rows.
    """

    model = None

    def rows(self, ids: list[int]) -> list[dict]:
        raise NotImplementedError

    def represent(self, rows: list[dict]) -> list[dict]:
        raise NotImplementedError

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        ids = self.paginator.paginate_ids(queryset, request, view=self)
        self.listed(queryset)
        return self.get_paginated_response(self.represent(self.rows(ids)))

    def listed(self, queryset):
        """Called with the filtered queryset of a list, for what goes beside the page."""

    def retrieve(self, request, *args, **kwargs):
        value = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        try:
            pk = keys_present(self.model, self.lookup_field, [value]).get(value)
        except DjangoValidationError:
            pk = None
        if pk is None:
            raise NotFound()
        return Response(self.read_row(pk))

    def read(self, instance):
        return self.read_row(instance.pk)

    def read_row(self, pk: int) -> dict:
        rows = self.rows([pk])
        if not rows:  # deleted since its id was found
            raise NotFound()
        return self.represent(rows)[0]


class SlugLookupMixin:
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN


class UidLookupMixin:
    lookup_field = "uid"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_PATTERN

    def get_object(self):
        try:
            return super().get_object()
        except DjangoValidationError:
            raise NotFound() from None


@extend_schema_view(
    list=extend_schema(
        summary="List photos",
        parameters=[
            OpenApiParameter(
                "facet",
                OpenApiTypes.STR,
                description="Comma-separated facets to count beside the page: "
                f"{', '.join(FACETS)}.",
            )
        ],
    ),
    retrieve=extend_schema(summary="A photo"),
    **writes("a photo", representations.PhotoSerializer, serializers.PhotoDataSerializer),
    destroy=extend_schema(summary="Delete a photo (staff)"),
)
class PhotoViewSet(
    HistoryMixin,
    VaryByAccount,
    ConditionalRead,
    AnonymousReadTimeLimit,
    UidLookupMixin,
    ExportMixin,
    JSONLDMixin,
    CreditedFileMixin,
    RowsMixin,
    ReadWriteSerializersMixin,
    viewsets.ModelViewSet,
):
    """Photos with their credits, slideshows and warnings; filters compose."""

    model = Photo
    export = exports.PHOTOS
    queryset = Photo.objects.order_by("-id")
    serializer_class = representations.PhotoSerializer
    write_serializer_class = serializers.PhotoWriteSerializer
    filterset_class = filters.PhotoFilter
    pagination_class = FacetedPageNumberPagination

    def rows(self, ids):
        return readers.photos(ids, judged_at(self.request))

    def version_in_time(self) -> float:
        """Rights change with time as well as with writes (an embargo ends, a
        lease starts): a cached answer is current for the minute at most."""
        return timezone.now().timestamp() // 60 * 60

    def represent(self, rows):
        return readers.Reader(self.request).photos(rows)

    def listed(self, queryset):
        names = requested_facets(self.request.query_params.get("facet"))
        if names:
            self.paginator.facets = photo_facets(queryset, names)

    @extend_schema(
        summary="The original image file (staff)",
        description="The file as ingested, with all the metadata embedded in it (GPS "
        "included). Only for staff who may view photos; the renditions are public.",
        responses={(200, "image/*"): OpenApiTypes.BINARY},
        filters=False,
    )
    @action(detail=True, methods=["get"], permission_classes=[MaySeeOriginals])
    def original(self, request, id=None):
        photo = self.get_object()
        if not photo.image:
            raise NotFound("This photo has no image file.")
        try:
            handle = photo.image.open("rb")
        except FileNotFoundError:
            raise NotFound("The image file is missing from storage.") from None
        content_type, _ = mimetypes.guess_type(photo.image.name)
        response = FileResponse(
            handle,
            content_type=content_type or "application/octet-stream",
            filename=photo.image_name or PurePath(photo.image.name).name,
        )
        response["Cache-Control"] = "private, no-cache"  # never kept by a shared cache
        return response

    @extend_schema(
        summary="Upload the photo's image file (staff)",
        description="The file is ingested as on create: renditions made, embedded "
        "metadata read, and the photo's empty caption, headline and credit filled.",
        request={"multipart/form-data": serializers.PhotoImageSerializer},
        responses={200: representations.PhotoSerializer},
        filters=False,
    )
    @action(detail=True, methods=["put"], parser_classes=[MultiPartParser])
    def image(self, request, id=None):
        if "image" not in request.data:
            raise ValidationError({"image": ["Send the file as the `image` part."]})
        writer = self.get_serializer(
            self.get_object(), data={"image": request.data["image"]}, partial=True
        )
        writer.is_valid(raise_exception=True)
        return self.answer(writer, Response(self.read(writer.save())))


@extend_schema_view(
    list=extend_schema(summary="List slideshows"),
    retrieve=extend_schema(summary="A slideshow with its slides in order"),
    **writes(
        "a slideshow",
        representations.SlideshowDetailSerializer,
        serializers.SlideshowWriteSerializer,
    ),
    destroy=extend_schema(summary="Delete a slideshow (staff)"),
)
class SlideshowViewSet(
    HistoryMixin,
    VaryByAccount,
    ConditionalRead,
    AnonymousReadTimeLimit,
    SlugLookupMixin,
    RowsMixin,
    ReadWriteSerializersMixin,
    viewsets.ModelViewSet,
):
    """Slideshows: declared against present slide counts, cover, warnings."""

    model = Slideshow
    serializer_class = representations.SlideshowSerializer
    write_serializer_class = serializers.SlideshowWriteSerializer
    filterset_class = filters.SlideshowFilter

    def get_queryset(self):
        return Slideshow.objects.with_slide_count().order_by("title")

    def get_serializer_class(self):
        if self.action in {"retrieve", "order"}:
            return representations.SlideshowDetailSerializer
        return super().get_serializer_class()

    def rows(self, ids):
        return readers.slideshows(ids)

    def represent(self, rows):
        return readers.Reader(self.request).slideshows(rows, with_slides=self.action != "list")

    @extend_schema(
        summary="Reorder the slides (staff)",
        request=json_body(serializers.SlideOrderSerializer),
        responses={200: representations.SlideshowDetailSerializer},
    )
    @action(detail=True, methods=["post"], permission_classes=[StaffCanChange])
    def order(self, request, slug=None):
        slideshow = self.get_object()
        body = serializers.SlideOrderSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        slide_of = {slide.photo.uid: slide.pk for slide in slideshow.slides.all()}

        def slide_ids(field):
            unknown = [str(uid) for uid in body.validated_data[field] if uid not in slide_of]
            if unknown:
                raise ValidationError({field: [f"Photo {unknown[0]} is not in this slideshow."]})
            return [slide_of[uid] for uid in body.validated_data[field]]

        expected = slide_ids("expected") if "expected" in body.validated_data else None
        try:
            reorder_slides(slideshow=slideshow, slide_ids=slide_ids("photos"), expected=expected)
        except OrderConflict as conflict:
            return Response(errors.body(str(conflict)), status=status.HTTP_409_CONFLICT)
        except ValueError:
            raise ValidationError(
                {"photos": ["List every photo of the slideshow exactly once."]}
            ) from None
        return Response(self.read(slideshow))


@extend_schema_view(
    list=extend_schema(summary="List content warnings"),
    retrieve=extend_schema(summary="A content warning"),
    create=extend_schema(
        summary="Flag a photo or a slideshow (staff)",
        request=json_body(serializers.ContentWarningSerializer),
    ),
    update=extend_schema(
        summary="Change a warning (staff)", request=json_body(serializers.ContentWarningSerializer)
    ),
    partial_update=extend_schema(
        summary="Change part of a warning (staff)",
        request=json_body(serializers.ContentWarningSerializer),
    ),
    destroy=extend_schema(summary="Remove a warning (staff)"),
)
class ContentWarningViewSet(
    HistoryMixin,
    LocatedCreate,
    ConditionalRead,
    AnonymousReadTimeLimit,
    UidLookupMixin,
    viewsets.ModelViewSet,
):
    queryset = ContentWarning.objects.select_related("photo", "slideshow").order_by("-id")
    serializer_class = serializers.ContentWarningSerializer
    filterset_fields = ["kind"]


@extend_schema_view(
    list=extend_schema(summary="List photographers with their photo counts"),
    retrieve=extend_schema(summary="A photographer"),
)
class PhotographerViewSet(
    HistoryMixin,
    ConditionalRead,
    AnonymousReadTimeLimit,
    SlugLookupMixin,
    ExportMixin,
    viewsets.ReadOnlyModelViewSet,
):
    export = exports.PHOTOGRAPHERS
    queryset = (
        Photographer.objects.with_photo_count()
        .with_agencies()
        .prefetch_related("aliases")
        .order_by("name")
    )
    serializer_class = representations.PhotographerSerializer
    filterset_class = filters.PhotographerFilter


@extend_schema_view(
    list=extend_schema(summary="List agencies with their aliases and photo counts"),
    retrieve=extend_schema(summary="An agency"),
)
class AgencyViewSet(
    HistoryMixin,
    ConditionalRead,
    AnonymousReadTimeLimit,
    SlugLookupMixin,
    viewsets.ReadOnlyModelViewSet,
):
    queryset = Agency.objects.with_photo_count().prefetch_related("aliases").order_by("name")
    serializer_class = representations.AgencySerializer
    filterset_class = filters.AgencyFilter


@extend_schema_view(
    list=extend_schema(summary="List videos with their transcripts"),
    retrieve=extend_schema(summary="A video with its transcript"),
)
class VideoViewSet(
    ConditionalRead, AnonymousReadTimeLimit, UidLookupMixin, viewsets.ReadOnlyModelViewSet
):
    queryset = (
        Video.objects.select_related("article")
        .prefetch_related(Prefetch("turns", TranscriptTurn.objects.select_related("speaker")))
        .order_by("id")
    )
    serializer_class = representations.VideoSerializer
    filterset_class = filters.VideoFilter


@extend_schema_view(
    list=extend_schema(summary="List articles"),
    retrieve=extend_schema(summary="An article with its body"),
)
class ArticleViewSet(
    ConditionalRead, AnonymousReadTimeLimit, SlugLookupMixin, viewsets.ReadOnlyModelViewSet
):
    queryset = (
        Article.objects.select_related("source_agency", "lead_photo")
        .prefetch_related("slideshows", "videos")
        .defer("source_text")
    )

    def get_serializer_class(self):
        if self.action == "retrieve":
            return representations.ArticleDetailSerializer
        return representations.ArticleSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.defer("body") if self.action == "list" else queryset


class ObtainAuthToken(authtoken_views.ObtainAuthToken):
    """`POST /api/token/`: a username and password give a new token.

    The token is shown this once: only its digest is stored (django-rest-knox).
    It lasts API_TOKEN_TTL_HOURS, and ends sooner when revoked or when the
    user's password changes.

    Axes counts failed logins here as it does at the admin's login form. Once
    the username and address are locked out even the right password fails;
    that is a 429, as at the admin, not DRF's 400 for a wrong password. (Axes
    marks the request it is handed, here DRF's, which its middleware never sees.)

    Tries are also limited per client address and per username, whether they
    fail or not (throttles.py): axes alone lets one address try any number
    of usernames.
    """

    throttle_classes = [TokenAddressThrottle, TokenUsernameThrottle]

    @extend_schema(
        summary="Get an API token",
        request=json_body(AuthTokenSerializer),
        responses={200: serializers.NewTokenSerializer},
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        try:
            serializer.is_valid(raise_exception=True)
        except ValidationError:
            if getattr(request, "axes_locked_out", False):
                raise Throttled(wait=cool_off_seconds(), detail=lockout_message()) from None
            raise
        token, key = AuthToken.objects.create(user=serializer.validated_data["user"])
        return Response({"token": key, "expiry": token.expiry})


class RevokeToken(APIView):
    """`POST /api/token/revoke/`: the token this request is made with ends now."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Revoke the token in use", request=None, responses={204: None})
    def post(self, request):
        request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class RevokeAllTokens(APIView):
    """`POST /api/token/revoke-all/`: every token of the user ends now.

    With a token, or logged in to the admin (with its CSRF token).
    """

    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Revoke all of your tokens", request=None, responses={204: None})
    def post(self, request):
        AuthToken.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
