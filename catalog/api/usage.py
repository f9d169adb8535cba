"""Uses of photos (`/api/uses/`) and the monthly agency usage report
(`/api/reports/agency-usage/`, JSON or CSV)."""

import csv
import io

import django_filters
from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, renderers, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from catalog.models import Photo, Usage, UsagePlatform
from catalog.models.lookups import keys_present
from catalog.usage_report import CSV_HEADER, agency_usage, csv_rows, parse_month

from .caching import ConditionalRead
from .filters import FilterSet
from .permissions import StaffWhoMayViewUses
from .renderers import JSONRenderer
from .serializers import SlugLookupField
from .timeouts import AnonymousReadTimeLimit


class UsageSerializer(serializers.ModelSerializer):
    """Where and when a photo ran. Uses an import recorded name their article
    (and slideshow); a use reported here says `where`."""

    photo = SlugLookupField(slug_field="uid", queryset=Photo.objects.all())
    article = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    slideshow = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Usage
        fields = ["id", "photo", "where", "used_at", "platform", "article", "slideshow"]
        extra_kwargs = {"where": {"required": True}}

    def validate_where(self, value):
        if not value.strip():
            raise serializers.ValidationError("Say where the photo was used.", code="blank")
        return value


class UsageFilter(FilterSet):
    photo = django_filters.UUIDFilter(method="filter_photo", help_text="The photo's id.")
    platform = django_filters.ChoiceFilter(choices=UsagePlatform.choices)

    class Meta:
        model = Usage
        fields = []

    def filter_photo(self, queryset, name, value):
        pk = keys_present(Photo, "uid", [value]).get(value)
        if pk is None:
            raise ValidationError({name: [f"No photo has the id {value}."]})
        return queryset.filter(photo_id=pk)


@extend_schema_view(
    list=extend_schema(summary="List uses of photos, newest first"),
    retrieve=extend_schema(summary="A use of a photo"),
    create=extend_schema(
        summary="Record a use of a photo (staff)",
        request={"application/json": UsageSerializer},
        responses={201: UsageSerializer},
    ),
)
class UsageViewSet(
    ConditionalRead,
    AnonymousReadTimeLimit,
    mixins.CreateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    queryset = Usage.objects.select_related("photo", "article", "slideshow").order_by(
        "-used_at", "-id"
    )
    serializer_class = UsageSerializer
    filterset_class = UsageFilter

    def perform_create(self, serializer):
        with transaction.atomic():
            serializer.save(created_by=self.request.user)


class CSVRenderer(renderers.BaseRenderer):
    """The agency usage report as CSV, one row per agency and collection."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_HEADER)
        writer.writerows(csv_rows(data))
        return out.getvalue().encode(self.charset)


class ReportSerializer(serializers.Serializer):
    """Schema of the report (see catalog.usage_report)."""

    month = serializers.CharField()
    agencies = serializers.ListField(child=serializers.DictField())


class AgencyUsageReport(GenericAPIView):
    """Agency photos used in a month, by agency and collection, against quota (staff)."""

    serializer_class = ReportSerializer
    renderer_classes = [JSONRenderer, CSVRenderer]
    permission_classes = [StaffWhoMayViewUses]

    @extend_schema(
        summary="Agency photos used in a month (staff)",
        parameters=[
            OpenApiParameter("month", OpenApiTypes.STR, required=True, description="YYYY-MM"),
        ],
        responses={
            (200, "application/json"): ReportSerializer,
            (200, "text/csv"): OpenApiTypes.STR,
        },
    )
    def handle_exception(self, exc):
        """Errors in JSON, as everywhere in the API, whatever format was asked."""
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response

    def get(self, request):
        try:
            month = parse_month(request.query_params.get("month", ""))
        except ValueError as error:
            raise ValidationError({"month": [str(error)]}) from error
        response = Response(agency_usage(month))
        if request.accepted_renderer.format == "csv":
            name = f"agency-usage-{month:%Y-%m}.csv"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
