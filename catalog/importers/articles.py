"""Parse the text dump of a news article page into plain data.

The page family (see fixtures/articles/) prints, in this order, all of them
optional:

- a header block: lead image title, its credit line (``Name / AGENCY``),
  the summary (which is also the lead image's caption), ``By ...`` and
  ``updated MM/DD/YYYY h:mm:ss PM ET <ISO time in UTC>``;
- body paragraphs, with sub-headings, ``Story: ...`` links and inline images
  (a stand-alone credit line followed by the caption), up to the
  ``Copyright ...`` line;
- ``Video: <title>`` sections with a ``Transcript of:`` list of speaker turns;
- ``Photos: <heading>`` sections with numbered slides (``N. caption (credit)
  Back to slideshow navigation``), then numbered editor's notes;
- slideshow cards (``N. Image:`` / credit / ``[Above: ]Slideshow (count) title``);
- boilerplate (``Discuss:``, ``votes comments`` ...), dropped.

The parser reads that structure, not positions: sections may be missing,
repeated or reordered. What it cannot place it reports as a notice; only
text that cannot be read at all raises `ParseError`.
"""

import re
from bisect import bisect_left
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.utils.text import slugify

from catalog.credits import (
    is_known_agency,
    looks_like_credit,
    normalise_space,
    parse_credit,
    person_name,
)

from .caption_credits import check_caption_credits
from .decoding import split_lines
from .errors import ParseError
from .records import (
    BodyBlock,
    Notice,
    ParsedArticle,
    ParsedPhoto,
    ParsedSlide,
    ParsedSlideshow,
    ParsedTurn,
    ParsedVideo,
    ParsedWarning,
)

ITEM = re.compile(r"^[ \t]+(?P<number>\d{1,4})\.(?:[ \t]+(?P<text>.*))?$")
SECTION = re.compile(r"^(?P<kind>Video|Photos)\s*:\s*(?P<title>\S.*)$")
COPYRIGHT = re.compile(r"^(?:Copyright|\u00a9)\b", re.IGNORECASE)
COPYRIGHT_HOLDER = re.compile(
    r"^(?:Copyright\s*)?(?:\u00a9\s*|\(c\)\s*)?(?:\d{4}(?:\s*[-\u2013]\s*\d{4})?,?\s+)?"
    r"(?P<holder>.+?)(?:\.?\s+All rights reserved|\.\s|\.?$)",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^By(?:\s+(?P<name>.*))?$")
UPDATED = re.compile(r"^(?:updated|posted|published)\s+(?P<when>.+)$", re.IGNORECASE)
STORY = re.compile(r"^(?:Related\s+)?Story\s*:\s*(?P<title>\S.*)$", re.IGNORECASE)
TRANSCRIPT = re.compile(r"^Transcript of\s*:\s*(?P<title>.*)$", re.IGNORECASE)
EDITORS_NOTE = re.compile(r"^Editor[\u2019']?s note\s*:\s*(?P<text>.*)$", re.IGNORECASE)
CARD = re.compile(r"^Image\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
CARD_SLIDESHOW = re.compile(
    r"^(?P<above>Above\s*:\s*)?Slideshow\s*\((?P<count>\d{1,6})\)\s*(?P<title>\S.*)$",
    re.IGNORECASE,
)
SLIDE_TAIL = re.compile(r"\s*Back to slideshow navigation\s*$", re.IGNORECASE)
SPEAKER = re.compile(
    r"^(?P<title>(?:[A-Z][a-z]+\.?\s+){0,2})"
    r"(?P<name>[A-Z][A-Z'\u2019.\-]*(?:\s+[A-Z][A-Z'\u2019.\-]*){0,4})"
    r"(?P<role>(?:,\s*|\s+)[a-z][a-z ,.'\-]{0,40}|\s*\([^)]{1,40}\))?"
    r"\s*:\s+(?P<text>\S.*)$"
)
ISO_TIME = re.compile(
    r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?"
)
US_TIME = re.compile(
    r"\b(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)\b\s*([A-Z]{2,4})?",
    re.IGNORECASE,
)
ZONES = {
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
    "GMT": "UTC",
    "UTC": "UTC",
}
BOILERPLATE = frozenset(
    text.casefold()
    for text in (
        "loading photos...",
        "Back to slideshow navigation",
        "Click to view the image, or use the buttons above to navigate away.",
        "Discuss:",
        "Discussion comments",
        "Most active discussions",
        "votes comments",
        ",",
    )
)
# Content Warning NewsCodes by the words an editor's note uses for them;
# a note that names none of them is a generic "graphic" warning.
WARNING_WORDS = (
    ("nudity", ("nudity", "nude", "naked")),
    ("sexuality", ("sexual", "sexuality")),
    ("drugUse", ("drug use", "drugs")),
    ("language", ("language", "profanity", "strong language")),
    ("death", ("death", "dead body", "bodies", "corpse")),
    ("suffering", ("suffering",)),
    ("violence", ("violence", "violent")),
)
ROLE_WORDS = {"reporting": "reporter"}
MAX_HEADING = 120


def parse_article(text: str, *, source_name: str) -> ParsedArticle:
    """Parse one article page. `source_name` (the file name) is its identity."""
    stem = source_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    slug = slugify(stem)[:200]
    if not slug:
        raise ParseError(f"cannot make an article identifier from the file name {source_name!r}")
    return _ArticleParser(split_lines(text), slug=slug, source_name=source_name).parse()


def is_boilerplate(text: str) -> bool:
    return normalise_space(text).casefold() in BOILERPLATE


def is_credit_line(text: str) -> bool:
    """A stand-alone credit line, as under a lead or inline image."""
    text = normalise_space(text)
    if len(text) > 150 or text.endswith((".", "!", "?", '"', "\u201d")):
        return False
    if "/" in text or " via " in text:
        return looks_like_credit(text)
    return is_known_agency(text)


def is_heading(text: str) -> bool:
    text = normalise_space(text)
    return (
        0 < len(text) <= MAX_HEADING
        and len(text.split()) <= 15
        and not text.endswith((".", "!", "?", ":", ",", ";", '"', "\u201d", "'"))
        and not text.startswith(('"', "\u201c"))
    )


@dataclass
class _Item:
    number: int
    line: int
    text: str
    more: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Section:
    heading: str
    line: int
    slides: dict[int, tuple[int, str, object]] = field(default_factory=dict)
    notes: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Card:
    line: int
    title: str
    count: int
    above: bool
    credit_line: int
    credit_text: str


class _ArticleParser:
    def __init__(self, lines: list[str], *, slug: str, source_name: str):
        self.lines = lines
        self.article = ParsedArticle(slug=slug, source_name=source_name)
        self.sections: list[_Section] = []
        self.cards: list[_Card] = []
        self.section: _Section | None = None
        self.video: ParsedVideo | None = None
        self.in_body = True
        self.inline_photos = 0

    def notice(self, line: int, message: str):
        self.article.notices.append(Notice(line, message))

    # -- driving ---------------------------------------------------------

    def parse(self) -> ParsedArticle:
        for index, unit in enumerate(self._units()):
            if isinstance(unit, _Item):
                self._item(unit)
            elif index == 0 and self._is_header(unit):
                self._header(unit)
            else:
                self._block(unit)
        self._assemble_slideshows()
        article = self.article
        if not (
            article.summary
            or article.body
            or article.lead_photo
            or article.photos
            or article.slideshows
            or article.videos
            or article.rights_notice
        ):
            raise ParseError("no article content found (no header, body, video or slideshow)", 1)
        return check_caption_credits(article)

    def _units(self):
        """Yield blocks (runs of plain lines) and numbered items in order.

        An item's indented continuation lines belong to it even across
        blank lines, as in transcripts and editor's notes.
        """
        block: list[tuple[int, str]] = []
        item: _Item | None = None
        for number, text in enumerate(self.lines, start=1):
            if not text.strip():
                if block:
                    yield block
                    block = []
                continue
            match = ITEM.match(text)
            if match:
                if block:
                    yield block
                    block = []
                if item:
                    yield item
                item = _Item(int(match["number"]), number, normalise_space(match["text"] or ""))
            elif item and text[:1].isspace():
                item.more.append((number, normalise_space(text)))
            else:
                if item:
                    yield item
                    item = None
                block.append((number, normalise_space(text)))
        if block:
            yield block
        if item:
            yield item

    # -- header and body ---------------------------------------------------

    def _is_header(self, block) -> bool:
        return any(
            BYLINE.match(text) or UPDATED.match(text) or is_credit_line(text) for _, text in block
        )

    def _header(self, block):
        article = self.article
        rest = []
        for number, text in block:
            byline, updated = BYLINE.match(text), UPDATED.match(text)
            if byline:
                article.byline = (byline["name"] or "").strip()
            elif updated:
                article.updated_at = self._timestamp(updated["when"], number)
            else:
                rest.append((number, text))
        credit_at = next((i for i, (_, text) in enumerate(rest) if is_credit_line(text)), None)
        if credit_at is None:
            texts = [text for _, text in rest]
            article.summary = texts[-1] if texts else ""
            article.headline = texts[0] if len(texts) > 1 else ""
            return
        before, (credit_number, credit_text), after = (
            rest[:credit_at],
            rest[credit_at],
            rest[credit_at + 1 :],
        )
        title = before.pop() if before and is_heading(before[-1][1]) else None
        if before:
            article.headline = before[0][1]
        caption = after.pop(0)[1] if after else ""
        article.summary = caption
        article.lead_photo = ParsedPhoto(
            key=f"article/{article.slug}/lead",
            line=title[0] if title else credit_number,
            title=title[1] if title else "",
            caption=caption,
            credit=parse_credit(credit_text),
        )
        article.photos.append(article.lead_photo)
        for number, text in after:
            self._paragraph(number, text)

    def _block(self, block):
        index = 0
        while index < len(block):
            number, text = block[index]
            following = [line for _, line in block[index + 1 : index + 3]]
            if self._structural(number, text):
                index += 1
            elif not self.in_body:
                self.notice(number, f"text outside any section ignored: {text[:60]!r}")
                index += 1
            elif STORY.match(text):
                self.article.body.append(BodyBlock("related", STORY.match(text)["title"], number))
                index += 1
            elif is_credit_line(text):
                caption = following[0] if following and not is_credit_line(following[0]) else ""
                self._inline_photo(number, "", text, caption)
                index += 2 if caption else 1
            elif following and is_credit_line(following[0]) and is_heading(text):
                caption = following[1] if len(following) > 1 else ""
                self._inline_photo(number, text, following[0], caption)
                index += 3 if caption else 2
            elif following and is_heading(text) and not is_boilerplate(following[0]):
                self.article.body.append(BodyBlock("heading", text, number))
                index += 1
            else:
                self._paragraph(number, text)
                index += 1

    def _structural(self, number: int, text: str) -> bool:
        """Handle section headings, the copyright line and boilerplate."""
        if is_boilerplate(text):
            return True
        section = SECTION.match(text)
        if section and section["kind"] == "Video":
            self.in_body, self.section = False, None
            self.video = self._new_video(number, section["title"])
            return True
        if section:
            self.in_body, self.video = False, None
            self.section = _Section(heading=section["title"], line=number)
            self.sections.append(self.section)
            return True
        if COPYRIGHT.match(text):
            self.in_body = False
            self.article.rights_notice = text
            holder = COPYRIGHT_HOLDER.match(text)
            self.article.rights_holder = holder["holder"].strip() if holder else ""
            return True
        return False

    def _paragraph(self, number: int, text: str):
        self.article.body.append(BodyBlock("paragraph", text, number))

    def _inline_photo(self, number: int, title: str, credit: str, caption: str):
        self.inline_photos += 1
        self.article.photos.append(
            ParsedPhoto(
                key=f"article/{self.article.slug}/inline/{self.inline_photos}",
                line=number,
                title=title,
                caption=caption,
                credit=parse_credit(credit),
            )
        )

    def _timestamp(self, text: str, number: int) -> datetime | None:
        try:
            stamps = [stamp for stamp in (_iso_time(text), _us_time(text)) if stamp]
            if len(stamps) == 2 and stamps[0] != stamps[1]:
                self.notice(number, "the page's two times disagree; keeping the ISO one")
            if stamps:
                return stamps[0].astimezone(UTC)
        except (ValueError, OverflowError):
            pass
        self.notice(number, f"unreadable time {text!r}")
        return None

    # -- numbered items ----------------------------------------------------

    def _item(self, item: _Item):
        text = item.text
        if is_boilerplate(text) or not (text or item.more or self.section):
            return
        transcript = TRANSCRIPT.match(text)
        if transcript:
            self._transcript(item, transcript["title"].strip())
            return
        note = EDITORS_NOTE.match(text)
        if note:
            self._editors_note(item)
            return
        if CARD.match(text):
            self._card(item)
            return
        looks_like_slide = SLIDE_TAIL.search(text) or _trailing_credit(text)[1]
        if self.section is None:
            if not looks_like_slide:
                if self.in_body:  # a numbered paragraph, with its indented lines
                    self._paragraph(item.line, " ".join(_item_lines(item)))
                else:
                    self.notice(
                        item.line, f"numbered line outside a slideshow ignored: {text[:60]!r}"
                    )
                return
            self.in_body, self.video = False, None
            self.section = _Section(heading="", line=item.line)
            self.sections.append(self.section)
        self._slide(item)

    def _slide(self, item: _Item):
        text = " ".join([item.text, *(line for _, line in item.more if not is_boilerplate(line))])
        text = SLIDE_TAIL.sub("", text).strip()
        if not text:
            self.notice(item.line, f"slide {item.number} is empty; skipped")
            return
        if item.number < 1:
            self.notice(item.line, "slide 0: slides are numbered from 1; skipped")
            return
        caption, credit_text = _trailing_credit(text)
        if not credit_text:
            self.notice(item.line, f"slide {item.number} has no credit")
        if item.number in self.section.slides:
            first = self.section.slides[item.number][0]
            raise ParseError(
                f"slide {item.number} appears twice in one slideshow (first on line {first})",
                item.line,
            )
        credit = parse_credit(credit_text) if credit_text else None
        self.section.slides[item.number] = (item.line, caption, credit)

    def _editors_note(self, item: _Item):
        parts = [item.text, *(line for _, line in item.more if not is_boilerplate(line))]
        note = " ".join(part for part in parts if part)
        section = self.section or (self.sections[-1] if self.sections else None)
        if section is None:
            section = _Section(heading="", line=item.line)
            self.sections.append(section)
        section.notes.append((item.line, note))

    def _card(self, item: _Item):
        lines = [(item.line, CARD.match(item.text)["rest"]), *item.more]
        credit = next(((n, t) for n, t in lines if t and is_credit_line(t)), (item.line, ""))
        slideshow = next(
            (CARD_SLIDESHOW.match(t) for _, t in lines if CARD_SLIDESHOW.match(t)), None
        )
        if slideshow is None:
            self.notice(item.line, "card names no slideshow; ignored")
            return
        self.cards.append(
            _Card(
                line=item.line,
                title=slideshow["title"].strip(),
                count=int(slideshow["count"]),
                above=bool(slideshow["above"]),
                credit_line=credit[0],
                credit_text=credit[1],
            )
        )

    def _new_video(self, number: int, title: str) -> ParsedVideo:
        video = ParsedVideo(
            key=f"article/{self.article.slug}/video/{len(self.article.videos) + 1}",
            line=number,
            title=title.strip(),
        )
        self.article.videos.append(video)
        return video

    def _transcript(self, item: _Item, title: str):
        if self.video is None or self.video.turns:
            self.in_body, self.section = False, None
            self.video = self._new_video(item.line, title or "Untitled video")
        raw_turns = []
        for number, text in item.more:
            if is_boilerplate(text):
                continue
            match = SPEAKER.match(text)
            if match and sum(ch.isalpha() for ch in match["name"]) >= 2:
                raw_turns.append((number, match, [match["text"]]))
            elif raw_turns:
                raw_turns[-1][2].append(text)
            else:
                self.notice(number, "transcript text before any speaker ignored")
        by_surname: dict[str, set[str]] = {}
        for _, match, _ in raw_turns:
            if " " in match["name"].strip():
                full = person_name(match["name"])
                by_surname.setdefault(full.split()[-1].casefold(), set()).add(full)
        for position, (number, match, paragraphs) in enumerate(raw_turns, start=1):
            name = _resolve_speaker(person_name(match["name"]), by_surname)
            label = normalise_space(_speaker_label(match))
            self.video.turns.append(
                ParsedTurn(
                    position=position,
                    line=number,
                    speaker=name,
                    speaker_label=label,
                    speaker_role=_speaker_role(match),
                    text="\n\n".join(paragraphs),
                )
            )

    # -- slideshows ----------------------------------------------------------

    def _assemble_slideshows(self):
        free = _FreeSections(self.sections)
        matched: dict[int, _Section] = {}
        for index, card in enumerate(self.cards):
            section = free.take_heading_ending(card.title)
            if section is None and card.above:
                section = free.take_last_before(card.line)
            if section is not None:
                matched[index] = section

        seen: dict[str, ParsedSlideshow] = {}
        for index, card in enumerate(self.cards):
            section = matched.get(index)
            line = section.line if section else card.line
            self._add_slideshow(seen, card.title, line, section, card)
        for section in free.remaining():
            title = section.heading or f"{self.article.slug} slideshow {len(seen) + 1}"
            self._add_slideshow(seen, title, section.line, section, None)

    def _add_slideshow(self, seen, title, line, section: _Section | None, card: _Card | None):
        slug = slugify(title)[:300] or f"{self.article.slug}-slideshow-{len(seen) + 1}"
        if slug in seen:
            self.notice(line, f"slideshow {title!r} appears twice; keeping the first")
            return
        show = ParsedSlideshow(title=title, slug=slug, line=line)
        seen[slug] = show
        if card:
            show.declared_count = card.count
            if card.credit_text:
                show.cover = ParsedPhoto(
                    key=f"slideshow/{slug}/cover",
                    line=card.credit_line,
                    credit=parse_credit(card.credit_text),
                )
        if section:
            show.heading = section.heading
            if section.slides:
                show.slides = [
                    ParsedSlide(
                        position=number,
                        photo=ParsedPhoto(
                            key=f"slideshow/{slug}/slide/{number}",
                            line=slide_line,
                            caption=caption,
                            credit=credit,
                        ),
                    )
                    for number, (slide_line, caption, credit) in sorted(section.slides.items())
                ]
            show.warnings = [
                ParsedWarning(
                    key=f"slideshow/{slug}/warning/{position}",
                    line=note_line,
                    kind=warning_kind(note),
                    note=note,
                )
                for position, (note_line, note) in enumerate(section.notes, start=1)
            ]
        self.article.slideshows.append(show)


class _FreeSections:
    """The `Photos:` sections no card has taken yet, in page order.

    Finding a card's section never scans them all, so a page with thousands
    of cards and sections still parses in linear time: headings sit in a trie
    of their reversed text (a heading that ends a title is a path from its
    root), and taken sections are skipped with path-compressed links.
    """

    END = ""  # trie key marking the end of a heading; never a character

    def __init__(self, sections: list[_Section]):
        self.sections = sections
        self.free = [True] * len(sections)
        self.lines = [section.line for section in sections]  # in order: sections follow the page
        self.skip = list(range(-1, len(sections) - 1))  # a taken section's next candidate before it
        self.by_heading: dict[str, deque[int]] = {}
        self.trie: dict = {}
        for index, section in enumerate(sections):
            heading = section.heading.casefold()
            if not heading:
                continue
            self.by_heading.setdefault(heading, deque()).append(index)
            node = self.trie
            for char in reversed(heading):
                node = node.setdefault(char, {})
            node[self.END] = heading

    def take_heading_ending(self, title: str) -> _Section | None:
        """The first free section whose heading ends `title` (ignoring case)."""
        first, node = None, self.trie
        for char in reversed(title.casefold()):
            node = node.get(char)
            if node is None:
                break
            if self.END in node:
                waiting = self.by_heading[node[self.END]]
                while waiting and not self.free[waiting[0]]:
                    waiting.popleft()
                if waiting and (first is None or waiting[0] < first):
                    first = waiting[0]
        return self._take(first)

    def take_last_before(self, line: int) -> _Section | None:
        """The last free section printed before `line`."""
        index = bisect_left(self.lines, line) - 1
        passed = []
        while index >= 0 and not self.free[index]:
            passed.append(index)
            index = self.skip[index]
        for taken in passed:
            self.skip[taken] = index
        return self._take(index if index >= 0 else None)

    def remaining(self) -> list[_Section]:
        return [section for section, free in zip(self.sections, self.free, strict=True) if free]

    def _take(self, index: int | None) -> _Section | None:
        if index is None:
            return None
        self.free[index] = False
        return self.sections[index]


def _iso_time(text: str) -> datetime | None:
    """The page's ISO time; without an offset it is UTC."""
    match = ISO_TIME.search(text)
    if not match:
        return None
    stamp = datetime.fromisoformat(match[0])
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _us_time(text: str) -> datetime | None:
    """`10/22/2011 1:58:39 PM ET`, in the named US zone (Eastern by default)."""
    match = US_TIME.search(text)
    if not match:
        return None
    month, day, year, hour, minute, second, meridiem, zone = match.groups()
    hour = int(hour) % 12 + (12 if meridiem.upper() == "PM" else 0)
    local = datetime(int(year), int(month), int(day), hour, int(minute), int(second or 0))
    return local.replace(tzinfo=ZoneInfo(ZONES.get((zone or "ET").upper(), "America/New_York")))


def warning_kind(note: str) -> str:
    text = note.casefold()
    for kind, words in WARNING_WORDS:
        if any(re.search(rf"\b{re.escape(word)}\b", text) for word in words):
            return kind
    return "graphic"


def _trailing_credit(text: str) -> tuple[str, str]:
    """Split `caption (credit)`: the credit is the LAST parenthesised group."""
    text = text.rstrip()
    if not text.endswith(")"):
        return text, ""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                inner = text[index + 1 : -1].strip()
                if looks_like_credit(inner):
                    return text[:index].rstrip(), inner
                return text, ""
    return text, ""


def _item_lines(item: _Item) -> list[str]:
    return [text for text in (item.text, *(line for _, line in item.more)) if text]


def _resolve_speaker(name: str, by_surname: dict[str, set[str]]) -> str:
    """`Snow` -> `Kate Snow` when one full name in the transcript, and only one, ends so."""
    if " " in name:
        return name
    candidates = by_surname.get(name.casefold(), set())
    return next(iter(candidates)) if len(candidates) == 1 else name


def _speaker_role(match: re.Match) -> str:
    title = (match["title"] or "").strip()
    role = (match["role"] or "").strip(" ,()")
    role = ROLE_WORDS.get(role.casefold(), role)
    return role or title


def _speaker_label(match: re.Match) -> str:
    return "".join(match[group] or "" for group in ("title", "name", "role"))
