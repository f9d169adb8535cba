"""Synthetic article pages in the reference page family's format.

Each page has what fixtures/articles/000_2157919fdd26dcba.txt has, in the
same layout (see catalog/importers/articles.py): a header with the lead
image, body paragraphs with a sub-heading, a `Story:` link and inline
images, the copyright line, videos with transcripts, slideshows with
numbered slides and editor's notes, slideshow cards and the page's
boilerplate. Parts vary from page to page; `import_articles` reads every
page without an error or a notice, which is what makes them useful for
measuring its rate.
"""

import random
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .text import Writer
from .words import FIRST_NAMES, LAST_NAMES, WARNING_NOTES

NBSP = "\u00a0"
EASTERN = ZoneInfo("America/New_York")
# Agencies as the pages spell them in credits, most frequent first.
AGENCIES = (
    "AP",
    "AP",
    "ASSOCIATED PRESS",
    "Reuters",
    "AFP",
    "Getty Images",
    "EPA",
    "Bloomberg",
    "Xinhua",
    "The New York Times via Redux Pictures",
    "Redux Pictures",
)
RIGHTS_HOLDERS = ("The Associated Press", "Reuters", "Agence France-Presse", "Bloomberg News")
RIGHTS = (
    "All rights reserved. "
    "This material may not be published, broadcast, rewritten or redistributed."
)
# Kinds an editor's note can name; the importer has no words for fantasy violence.
NOTE_KINDS = [kind for kind in WARNING_NOTES if kind != "fantasyViolence"]
ANCHOR_ROLES = (", anchor", " reporting", ", correspondent", "")
TITLES = ("President ", "Sen. ", "Gov. ", "Mayor ", "Dr. ")
BOILERPLATE = [
    "Discuss:",
    "",
    "Discussion comments",
    "",
    ",",
    "",
    "Most active discussions",
    "",
    *(f"  {number}. votes comments" for number in range(1, 5)),
]


def write_articles(count: int, out: Path, *, seed: str | int = 0) -> list[Path]:
    """Write `count` pages into `out` (made if missing); return their paths."""
    rng = random.Random(f"articles/{seed}")
    out.mkdir(parents=True, exist_ok=True)
    width = max(3, len(str(count)))
    titles: set[str] = set()
    paths = []
    for number in range(count):
        path = out / f"{number:0{width}d}_{rng.getrandbits(64):016x}.txt"
        path.write_text(_Page(rng, titles).text(), encoding="utf-8")
        paths.append(path)
    return paths


class _Page:
    def __init__(self, rng: random.Random, titles: set[str]):
        self.rng, self.writer, self.titles = rng, Writer(rng), titles
        people = {self.writer.person() for _ in range(4)}
        self.photographers = sorted(people)
        self.agency = rng.choice(AGENCIES)
        self.lines: list[str] = []

    def text(self) -> str:
        rng = self.rng
        self._header()
        self._body()
        self._add(f"Copyright {rng.randint(2005, 2025)} {rng.choice(RIGHTS_HOLDERS)}. {RIGHTS}", "")
        for _ in range(rng.choice((0, 1, 1, 2))):
            self._video()
        shows = [self._slideshow() for _ in range(rng.choice((0, 1, 1, 2)))]
        self._cards(shows)
        self._add(*BOILERPLATE)
        return "\n".join(self.lines)

    def _add(self, *lines: str):
        self.lines.extend(lines)

    # -- header and body ---------------------------------------------------------

    def _header(self):
        rng, writer = self.rng, self.writer
        byline = f"By {writer.person()}" if rng.random() < 0.5 else "By"
        self._add(
            writer.title(),
            self._credit(spaced=True),
            writer.caption(),
            byline,
            f"updated {_updated(rng)}",
            "",
        )

    def _body(self):
        rng, writer = self.rng, self.writer
        blocks = [[self._paragraph()] for _ in range(rng.randint(4, 12))]
        extras = [
            [f"Story: {writer.title()}"],
            [writer.title(), self._paragraph()],  # a sub-heading and its paragraph
            [self._credit(spaced=True), writer.caption()],  # an inline image
        ]
        if rng.random() < 0.3:
            extras.append([writer.title(), self._credit(spaced=True), writer.caption()])
        for block in extras:
            blocks.insert(rng.randint(1, len(blocks)), block)
        for block in blocks:
            self._add(*block, "")

    def _paragraph(self) -> str:
        sentences = []
        for _ in range(self.rng.randint(1, 4)):
            words = self.writer.content_words(1) + self.writer.words(self.rng.randint(8, 30))
            sentences.append(" ".join([words[0].capitalize(), *words[1:]]) + ".")
        if self.rng.random() < 0.2:
            sentences.append(f'"{self.writer.caption(6, 15)}" said {self.writer.person()}.')
        return " ".join(sentences)

    def _credit(self, *, spaced: bool = False, person: str | None = None) -> str:
        """`Name / AGENCY`, with the page's non-breaking spaces around the slash."""
        person = person or self.rng.choice(self.photographers)
        agency = self.agency if self.rng.random() < 0.7 else self.rng.choice(AGENCIES)
        return f"{person} {NBSP}/{NBSP} {agency}" if spaced else f"{person}{NBSP}/{NBSP}{agency}"

    # -- videos ----------------------------------------------------------------

    def _video(self):
        rng, writer = self.rng, self.writer
        title = writer.title()
        last_names = rng.sample(LAST_NAMES, 3)
        people = [(rng.choice(FIRST_NAMES), last) for last in last_names]
        self._add(f"Video: {title}", "", f"  1. Transcript of: {title}", "")
        first, last = people[0]
        self._turn(f"{first} {last}".upper() + rng.choice(ANCHOR_ROLES))
        introduced = {last}
        for _ in range(rng.randint(1, 6)):
            first, last = rng.choice(people)
            if last in introduced and rng.random() < 0.6:
                self._turn(last.upper())  # `SNOW:` once the transcript has named her in full
            elif rng.random() < 0.3:
                self._turn(f"{rng.choice(TITLES)}{first.upper()} {last.upper()}")
            else:
                self._turn(f"{first} {last}".upper())
            introduced.add(last)

    def _turn(self, speaker: str):
        self._add(f"    {speaker}: {self._paragraph()}", "")

    # -- slideshows --------------------------------------------------------------

    def _slideshow(self) -> tuple[str, int]:
        """A `Photos:` section; returns its heading and the number of slides it shows."""
        rng, writer = self.rng, self.writer
        heading = self._heading()
        main = rng.choice(self.photographers)
        count = rng.randint(5, 30)
        self._add(f"Photos: {heading}", "", "loading photos...")
        for number in range(1, count + 1):
            person = main if rng.random() < 0.7 else None
            credit = self._credit(person=person)
            self._add(f"  {number}. {writer.caption()} ({credit}) Back to slideshow navigation")
        for number in range(1, rng.choice((0, 0, 1, 2)) + 1):
            note = WARNING_NOTES[rng.choice(NOTE_KINDS)]
            self._add(
                f"  {number}. Editor's note:",
                f"    {note}",
                "",
                "    Click to view the image, or use the buttons above to navigate away.",
                "",
            )
        return heading, count

    def _heading(self) -> str:
        return f"{self.rng.randint(1990, 2025)} {self.writer.content_words(1)[0]}"

    def _cards(self, shows: list[tuple[str, int]]):
        """Cards for the slideshows shown, the first marked `Above:`, and maybe one
        for a slideshow the page only links to."""
        rng = self.rng
        headings = {heading for heading, _ in shows}
        if rng.random() < 0.4:
            heading = self._heading()
            while heading in headings:
                heading = self._heading()
            shows = [*shows, (heading, rng.randint(5, 40))]
        for number, (heading, count) in enumerate(shows, start=1):
            declared = count + rng.randint(1, 5) if rng.random() < 0.1 else count
            above = "Above: " if number == 1 and headings else ""
            self._add(
                f"  {number}. Image:",
                f"    {self._credit()}",
                f"    {above}Slideshow ({declared}) {self._slideshow_title(heading)}",
            )
        if shows:
            self._add("")

    def _slideshow_title(self, heading: str) -> str:
        """A title no other page of this run uses, ending with the section's heading."""
        title = f"{self.writer.title()} in {self.writer.place()} - {heading}"
        while title.lower() in self.titles:
            title = f"{self.writer.title()} in {self.writer.place()} - {heading}"
        self.titles.add(title.lower())
        return title


def _updated(rng: random.Random) -> str:
    """`10/22/2011 1:58:39 PM ET 2011-10-22T17:58:39`: Eastern time, then UTC.

    Daytime hours only, so that no time falls in a daylight-saving change.
    """
    local = datetime(
        rng.randint(2005, 2025),
        rng.randint(1, 12),
        rng.randint(1, 28),
        rng.randint(7, 22),
        rng.randint(0, 59),
        rng.randint(0, 59),
        tzinfo=EASTERN,
    )
    utc = local.astimezone(UTC)
    hour = local.hour % 12 or 12
    clock = f"{hour}:{local:%M:%S} {'PM' if local.hour >= 12 else 'AM'}"
    return f"{local.month}/{local.day}/{local.year} {clock} ET {utc:%Y-%m-%dT%H:%M:%S}"
