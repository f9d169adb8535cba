"""Other forms of the article page family, each on a short page written for
the test (tests/data/articles/): header variants, a body that goes on after
videos and link lists, transcripts with roles, places and unnamed speakers,
closed captions, and the later slideshow layout.

The parser is tested without a database; each page is then imported once
through the store (on SQLite and, in CI, on PostgreSQL).
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from catalog.importers.articles import parse_article
from catalog.importers.batch import import_article
from catalog.models import Article, Photo, Slideshow, Speaker, TranscriptTurn

PAGES = Path(__file__).resolve().parent.parent / "data" / "articles"

pytestmark = pytest.mark.filterwarnings("error")


def parse(name: str):
    return parse_article((PAGES / name).read_text(encoding="utf-8"), source_name=name)


def credit(photo) -> tuple[str, str, str]:
    return (photo.credit.photographer, photo.credit.agency, photo.credit.distributor)


def first_words(text: str, count: int = 4) -> str:
    return " ".join(text.split()[:count])


def last_words(text: str, count: int = 4) -> str:
    return " ".join(text.split()[-count:])


def turns_by_speaker(video) -> dict:
    counts: dict = {}
    for turn in video.turns:
        key = turn.speaker or f"unnamed: {turn.speaker_label}"
        counts[key] = counts.get(key, 0) + 1
    return counts


# -- header: `Image:` title, `By Name`; body after a video -----------------------


def test_image_title_and_by_line():
    page = parse("image_title_by_line.txt")

    lead = page.lead_photo
    assert (lead.line, lead.title) == (1, "Harbor lights")
    assert lead.caption == page.summary
    assert first_words(page.summary) == "Harbor crews in Port"
    assert credit(lead) == ("Ann Lee", "AP", "")
    assert page.photos == [lead]
    assert page.byline == "Marta Quill"
    assert page.updated_at == datetime(2012, 3, 8, 16, 5, tzinfo=UTC)  # 11:05 EST
    assert page.rights_holder == "The Associated Press"
    assert page.notices == []


def test_body_goes_on_after_a_video():
    page = parse("image_title_by_line.txt")

    assert [block.type for block in page.body] == ["paragraph"] * 4
    assert [block.line for block in page.body] == [7, 9, 23, 25]
    assert first_words(page.paragraphs[0]) == "The harbor authority said"
    assert last_words(page.paragraphs[-1]) == "failed twice last year."


def test_speaker_with_role_and_place_then_by_surname():
    (video,) = parse("image_title_by_line.txt").videos

    assert video.title == "Lights go on at the breakwater"
    assert turns_by_speaker(video) == {"Dana Reyes": 2, "Omar Pell": 2}
    first = video.turns[0]
    assert (first.speaker_label, first.speaker_role) == (
        "DANA REYES, anchor (New York, NY)",
        "anchor",
    )
    assert first.text.startswith("Tonight we go to the coast")
    assert video.turns[1].speaker_role == "reporter"
    assert [turn.speaker_label for turn in video.turns[2:]] == ["REYES", "PELL"]


# -- header: a free byline beside a worded time; body after link lists -------------


def test_free_byline_beside_a_worded_time():
    page = parse("free_byline_link_lists.txt")

    assert page.byline == "Staff and wire reports"
    assert page.updated_at == datetime(2010, 1, 15, 1, 49, tzinfo=UTC)  # 8:49 p.m. EST
    lead = page.lead_photo
    assert (lead.line, lead.title) == (1, "")
    assert credit(lead) == ("Ben Ortiz", "Reuters", "")
    assert lead.caption == "A volunteer sorts donated coats at a shelter in Millbrook on Thursday."


def test_body_goes_on_after_link_lists_and_ends_at_the_copyright_line():
    page = parse("free_byline_link_lists.txt")

    assert len(page.paragraphs) == 3
    assert first_words(page.paragraphs[0]) == "Shelters across the county"
    assert last_words(page.paragraphs[-1]) == "the month, officials said."
    related = [(block.line, block.text) for block in page.body if block.type == "related"]
    assert related == [
        (9, "Coat drive breaks record"),
        (10, "School buses run late in the cold"),
        (15, "Roads close after ice storm"),
        (16, "Power returns to hill towns"),
    ]
    assert page.rights_holder == "Millbrook Daily"
    assert [(notice.line, notice.message[:32]) for notice in page.notices] == [
        (26, "text outside any section ignored")
    ]


def test_an_image_line_in_the_body_is_a_titled_photo():
    inline = parse("free_byline_link_lists.txt").photos[1]

    assert (inline.line, inline.title) == (18, "Warm meals")
    assert inline.caption == "Cooks serve soup at the town hall kitchen."
    assert credit(inline) == ("Cara Novak", "AFP", "Getty Images")


# -- header: a byline run on at the end of the summary; a relative time ------------


def test_byline_run_on_after_the_summary_and_a_relative_time():
    page = parse("run_on_byline_speakers.txt")

    assert page.byline == "NBC, msnbc.com and news services"
    assert page.summary == (
        "The river at Elm Ford rose past the old flood mark, officials said Tuesday."
    )
    assert page.lead_photo.caption == page.summary
    assert page.lead_photo.title == "Flood gauge"
    assert credit(page.lead_photo) == ("Rosa Tan", "Getty Images", "")
    assert page.updated_at is None
    assert [(n.line, n.message) for n in page.notices] == [
        (4, "relative time '2 hours ago' names no date; no time kept")
    ]
    assert len(page.paragraphs) == 2
    assert first_words(page.paragraphs[0]) == "Families on the low"
    assert last_words(page.paragraphs[-1]) == "the weather service said."


def test_honorifics_affiliations_and_unnamed_speakers():
    (video,) = parse("run_on_byline_speakers.txt").videos

    assert turns_by_speaker(video) == {
        "Kate Voss": 2,
        "Ruth Calloway": 2,
        "Omar Pell": 1,
        "Leo Fisk": 2,
        "unnamed: Unidentified Man": 1,
        "unnamed: Unidentified Woman #1": 1,
        "unnamed: UNIDENTIFIED MALE": 1,
        "unnamed: Reporter": 1,
        "Anna Brice": 1,
        "Jon Avery": 1,
        "Mara Lindqvist": 1,
    }
    roles = {turn.speaker: turn.speaker_role for turn in video.turns if turn.speaker_role}
    assert roles == {
        "Kate Voss": "anchor",
        "Ruth Calloway": "senator",
        "Omar Pell": "Red Cross",
        "Leo Fisk": "spokesman, Elm Ford Water Board",
        "Anna Brice": "governor",
        "Jon Avery": "President",
        "Mara Lindqvist": "Secretary of State",
    }
    fisk = video.turns[8]
    assert (fisk.speaker_label, fisk.text) == (
        "FISK",
        "Two more days, we think.\n\nMaybe three if the rain stops.",
    )
    assert video.turns[7].text == "How long can the levee hold?"


# -- header: numbered `Image:` item, `The Associated Press`; closed captions ---------


def test_numbered_image_header_and_a_known_agency_byline():
    page = parse("closed_captions.txt")

    lead = page.lead_photo
    assert (lead.line, lead.title) == (1, "Night market")
    assert credit(lead) == ("Lia Chen", "AP", "")
    assert first_words(lead.caption) == "Stalls fill the square"
    assert page.photos == [lead]
    assert page.byline == "The Associated Press"
    assert page.updated_at == datetime(2011, 10, 31, 21, 22, 1, tzinfo=UTC)  # 5:22:01 PM EDT
    assert [first_words(p) for p in page.paragraphs] == [
        "The market had closed",
        "Organisers expect the market",
        "The council will review",
    ]
    assert last_words(page.paragraphs[-1]) == "spring, a spokesman said."
    assert page.notices == []


def test_closed_captions_are_turns_without_names():
    (video,) = parse("closed_captions.txt").videos

    assert video.title == "Night market returns"
    assert [(t.line, t.speaker, t.speaker_label) for t in video.turns] == [
        (13, None, ">>>"),
        (14, None, ">>"),
        (15, None, ">> reporter"),
        (17, None, ">>"),
    ]
    assert video.turns[2].text == (
        "STALL OWNERS SAY THE CROWDS CAME EARLY.\n\nSOME SOLD OUT BY NINE."
    )


# -- header: a byline and its time on one line; a lone list heading -----------------


def test_byline_and_time_on_one_line():
    page = parse("byline_beside_time.txt")

    assert page.byline == "NBC News and news services"
    assert page.updated_at == datetime(2011, 9, 2, 10, 40, tzinfo=UTC)  # 6:40 AM EDT
    assert page.lead_photo is None
    assert page.summary.startswith("Night trains return to the valley line")
    assert page.headline == ""
    assert len(page.paragraphs) == 3
    assert first_words(page.paragraphs[0]) == "The first night train"
    assert last_words(page.paragraphs[-1]) == "service in the spring."
    # `More on ...` with no links under it stays a sub-heading of the body.
    assert [(b.type, b.text) for b in page.body if b.type != "paragraph"] == [
        ("heading", "More on the valley line")
    ]
    (video,) = page.videos
    assert turns_by_speaker(video) == {"Lucy Marr": 2, "unnamed: Unidentified Woman #2": 1}
    assert page.notices == []


# -- the later slideshow layout ------------------------------------------------------


def test_later_slideshows_with_declared_counts():
    page = parse("later_slideshows.txt")

    shows = [(s.title, s.declared_count, len(s.slides)) for s in page.slideshows]
    assert shows == [
        ("Autumn festival in Sella", 4, 3),
        ("Harvest fair", 2, 2),
        ("Market day", 3, 1),
    ]
    festival = page.slideshows[0].slides
    assert [(s.position, s.photo.line, s.photo.title) for s in festival] == [
        (1, 10, "First lanterns"),
        (2, 13, ""),
        (3, 16, "Last light"),
    ]
    assert [s.photo.caption for s in festival] == [
        "Children light the first lanterns at dusk.",
        "A boat carries musicians down the river.",
        "The final lantern drifts past the old mill.",
    ]
    assert [credit(s.photo) for s in festival] == [
        ("Noor Haddad", "Reuters", ""),
        ("Piet Blom", "AFP", "Getty Images"),
        ("Mia Sorel", "Getty Images", ""),
    ]
    fair = page.slideshows[1].slides
    assert [(s.photo.title, credit(s.photo)) for s in fair] == [
        ("Pumpkins", ("Jon Pike", "AP", "")),
        ("Prize cow", ("Jon Pike", "AP", "")),
    ]
    (bread,) = page.slideshows[2].slides
    assert (bread.photo.title, credit(bread.photo)) == ("Bread stall", ("Ada Moss", "AP", ""))
    assert page.notices == []


def test_later_slideshows_page_header_and_body():
    page = parse("later_slideshows.txt")

    lead = page.lead_photo
    assert (lead.title, credit(lead)) == ("", ("Noor Haddad", "Reuters", ""))
    assert lead.caption.startswith("Lanterns float above the river")
    assert page.byline == ""
    assert page.updated_at == datetime(2012, 10, 15, 1, 30, tzinfo=UTC)  # 9:30 PM EDT
    assert len(page.paragraphs) == 2
    assert first_words(page.paragraphs[0]) == "Thousands of people gathered"
    assert last_words(page.paragraphs[-1]) == "old town, organisers said."


# -- rules the pages above do not reach ------------------------------------------


def lines(*texts: str):
    return parse_article("\n".join(texts) + "\n", source_name="sample.txt")


def test_a_lone_line_before_the_header_is_the_headline():
    page = lines(
        "Port Calder lights up its harbor",
        "",
        "Image: Harbor lights",
        "Ann Lee / AP",
        "Crews switched on new lights along the breakwater on Monday.",
        "By Marta Quill",
    )

    assert page.headline == "Port Calder lights up its harbor"
    assert (page.lead_photo.line, page.lead_photo.title) == (3, "Harbor lights")
    assert page.byline == "Marta Quill"
    assert page.body == []


def test_a_lone_first_line_without_a_header_stays_in_the_body():
    page = lines(
        "Officials listed the steps", "", "Close the border and wait for the rain to stop."
    )

    assert page.headline == ""
    assert [(b.type, b.line) for b in page.body] == [("paragraph", 1), ("paragraph", 3)]


def test_caption_marks_on_one_line_and_marks_with_nothing_said():
    (video,) = lines(
        "Closed captioning of: Evening news",
        "    >>> GOOD EVENING. >> HELLO. >> >> reporter: WE ARE LIVE.",
        "    >>",
    ).videos

    assert [(t.line, t.speaker_label, t.text) for t in video.turns] == [
        (2, ">>>", "GOOD EVENING."),
        (2, ">>", "HELLO."),
        (2, ">> reporter", "WE ARE LIVE."),
    ]
    assert video.title == "Evening news"


def test_an_empty_image_item_first_is_no_lead_photo():
    page = lines("  1. Image:", "", "A paragraph of prose comes after the empty image.")

    assert page.lead_photo is None
    assert page.photos == []
    assert page.paragraphs == ["A paragraph of prose comes after the empty image."]
    assert [(n.line, n.message) for n in page.notices] == [
        (1, "lead image with no title, caption or credit ignored")
    ]


def test_labels_that_only_look_like_speakers_stay_text():
    (video,) = lines(
        "Video: v",
        "  1. Transcript of: v",
        "    KATE VOSS, anchor: Hello.",
        "    OK, Brian: that is it.",
        "    JOHN DOE, Red Cross spokesman: Thanks.",
    ).videos

    assert [(t.speaker, t.speaker_role) for t in video.turns] == [
        ("Kate Voss", "anchor"),
        ("John Doe", "Red Cross spokesman"),
    ]
    assert video.turns[0].text == "Hello.\n\nOK, Brian: that is it."


def test_a_photos_heading_with_a_count_reads_as_the_later_layout():
    page = lines(
        "Photos: Town fair",
        "/ 2 PHOTOS",
        "Image: Stalls",
        "Stalls open at noon (Ann Lee / AP)",
        "Image:",
        "A band plays.",
    )

    (show,) = page.slideshows
    assert (show.title, show.heading, show.declared_count) == ("Town fair", "Town fair", 2)
    first, second = show.slides
    assert (first.photo.title, first.photo.caption) == ("Stalls", "Stalls open at noon")
    assert credit(first.photo) == ("Ann Lee", "AP", "")
    assert (second.photo.caption, second.photo.credit) == ("A band plays.", None)
    assert [(n.line, n.message) for n in page.notices] == [(5, "slide 2 has no credit")]


def test_a_gallery_without_a_title_line_and_text_before_its_first_slide():
    page = lines(
        "A paragraph of prose comes first in this body.",
        "",
        "3 photos",
        "Swipe to see more",
        "Image: One",
        "Caption one.",
        "\u2013 Ann Lee / AP",
    )

    (show,) = page.slideshows
    assert (show.title, show.declared_count, len(show.slides)) == ("sample slideshow 1", 3, 1)
    assert credit(show.slides[0].photo) == ("Ann Lee", "AP", "")
    assert [(n.line, n.message[:40]) for n in page.notices] == [
        (4, "text in a slideshow before its first sli")
    ]


# -- each page through the store --------------------------------------------------


def import_page(name: str) -> Article:
    outcome = import_article(name, (PAGES / name).read_bytes())
    assert outcome.ok, outcome.describe_error()
    return Article.objects.get(slug=name.removesuffix(".txt"))


def photo_credits(article: Article) -> set[tuple]:
    return {
        (
            photo.photographer.name if photo.photographer else None,
            photo.agency.name if photo.agency else None,
            photo.distributor.name if photo.distributor else None,
        )
        for photo in Photo.objects.filter(article=article).select_related(
            "photographer", "agency", "distributor"
        )
    }


@pytest.mark.django_db
def test_store_image_title_by_line():
    article = import_page("image_title_by_line.txt")

    assert (article.byline, article.updated_at) == (
        "Marta Quill",
        datetime(2012, 3, 8, 16, 5, tzinfo=UTC),
    )
    assert article.lead_photo.title == "Harbor lights"
    assert photo_credits(article) == {("Ann Lee", "AP", None)}
    assert [block["type"] for block in article.body] == ["paragraph"] * 4
    assert dict(Speaker.objects.values_list("name", "role")) == {
        "Dana Reyes": "anchor",
        "Omar Pell": "reporter",
    }
    assert TranscriptTurn.objects.count() == 4


@pytest.mark.django_db
def test_store_free_byline_link_lists():
    article = import_page("free_byline_link_lists.txt")

    assert article.byline == "Staff and wire reports"
    assert article.updated_at == datetime(2010, 1, 15, 1, 49, tzinfo=UTC)
    assert photo_credits(article) == {
        ("Ben Ortiz", "Reuters", None),
        ("Cara Novak", "AFP", "Getty Images"),
    }
    assert [block["type"] for block in article.body].count("related") == 4
    assert article.source_agency.name == "Millbrook Daily"


@pytest.mark.django_db
def test_store_run_on_byline_speakers():
    article = import_page("run_on_byline_speakers.txt")

    assert (article.byline, article.updated_at) == ("NBC, msnbc.com and news services", None)
    assert photo_credits(article) == {("Rosa Tan", "Getty Images", None)}
    assert Speaker.objects.count() == 7
    turns = TranscriptTurn.objects.filter(video__article=article)
    assert turns.count() == 14
    assert list(
        turns.filter(speaker__isnull=True)
        .order_by("position")
        .values_list("speaker_label", flat=True)
    ) == ["Unidentified Man", "Unidentified Woman #1", "UNIDENTIFIED MALE", "Reporter"]
    assert turns.filter(speaker__name="Leo Fisk").count() == 2


@pytest.mark.django_db
def test_store_closed_captions_twice():
    article = import_page("closed_captions.txt")
    labels = list(TranscriptTurn.objects.values_list("speaker", "speaker_label"))

    assert labels == [(None, ">>>"), (None, ">>"), (None, ">> reporter"), (None, ">>")]
    assert Speaker.objects.count() == 0
    assert article.byline == "The Associated Press"
    assert photo_credits(article) == {("Lia Chen", "AP", None)}
    outcome = import_article("closed_captions.txt", (PAGES / "closed_captions.txt").read_bytes())
    assert outcome.state == "unchanged"
    assert TranscriptTurn.objects.count() == 4


@pytest.mark.django_db
def test_store_byline_beside_time():
    article = import_page("byline_beside_time.txt")

    assert (article.byline, article.updated_at) == (
        "NBC News and news services",
        datetime(2011, 9, 2, 10, 40, tzinfo=UTC),
    )
    assert article.lead_photo is None
    assert list(TranscriptTurn.objects.values_list("speaker__name", "speaker_label")) == [
        ("Lucy Marr", "LUCY MARR, anchor (Corran, Wales)"),
        (None, "Unidentified Woman #2"),
        ("Lucy Marr", "MARR"),
    ]


@pytest.mark.django_db
def test_store_later_slideshows():
    article = import_page("later_slideshows.txt")

    shows = {
        show.title: (show.declared_count, show.present_count)
        for show in Slideshow.objects.with_slide_count()
    }
    assert shows == {
        "Autumn festival in Sella": (4, 3),
        "Harvest fair": (2, 2),
        "Market day": (3, 1),
    }
    assert photo_credits(article) == {
        ("Noor Haddad", "Reuters", None),
        ("Piet Blom", "AFP", "Getty Images"),
        ("Mia Sorel", "Getty Images", None),
        ("Jon Pike", "AP", None),
        ("Ada Moss", "AP", None),
    }
    assert Photo.objects.filter(article=article).count() == 7  # lead and six slides
    assert set(Photo.objects.exclude(title="").values_list("title", flat=True)) == {
        "First lanterns",
        "Last light",
        "Pumpkins",
        "Prize cow",
        "Bread stall",
    }
