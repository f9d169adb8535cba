"""Credits written inside captions: each form of CAPTION_FORMS, read without
changing the caption."""

import pytest

from catalog.credits import caption_credit
from catalog.credits.captions import CAPTION_FORMS


@pytest.mark.parametrize(
    ("caption", "photographer", "agency", "distributor"),
    [
        ("Troops board a plane in Kabul. (AP Photo/Jane Doe)", "Jane Doe", "AP", ""),
        ("Troops board a plane in Kabul. (AP Photo)", "", "AP", ""),
        ("Troops board a plane in Kabul, Afghanistan. REUTERS/Omar Roe", "Omar Roe", "REUTERS", ""),
        ("Troops board a plane in Kabul Afghanistan REUTERS/Omar Roe", "Omar Roe", "REUTERS", ""),
        ("Fans cheer in Lyon. (Photo by Jane Doe/Getty Images)", "Jane Doe", "Getty Images", ""),
        ("Fans cheer in Lyon. AFP PHOTO / JANE DOE", "Jane Doe", "AFP", ""),
        (
            "Fans cheer in Lyon. AFP PHOTO / JANE DOE "
            "(Photo credit should read JANE DOE/AFP/Getty Images)",
            "Jane Doe",
            "AFP",
            "Getty Images",
        ),
        (
            "Fans cheer in Lyon. Mandatory Credit: Photo by Jane Doe/Shutterstock (12345678a)",
            "Jane Doe",
            "Shutterstock",
            "",
        ),
        ("Fans cheer in Lyon (Jane Doe/AFP via Getty Images)", "Jane Doe", "AFP", "Getty Images"),
        ("Fans cheer in Lyon. EPA/JANE DOE", "Jane Doe", "EPA", ""),
        ("Troops board a plane in 2009. (AP Photo/Jane Doe, File)", "Jane Doe", "AP", ""),
    ],
)
def test_caption_credit_forms(caption, photographer, agency, distributor):
    credit = caption_credit(caption)

    assert (credit.photographer, credit.agency, credit.distributor) == (
        photographer,
        agency,
        distributor,
    )


@pytest.mark.parametrize(
    "caption",
    [
        "",
        "Fans cheer in Lyon.",
        "Fans cheer in Lyon (left).",
        "Fans cheer in Lyon, France/Europe.",
        "Fans cheer in Lyon and Paris/Berlin",
    ],
)
def test_captions_without_a_credit(caption):
    assert caption_credit(caption) is None


def test_the_caption_is_read_not_changed():
    caption = "Troops board a plane in Kabul. (AP Photo/Jane Doe)"
    copy = str(caption)

    caption_credit(caption)

    assert caption == copy


def test_only_the_end_of_a_long_caption_is_read():
    caption = "(AP Photo/Early Name) " + "Troops wait. " * 200
    assert caption_credit(caption) is None
    assert caption_credit(caption + "(AP Photo/Jane Doe)").photographer == "Jane Doe"


def test_the_forms_are_named_rows():
    names = [form.name for form in CAPTION_FORMS]
    assert len(names) == len(set(names)) >= 5
