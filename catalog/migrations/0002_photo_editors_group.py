from django.db import migrations

from catalog.groups import PHOTO_EDITORS, sync_photo_editors_group


def create_group(apps, schema_editor):
    sync_photo_editors_group(apps)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=PHOTO_EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalog", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
