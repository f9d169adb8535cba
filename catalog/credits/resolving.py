"""Finding the agencies and photographers a credit names, creating the new ones.

Agencies resolve through their aliases (case-insensitively) and, failing
that, through the table of well-known agencies; a spelling met for the
first time becomes an alias of the agency it resolves to.

Imports, image ingest and API writes all resolve credits here; it touches
the database, unlike the reading of credits (steps.py).
"""

from collections.abc import Iterable
from typing import Protocol

from catalog import history
from catalog.models import Agency, AgencyAlias, Photographer, PhotographerAlias
from catalog.models.inserting import create_named
from catalog.models.lookups import named_rows

from .agencies import canonical_agency
from .records import Credit
from .text import normalise_space


class CreditRejected(ValueError):
    """A name a credit gives cannot be stored (too long for its column)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


class Tally(Protocol):
    """What counts the rows resolving finds and creates (an import's summary)."""

    def count(self, model, outcome: str, number: int = 1) -> None: ...

    def writes(self) -> dict: ...


class _Writes:
    """The writes resolving made, when no import summary counts them: what a
    permission check of a credit write (catalog.permissions) asks."""

    ACTIONS = {"created": "add", "updated": "change", "deleted": "delete"}

    def __init__(self):
        self.done: dict = {}

    def count(self, model, outcome: str, number: int = 1) -> None:
        if number and outcome in self.ACTIONS:
            self.done.setdefault(model, set()).add(self.ACTIONS[outcome])

    def writes(self) -> dict:
        return self.done


class CreditResolver:
    """The primary keys of the parties credits name, by folded name."""

    def __init__(self, summary: Tally | None = None):
        self.summary = summary if summary is not None else _Writes()
        self.agencies: dict[str, int] = {}
        self.photographers: dict[str, int] = {}

    def resolve(self, credits: Iterable[tuple[Credit, int | None]], agencies: Iterable[str] = ()):
        """Look up, in a few queries, every party the credits (and `agencies`) name."""
        credits = [(credit, line) for credit, line in credits if credit]
        self._agencies(
            [name for credit, _ in credits for name in (credit.agency, credit.distributor)]
            + list(agencies)
        )
        self._photographers((credit.photographer, line) for credit, line in credits)

    def fields(self, credit: Credit | None) -> dict:
        """Photo fields for a resolved credit."""
        if credit is None:
            return {
                "photographer_id": None,
                "agency_id": None,
                "distributor_id": None,
                "credit_role": "",
                "credit_text": "",
            }
        agency_id = self.agency_id(credit.agency)
        distributor_id = self.agency_id(credit.distributor)
        return {
            "photographer_id": (
                self.photographers[_key(credit.photographer)] if credit.photographer else None
            ),
            "agency_id": agency_id,
            "distributor_id": None if distributor_id == agency_id else distributor_id,
            "credit_role": credit.role,
            "credit_text": credit.text,
        }

    def agency_id(self, name: str) -> int | None:
        return self.agencies[_key(name)] if name and name.strip() else None

    def _agencies(self, names: Iterable[str]):
        names = {normalise_space(name) for name in names if name and name.strip()}
        wanted = names | {canonical_agency(name) for name in names}
        known = {
            _key(alias): agency_id
            for alias, agency_id in named_rows(AgencyAlias, wanted, ("name", "agency_id"))
        }
        created = set()
        for name in sorted(names):
            canonical = canonical_agency(name)
            agency_id = known.get(_key(name)) or known.get(_key(canonical))
            if agency_id is None:
                _check_length(Agency, canonical, None)
                agency = Agency(name=canonical)
                agency.save()  # also records the name as an alias
                agency_id = known[_key(canonical)] = agency.pk
                created.add(agency_id)
                self.summary.count(Agency, "created")
                self.summary.count(AgencyAlias, "created")
            if _key(name) not in known:
                _check_length(AgencyAlias, name, None)
                AgencyAlias.objects.create(agency_id=agency_id, name=name)
                known[_key(name)] = agency_id
                self.summary.count(AgencyAlias, "created")
            self.agencies[_key(name)] = agency_id
        found = set(self.agencies.values()) - created
        self.summary.count(Agency, "unchanged", len(found))

    def _photographers(self, names_and_lines: Iterable[tuple[str, int | None]]):
        lines = {}
        for name, line in names_and_lines:
            if name and name.strip():
                lines.setdefault(normalise_space(name), line)
        known = {
            _key(alias): photographer_id
            for alias, photographer_id in named_rows(
                PhotographerAlias, lines, ("name", "photographer_id")
            )
        }
        new = {}
        for name, line in sorted(lines.items()):
            if _key(name) in known or _key(name) in new:
                continue
            _check_length(Photographer, name, line)
            new[_key(name)] = Photographer(name=name)
        create_named(Photographer, list(new.values()))
        history.record(Photographer, [photographer.pk for photographer in new.values()], "+")
        known.update((key, photographer.pk) for key, photographer in new.items())
        self.summary.count(Photographer, "created", len(new))
        self.summary.count(Photographer, "unchanged", len(lines) - len(new))
        for name in lines:
            self.photographers[_key(name)] = known[_key(name)]


def _check_length(model, name: str, line: int | None):
    max_length = model._meta.get_field("name").max_length
    if len(name) > max_length:
        raise CreditRejected(
            f"{model._meta.verbose_name} name is longer than {max_length} characters: "
            f"{name[:40]!r}...",
            line=line,
        )


def _key(name: str) -> str:
    return normalise_space(name).lower()
