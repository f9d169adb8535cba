"""Finding the agencies and photographers a credit names, creating the new ones.

Agencies resolve through their aliases (case-insensitively) and, failing
that, through the table of well-known agencies; a spelling met for the
first time becomes an alias of the agency it resolves to.
"""

from collections.abc import Iterable

from django.db import models
from django.utils.text import slugify

from catalog.credits import Credit, canonical_agency, normalise_space
from catalog.models import Agency, AgencyAlias, Photographer, PhotographerAlias, numbered

from .errors import check_lengths
from .inserting import insert_rows
from .lookups import keys_present, named_rows
from .summary import ImportSummary


class CreditResolver:
    """The primary keys of the parties credits name, by folded name."""

    def __init__(self, summary: ImportSummary | None = None):
        self.summary = summary or ImportSummary()
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
                check_lengths(Agency, {"name": canonical}, None)
                agency = Agency(name=canonical)
                agency.save()  # also records the name as an alias
                agency_id = known[_key(canonical)] = agency.pk
                created.add(agency_id)
                self.summary.count(Agency, "created")
                self.summary.count(AgencyAlias, "created")
            if _key(name) not in known:
                check_lengths(AgencyAlias, {"name": name}, None)
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
            check_lengths(Photographer, {"name": name}, line)
            new[_key(name)] = Photographer(name=name)
        create_named(Photographer, list(new.values()))
        known.update((key, photographer.pk) for key, photographer in new.items())
        self.summary.count(Photographer, "created", len(new))
        self.summary.count(Photographer, "unchanged", len(lines) - len(new))
        for name in lines:
            self.photographers[_key(name)] = known[_key(name)]


def create_named(model: type[models.Model], rows: list[models.Model]) -> list[models.Model]:
    """Insert new named rows (agencies, photographers, speakers) at once: their
    slugs made unique with one query, and for models with aliases, each name
    recorded as an alias, as `save()` does one at a time. Sets their pks."""
    if not rows:
        return rows
    max_length = model._meta.get_field("slug").max_length
    bases = [slugify(row.name)[:max_length] or model._meta.model_name for row in rows]
    taken = set(keys_present(model, "slug", bases))
    for row, base in zip(rows, bases, strict=True):
        slug, number = base, 1
        while slug in taken or (number > 1 and model._default_manager.filter(slug=slug).exists()):
            number += 1
            slug = numbered(base, number, max_length)
        row.slug = slug
        taken.add(slug)
    fields = [field.attname for field in model._meta.concrete_fields if not field.primary_key]
    pks = insert_rows(model, [{name: getattr(row, name) for name in fields} for row in rows])
    for row, pk in zip(rows, pks, strict=True):
        row.pk = pk
        row._state.adding, row._state.db = False, model._default_manager.db
    aliases = getattr(model, "aliases", None)
    if aliases is not None:
        owner = aliases.field.attname
        insert_rows(aliases.rel.related_model, [{owner: row.pk, "name": row.name} for row in rows])
    return rows


def _key(name: str) -> str:
    return normalise_space(name).lower()
