"""The site's URLs plus the renditions, served as `make run` serves them in
development (config.urls adds them only when DEBUG is on), so that the
browser shows the pictures the tests make."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from catalog.models.photos import PUBLIC_MEDIA
from config.urls import handler404, urlpatterns  # noqa: F401


def serve_rendition(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT / PUBLIC_MEDIA)


urlpatterns = [
    *urlpatterns,
    re_path(rf"^{settings.MEDIA_URL.lstrip('/')}{PUBLIC_MEDIA}(?P<path>.*)$", serve_rendition),
]
