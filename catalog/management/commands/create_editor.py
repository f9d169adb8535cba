"""Create a photo editor's account without questions, for scripts and containers."""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog.groups import PHOTO_EDITORS, sync_photo_editors_group


class Command(BaseCommand):
    help = (
        "Create a photo editor: a staff account in the Photo editors group (every "
        "catalog permission, none on users), not a superuser. The name, password and "
        "e-mail come from EDITOR_USERNAME, EDITOR_PASSWORD and EDITOR_EMAIL; there is "
        "no default password, and the password is never taken from the command line."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--username", help="The account's name (default: EDITOR_USERNAME, else 'editor')."
        )
        parser.add_argument("--email", help="Its e-mail address (default: EDITOR_EMAIL).")

    def handle(self, *args, **options):
        username = options["username"] or os.environ.get("EDITOR_USERNAME") or "editor"
        email = options["email"] or os.environ.get("EDITOR_EMAIL", "")
        password = os.environ.get("EDITOR_PASSWORD", "")
        if not password:
            raise CommandError(
                "Set EDITOR_PASSWORD to the new editor's password (there is no default), "
                "e.g. EDITOR_USERNAME=jane EDITOR_PASSWORD='…' make editor"
            )
        users = get_user_model()
        if users._default_manager.filter(**{users.USERNAME_FIELD: username}).exists():
            raise CommandError(
                f"A user named {username!r} exists already; nothing was changed. "
                "Choose another EDITOR_USERNAME, or change that account in the admin."
            )
        user = users(**{users.USERNAME_FIELD: username}, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("The password is refused: " + " ".join(error.messages)) from None
        with transaction.atomic():
            user.set_password(password)
            user.save()
            group = Group.objects.filter(name=PHOTO_EDITORS).first()
            user.groups.add(group or sync_photo_editors_group())
        self.stdout.write(
            self.style.SUCCESS(f"Created photo editor {username!r} (staff, in {PHOTO_EDITORS}).")
        )
