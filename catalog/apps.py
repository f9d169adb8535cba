from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Media catalog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from . import signals  # noqa: F401  (connects the file clean-up)
        from .changes import migrations_done, migrations_started, watch_catalog_writes

        connection_created.connect(watch_catalog_writes)
        pre_migrate.connect(migrations_started)
        post_migrate.connect(migrations_done)
        for connection in connections.all(initialized_only=True):
            watch_catalog_writes(None, connection)


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
