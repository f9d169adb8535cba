"""The article parser, without a database: the reference page and its family."""

from datetime import UTC, datetime

import pytest

from catalog.importers.articles import parse_article, warning_kind
from catalog.importers.decoding import decode_text
from catalog.importers.errors import ParseError

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture
def seed(seed_text):
    return parse_article(seed_text, source_name="000_2157919fdd26dcba.txt")


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def parse(text: str):
    return parse_article(text, source_name="sample.txt")


# -- the reference page -------------------------------------------------------


def test_header(seed):
    assert seed.slug == "000_2157919fdd26dcba"
    assert seed.headline == ""
    assert seed.byline == ""
    assert seed.summary.startswith(
        "Iraqi Prime Minister Nouri al-Maliki said Saturday that disagreements about legal"
    )
    assert seed.updated_at == datetime(2011, 10, 22, 17, 58, 39, tzinfo=UTC)
    assert seed.rights_notice.startswith("Copyright 2011 The Associated Press. All rights")
    assert seed.rights_notice.endswith("rewritten or redistributed.")
    assert seed.rights_holder == "The Associated Press"


def test_lead_image(seed):
    lead = seed.lead_photo
    assert (lead.line, lead.title, lead.caption) == (1, "Nouri al-Maliki", seed.summary)
    assert (lead.credit.photographer, lead.credit.agency) == ("Karim Kadim", "AP")


def test_body(seed):
    assert len(seed.paragraphs) == 14
    assert seed.paragraphs[0].startswith("Iraq's prime minister said Saturday")
    assert seed.paragraphs[-1].endswith('as the north in particular will become more fraught."')
    others = [(b.type, b.text, b.line) for b in seed.body if b.type != "paragraph"]
    assert others == [
        ("related", "Obama: All US troops out of Iraq by end of year", 15),
        ("heading", "Iran stresses deepening ties with Iraq", 25),
    ]
    assert all("\u00a0" not in p and "Back to slideshow" not in p for p in seed.paragraphs)


def test_inline_image(seed):
    inline = seed.photos[1]
    assert inline.line == 28
    assert inline.caption.startswith("U.S. Army soldiers from 2nd Brigade, 10th Mountain Division")
    assert (inline.credit.photographer, inline.credit.agency) == (
        "Maya Alleruzzo",
        "ASSOCIATED PRESS",
    )


def test_slideshows(seed):
    first, second = seed.slideshows
    assert (first.title, first.heading, first.declared_count) == (
        "US troops leave Iraq - 2010 drawdown",
        "2010 drawdown",
        16,
    )
    assert [slide.position for slide in first.slides] == list(range(1, 17))
    assert [slide.photo.line for slide in first.slides] == list(range(62, 78))
    assert first.cover.credit.text == "Maya Alleruzzo / AP"
    assert (second.title, second.declared_count, second.slides) == (
        "US troops leave Iraq - 2011 drawdown",
        5,
        None,
    )
    assert second.cover.credit.text == "Khalid Mohammed / AP"


def test_slide_caption_and_credit(seed):
    slides = seed.slideshows[0].slides
    assert slides[6].photo.caption.startswith("A member of the U.S. Army's 4th Stryker Brigade")
    assert slides[6].photo.caption.endswith("on Aug. 7.")
    assert slides[6].photo.credit.text == "Moises Saman / The New York Times via Redux Pictures"
    assert slides[15].photo.credit.agency == "Getty Images"


def test_editors_notes_belong_to_the_slideshow(seed):
    warnings = seed.slideshows[0].warnings
    assert [w.line for w in warnings] == [78, 83, 88, 93]
    assert {w.kind for w in warnings} == {"graphic"}
    assert {w.note for w in warnings} == {
        "Editor's note: This image contains graphic content that some viewers may find disturbing."
    }
    assert seed.slideshows[1].warnings == []


def test_video_transcript(seed):
    (video,) = seed.videos
    assert video.title == "Obama: After nearly 9 years, Iraq war is over"
    assert [t.speaker_label for t in video.turns] == [
        "SNOW",
        "KATE SNOW, anchor",
        "CHUCK TODD reporting",
        "President BARACK OBAMA",
        "TODD",
        "SNOW",
    ]
    assert [t.speaker for t in video.turns] == [
        "Kate Snow",
        "Kate Snow",
        "Chuck Todd",
        "Barack Obama",
        "Chuck Todd",
        "Kate Snow",
    ]
    assert [t.speaker_role for t in video.turns[1:4]] == ["anchor", "reporter", "President"]
    assert video.turns[0].text == "Good evening. I'm Kate Snow in tonight for Brian ."


def test_reference_page_needs_no_guessing(seed):
    assert seed.notices == []


# -- the same family, other pages ------------------------------------------------


def test_sections_in_another_order_with_crlf_and_bom():
    text = "\ufeff" + page(
        "Sen. Smith speaks",
        "Jim Young\u00a0/\u00a0REUTERS",
        "Senator Smith spoke on Monday.",
        "By Jane Reporter",
        "updated 3/1/2012 9:05:00 AM ET 2012-03-01T14:05:00",
        "",
        "Photos: Capitol week",
        "",
        "  1. A senator walks (to the left) past reporters. (REUTERS/Jason Reed) Back to "
        "slideshow navigation",
        "  2. A vote is counted. (Mandel Ngan / AFP - Getty Images) Back to slideshow navigation",
        "",
        "Video: Smith on the vote",
        "",
        "  1. Transcript of: Smith on the vote",
        "",
        "    BRIAN WILLIAMS, anchor: Good evening.",
        "",
        "    Sen. JOHN SMITH (R-Texas): Thank you.",
        "",
        "    WILLIAMS: Thanks.",
    ).replace("\n", "\r\n")
    parsed = parse(decode_text(text.encode("utf-8")))

    assert parsed.byline == "Jane Reporter"
    assert parsed.updated_at == datetime(2012, 3, 1, 14, 5, tzinfo=UTC)
    assert parsed.lead_photo.credit.agency == "REUTERS"
    (show,) = parsed.slideshows
    assert show.title == "Capitol week"
    assert show.declared_count is None
    assert show.slides[0].photo.caption == "A senator walks (to the left) past reporters."
    assert show.slides[0].photo.credit.photographer == "Jason Reed"
    assert show.slides[1].photo.credit.distributor == "Getty Images"
    (video,) = parsed.videos
    assert [t.speaker for t in video.turns] == ["Brian Williams", "John Smith", "Brian Williams"]


def test_two_slideshow_sections_match_their_cards_by_title():
    parsed = parse(
        page(
            "Photos: Storm damage",
            "  1. Trees down. (Ann Lee / AP) Back to slideshow navigation",
            "Photos: Cleanup",
            "  1. Crews work. (Bo Park / AP) Back to slideshow navigation",
            "  2. More crews. (Bo Park / AP) Back to slideshow navigation",
            "  1. Image:",
            "    Bo Park / AP",
            "    Slideshow (3) City - Cleanup",
            "  2. Image:",
            "    Ann Lee / AP",
            "    Slideshow (1) City - Storm damage",
        )
    )

    shows = {show.title: show for show in parsed.slideshows}
    assert len(shows["City - Cleanup"].slides) == 2
    assert shows["City - Cleanup"].declared_count == 3
    assert len(shows["City - Storm damage"].slides) == 1


def test_numbered_paragraphs_in_the_body_stay_paragraphs():
    parsed = parse(page("Officials listed three steps:", "  1. Close the border.", "  2. Wait."))
    assert parsed.paragraphs == ["Officials listed three steps:", "Close the border.", "Wait."]
    assert parsed.slideshows == []


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ("Editor's note: This image contains graphic content.", "graphic"),
        ("Editor's note: This image contains nudity.", "nudity"),
        ("Editor's note: Some images show violent scenes.", "violence"),
        ("Editor's note: The video contains strong language.", "language"),
        ("Editor's note: Images show dead bodies.", "death"),
    ],
)
def test_warning_kinds_from_the_note(note, kind):
    assert warning_kind(note) == kind


# -- damaged input ----------------------------------------------------------------


def test_slide_without_credit_is_kept_with_a_notice():
    parsed = parse(
        page(
            "Photos: Week",
            "  1. A caption with no credit. Back to slideshow navigation",
            "  2. Another. (Ann Lee / AP) Back to slideshow navigation",
        )
    )

    first, second = parsed.slideshows[0].slides
    assert (first.photo.caption, first.photo.credit) == ("A caption with no credit.", None)
    assert second.photo.credit.photographer == "Ann Lee"
    assert [(n.line, n.message) for n in parsed.notices] == [(2, "slide 1 has no credit")]


def test_a_file_with_only_a_slideshow(seed_text):
    lines = seed_text.splitlines()
    parsed = parse(page(*lines[58:77]))  # "Photos: 2010 drawdown" to slide 16

    assert parsed.body == []
    assert parsed.videos == []
    assert parsed.lead_photo is None
    (show,) = parsed.slideshows
    assert (show.title, len(show.slides)) == ("2010 drawdown", 16)


def test_truncated_page_keeps_what_it_has(seed_text):
    cut = seed_text[: seed_text.index("Soldiers from 4th Brigade, 2nd Infantry Division, clear")]
    parsed = parse(cut)

    show = parsed.slideshows[0]
    assert [slide.position for slide in show.slides] == list(range(1, 12))
    assert show.slides[-1].photo.credit.photographer == "Maya Alleruzzo"
    assert show.declared_count is None  # the cards were cut off
    assert len(parsed.paragraphs) == 14


def test_slide_cut_mid_line_is_kept_without_credit(seed_text):
    cut = seed_text[
        : seed_text.index("(Maya Alleruzzo\u00a0/\u00a0AP) Back to slideshow navigation\n  3.")
    ]
    parsed = parse(cut)

    last = parsed.slideshows[0].slides[-1]
    assert (last.position, last.photo.credit) == (2, None)
    assert parsed.notices[-1].message == "slide 2 has no credit"


def test_repeated_slide_number_is_an_error_naming_both_lines():
    with pytest.raises(ParseError) as error:
        parse(
            page(
                "Photos: Week",
                "  1. One. (Ann Lee / AP) Back to slideshow navigation",
                "  1. Again. (Ann Lee / AP) Back to slideshow navigation",
            )
        )
    assert error.value.line == 3
    assert "slide 1 appears twice" in error.value.message
    assert "line 2" in error.value.message


@pytest.mark.parametrize("text", ["", "\n\n   \n", "Discuss:\n\nvotes comments\n"])
def test_nothing_to_import_is_an_error(text):
    with pytest.raises(ParseError):
        parse(text)


def test_empty_bytes():
    with pytest.raises(ParseError, match="empty") as error:
        decode_text(b"")
    assert error.value.line == 1


def test_binary_bytes():
    with pytest.raises(ParseError, match="binary data") as error:
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert error.value.line == 3


def test_wrong_encoding_names_the_line_and_the_way_out():
    data = "Headline\n\nCaf\u00e9 owners said so.\n".encode("latin-1")
    with pytest.raises(ParseError, match=r"not valid utf-8 \(byte 0xe9\).*--encoding") as error:
        decode_text(data)
    assert error.value.line == 3
    assert "Caf\u00e9" in decode_text(data, "latin-1")


def test_utf16_with_bom():
    assert decode_text("Caf\u00e9\n".encode("utf-16")) == "Caf\u00e9\n"


def test_file_cut_inside_a_character_loses_only_that_character():
    data = "Caf\u00e9 owners".encode()[:4]
    assert decode_text(data) == "Caf"


def test_unreadable_time_is_a_notice():
    parsed = parse(page("Summary line.", "By Someone", "updated 13/45/2011 1:00:00 PM ET"))
    assert parsed.updated_at is None
    assert parsed.notices[0].line == 3


# -- cases the fuzz tests in tests/fuzz/ found --------------------------------------


def test_a_slide_numbered_zero_is_skipped_with_a_notice():
    # Slide positions start at 1; a slide 0 used to reach the database and
    # fail the whole file there.
    parsed = parse(
        page(
            "Photos: Week",
            "  0. A stray. (Ann Lee / AP) Back to slideshow navigation",
            "  1. One. (Ann Lee / AP) Back to slideshow navigation",
        )
    )

    assert [slide.position for slide in parsed.slideshows[0].slides] == [1]
    assert [(n.line, n.message) for n in parsed.notices] == [
        (2, "slide 0: slides are numbered from 1; skipped")
    ]


def test_a_numbered_paragraph_keeps_its_indented_lines():
    # Its text on the next line used to leave an empty paragraph, the text lost.
    parsed = parse(
        page(
            "Officials listed two steps:",
            "  1.",
            "     Close the border.",
            "  2. Wait",
            "     and see.",
        )
    )

    assert parsed.paragraphs == [
        "Officials listed two steps:",
        "Close the border.",
        "Wait and see.",
    ]


def test_an_above_card_takes_the_last_section_before_it_that_is_still_free():
    parsed = parse(
        page(
            "Photos: Storm",
            "  1. Trees down. (Ann Lee / AP) Back to slideshow navigation",
            "Photos: Flood",
            "  1. Water. (Bo Park / AP) Back to slideshow navigation",
            "Photos: Cleanup",
            "  1. Crews. (Bo Park / AP) Back to slideshow navigation",
            "  1. Image:",
            "    Slideshow (1) City - Cleanup",
            "  2. Image:",
            "    Above: Slideshow (1) First gallery",
            "  3. Image:",
            "    Above: Slideshow (1) Second gallery",
            "  4. Image:",
            "    Slideshow (1) Unrelated",
        )
    )

    captions = {
        show.title: [slide.photo.caption for slide in show.slides or []]
        for show in parsed.slideshows
    }
    assert captions == {
        "City - Cleanup": ["Crews."],
        "First gallery": ["Water."],
        "Second gallery": ["Trees down."],
        "Unrelated": [],
    }


def test_cards_with_one_heading_take_its_sections_in_page_order():
    parsed = parse(
        page(
            "Photos: Week",
            "  1. First. (Ann Lee / AP) Back to slideshow navigation",
            "Photos: week",
            "  1. Second. (Ann Lee / AP) Back to slideshow navigation",
            "  1. Image:",
            "    Slideshow (1) Town - Week",
            "  2. Image:",
            "    Slideshow (1) City - WEEK",
        )
    )

    assert [(show.title, show.slides[0].photo.caption) for show in parsed.slideshows] == [
        ("Town - Week", "First."),
        ("City - WEEK", "Second."),
    ]


def test_a_surname_names_a_speaker_in_full_only_when_one_full_name_has_it():
    parsed = parse(
        page(
            "Video: Two Snows",
            "  1. Transcript of: Two Snows",
            "    KATE SNOW, anchor: Good evening.",
            "    SNOW: Hello.",
            "    CHUCK TODD reporting: Thanks.",
            "    JON SNOW: And me.",
            "    TODD: Back to you.",
            "    More from Todd.",
            "",
            "    And more.",
        )
    )

    turns = parsed.videos[0].turns
    assert [turn.speaker for turn in turns] == [
        "Kate Snow",
        "Snow",
        "Chuck Todd",
        "Jon Snow",
        "Chuck Todd",
    ]
    assert turns[-1].text == "Back to you.\n\nMore from Todd.\n\nAnd more."


def test_inline_photos_are_numbered_in_page_order():
    parsed = parse(
        page(
            "Lead credit line follows.",
            "Karim Kadim / AP",
            "The lead caption.",
            "",
            "A paragraph.",
            "",
            "Ann Lee / AP",
            "First inline.",
            "",
            "Bo Park / AP",
            "Second inline.",
        )
    )

    assert [photo.key.rsplit("/", 1)[-1] for photo in parsed.photos] == ["lead", "1", "2"]
    assert [photo.caption for photo in parsed.photos[1:]] == ["First inline.", "Second inline."]
