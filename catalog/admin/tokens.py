"""API tokens in the admin: staff see and revoke their own, superusers everyone's.

Tokens are made at `POST /api/token/`; the admin never sees one whole, only
the first characters knox keeps to find it ("starts with").
"""

from django.contrib import admin
from knox.models import AuthToken

if admin.site.is_registered(AuthToken):
    admin.site.unregister(AuthToken)  # knox's own shows every token to anyone allowed


@admin.register(AuthToken)
class AuthTokenAdmin(admin.ModelAdmin):
    list_display = ("starts_with", "user", "created", "expiry")
    list_select_related = ("user",)
    list_filter = ("expiry",)
    search_fields = ("user__username",)
    ordering = ("-created",)
    fields = ("starts_with", "user", "created", "expiry")
    readonly_fields = fields

    @admin.display(description="starts with")
    def starts_with(self, token):
        return f"{token.token_key[:8]}…"

    def get_queryset(self, request):
        tokens = super().get_queryset(request)
        return tokens if request.user.is_superuser else tokens.filter(user=request.user)

    def _own(self, request, token) -> bool:
        return token is None or request.user.is_superuser or token.user_id == request.user.pk

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and self._own(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
