"""A large synthetic catalog, written in bulk, to measure the catalog at scale.

It is shaped like a news archive: a few photographers and agencies credit
most of the pictures (Zipf-like shares), each photographer works mostly for
one or two agencies, some agencies reach the catalog through a distributor
(`X via Y`), captions run 15-60 words, slideshows hold 5-60 slides (some
fewer than they declare), a few photos and slideshows carry content
warnings, and every record comes from an article, as an import leaves it.
Credits are written as newsrooms write them and parse back to the photo's
own photographer, agency and distributor.

Rows go in with `bulk_create`, one transaction per batch of photos, so
`save()` never runs: slugs and the aliases every name needs are made here.
"""

import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import connection, transaction
from django.utils.text import slugify

from catalog.credits import KNOWN_AGENCIES
from catalog.models import (
    Agency,
    AgencyAlias,
    Article,
    ContentWarning,
    CreditRole,
    Photo,
    Photographer,
    PhotographerAlias,
    Slide,
    Slideshow,
    WarningKind,
)
from catalog.models.rights import category_from_credit

from .text import Writer, Zipf, unique
from .words import DISTRIBUTOR_SUFFIXES, WARNING_NOTES

# The wires most credits name; their photos never come "via" anyone.
WIRES = ("AP", "Reuters", "AFP")
KNOWN_DISTRIBUTORS = (
    "Getty Images",
    "Redux Pictures",
    "Polaris Images",
    "ZUMA Press",
    "Sipa Press",
)
# How some agencies write their credits (agency first), as in `REUTERS/Jim Young`.
CREDIT_STYLES = {
    "AFP": "{agency} PHOTO / {person_upper}",
    "Reuters": "REUTERS/{person}",
}
WARNING_KINDS = {
    WarningKind.GRAPHIC: 40,
    WarningKind.VIOLENCE: 20,
    WarningKind.DEATH: 15,
    WarningKind.SUFFERING: 10,
    WarningKind.NUDITY: 5,
    WarningKind.LANGUAGE: 4,
    WarningKind.DRUG_USE: 3,
    WarningKind.SEXUALITY: 2,
    WarningKind.FANTASY_VIOLENCE: 1,
}
NO_PHOTOGRAPHER = 0.04  # share of photos credited to a handout, a pool or a courtesy
HOME_AGENCY = 0.85  # share of a photographer's photos made for their main agency
SECOND_AGENCY = 0.35  # share of photographers who also work for a second agency
VIA_DISTRIBUTOR = 0.6  # share of a distributed agency's photos that carry `via`
TITLED = 0.25  # share of photos with a title
MAIN_PHOTOGRAPHER = 0.7  # share of a slideshow's slides by its main photographer
SLIDE_CAPTION = 0.1  # share of slides printing a caption of their own
SLIDES = (5, 60)
LOOSE_PER_ARTICLE = (5, 40)  # photos of an article that shows no slideshow


@dataclass(frozen=True)
class Sizes:
    photos: int
    photographers: int
    agencies: int
    slideshows: int
    warnings: int

    @classmethod
    def for_photos(
        cls,
        photos: int,
        *,
        photographers: int | None = None,
        agencies: int | None = None,
        slideshows: int | None = None,
        warnings: int | None = None,
    ) -> "Sizes":
        """Sizes in proportion to `photos` where not given: about 200 photos per
        photographer, 5,000 per agency, 100 per slideshow and one warning in 100."""

        def given(value, default):
            return default if value is None else value

        sizes = cls(
            photos=photos,
            photographers=given(photographers, max(20, photos // 200)),
            agencies=given(agencies, min(400, max(10, photos // 5000))),
            slideshows=given(slideshows, photos // 100),
            warnings=given(warnings, photos // 100),
        )
        if min(sizes.photos, sizes.photographers, sizes.agencies) < 1:
            raise ValueError("photos, photographers and agencies must be at least 1")
        if min(sizes.slideshows, sizes.warnings) < 0:
            raise ValueError("slideshows and warnings cannot be negative")
        if sizes.slideshows * SLIDES[0] > sizes.photos:
            raise ValueError(f"{sizes.slideshows} slideshows need more than {photos} photos")
        return sizes


@dataclass
class Generated:
    sizes: Sizes
    photos: int = 0
    articles: int = 0
    slides: int = 0
    slideshows: int = 0
    warnings: int = 0
    seconds: float = 0.0


@dataclass(eq=False)
class _Agency:
    row: Agency
    spellings: list[str]  # the name, more often, and its aliases
    distributor: "_Agency | None" = None

    def spell(self, rng: random.Random) -> str:
        return rng.choice(self.spellings)


@dataclass(eq=False)
class _Person:
    row: Photographer
    spellings: list[str]
    agencies: list[_Agency] = field(default_factory=list)


def catalog_is_empty() -> bool:
    return not (
        Photo.objects.exists()
        or Article.objects.exists()
        or Slideshow.objects.exists()
        or Photographer.objects.exists()
        or Agency.objects.exists()
    )


def generate_catalog(
    sizes: Sizes,
    *,
    seed: str | int = 0,
    batch_size: int = 10_000,
    progress: Callable[[int, int, float], None] | None = None,
) -> Generated:
    """Write a synthetic catalog of `sizes` beside whatever the database holds,
    then refresh the planner's statistics. Same seed and same starting
    catalog, same rows."""
    started = time.monotonic()
    # Appending to a catalog continues with another stream, so no uid or slug repeats.
    rng = random.Random(f"{seed}/{Photo.objects.count()}")
    builder = _Builder(rng, sizes, batch_size)
    builder.parties()
    result = builder.photos(progress, started)
    analyze()
    result.seconds = time.monotonic() - started
    return result


def analyze() -> None:
    """Refresh the planner's statistics. PostgreSQL also gets the VACUUM its
    autovacuum would run after a bulk load (so that index-only scans can skip
    the table), unless inside a transaction, where VACUUM cannot run."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


class _Builder:
    def __init__(self, rng: random.Random, sizes: Sizes, batch_size: int):
        self.rng, self.sizes, self.batch_size = rng, sizes, max(1, batch_size)
        self.writer = Writer(rng)
        self.kinds = list(WARNING_KINDS)
        self.kind_weights = list(WARNING_KINDS.values())

    # -- agencies and photographers ------------------------------------------------

    def parties(self):
        self.agencies = self._agencies()
        self.agency_shares = Zipf(self.agencies, exponent=1.2)
        self.people = self._photographers()
        ranked = list(self.people)
        self.rng.shuffle(ranked)
        self.people_shares = Zipf(ranked, exponent=1.0)

    def _agencies(self) -> list[_Agency]:
        rng, count = self.rng, self.sizes.agencies
        names = _taken(AgencyAlias)
        slugs = set(Agency.objects.values_list("slug", flat=True))
        wanted: list[tuple[str, list[str]]] = []
        for name, aliases in KNOWN_AGENCIES.items():
            # The table may spell an alias twice in different cases (`REX`, `Rex`):
            # the alias table is unique case-insensitively, so keep the first.
            spellings = _distinct_ignoring_case([name, *aliases])
            if len(wanted) < count and not ({s.lower() for s in spellings} & names):
                names.update(s.lower() for s in spellings)
                wanted.append((name, spellings[1:]))
        while len(wanted) < count:
            name = unique(self.writer.agency, names)
            others = [f"The {name}"] if rng.random() < 0.2 else []
            others = [other for other in others if other.lower() not in names]
            names.update(other.lower() for other in others)
            wanted.append((name, others))
        rows = [Agency(name=name, slug=_free_slug(name, slugs)) for name, _ in wanted]
        Agency.objects.bulk_create(rows, batch_size=self.batch_size)
        agencies, aliases = [], []
        for row, (name, others) in zip(rows, wanted, strict=True):
            aliases += [AgencyAlias(agency=row, name=alias) for alias in [name, *others]]
            upper = [alias.upper() for alias in others]
            agencies.append(_Agency(row, [name] * 4 + others + upper))
        AgencyAlias.objects.bulk_create(aliases, batch_size=self.batch_size)
        self._distribute(agencies)
        return agencies

    def _distribute(self, agencies: list[_Agency]):
        """Every third agency that is neither a wire nor a distributor gets a distributor."""

        def distributes(agency):
            name = agency.row.name
            return name in KNOWN_DISTRIBUTORS or name.endswith(DISTRIBUTOR_SUFFIXES)

        distributors = [agency for agency in agencies if distributes(agency)]
        others = [a for a in agencies if a.row.name not in WIRES and not distributes(a)]
        if distributors:
            for agency in others[::3]:
                agency.distributor = self.rng.choice(distributors)

    def _photographers(self) -> list[_Person]:
        rng, writer = self.rng, self.writer
        names = _taken(PhotographerAlias)
        slugs = set(Photographer.objects.values_list("slug", flat=True))
        people = []
        for _ in range(self.sizes.photographers):
            name = unique(lambda: writer.person(middle_initial=rng.random() < 0.1), names)
            row = Photographer(name=name, slug=_free_slug(name, slugs))
            spellings = [name]
            initial = f"{name[0]}. {name.split()[-1]}"  # as credits abbreviate: M. Alleruzzo
            if rng.random() < 0.1 and initial.lower() not in names:
                names.add(initial.lower())
                spellings.append(initial)
            agencies = [self.agency_shares.one(rng)]
            if rng.random() < SECOND_AGENCY and len(self.agencies) > 1:
                second = agencies[0]
                while second is agencies[0]:
                    second = self.agency_shares.one(rng)
                agencies.append(second)
            people.append(_Person(row, spellings, agencies))
        Photographer.objects.bulk_create([p.row for p in people], batch_size=self.batch_size)
        PhotographerAlias.objects.bulk_create(
            [
                PhotographerAlias(photographer=person.row, name=spelling)
                for person in people
                for spelling in person.spellings
            ],
            batch_size=self.batch_size,
        )
        return people

    # -- photos, slideshows, slides, warnings ----------------------------------

    def photos(self, progress, started: float) -> Generated:
        rng, sizes = self.rng, self.sizes
        shows = [rng.randint(*SLIDES) for _ in range(sizes.slideshows)]
        excess, index = sum(shows) - sizes.photos, 0
        while excess > 0:  # more slides than photos: shrink them (Sizes ensures it can)
            if shows[index % len(shows)] > SLIDES[0]:
                shows[index % len(shows)] -= 1
                excess -= 1
            index += 1
        # 0 is a photo in no slideshow, n a slideshow of n photos; all shuffled.
        units = [0] * (sizes.photos - sum(shows)) + shows
        rng.shuffle(units)
        show_warnings = min(sizes.warnings // 5, sizes.slideshows // 5)
        self.warned_photos = set(rng.sample(range(sizes.photos), sizes.warnings - show_warnings))
        self.warned_shows = set(rng.sample(range(sizes.slideshows), show_warnings))
        result = Generated(sizes)
        chunk: list[int] = []
        in_chunk = 0
        for unit in units:
            chunk.append(unit)
            in_chunk += unit or 1
            if in_chunk >= self.batch_size:
                self._write(chunk, result)
                chunk, in_chunk = [], 0
                if progress:
                    progress(result.photos, sizes.photos, time.monotonic() - started)
        if chunk:
            self._write(chunk, result)
        if progress:
            progress(result.photos, sizes.photos, time.monotonic() - started)
        return result

    def _write(self, units: list[int], result: Generated):
        """One transaction: the photos of these units, the articles that printed
        them, their slideshows, slides and warnings."""
        rng = self.rng
        photos: list[Photo] = []
        articles: list[Article] = []
        shows: list[tuple[Slideshow, int, int]] = []
        loose_left = 0
        for size in units:
            if not size:
                if not loose_left:
                    articles.append(self._article())
                    loose_left = rng.randint(*LOOSE_PER_ARTICLE)
                photos.append(self._photo(self._someone(), articles[-1], loose_left))
                loose_left -= 1
                continue
            loose_left = 0
            articles.append(self._article())
            main = self.people_shares.one(rng)
            start = len(photos)
            for line in range(size):
                person = main if rng.random() < MAIN_PHOTOGRAPHER else None
                photos.append(self._photo(person, articles[-1], line))
            shows.append((self._slideshow(size, articles[-1]), start, size))
        with transaction.atomic():
            Article.objects.bulk_create(articles, batch_size=self.batch_size)
            Photo.objects.bulk_create(photos, batch_size=self.batch_size)
            leads = {}
            for photo in photos:
                leads.setdefault(photo.article_id, photo.pk)
            for article in articles:
                article.lead_photo_id = leads[article.pk]
            Article.objects.bulk_update(articles, ["lead_photo"], batch_size=self.batch_size)
            for show, start, _ in shows:
                show.cover_id = photos[start].pk
            Slideshow.objects.bulk_create([show for show, _, _ in shows])
            slides = [
                Slide(
                    slideshow_id=show.pk,
                    photo_id=photos[start + offset].pk,
                    position=offset + 1,
                    caption=self.writer.caption(10, 30) if rng.random() < SLIDE_CAPTION else "",
                    article_id=show.article_id,
                    source_line=photos[start + offset].source_line,
                )
                for show, start, size in shows
                for offset in range(size)
            ]
            Slide.objects.bulk_create(slides, batch_size=self.batch_size)
            warnings = [
                self._warning(photo_id=photo.pk, article_id=photo.article_id)
                for number, photo in enumerate(photos, start=result.photos)
                if number in self.warned_photos
            ]
            warnings += [
                self._warning(slideshow_id=show.pk, article_id=show.article_id)
                for number, (show, _, _) in enumerate(shows, start=result.slideshows)
                if number in self.warned_shows
            ]
            ContentWarning.objects.bulk_create(warnings, batch_size=self.batch_size)
        result.photos += len(photos)
        result.articles += len(articles)
        result.slideshows += len(shows)
        result.slides += len(slides)
        result.warnings += len(warnings)

    def _article(self) -> Article:
        """The page that printed a slideshow, or a run of photos, as an import saves it."""
        rng, writer = self.rng, self.writer
        headline = writer.title()
        slug = f"{slugify(headline)[:180]}-{rng.getrandbits(48):012x}"
        agency = self.agency_shares.one(rng).row
        updated = datetime(
            rng.randint(2005, 2025),
            rng.randint(1, 12),
            rng.randint(1, 28),
            rng.randint(0, 23),
            rng.randint(0, 59),
            tzinfo=UTC,
        )
        return Article(
            slug=slug,
            source_name=f"{slug}.txt",
            headline=headline,
            summary=writer.caption(),
            byline=f"By {writer.person()}",
            updated_at=updated,
            source_agency_id=agency.pk,
            rights_notice=f"Copyright {updated.year} {agency.name}. All rights reserved.",
            body=[
                {"type": "paragraph", "text": writer.caption(20, 60), "line": 7 + 2 * number}
                for number in range(rng.randint(2, 5))
            ],
            imported_at=updated,
        )

    def _someone(self) -> _Person | None:
        """A photographer by their share of the catalog, or no one (handouts...)."""
        return None if self.rng.random() < NO_PHOTOGRAPHER else self.people_shares.one(self.rng)

    def _photo(self, person: _Person | None, article: Article, number: int) -> Photo:
        rng, writer = self.rng, self.writer
        if person is None:
            person = self._someone()
        fields = self._credit(person) if person else self._unsigned_credit()
        category = category_from_credit(
            role=fields.get("credit_role", ""), agency=fields.get("agency_id") is not None
        )
        return Photo(
            rights_category=category,
            uid=uuid.UUID(int=rng.getrandbits(128), version=4),
            title=writer.title() if rng.random() < TITLED else "",
            caption=writer.caption(),
            article=article,
            source_line=20 + 2 * number,
            **fields,
        )

    def _credit(self, person: _Person) -> dict:
        rng = self.rng
        agencies = person.agencies
        agency = agencies[0] if len(agencies) == 1 or rng.random() < HOME_AGENCY else agencies[1]
        distributor = agency.distributor if rng.random() < VIA_DISTRIBUTOR else None
        name = rng.choice(person.spellings)
        style = CREDIT_STYLES.get(agency.row.name)
        if style:
            agency_name = agency.row.name
            text = style.format(person=name, person_upper=name.upper(), agency=agency_name)
        else:
            text = f"{name} / {agency.spell(rng)}"
        if distributor:
            text += f" via {distributor.spell(rng)}"
        return {
            "photographer_id": person.row.pk,
            "agency_id": agency.row.pk,
            "distributor_id": distributor.row.pk if distributor else None,
            "credit_text": text,
        }

    def _unsigned_credit(self) -> dict:
        rng = self.rng
        agency = self.agency_shares.one(rng)
        role = rng.choice([CreditRole.HANDOUT, CreditRole.POOL, CreditRole.COURTESY])
        spelled = agency.spell(rng)
        text = {
            CreditRole.HANDOUT: f"Handout / {spelled}",
            CreditRole.POOL: f"Pool / {spelled}",
            CreditRole.COURTESY: f"Courtesy of {spelled}",
        }[role]
        return {"agency_id": agency.row.pk, "credit_role": role, "credit_text": text}

    def _slideshow(self, size: int, article: Article) -> Slideshow:
        rng, writer = self.rng, self.writer
        title = f"{writer.title()} in {writer.place()}"
        draw, declared = rng.random(), size
        if draw > 0.95:
            declared = None  # the page announced no count
        elif draw > 0.85:
            declared = size + rng.randint(1, 5)  # incomplete: slides missing
        return Slideshow(
            title=title,
            slug=f"{slugify(title)[:280]}-{rng.getrandbits(48):012x}",
            heading=f"{rng.randint(2005, 2025)} {writer.content_words(1)[0]}",
            declared_count=declared,
            article=article,
            source_line=18,
        )

    def _warning(self, **target) -> ContentWarning:
        rng = self.rng
        kind = rng.choices(self.kinds, weights=self.kind_weights)[0]
        return ContentWarning(
            uid=uuid.UUID(int=rng.getrandbits(128), version=4),
            kind=kind,
            note=WARNING_NOTES[kind],
            **target,
        )


def _distinct_ignoring_case(spellings: list[str]) -> list[str]:
    seen, kept = set(), []
    for spelling in spellings:
        if spelling.lower() not in seen:
            seen.add(spelling.lower())
            kept.append(spelling)
    return kept


def _taken(alias_model) -> set[str]:
    return {name.lower() for name in alias_model.objects.values_list("name", flat=True)}


def _free_slug(name: str, slugs: set[str]) -> str:
    base = slugify(name)[:190] or "party"
    slug, number = base, 1
    while slug in slugs:
        number += 1
        slug = f"{base}-{number}"
    slugs.add(slug)
    return slug
