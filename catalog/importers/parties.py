"""Finding the agencies and photographers a credit names, creating the new ones.

Agencies resolve through their aliases (case-insensitively) and, failing
that, through the table of well-known agencies; a spelling met for the
first time becomes an alias of the agency it resolves to.
"""

from collections.abc import Iterable

from django.db.models import BooleanField, F, Func, QuerySet

from catalog.models import Agency, AgencyAlias, Photographer, PhotographerAlias, create_named

from .credits import canonical_agency, normalise_space
from .errors import check_lengths
from .records import Credit
from .summary import ImportSummary


class CreditResolver:
    def __init__(self, summary: ImportSummary | None = None):
        self.summary = summary or ImportSummary()
        self.agencies: dict[str, Agency] = {}
        self.photographers: dict[str, Photographer] = {}

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
                self.photographers[_key(credit.photographer)].pk if credit.photographer else None
            ),
            "agency_id": agency_id,
            "distributor_id": None if distributor_id == agency_id else distributor_id,
            "credit_role": credit.role,
            "credit_text": credit.text,
        }

    def agency_id(self, name: str) -> int | None:
        return self.agencies[_key(name)].pk if name and name.strip() else None

    def _agencies(self, names: Iterable[str]):
        names = {normalise_space(name) for name in names if name and name.strip()}
        wanted = names | {canonical_agency(name) for name in names}
        known = {
            _key(alias.name): alias.agency
            for alias in named(AgencyAlias.objects, wanted).select_related("agency")
        }
        created = set()
        for name in sorted(names):
            canonical = canonical_agency(name)
            agency = known.get(_key(name)) or known.get(_key(canonical))
            if agency is None:
                check_lengths(Agency, {"name": canonical}, None)
                agency = Agency(name=canonical)
                agency.save()  # also records the name as an alias
                known[_key(canonical)] = agency
                created.add(agency.pk)
                self.summary.count(Agency, "created")
                self.summary.count(AgencyAlias, "created")
            if _key(name) not in known:
                check_lengths(AgencyAlias, {"name": name}, None)
                AgencyAlias.objects.create(agency=agency, name=name)
                known[_key(name)] = agency
                self.summary.count(AgencyAlias, "created")
            self.agencies[_key(name)] = agency
        found = {agency.pk for agency in self.agencies.values()} - created
        self.summary.count(Agency, "unchanged", len(found))

    def _photographers(self, names_and_lines: Iterable[tuple[str, int | None]]):
        lines = {}
        for name, line in names_and_lines:
            if name and name.strip():
                lines.setdefault(normalise_space(name), line)
        known = {
            _key(alias.name): alias.photographer
            for alias in named(PhotographerAlias.objects, lines).select_related("photographer")
        }
        new = {}
        for name, line in sorted(lines.items()):
            if _key(name) in known or _key(name) in new:
                continue
            check_lengths(Photographer, {"name": name}, line)
            new[_key(name)] = Photographer(name=name)
        create_named(Photographer, list(new.values()))
        known.update(new)
        self.summary.count(Photographer, "created", len(new))
        self.summary.count(Photographer, "unchanged", len(lines) - len(new))
        for name in lines:
            self.photographers[_key(name)] = known[_key(name)]


def named(rows: QuerySet, names: Iterable[str]) -> QuerySet:
    """The rows whose name is one of `names`, ignoring case as the database
    does, and so as its case-insensitive unique constraints do: SQLite folds
    only ASCII letters (`Émile` and `ÉMILE` differ there, `émile` and
    `Émile` too), so folding in Python first would miss rows it holds."""
    names = list(names)
    return rows.filter(_LowerIn(F("name"), names)) if names else rows.none()


class _LowerIn(Func):
    """`LOWER(column) IN (LOWER(%s), ...)`: both sides folded by the database.

    One expression with the names as plain parameters, rather than a
    `Lower(Value(name))` each, which Django resolves and compiles one by one.
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, column, names: list[str]):
        super().__init__(column)
        self.names = names

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        marks = ", ".join(["LOWER(%s)"] * len(self.names))
        return f"LOWER({column}) IN ({marks})", (*params, *self.names)


def _key(name: str) -> str:
    return normalise_space(name).lower()
