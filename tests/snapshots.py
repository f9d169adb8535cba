"""The catalog as comparable data: every row by natural key, no database ids.

Rows go through the JSON serializer, as `dumpdata` writes them (which keeps
times to the millisecond).
"""

import json

from django.apps import apps
from django.core import serializers

VOLATILE = frozenset({"created_at", "updated_at", "imported_at"})


def catalog_snapshot(*, ignore: frozenset[str] = VOLATILE) -> list[tuple[str, str]]:
    rows = []
    for model in apps.get_app_config("catalog").get_models():
        dumped = serializers.serialize(
            "json",
            model.objects.all(),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
        for row in json.loads(dumped):
            fields = {k: v for k, v in row["fields"].items() if k not in ignore}
            rows.append((row["model"], json.dumps(fields, sort_keys=True)))
    return sorted(rows)
