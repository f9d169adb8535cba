from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Media catalog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (connects the file clean-up)


class CatalogAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the catalog's site as `admin.site`."""

    default = False
    default_site = "catalog.sites.CatalogAdminSite"


class ApiTokensConfig(AppConfig):
    """django-rest-knox, shown to editors as what it holds: their API tokens."""

    default = False  # `catalog` in INSTALLED_APPS still means CatalogConfig
    name = "knox"
    label = "knox"
    verbose_name = "API tokens"
    default_auto_field = "django.db.models.AutoField"
