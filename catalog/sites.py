from django.contrib import admin


class CatalogAdminSite(admin.AdminSite):
    """The admin, titled for the product editors know."""

    site_header = "Media Catalog"
    site_title = "Media Catalog"
    index_title = "Catalog"
