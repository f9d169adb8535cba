"""The staff groups the catalog ships with.

Used by a data migration and by tests that flush the database, so the
group always has the same permissions however it came to exist.
"""

from django.apps import apps as installed_apps

PHOTO_EDITORS = "Photo editors"
ACTIONS = ("add", "change", "delete", "view")


def sync_photo_editors_group(apps=installed_apps):
    """Create or update "Photo editors": every permission on the catalog's
    models, none on users or groups, nor on the edit history's tables (an
    editor reads and reverts the history through the records themselves).

    `apps` is the migration's app registry when a migration calls it; the
    permissions are created here because Django makes them only after the
    last migration has run.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = []
    for model in apps.get_app_config("catalog").get_models():
        opts = model._meta
        if opts.model_name.startswith("historical"):
            continue
        content_type, _ = ContentType.objects.get_or_create(
            app_label=opts.app_label, model=opts.model_name
        )
        for action in ACTIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{opts.model_name}",
                defaults={"name": f"Can {action} {opts.verbose_name_raw}"},
            )
            permissions.append(permission)
    group, _ = Group.objects.get_or_create(name=PHOTO_EDITORS)
    group.permissions.set(permissions)
    return group
