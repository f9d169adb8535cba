from django.db import migrations

from catalog.groups import sync_photo_editors_group


def sync_group(apps, schema_editor):
    sync_photo_editors_group(apps)


class Migration(migrations.Migration):
    """Photo editors may also manage renditions, added since the group was made."""

    dependencies = [
        ("catalog", "0004_photo_search"),
    ]

    operations = [
        migrations.RunPython(sync_group, migrations.RunPython.noop),
    ]
