"""`/api/<resource>/<key>/history/`: a record's edit history, for staff; and
`…/history/<version>/revert/`, which makes that version current again.

The versions come from catalog.history, as the admin's History page shows
them: newest first, each with who, when, through what, why, and each field
before → after as an editor reads it (names for credits, labels for kinds).
A photo's history holds its warnings' versions; a slideshow's its slides'
(their order) and warnings'. A fixed number of queries, whatever the count.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from catalog import history


class IsStaff(BasePermission):
    """Staff who may view the resource's model."""

    def has_permission(self, request, view):
        user = request.user
        opts = _model(view)._meta
        return bool(
            user
            and user.is_authenticated
            and user.is_staff
            and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
        )


def _model(view):
    return view.queryset.model if view.queryset is not None else view.model


class ChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    before = serializers.CharField()
    after = serializers.CharField()


class EntrySerializer(serializers.Serializer):
    version = serializers.IntegerField(source="history_id")
    record = serializers.CharField(source="model_name", help_text="photo, slide, warning…")
    subject = serializers.CharField(help_text="For a slide or a warning: which.")
    kind = serializers.ChoiceField(choices=["created", "changed", "deleted"])
    date = serializers.DateTimeField()
    user = serializers.SerializerMethodField()
    via = serializers.CharField(help_text="admin, api, import or shell")
    reason = serializers.CharField(help_text="The imported file, a merge, a revert.")
    changes = ChangeSerializer(many=True)

    def get_user(self, entry) -> str | None:
        return entry.user.get_username() if entry.user else None


class HistoryMixin:
    """For a viewset: the `history` and `revert` actions."""

    def _record(self):
        model = _model(self)
        lookup = self.lookup_url_kwarg or self.lookup_field
        try:
            obj = model._default_manager.filter(**{self.lookup_field: self.kwargs[lookup]}).first()
        except DjangoValidationError:  # a malformed uid names nothing
            obj = None
        if obj is None:
            raise NotFound()
        return obj

    @extend_schema(
        summary="The edit history (staff)",
        responses={200: EntrySerializer(many=True)},
        filters=False,
    )
    @action(detail=True, methods=["get"], permission_classes=[IsStaff], pagination_class=None)
    def history(self, request, **kwargs):
        return Response(EntrySerializer(history.entries(self._record()), many=True).data)

    @extend_schema(
        summary="Make an earlier version current again (staff)",
        request=None,
        responses={200: inline_serializer("Reverted", {"reverted_to": serializers.IntegerField()})},
        filters=False,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"history/(?P<version>[0-9]+)/revert",
        permission_classes=[IsStaff],
    )
    def revert(self, request, version=None, **kwargs):
        obj = self._record()
        version = int(version)
        model = history.version_model(obj, version)
        if model is None:
            raise NotFound("This record has no such version.")
        if not request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
            self.permission_denied(request, message="You may not change this record.")
        try:
            history.revert(model, version, user=request.user)
        except history.RevertFailed as failed:
            raise ValidationError({"version": [str(failed)]}) from None
        return Response({"reverted_to": version})
