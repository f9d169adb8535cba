"""The catalog as comparable data: every row by natural key, no database ids.

Rows go through the JSON serializer, as `dumpdata` writes them (which keeps
times to the millisecond).
"""

import json
import re

from django.apps import apps
from django.core import serializers

VOLATILE = frozenset({"created_at", "updated_at", "imported_at"})
# Who may log in and what they may do: users with their groups and
# permissions, groups, and API tokens (their digests).
ACCOUNTS = ("auth.group", "auth.user", "knox.authtoken")
# The serializer writes a time whose microseconds are 1-999 as `...:15.000Z`, and
# the same time read back from a dump (microseconds 0) as `...:15Z`: one instant.
WHOLE_SECOND = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.000(Z|[+-]\d\d:\d\d)$")


def catalog_snapshot(
    *, ignore: frozenset[str] = VOLATILE, accounts: bool = False
) -> list[tuple[str, str]]:
    """The catalog's rows; with `accounts`, the ACCOUNTS rows too."""
    models = list(apps.get_app_config("catalog").get_models())
    if accounts:
        models += [apps.get_model(label) for label in ACCOUNTS]
    rows = []
    for model in models:
        dumped = serializers.serialize(
            "json",
            model.objects.all(),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
        for row in json.loads(dumped):
            fields = {k: _same_instant(v) for k, v in row["fields"].items() if k not in ignore}
            rows.append((row["model"], json.dumps(fields, sort_keys=True)))
    return sorted(rows)


def _same_instant(value):
    return WHOLE_SECOND.sub(r"\1\2", value) if isinstance(value, str) else value
