"""Side effects: files leave storage with the rows that hold them, once the
deletion commits; a user's API tokens end when their password changes; each
version of a record says through what it was made."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from knox.models import AuthToken
from simple_history.signals import pre_create_historical_record

from . import history
from .models import Photo, Rendition


def _delete_file_on_commit(field_file):
    if field_file:
        name, storage = field_file.name, field_file.storage
        transaction.on_commit(lambda: storage.delete(name))


@receiver(post_delete, sender=Photo)
def delete_photo_image(sender, instance, **kwargs):
    _delete_file_on_commit(instance.image)


@receiver(post_delete, sender=Rendition)
def delete_rendition_file(sender, instance, **kwargs):
    _delete_file_on_commit(instance.file)


@receiver(pre_create_historical_record)
def stamp_history(sender, history_instance, **kwargs):
    """Each version says through what and why it was made (catalog.history)."""
    history.stamp(history_instance)


# -- API tokens end with the password they were obtained with -----------------------


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def note_password_change(sender, instance, raw=False, update_fields=None, **kwargs):
    """Mark a user whose stored password hash is about to change.

    Every way of changing a password ends in a save of a new hash: the admin's
    password form, `changepassword`, `set_password()` or `set_unusable_password()`
    and a save. Django's own re-hash of an unchanged password on login (a
    stronger hasher) saves only the new hash without `set_password`'s raw
    password, and is not a change.
    """
    instance._password_changed = False
    if raw or instance.pk is None:
        return
    if update_fields is not None and "password" not in update_fields:
        return
    stored = sender._default_manager.filter(pk=instance.pk).values_list("password", flat=True)
    old = stored.first()
    if old is None or old == instance.password:
        return
    rehashed = (
        update_fields is not None
        and set(update_fields) == {"password"}
        and getattr(instance, "_password", None) is None
        and instance.has_usable_password()
    )
    instance._password_changed = not rehashed


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def revoke_tokens_on_password_change(sender, instance, raw=False, **kwargs):
    """All of a user's API tokens end, in the same transaction, when their password changes."""
    if not raw and getattr(instance, "_password_changed", False):
        AuthToken.objects.filter(user=instance).delete()
        instance._password_changed = False
