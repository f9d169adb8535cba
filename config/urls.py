from pathlib import Path

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path

from catalog.api.errors import api_not_found
from catalog.api.views import ObtainAuthToken, RevokeAllTokens, RevokeToken
from catalog.models.photos import PUBLIC_MEDIA
from catalog.views import front_page

urlpatterns = [
    path("", front_page, name="front-page"),
    path("admin/", admin.site.urls),
    path("api/", include("catalog.api.urls")),
    path("api/token/", ObtainAuthToken.as_view(), name="api-token"),
    path("api/token/revoke/", RevokeToken.as_view(), name="api-token-revoke"),
    path("api/token/revoke-all/", RevokeAllTokens.as_view(), name="api-token-revoke-all"),
]


def public_media() -> list:
    """In development the server also serves the renditions, which are public;
    in production the web server or the storage service does (see README).
    Original files are never served from here: only staff have them, from
    /api/photos/<id>/original/."""
    return static(
        f"{settings.MEDIA_URL}{PUBLIC_MEDIA}",
        document_root=Path(settings.MEDIA_ROOT) / PUBLIC_MEDIA,
    )


urlpatterns += public_media()
# Last: any other /api/ URL is a JSON 404 (with DEBUG on too), never a redirect.
urlpatterns += [re_path(r"^api(?:/.*)?$", api_not_found, name="api-not-found")]

handler404 = "catalog.api.errors.not_found"
