from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from . import views
from .root import CatalogRouter

app_name = "api"

router = CatalogRouter()
router.register("slideshows", views.SlideshowViewSet, basename="slideshow")
router.register("photos", views.PhotoViewSet, basename="photo")
router.register("photographers", views.PhotographerViewSet, basename="photographer")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("warnings", views.ContentWarningViewSet, basename="warning")
router.register("videos", views.VideoViewSet, basename="video")
router.register("articles", views.ArticleViewSet, basename="article")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Its script as a file of its own, which the Content-Security-Policy allows.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html"),
        name="redoc",
    ),
]
