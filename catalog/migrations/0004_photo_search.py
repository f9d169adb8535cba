from django.db import migrations

from catalog.search import create_index, drop_index


class Migration(migrations.Migration):
    """Full-text index on photo titles and captions (see catalog.search)."""

    dependencies = [
        ("catalog", "0003_photo_images"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
