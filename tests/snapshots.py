"""The catalog as comparable data: every row by natural key, no database ids.

Rows go through the JSON serializer, as `dumpdata` writes them (which keeps
times to the millisecond). The edit history (catalog.history), whose rows
name records by database id and may name records since deleted, is left out
unless asked for, and then compared by those ids.
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


def is_history(model) -> bool:
    return model._meta.model_name.startswith("historical")


def catalog_snapshot(
    *, ignore: frozenset[str] = VOLATILE, accounts: bool = False, history: bool = False
) -> list[tuple[str, str]]:
    """The catalog's rows; with `accounts`, the ACCOUNTS rows too; with
    `history`, the edit history's."""
    models = [
        model
        for model in apps.get_app_config("catalog").get_models()
        if history or not is_history(model)
    ]
    if accounts:
        models += [apps.get_model(label) for label in ACCOUNTS]
    rows = []
    for model in models:
        natural = not is_history(model)
        dumped = serializers.serialize(
            "json",
            model.objects.all(),
            use_natural_foreign_keys=natural,
            use_natural_primary_keys=natural,
        )
        for row in json.loads(dumped):
            fields = {k: _same_instant(v) for k, v in row["fields"].items() if k not in ignore}
            rows.append((row["model"], json.dumps(fields, sort_keys=True)))
    return sorted(rows)


def _same_instant(value):
    return WHOLE_SECOND.sub(r"\1\2", value) if isinstance(value, str) else value
