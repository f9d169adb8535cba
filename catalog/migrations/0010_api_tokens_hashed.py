"""API tokens move from DRF's table, which held them in plain text, to knox's,
which holds a digest of each.

A token in use keeps working (its digest is what knox compares), now with an
expiry API_TOKEN_TTL_HOURS from this migration; the plain copies are deleted.
DRF's table is read only if it is there: a new database never had it.
"""

from django.conf import settings
from django.db import migrations
from django.utils import timezone

OLD_TABLE = "authtoken_token"


def move_plain_tokens(apps, schema_editor):
    from knox.crypto import hash_token
    from knox.settings import CONSTANTS

    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    AuthToken = apps.get_model("knox", "AuthToken")
    table, key = connection.ops.quote_name(OLD_TABLE), connection.ops.quote_name("key")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {key}, user_id FROM {table}")
        plain = cursor.fetchall()
        expiry = timezone.now() + settings.REST_KNOX["TOKEN_TTL"]
        AuthToken.objects.bulk_create(
            AuthToken(
                digest=hash_token(key),
                token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH],
                user_id=user_id,
                expiry=expiry,
            )
            for key, user_id in plain
        )
        cursor.execute(f"DELETE FROM {table}")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0009_transcript_turn_unnamed_speaker"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [migrations.RunPython(move_plain_tokens, migrations.RunPython.noop)]
