"""What a write of outside data (an article, an image file) reports: the
failure that stopped it, with its line; notices of what it cut or guessed;
and the rows it created, updated or deleted per model."""

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.db import models


class ImportFailed(Exception):
    """An import of one source could not be done; carries the line at fault."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self):
        return f"line {self.line}: {self.message}" if self.line else self.message

    def __reduce__(self):
        # Outcomes travel between the processes of a parallel import.
        return (_rebuild, (type(self), self.__dict__))


def _rebuild(cls, state):
    error = Exception.__new__(cls)
    Exception.__init__(error, state["message"])
    error.__dict__.update(state)
    return error


def check_lengths(model, values: dict, line: int | None):
    """Refuse text longer than its column, naming the line, before any write."""
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        max_length = _max_length(model, name)
        if max_length and len(value) > max_length:
            raise ImportFailed(
                f"{model._meta.verbose_name} {name.replace('_', ' ')} is longer than "
                f"{max_length} characters: {value[:40]!r}...",
                line=line,
            )


@cache
def _max_length(model, name: str) -> int | None:
    # Looked up once per column: imports check hundreds of values per file.
    return getattr(model._meta.get_field(name), "max_length", None)


@dataclass(frozen=True)
class Notice:
    """Something the parser skipped, cut or guessed at; reported, never fatal.
    `line` is None for a file without lines, such as an image."""

    line: int | None
    message: str


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
    model_of: dict[str, type["models.Model"]] = field(default_factory=dict)
    # What one file's saving cut, guessed at or left to other articles, for its
    # outcome (Notice); not merged across files.
    notices: list = field(default_factory=list)

    def count(self, model: type["models.Model"], outcome: str, number: int = 1):
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

    def rows(self, order: list[type["models.Model"]] = ()) -> list[tuple[str, Tally]]:
        """Tallies in the order of `order` first, then the rest as counted."""
        names = [label(model) for model in order]
        names += [name for name in self.tallies if name not in names]
        return [(name, self.tallies[name]) for name in names if name in self.tallies]

    def tally(self, model: type["models.Model"]) -> Tally:
        return self.tallies.get(label(model), Tally())

    def writes(self) -> dict[type["models.Model"], set[str]]:
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


def label(model: type["models.Model"]) -> str:
    return str(model._meta.verbose_name_plural).capitalize()
