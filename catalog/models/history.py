"""Edit history: a version of a record kept at each change (django-simple-history).

Each tracked model declares `history = tracked()`. Its historical table keeps
a copy of the record's fields at every change, with who made it
(`history_user`), when (`history_date`), what kind of change (`+` created,
`~` changed, `-` deleted), through what (`history_via`: admin, API, import,
shell) and why (`history_change_reason`: the imported file's name, a merge,
a revert). catalog.history records them for the bulk writes that bypass
`save()` and reads them back as before → after.
"""

from django.db import models
from simple_history.models import HistoricalRecords


class Via(models.TextChoices):
    """Through what a change reached the catalog."""

    ADMIN = "admin", "Admin"
    API = "api", "API"
    IMPORT = "import", "Import"
    SHELL = "shell", "Shell or script"


class ChangeSource(models.Model):
    """The fields every historical model adds to simple-history's own."""

    history_via = models.CharField(max_length=10, choices=Via.choices, default=Via.SHELL)

    class Meta:
        abstract = True


class CatalogHistory(HistoricalRecords):
    """simple-history's historical model, with only the indexes its readers
    use: a record's own id (and `history_date`, `history_user`, which
    simple-history adds), plus the columns named in `indexed`. Each index
    more is one more write for every version an import records."""

    def __init__(self, *, indexed: tuple[str, ...] = (), **kwargs):
        self.indexed = {"id", *indexed}
        super().__init__(bases=[ChangeSource], **kwargs)

    def copy_fields(self, model):
        fields = super().copy_fields(model)
        for name, field in fields.items():
            if name not in self.indexed:
                field.db_index = False
        return fields


def tracked(*, excluded: tuple[str, ...] = (), indexed: tuple[str, ...] = ()) -> HistoricalRecords:
    """History for a model, without the columns listed in `excluded`: those
    that change at every save (`updated_at`) or that only the file holds;
    `indexed`: the foreign keys a record's history is also looked up by (a
    slideshow's slides, a photo's warnings)."""
    return CatalogHistory(excluded_fields=list(excluded), indexed=indexed)
