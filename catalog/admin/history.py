"""The History page of a photo, photographer, agency or slideshow: every
version with who, when, through what and each field before → after, and a
button that makes an earlier version current again (catalog.history)."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from catalog import history


class HistoryAdmin:
    """For a ModelAdmin: the catalog's edit history as its History page."""

    history_template = "admin/catalog/history.html"

    def get_urls(self):
        opts = self.model._meta
        revert = self.admin_site.admin_view(require_POST(self.revert_view))
        return [
            path(
                "<path:object_id>/history/<str:model_name>/<int:history_id>/revert/",
                revert,
                name=f"{opts.app_label}_{opts.model_name}_revert",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        found = history.entries(obj)
        latest = set()
        rows = []
        for entry in found:  # newest first: the first of each record is its current version
            key = (entry.model_name, entry.version.id)
            current = key not in latest
            latest.add(key)
            may_revert = request.user.has_perm(
                f"{entry.model._meta.app_label}.change_{entry.model_name}"
            )
            rows.append({"entry": entry, "revert": entry.revertible and not current and may_revert})
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {obj}",
            "subtitle": None,
            "object": obj,
            "opts": opts,
            "rows": rows,
            "media": self.media,
            "revert_url": f"admin:{opts.app_label}_{opts.model_name}_revert",
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.history_template, context)

    def revert_view(self, request, object_id, model_name, history_id):
        obj = self.get_object(request, unquote(object_id))
        model = history.version_model(obj, history_id) if obj is not None else None
        if model is None or model._meta.model_name != model_name:
            raise Http404
        if not request.user.has_perm(f"{model._meta.app_label}.change_{model_name}"):
            raise PermissionDenied
        opts = self.model._meta
        try:
            history.revert(model, history_id, user=request.user)
        except history.RevertFailed as failed:
            messages.error(request, f"Nothing was changed: {failed}")
        else:
            messages.success(request, f"Reverted to version #{history_id}.")
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
        )
