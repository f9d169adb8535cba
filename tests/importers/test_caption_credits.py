"""Captions' own credits fill, complete and check the credits a page prints."""

import pytest

from catalog.importers.articles import parse_article
from catalog.importers.batch import import_article
from catalog.models import Photo

PAGE = "\n".join(
    [
        "Crews at work",
        "Jane Doe / XAW102",
        "Crews clear a road in Lyon. (Jane Doe/AFP via Getty Images)",
        "",
        "Crews worked through the night.",
        "",
        "Photos: Storm damage",
        "  1. Trees down in Lyon. (AP Photo/Ann Lee) (Ann Lee) Back to slideshow navigation",
        "  2. A roof in Lyon. REUTERS/Omar Roe Back to slideshow navigation",
        "  3. A car in Lyon. (AP Photo/Ann Lee) (Karim Kadim / AP) Back to slideshow navigation",
        "  4. A street in Lyon. (Bo Park / AP) Back to slideshow navigation",
        "",
    ]
)


def credits_of(photo):
    credit = photo.credit
    return (credit.photographer, credit.agency, credit.distributor) if credit else None


@pytest.fixture
def parsed():
    return parse_article(PAGE, source_name="storm.txt")


def test_a_desk_code_for_the_agency_is_replaced_by_the_captions_agency(parsed):
    lead = parsed.lead_photo
    assert credits_of(lead) == ("Jane Doe", "AFP", "Getty Images")
    assert lead.credit.text == "Jane Doe / XAW102"
    assert lead.caption == "Crews clear a road in Lyon. (Jane Doe/AFP via Getty Images)"
    assert not lead.credit_conflict


def test_slides_are_filled_completed_and_checked(parsed):
    slides = [slide.photo for slide in parsed.slideshows[0].slides]

    assert credits_of(slides[0]) == ("Ann Lee", "AP", "")  # a name alone, completed
    assert credits_of(slides[1]) == ("Omar Roe", "REUTERS", "")  # none printed, filled
    assert slides[1].caption == "A roof in Lyon. REUTERS/Omar Roe"
    assert credits_of(slides[2]) == ("Karim Kadim", "AP", "")  # kept, but flagged
    assert credits_of(slides[3]) == ("Bo Park", "AP", "")  # no caption credit: as printed
    assert [slide.credit_conflict for slide in slides] == [False, False, True, False]


@pytest.mark.django_db
def test_the_store_writes_the_flag_and_the_completed_credit():
    outcome = import_article("storm.txt", PAGE.encode())

    assert outcome.error is None
    photos = {photo.source_line: photo for photo in Photo.objects.with_credit()}
    assert photos[1].credit_line == "Jane Doe / AFP via Getty Images"
    assert photos[9].credit_line == "Omar Roe / Reuters"
    assert [photos[line].credit_conflict for line in (1, 8, 9, 10, 11)] == [
        False,
        False,
        False,
        True,
        False,
    ]
