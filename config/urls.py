from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from rest_framework.authtoken.views import obtain_auth_token

urlpatterns = [
    path("", RedirectView.as_view(url="/api/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/", include("catalog.api.urls")),
    path("api/token/", obtain_auth_token, name="api-token"),
]

handler404 = "catalog.api.errors.not_found"
