from django.contrib import admin
from django.urls import reverse_lazy


class CatalogAdminSite(admin.AdminSite):
    """The admin, titled for the product editors know; "View site" opens the
    front page."""

    site_header = "Media Catalog"
    site_title = "Media Catalog"
    index_title = "Catalog"
    site_url = reverse_lazy("front-page")
