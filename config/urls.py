from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from catalog.api.views import ObtainAuthToken, RevokeAllTokens, RevokeToken

urlpatterns = [
    path("", RedirectView.as_view(url="/api/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/", include("catalog.api.urls")),
    path("api/token/", ObtainAuthToken.as_view(), name="api-token"),
    path("api/token/revoke/", RevokeToken.as_view(), name="api-token-revoke"),
    path("api/token/revoke-all/", RevokeAllTokens.as_view(), name="api-token-revoke-all"),
]

# In development the server also serves uploaded files; in production the web
# server or the storage service does (see README).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "catalog.api.errors.not_found"
