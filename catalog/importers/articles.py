"""Parse the text dump of a news article page into plain data.

The page family (see fixtures/articles/) prints, in this order, all of them
optional:

- a header block: lead image title (plain, or after ``Image:``), its credit
  line (``Name / AGENCY``), the summary (which is also the lead image's
  caption), the byline (``By ...``, a free line such as ``Staff and wire
  reports``, or run on at the end of the summary) and ``updated <time>``;
- body paragraphs, with sub-headings, ``Story: ...`` links, inserted link
  lists (``More from ...``, ``Stories from ...``) and inline images (a
  stand-alone credit line followed by the caption), up to the
  ``Copyright ...`` line; the body goes on after a video, a slideshow or a
  link list when a prose paragraph follows it;
- ``Video: <title>`` sections with a ``Transcript of:`` list of speaker turns
  or a ``Closed captioning of:`` list of ``>>`` turns;
- ``Photos: <heading>`` sections with numbered slides (``N. caption (credit)
  Back to slideshow navigation``), then numbered editor's notes;
- the later slideshow layout: a title line, ``/ N PHOTOS``, then per slide
  ``Image: <title>``, the caption and a credit line (``— Name / Agency``);
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
from catalog.outcomes import Notice

from .caption_credits import check_caption_credits
from .decoding import split_lines
from .errors import ParseError
from .records import (
    BodyBlock,
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
TRANSCRIPT = re.compile(
    r"^(?P<kind>Transcript|Closed captioning) of\s*:\s*(?P<title>.*)$", re.IGNORECASE
)
EDITORS_NOTE = re.compile(r"^Editor[\u2019']?s note\s*:\s*(?P<text>.*)$", re.IGNORECASE)
CARD = re.compile(r"^Image\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
CARD_SLIDESHOW = re.compile(
    r"^(?P<above>Above\s*:\s*)?Slideshow\s*\((?P<count>\d{1,6})\)\s*(?P<title>\S.*)$",
    re.IGNORECASE,
)
SLIDE_TAIL = re.compile(r"\s*Back to slideshow navigation\s*$", re.IGNORECASE)
# `President BARACK OBAMA`, `Secretary of State HILLARY CLINTON`, `SNOW`,
# `KATE SNOW, anchor (New York, NY)`, `JOHN DOE (Red Cross)`,
# `Mr. JOHN DOE, spokesman, Red Cross`, `CHUCK TODD reporting`.
SPEAKER = re.compile(
    r"^(?P<label>(?P<title>(?:[A-Z][a-z]{1,20}\.?\s+(?:of\s+(?:the\s+)?[A-Z][a-z]{1,20}\s+)?){0,2})"
    r"(?P<name>[A-Z][A-Z'\u2019.\-]*(?:\s+[A-Z][A-Z'\u2019.\-]*){0,4})"
    r"(?P<role>,\s*[A-Za-z][A-Za-z ,.'&\-]{0,60}|\s+[a-z][a-z ,.'\-]{0,40})?"
    r"(?:\s*\((?P<place>[^()]{1,60})\))?)"
    r"\s*:\s+(?P<text>\S.*)$"
)
# Speakers a transcript does not name: `Unidentified Man`, `UNIDENTIFIED
# WOMAN #1`, `Reporter`.
UNNAMED = re.compile(
    r"^(?P<label>(?:unidentified|unknown|unnamed)\s+(?:[a-z]+\s+)?[a-z]+(?:\s*#\s*\d{1,3}|\s+\d{1,3})?"
    r"|reporter|narrator|announcer|interviewer|crowd|audience|several people)"
    r"\s*:\s*(?P<text>\S.*)$",
    re.IGNORECASE,
)
# A closed caption's turn mark: `>>` a new speaker, `>>>` a new segment.
CAPTION_MARK = re.compile(r"(?:^|(?<=\s))(>>>?)(?!>)\s*")
HONORIFIC_ROLES = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "dr": "",
    "mr": "",
    "mrs": "",
    "ms": "",
}
# The later slideshow layout's declared count: `/ 12 PHOTOS`, `1 / 12 PHOTOS`, `12 photos`.
PHOTO_COUNT = re.compile(r"^(?:(?:\d{1,4}\s*)?/\s*)?(?P<count>\d{1,5})\s+photos?$", re.IGNORECASE)
SLIDE_CREDIT_DASH = re.compile(r"^[-\u2013\u2014]+\s*")
# The line that opens an inserted list of links inside the body.
LINK_LIST = re.compile(
    r"^(?:(?:more|other|top|latest|recent|related|popular)\s+)?"
    r"(?:stories|news|headlines|coverage|links|videos?)\s+(?:from|on|about|in)\b"
    r"|^more\s+(?:from|on|about)\b"
    r"|^related\s+(?:stories|links|content|coverage|news)\b"
    r"|^most\s+(?:popular|viewed|read|emailed)\b"
    r"|^also\s+(?:on|from|in)\b",
    re.IGNORECASE,
)
# How a byline written without `By` ends; matched on its case-folded text.
BYLINE_ENDINGS = (
    "news services",
    "news service",
    "news service reports",
    "wire reports",
    "wire services",
    "staff reports",
    "the associated press",
)
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+")
UPDATED_INLINE = re.compile(
    r"^(?P<by>\S.{0,99}?)\s+(?:updated|posted|published)\s+(?P<when>\S.*)$", re.IGNORECASE
)
ISO_TIME = re.compile(
    r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?"
)
US_TIME = re.compile(
    r"\b(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)\b\s*([A-Z]{2,4})?",
    re.IGNORECASE,
)
# `8:49 p.m. ET Jan. 14, 2010` (either part first).
WORDED_CLOCK = re.compile(
    r"\b(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s?(?P<meridiem>[aApP])\.?\s?[mM]\b\.?"
    r"(?:\s?(?P<zone>ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|GMT|UTC)\b)?"
)
WORDED_DATE = re.compile(
    r"\b(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\s(?P<day>\d{1,2}),?\s(?P<year>\d{4})\b"
)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# `1 hour ago`, `moments ago`: a time the page no longer dates.
RELATIVE_TIME = re.compile(r"\bago$|^(?:just now|today|yesterday)$", re.IGNORECASE)
ZONES = {
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "CT": "America/Chicago",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "MT": "America/Denver",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
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


def is_prose(text: str) -> bool:
    """A sentence of running text, as a body paragraph is; not a link title."""
    bare = text.rstrip("\"'\u201d\u2019)")
    ends = bare.endswith((".", "!")) or (bare.endswith("?") and len(bare) < len(text))
    return ends and len(text.split()) >= 6


def is_byline_form(text: str) -> bool:
    """A byline written without `By`: `Staff and wire reports`, `NBC News and
    news services`, `The Associated Press`."""
    return (
        len(text) <= 100
        and len(text.split()) <= 12
        and text.casefold().endswith(BYLINE_ENDINGS)
        and not text.startswith(("(", "\u201c", '"'))
    )


def looks_like_byline_name(text: str) -> bool:
    """A short free line that can be a byline next to the `updated` line."""
    return (
        is_heading(text)
        and len(text.split()) <= 10
        and "/" not in text
        and not SENTENCE_END.search(text)
    )


def split_byline_tail(text: str) -> tuple[str, str]:
    """`... said Tuesday. NBC, msnbc.com and news services` -> the sentence
    and the byline run on after it; (`text`, "") when there is none."""
    if not text.casefold().endswith(BYLINE_ENDINGS):
        return text, ""
    last = None
    for last in SENTENCE_END.finditer(text):  # noqa: B007 - the last one is wanted
        pass
    if last is None:
        return text, ""
    tail = text[last.end() :]
    if not is_byline_form(tail):
        return text, ""
    return text[: last.end()].rstrip(), tail


def starts_with_time(text: str) -> bool:
    """Whether `text` (what follows `updated` after a byline) opens with a time."""
    return bool(
        US_TIME.match(text)
        or ISO_TIME.match(text)
        or (WORDED_CLOCK.match(text) and WORDED_DATE.search(text))
        or (WORDED_DATE.match(text) and WORDED_CLOCK.search(text))
        or (RELATIVE_TIME.search(text) and len(text.split()) <= 4)
    )


@dataclass
class _Item:
    number: int
    line: int
    text: str
    more: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Section:
    """A slideshow's slides as printed: a `Photos:` section, or a gallery of
    the later layout (a title line and its declared count)."""

    heading: str
    line: int
    # number -> (line, caption, credit, title)
    slides: dict[int, tuple[int, str, object, str]] = field(default_factory=dict)
    notes: list[tuple[int, str]] = field(default_factory=list)
    title: str = ""
    declared_count: int | None = None


@dataclass
class _GallerySlide:
    number: int
    line: int
    title: str
    caption: list[str] = field(default_factory=list)
    credit: str = ""


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
        self.galleries: list[_Section] = []
        self.cards: list[_Card] = []
        self.section: _Section | None = None
        self.video: ParsedVideo | None = None
        self.gallery: _Section | None = None
        self.slide: _GallerySlide | None = None
        self.in_body = True
        self.body_closed = False  # after the copyright line the body never resumes
        self.links: tuple[int, str, int] | None = None  # a link list: its line, text, links
        self.inline_photos = 0
        self.gallery_titles, self.photo_counts = _gallery_lines(lines)

    def notice(self, line: int, message: str):
        self.article.notices.append(Notice(line, message))

    # -- driving ---------------------------------------------------------

    def parse(self) -> ParsedArticle:
        headline = None  # a lone first line, the headline if the header follows it
        for index, unit in enumerate(self._units()):
            header = self._as_header(unit) if index == 0 or headline else None
            if index == 0 and header is None and self._is_headline(unit):
                headline = unit
                continue
            if header:
                self.article.headline = headline[0][1] if headline else ""
                self._header(header)
            else:
                if headline:
                    self._block(headline)
                self._unit(unit)
            headline = None
        if headline:
            self._block(headline)
        self._end_gallery()
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

    def _unit(self, unit):
        if isinstance(unit, _Item):
            self._item(unit)
        else:
            self._block(unit)

    def _is_headline(self, unit) -> bool:
        if isinstance(unit, _Item) or len(unit) != 1:
            return False
        number, text = unit[0]
        return (
            is_heading(text)
            and _can_title_gallery(text)
            and not (_is_byline_or_time(text) or is_credit_line(text) or LINK_LIST.match(text))
            and number not in self.photo_counts
            and number not in self.gallery_titles
        )

    def _units(self):
        """Yield blocks (runs of plain lines) and numbered items in order.

        An item's indented continuation lines belong to it even across
        blank lines, as in transcripts and editor's notes; so do a
        `Transcript of:` or `Closed captioning of:` line's, numbered or not.
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
            if match or TRANSCRIPT.match(text.strip()):
                if block:
                    yield block
                    block = []
                if item:
                    yield item
                if match:
                    item = _Item(int(match["number"]), number, normalise_space(match["text"] or ""))
                else:
                    item = _Item(0, number, normalise_space(text))
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

    def _as_header(self, unit) -> list[tuple[int, str]] | None:
        """The page's first unit as header lines, if it is the header: a block
        with a byline, a time, a credit line or an `Image:` title, or a
        numbered `Image:` item that names no slideshow."""
        if isinstance(unit, _Item):
            if CARD.match(unit.text) and not any(CARD_SLIDESHOW.match(t) for _, t in unit.more):
                return [(unit.line, unit.text), *unit.more]
            return None
        header = any(
            _is_byline_or_time(text)
            or is_credit_line(text)
            or (CARD.match(text) and number not in self.photo_counts)
            for number, text in unit
        )
        return unit if header and not self._starts_gallery(unit) else None

    def _starts_gallery(self, block) -> bool:
        return any(n in self.gallery_titles or n in self.photo_counts for n, _ in block)

    def _bylines(self, block) -> tuple[list[tuple[int, str]], set[int]]:
        """Take the `By` and `updated` lines out of `block` (a byline and a time
        may share a line); returns the other lines and the numbers of the
        lines taken."""
        article = self.article
        rest, taken = [], set()
        for number, text in block:
            beside = _byline_beside_time(text) if not UPDATED.match(text) else None
            by, when = beside or (text, None)
            updated = UPDATED.match(by) if when is None else None
            byline = BYLINE.match(by)
            if updated:
                when = updated["when"]
            elif byline:
                article.byline = article.byline or (byline["name"] or "").strip()
            elif when is not None:
                article.byline = article.byline or by
            if when is not None:
                article.updated_at = self._timestamp(when, number)
            if byline or when is not None:
                taken.add(number)
            else:
                rest.append((number, text))
        return rest, taken

    def _header(self, block):
        article = self.article
        rest, taken = self._bylines(block)
        image_at = next((i for i, (_, text) in enumerate(rest) if CARD.match(text)), None)
        credit_at = next(
            (
                i
                for i, (_, text) in enumerate(rest)
                if is_credit_line(text) and (image_at is None or i > image_at)
            ),
            None,
        )
        if image_at is None and credit_at is None:
            after = self._free_bylines(rest[1:], taken)
            texts = [text for _, text in rest[:1] + after]
            article.summary = self._summary(texts[-1] if texts else "")
            article.headline = article.headline or (texts[0] if len(texts) > 1 else "")
            return
        if image_at is not None:
            title = (rest[image_at][0], CARD.match(rest[image_at][1])["rest"].strip())
            before = rest[:image_at]
            credit = rest[credit_at] if credit_at == image_at + 1 else None
            after = rest[image_at + (2 if credit else 1) :]
        else:
            before, credit, after = rest[:credit_at], rest[credit_at], rest[credit_at + 1 :]
            title = before.pop() if before and is_heading(before[-1][1]) else None
        if before and not article.headline:
            article.headline = before[0][1]
        caption = after.pop(0)[1] if after else ""
        if credit is None and after and is_credit_line(after[0][1]):
            credit = after.pop(0)  # `Image:` title, caption, then the credit
        caption = self._summary(caption)
        article.summary = caption
        if not (caption or credit or (title and title[1])):
            self.notice(title[0], "lead image with no title, caption or credit ignored")
            return
        article.lead_photo = ParsedPhoto(
            key=f"article/{article.slug}/lead",
            line=title[0] if title else credit[0],
            title=title[1] if title else "",
            caption=caption,
            credit=parse_credit(credit[1]) if credit else None,
        )
        article.photos.append(article.lead_photo)
        for number, text in self._free_bylines(after, taken):
            self._paragraph(number, text)

    def _summary(self, text: str) -> str:
        """The summary without a byline run on at its end (which becomes the byline)."""
        if self.article.byline:
            return text
        text, byline = split_byline_tail(text)
        self.article.byline = byline
        return text

    def _free_bylines(self, lines, taken: set[int]) -> list[tuple[int, str]]:
        """Take a byline written without `By` out of the header's `lines`: a
        known form (`Staff and wire reports`) anywhere, or a short line next
        to the `updated` or `By` line."""
        rest = []
        for number, text in lines:
            nearby = number - 1 in taken or number + 1 in taken
            if not self.article.byline and (
                is_byline_form(text) or (nearby and looks_like_byline_name(text))
            ):
                self.article.byline = text
                taken.add(number)
            else:
                rest.append((number, text))
        return rest

    def _block(self, block):
        if not self.article.body and self._header_rest(block):
            return
        index = 0
        while index < len(block):
            number, text = block[index]
            following = [line for _, line in block[index + 1 : index + 3]]
            index += self._line(number, text, following)

    def _header_rest(self, block) -> bool:
        """A block of only a byline and a time, after the header, before the body."""
        marked = [_is_byline_or_time(text) for _, text in block]
        free = [text for (_, text), mark in zip(block, marked, strict=True) if not mark]
        if not any(marked) or not all(looks_like_byline_name(text) for text in free):
            return False
        rest, taken = self._bylines(block)
        for number, text in self._free_bylines(rest, taken):
            self.notice(number, f"text beside the byline ignored: {text[:60]!r}")
        return True

    def _line(self, number: int, text: str, following: list[str]) -> int:
        """Read one plain line (with up to two after it); return the lines used."""
        if number in self.gallery_titles:
            self._start_gallery(number, text)
            return 1
        if number in self.photo_counts:
            self._gallery_count(number, self.photo_counts[number])
            return 1
        if self._structural(number, text):
            return 1
        if self.gallery is not None and self._gallery_line(number, text):
            return 1
        if self.links is not None:
            ends = CARD.match(text) or is_credit_line(text) or self._resumes_body(text, following)
            if not ends:
                self._link(number, STORY.match(text)["title"] if STORY.match(text) else text)
                return 1
            self._resume_body()
        elif LINK_LIST.match(text) and not self.body_closed and not is_prose(text):
            self.in_body, self.section, self.video = False, None, None
            self.links = (number, text, 0)
            return 1
        if not self.in_body:
            if self.body_closed or not self._resumes_body(text, following):
                self.notice(number, f"text outside any section ignored: {text[:60]!r}")
                return 1
            self._resume_body()
        if STORY.match(text):
            self.article.body.append(BodyBlock("related", STORY.match(text)["title"], number))
            return 1
        image = CARD.match(text)
        if image:
            return self._titled_photo(number, image["rest"].strip(), following)
        if is_credit_line(text):
            caption = following[0] if following and not is_credit_line(following[0]) else ""
            self._inline_photo(number, "", text, caption)
            return 2 if caption else 1
        if following and is_credit_line(following[0]) and is_heading(text):
            caption = following[1] if len(following) > 1 else ""
            self._inline_photo(number, text, following[0], caption)
            return 3 if caption else 2
        if following and is_heading(text) and not is_boilerplate(following[0]):
            self.article.body.append(BodyBlock("heading", text, number))
            return 1
        self._paragraph(number, text)
        return 1

    def _titled_photo(self, number: int, title: str, following: list[str]) -> int:
        """An `Image: title` line in the body: its credit and caption follow, in
        either order."""
        if following and is_credit_line(following[0]):
            caption = (
                following[1] if len(following) > 1 and not is_credit_line(following[1]) else ""
            )
            self._inline_photo(number, title, following[0], caption)
            return 3 if caption else 2
        if len(following) > 1 and is_credit_line(following[1]):
            self._inline_photo(number, title, following[1], following[0])
            return 3
        caption = following[0] if following else ""
        self._inline_photo(number, title, "", caption)
        return 2 if caption else 1

    def _resumes_body(self, text: str, following: list[str]) -> bool:
        """Whether the body goes on here, after a video, slideshow or link list:
        a prose paragraph does, or a sub-heading with one under it."""
        return is_prose(text) or bool(following and is_heading(text) and is_prose(following[0]))

    def _resume_body(self):
        if self.links is not None and self.links[2] == 0:  # no links after all: a heading
            self.article.body.append(BodyBlock("heading", self.links[1], self.links[0]))
        self.in_body, self.links = True, None
        self.section = self.video = None
        self._end_gallery()

    def _link(self, number: int, title: str):
        self.article.body.append(BodyBlock("related", title, number))
        line, text, count = self.links
        self.links = (line, text, count + 1)

    def _structural(self, number: int, text: str) -> bool:
        """Handle section headings, the copyright line and boilerplate."""
        if is_boilerplate(text):
            return True
        section = SECTION.match(text)
        if section or COPYRIGHT.match(text):
            self._end_gallery()
            self.links = None
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
            self.in_body, self.body_closed = False, True
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
                credit=parse_credit(credit) if credit else None,
            )
        )

    def _timestamp(self, text: str, number: int) -> datetime | None:
        try:
            stamps = [
                stamp for stamp in (_iso_time(text), _us_time(text), _worded_time(text)) if stamp
            ]
            if len(stamps) >= 2 and stamps[0] != stamps[1]:
                self.notice(number, "the page's two times disagree; keeping the ISO one")
            if stamps:
                return stamps[0].astimezone(UTC)
        except (ValueError, OverflowError):
            pass
        if RELATIVE_TIME.search(text):
            self.notice(number, f"relative time {text!r} names no date; no time kept")
            return None
        self.notice(number, f"unreadable time {text!r}")
        return None

    # -- the later slideshow layout ------------------------------------------

    def _start_gallery(self, number: int, title: str):
        self._end_gallery()
        self.links = None
        self.in_body, self.section, self.video = False, None, None
        self.gallery = _Section(heading="", line=number, title=title)
        self.galleries.append(self.gallery)

    def _gallery_count(self, number: int, count: int):
        gallery = self.gallery
        if gallery is None and self.section is not None and not self.section.slides:
            # `Photos: heading` then its count: that section, in the later layout.
            gallery = self.section
            self.sections.pop()  # the section just opened, the last one
            gallery.title = gallery.heading
            self.galleries.append(gallery)
            self.section = None
        elif gallery is None or gallery.slides or gallery.declared_count is not None:
            self._start_gallery(number, "")
            gallery = self.gallery
        self.gallery = gallery
        gallery.declared_count = count
        self.in_body = False

    def _gallery_line(self, number: int, text: str) -> bool:
        """A line of the open gallery; False when the gallery has ended before it."""
        image = CARD.match(text)
        if image and not CARD_SLIDESHOW.match(image["rest"]):
            self._end_slide()
            slide_number = len(self.gallery.slides) + 1
            self.slide = _GallerySlide(slide_number, number, image["rest"].strip())
            return True
        slide = self.slide
        if slide is None:
            if self.gallery.slides:
                self._end_gallery()
                return False
            self.notice(
                number, f"text in a slideshow before its first slide ignored: {text[:60]!r}"
            )
            return True
        if slide.credit:  # the slide is complete: what follows is not the gallery's
            self._end_gallery()
            return False
        credit = _slide_credit(text)
        if credit:
            slide.credit = credit
        else:
            slide.caption.append(text)
        return True

    def _end_slide(self):
        slide, self.slide = self.slide, None
        if slide is None:
            return
        caption, credit = " ".join(slide.caption), slide.credit
        if not credit:
            caption, credit = _trailing_credit(caption)
        if not credit:
            self.notice(slide.line, f"slide {slide.number} has no credit")
        self.gallery.slides[slide.number] = (
            slide.line,
            caption,
            parse_credit(credit) if credit else None,
            slide.title,
        )

    def _end_gallery(self):
        if self.gallery is not None:
            self._end_slide()
        self.gallery = None

    # -- numbered items ----------------------------------------------------

    def _item(self, item: _Item):
        text = item.text
        if is_boilerplate(text) or not (text or item.more or self.section):
            return
        transcript = TRANSCRIPT.match(text)
        if transcript:
            self._end_gallery()
            self._transcript(item, transcript["title"].strip(), transcript["kind"])
            return
        note = EDITORS_NOTE.match(text)
        if note:
            self._editors_note(item)
            return
        if CARD.match(text):
            self._card(item)
            return
        self._end_gallery()
        if self.links is not None and self.section is None and not is_prose(text):
            self._link(item.line, " ".join(_item_lines(item)))
            return
        looks_like_slide = SLIDE_TAIL.search(text) or _trailing_credit(text)[1]
        if self.section is None:
            if not looks_like_slide:
                if not self.in_body and not self.body_closed and is_prose(text):
                    self._resume_body()
                if self.in_body:  # a numbered paragraph, with its indented lines
                    self._paragraph(item.line, " ".join(_item_lines(item)))
                else:
                    self.notice(
                        item.line, f"numbered line outside a slideshow ignored: {text[:60]!r}"
                    )
                return
            self.in_body, self.video, self.links = False, None, None
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
        self.section.slides[item.number] = (item.line, caption, credit, "")

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
        if slideshow is None and self.gallery is not None:  # a numbered slide of a gallery
            self._gallery_line(item.line, item.text)
            for number, text in item.more:
                if not is_boilerplate(text):
                    self._gallery_line(number, text)
            return
        if slideshow is None and credit[1]:  # a picture with its title, credit and caption
            self._end_gallery()
            title = lines[0][1].strip()
            rest = [t for n, t in lines[1:] if n != credit[0] and not is_boilerplate(t)]
            self._inline_photo(item.line, title, credit[1], " ".join(rest))
            return
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

    def _transcript(self, item: _Item, title: str, kind: str):
        if self.video is None or self.video.turns:
            self.in_body, self.section, self.links = False, None, None
            self.video = self._new_video(item.line, title or "Untitled video")
        lines = [(number, text) for number, text in item.more if not is_boilerplate(text)]
        if kind.casefold().startswith("closed"):
            raw_turns = self._caption_turns(lines)
        else:
            raw_turns = self._speaker_turns(lines)
        by_surname: dict[str, set[str]] = {}
        for _, name, _, _, _ in raw_turns:
            if name and " " in name:
                by_surname.setdefault(name.split()[-1].casefold(), set()).add(name)
        for position, (number, name, label, role, paragraphs) in enumerate(raw_turns, start=1):
            self.video.turns.append(
                ParsedTurn(
                    position=position,
                    line=number,
                    speaker=_resolve_speaker(name, by_surname) if name else None,
                    speaker_label=label,
                    speaker_role=role,
                    text="\n\n".join(part for part in paragraphs if part),
                )
            )

    def _speaker_turns(self, lines) -> list:
        """Turns opened by a speaker's label: (line, name or None, label, role, paragraphs)."""
        turns = []
        for number, text in lines:
            unnamed = UNNAMED.match(text)
            match = None if unnamed else SPEAKER.match(text)
            if unnamed:
                turns.append(
                    (number, None, normalise_space(unnamed["label"]), "", [unnamed["text"]])
                )
            elif match and _is_speaker(match):
                label = normalise_space(match["label"])
                name = person_name(match["name"])
                turns.append((number, name, label, _speaker_role(match), [match["text"]]))
            elif turns:
                turns[-1][4].append(text)
            else:
                self.notice(number, "transcript text before any speaker ignored")
        return turns

    def _caption_turns(self, lines) -> list:
        """Closed captions: each `>>` (or `>>>`) opens a turn with no name; a
        `reporter:` after the mark says who speaks without naming them."""
        turns = []
        for number, text in lines:
            parts = CAPTION_MARK.split(text)
            if parts[0].strip():
                if turns:
                    turns[-1][4].append(parts[0].strip())
                else:
                    self.notice(number, "captions before the first >> ignored")
            for mark, said in zip(parts[1::2], parts[2::2], strict=True):
                said, label = said.strip(), mark
                unnamed = UNNAMED.match(said)
                if unnamed:
                    said, label = unnamed["text"], f"{mark} {normalise_space(unnamed['label'])}"
                turn = (number, None, label, "", [said])
                if turns and not any(turns[-1][4]):  # a mark with nothing said is no turn
                    turns[-1] = turn
                else:
                    turns.append(turn)
        return [turn for turn in turns if any(turn[4])]

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
        for gallery in self.galleries:  # the later layout: it declares its own count
            title = gallery.title or f"{self.article.slug} slideshow {len(seen) + 1}"
            show = self._add_slideshow(seen, title, gallery.line, gallery, None)
            if show is not None:
                show.declared_count = gallery.declared_count

    def _add_slideshow(self, seen, title, line, section: _Section | None, card: _Card | None):
        slug = slugify(title)[:300] or f"{self.article.slug}-slideshow-{len(seen) + 1}"
        if slug in seen:
            self.notice(line, f"slideshow {title!r} appears twice; keeping the first")
            return None
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
                            title=slide_title,
                            caption=caption,
                            credit=credit,
                        ),
                    )
                    for number, (slide_line, caption, credit, slide_title) in sorted(
                        section.slides.items()
                    )
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
        return show


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


def _is_byline_or_time(text: str) -> bool:
    """A `By` line, an `updated` line, or a byline with its time on one line."""
    if BYLINE.match(text) or UPDATED.match(text):
        return True
    return _byline_beside_time(text) is not None


def _byline_beside_time(text: str) -> tuple[str, str] | None:
    """`NBC News and news services updated 10/31/2011 ...` -> (byline, time)."""
    inline = UPDATED_INLINE.match(text)
    if inline and starts_with_time(inline["when"]) and looks_like_byline_name(inline["by"]):
        return inline["by"], inline["when"]
    return None


def _worded_time(text: str) -> datetime | None:
    """`8:49 p.m. ET Jan. 14, 2010`, in the named US zone (Eastern by default)."""
    clock, date = WORDED_CLOCK.search(text), WORDED_DATE.search(text)
    if not (clock and date):
        return None
    hour = int(clock["hour"]) % 12 + (12 if clock["meridiem"] in "pP" else 0)
    local = datetime(
        int(date["year"]),
        MONTHS.index(date["month"]) + 1,
        int(date["day"]),
        hour,
        int(clock["minute"]),
        int(clock["second"] or 0),
    )
    return local.replace(tzinfo=ZoneInfo(ZONES.get(clock["zone"] or "ET", "America/New_York")))


def _gallery_lines(lines: list[str]) -> tuple[dict[int, str], dict[int, int]]:
    """The later slideshow layout's count lines (`/ 12 PHOTOS`) by line number,
    and the title line printed just before each (by line number)."""
    titles, counts = {}, {}
    previous = None
    for number, raw in enumerate(lines, start=1):
        text = normalise_space(raw)
        if not text:
            continue
        match = PHOTO_COUNT.match(text)
        if match:
            counts[number] = int(match["count"])
            if previous and _can_title_gallery(previous[1]) and previous[0] not in counts:
                titles[previous[0]] = previous[1]
        previous = (number, text)
    return titles, counts


def _can_title_gallery(text: str) -> bool:
    return not (
        SECTION.match(text)
        or CARD.match(text)
        or ITEM.match(text)
        or is_boilerplate(text)
        or COPYRIGHT.match(text)
        or is_prose(text)
    )


def _slide_credit(text: str) -> str:
    """A slide's credit line in the later layout: `— Name / Agency`,
    `- Name / Agency` or `Name / Agency`; "" for a caption line."""
    bare = SLIDE_CREDIT_DASH.sub("", text)
    if bare != text:
        return bare if bare and looks_like_credit(bare) else ""
    return text if is_credit_line(text) else ""


def _resolve_speaker(name: str, by_surname: dict[str, set[str]]) -> str:
    """`Snow` -> `Kate Snow` when one full name in the transcript, and only one, ends so."""
    if " " in name:
        return name
    candidates = by_surname.get(name.casefold(), set())
    return next(iter(candidates)) if len(candidates) == 1 else name


def _is_speaker(match: re.Match) -> bool:
    """A label names a speaker: two letters at least, and a role in capitals
    (`, Red Cross`) only after a full name, so `OK, Brian:` is no speaker."""
    name = match["name"].strip()
    if sum(ch.isalpha() for ch in name) < 2:
        return False
    role = (match["role"] or "").lstrip(", ")
    return not (role[:1].isupper() and " " not in name)


def _speaker_role(match: re.Match) -> str:
    """The role written after the name (`anchor`), else the affiliation in
    parentheses, else the title before it (`President`, `Sen.` -> senator)."""
    title = normalise_space(match["title"] or "")
    title = HONORIFIC_ROLES.get(title.rstrip(".").casefold(), title)
    role = normalise_space(match["role"] or "").strip(" ,")
    role = ROLE_WORDS.get(role.casefold(), role)
    return role or normalise_space(match["place"] or "") or title
