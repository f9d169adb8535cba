from rest_framework import permissions

from catalog.models import Photo


class ReadOnlyOrStaffWithModelPermissions(permissions.DjangoModelPermissions):
    """Anyone may read; only staff holding the model's add/change/delete permission write."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if request.method not in view.allowed_methods:
            return True  # the view answers 405, whoever asks
        user = request.user
        return bool(
            user
            and user.is_authenticated
            and user.is_staff
            and super().has_permission(request, view)
        )


class StaffCanChange(ReadOnlyOrStaffWithModelPermissions):
    """For actions that change an existing object whatever the HTTP verb (slide order)."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "POST": ["%(app_label)s.change_%(model_name)s"],
    }


class MaySeeOriginals(permissions.BasePermission):
    """Original image files: staff who may view photos (Photo.may_see_original)."""

    def has_permission(self, request, view):
        return Photo.may_see_original(request.user)


class StaffWhoMayViewUses(permissions.BasePermission):
    """The agency usage report: staff who may view uses."""

    def has_permission(self, request, view):
        user = request.user
        return bool(
            user and user.is_active and user.is_staff and user.has_perm("catalog.view_usage")
        )
