"""Counting what an import did, per model."""

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.db import models


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0


@dataclass
class ImportSummary:
    """Rows created, updated, left unchanged and deleted, per model, and notices."""

    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    model_of: dict[str, type[models.Model]] = field(default_factory=dict)
    # What one file's saving cut, guessed at or left to other articles, for its
    # outcome (catalog.importers.records.Notice); not merged across files.
    notices: list = field(default_factory=list)

    def count(self, model: type[models.Model], outcome: str, number: int = 1):
        name = label(model)
        self.model_of.setdefault(name, model)
        tally = self.tallies[name]
        setattr(tally, outcome, getattr(tally, outcome) + number)

    def merge(self, other: "ImportSummary"):
        self.model_of.update(other.model_of)
        for name, tally in other.tallies.items():
            mine = self.tallies[name]
            for outcome, number in asdict(tally).items():
                setattr(mine, outcome, getattr(mine, outcome) + number)

    def rows(self, order: list[type[models.Model]] = ()) -> list[tuple[str, Tally]]:
        """Tallies in the order of `order` first, then the rest as counted."""
        names = [label(model) for model in order]
        names += [name for name in self.tallies if name not in names]
        return [(name, self.tallies[name]) for name in names if name in self.tallies]

    def tally(self, model: type[models.Model]) -> Tally:
        return self.tallies.get(label(model), Tally())

    def writes(self) -> dict[type[models.Model], set[str]]:
        """The permission actions the counted changes took, per model:
        `add` for rows created, `change` for rows updated, `delete`."""
        actions = {"created": "add", "updated": "change", "deleted": "delete"}
        writes = {}
        for name, tally in self.tallies.items():
            done = {action for outcome, action in actions.items() if getattr(tally, outcome)}
            if done:
                writes[self.model_of[name]] = done
        return writes

    @property
    def changed(self) -> bool:
        return any(t.created or t.updated or t.deleted for t in self.tallies.values())


def label(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name_plural).capitalize()
