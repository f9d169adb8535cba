"""Plain data the parsers produce; the store turns it into model rows."""

from dataclasses import dataclass, field
from datetime import datetime

from catalog.credits import Credit
from catalog.outcomes import Notice


@dataclass
class ParsedPhoto:
    key: str  # identity of the picture within its scope, stable across re-imports
    line: int
    title: str = ""
    caption: str = ""
    credit: Credit | None = None
    # The credit the caption writes in itself disagrees with `credit`.
    credit_conflict: bool = False


@dataclass
class ParsedSlide:
    position: int
    photo: ParsedPhoto


@dataclass
class ParsedWarning:
    key: str
    line: int
    kind: str
    note: str


@dataclass
class ParsedSlideshow:
    title: str
    slug: str
    line: int
    heading: str = ""
    declared_count: int | None = None
    cover: ParsedPhoto | None = None
    # None: the page did not print this slideshow's slides (only its card),
    # so an import must leave whatever slides the catalog has alone.
    slides: list[ParsedSlide] | None = None
    warnings: list[ParsedWarning] = field(default_factory=list)


@dataclass
class ParsedTurn:
    position: int
    line: int
    speaker: str | None  # None: the transcript names no one (`Unidentified Man`, `>>`)
    speaker_label: str
    speaker_role: str
    text: str


@dataclass
class ParsedVideo:
    key: str
    line: int
    title: str
    turns: list[ParsedTurn] = field(default_factory=list)


@dataclass
class BodyBlock:
    type: str  # "paragraph", "heading" or "related"
    text: str
    line: int


@dataclass
class ParsedArticle:
    slug: str
    source_name: str
    headline: str = ""
    summary: str = ""
    byline: str = ""
    updated_at: datetime | None = None
    rights_notice: str = ""
    rights_holder: str = ""
    lead_photo: ParsedPhoto | None = None
    photos: list[ParsedPhoto] = field(default_factory=list)  # lead and inline pictures
    body: list[BodyBlock] = field(default_factory=list)
    slideshows: list[ParsedSlideshow] = field(default_factory=list)
    videos: list[ParsedVideo] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return [block.text for block in self.body if block.type == "paragraph"]
