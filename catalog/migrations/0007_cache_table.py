"""The database cache's table (settings.CACHES), where the API's throttles count
requests when no Redis is configured: made by `migrate`, so that a fresh
install and an upgrade need no other step. Nothing is made for other caches."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_photo_indexes")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
