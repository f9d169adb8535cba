"""Model invariants, each proved through validation and through the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalog.models import (
    Agency,
    AgencyAlias,
    ContentWarning,
    CreditRole,
    Photo,
    Photographer,
    Slide,
    Slideshow,
    TranscriptTurn,
    WarningKind,
)
from tests.factories import (
    AgencyFactory,
    ContentWarningFactory,
    PhotoFactory,
    PhotographerFactory,
    SlideFactory,
    SlideshowFactory,
    TranscriptTurnFactory,
    VideoFactory,
)

pytestmark = pytest.mark.django_db


def refused_by_database(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


# -- agencies and photographers ----------------------------------------------------


def test_agency_keeps_its_name_as_an_alias():
    agency = Agency.objects.create(name="Reuters")
    assert list(agency.aliases.values_list("name", flat=True)) == ["Reuters"]
    assert agency.slug == "reuters"


def test_agency_names_are_unique_ignoring_case():
    Agency.objects.create(name="Reuters")

    with pytest.raises(ValidationError) as error:
        Agency(name="REUTERS", slug="reuters-2").full_clean()
    assert "name" in error.value.message_dict or "__all__" in error.value.message_dict
    refused_by_database(lambda: Agency.objects.bulk_create([Agency(name="REUTERS", slug="x")]))


def test_agency_aliases_are_unique_ignoring_case():
    ap = Agency.objects.create(name="AP")
    ap.aliases.create(name="ASSOCIATED PRESS")
    other = Agency.objects.create(name="Other")

    with pytest.raises(ValidationError):
        AgencyAlias(agency=other, name="Associated Press").full_clean()
    refused_by_database(lambda: AgencyAlias.objects.create(agency=other, name="associated press"))


def test_agency_cannot_take_a_name_another_agency_goes_by():
    ap = Agency.objects.create(name="AP")
    ap.aliases.create(name="Associated Press")

    with pytest.raises(ValidationError) as error:
        Agency(name="associated press", slug="associated-press").full_clean()
    assert error.value.error_dict["name"][0].code == "alias_taken"


def test_agencies_are_found_by_any_alias_ignoring_case():
    ap = Agency.objects.create(name="AP")
    ap.aliases.create(name="ASSOCIATED PRESS")
    ap.aliases.create(name="The Associated Press")

    for spelling in ("AP", "ap", "Associated Press", "the associated press"):
        assert list(Agency.objects.matching(spelling)) == [ap]


def test_slugs_stay_unique_when_names_slugify_alike():
    first = Agency.objects.create(name="A.P.")
    second = Agency.objects.create(name="A P")
    assert (first.slug, second.slug) == ("ap", "a-p")
    third = Agency.objects.create(name="A-P")
    assert third.slug == "a-p-2"


def test_photographer_names_and_aliases_are_unique_ignoring_case():
    maya = Photographer.objects.create(name="Maya Alleruzzo")
    refused_by_database(
        lambda: Photographer.objects.bulk_create([Photographer(name="MAYA ALLERUZZO", slug="m")])
    )
    with pytest.raises(ValidationError) as error:
        Photographer(name="maya alleruzzo", slug="maya-2").full_clean()
    assert "alias_taken" in str(error.value.error_dict["name"][0].code)
    assert list(Photographer.objects.matching("MAYA ALLERUZZO")) == [maya]


# -- credits ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("photographer", "agency", "distributor", "role", "line"),
    [
        ("Karim Kadim", "AP", None, "", "Karim Kadim / AP"),
        (
            "Moises Saman",
            "The New York Times",
            "Redux Pictures",
            "",
            "Moises Saman / The New York Times via Redux Pictures",
        ),
        (None, "Getty Images", None, "", "Getty Images"),
        ("Jane Doe", None, None, "", "Jane Doe"),
        (None, "Reuters", None, CreditRole.HANDOUT, "Handout / Reuters"),
        (None, "NASA", None, CreditRole.COURTESY, "Courtesy of NASA"),
        (None, None, None, "", ""),
    ],
)
def test_house_style_credit_line(photographer, agency, distributor, role, line):
    photo = Photo.objects.create(
        photographer=PhotographerFactory(name=photographer) if photographer else None,
        agency=AgencyFactory(name=agency) if agency else None,
        distributor=AgencyFactory(name=distributor) if distributor else None,
        credit_role=role,
    )
    assert photo.credit_line == line


def test_distributor_differs_from_agency():
    ap = AgencyFactory(name="AP")
    with pytest.raises(ValidationError):
        Photo(agency=ap, distributor=ap).full_clean()
    refused_by_database(lambda: Photo.objects.create(agency=ap, distributor=ap))


# -- slideshows ------------------------------------------------------------------------


def test_slide_positions_are_unique_within_a_slideshow():
    slide = SlideFactory(position=1)
    duplicate = Slide(slideshow=slide.slideshow, photo=PhotoFactory(), position=1)

    with pytest.raises(ValidationError):
        duplicate.full_clean()
    refused_by_database(duplicate.save)
    SlideFactory(position=1)  # another slideshow may use it


def test_a_photo_appears_once_in_a_slideshow():
    slide = SlideFactory(position=1)
    refused_by_database(
        lambda: Slide.objects.create(slideshow=slide.slideshow, photo=slide.photo, position=2)
    )


def test_slide_positions_start_at_one():
    with pytest.raises(ValidationError):
        Slide(slideshow=SlideshowFactory(), photo=PhotoFactory(), position=0).full_clean()
    refused_by_database(lambda: SlideFactory(position=0))


def test_slide_caption_overrides_the_photo_caption_there_only():
    photo = PhotoFactory(caption="The photo's own caption.")
    plain = SlideFactory(photo=photo, position=1)
    captioned = SlideFactory(photo=photo, position=1, caption="As this gallery printed it.")

    assert (plain.effective_caption, plain.caption_source) == ("The photo's own caption.", "photo")
    assert (captioned.effective_caption, captioned.caption_source) == (
        "As this gallery printed it.",
        "slide",
    )


def test_incomplete_slideshows_declare_more_slides_than_they_have():
    full = SlideshowFactory(declared_count=1)
    SlideFactory(slideshow=full, position=1)
    short = SlideshowFactory(declared_count=5)
    SlideshowFactory(declared_count=None)

    assert list(Slideshow.objects.incomplete()) == [short]
    counts = dict(Slideshow.objects.with_slide_count().values_list("title", "present_count"))
    assert counts[full.title] == 1
    assert counts[short.title] == 0


# -- content warnings ------------------------------------------------------------------


def test_warning_belongs_to_a_photo_or_a_slideshow_not_both():
    photo, show = PhotoFactory(), SlideshowFactory()
    both = ContentWarning(photo=photo, slideshow=show, kind=WarningKind.GRAPHIC)
    neither = ContentWarning(kind=WarningKind.GRAPHIC)

    for warning in (both, neither):
        with pytest.raises(ValidationError):
            warning.full_clean()
        refused_by_database(warning.save)
    ContentWarningFactory(photo=photo)
    ContentWarningFactory(photo=None, slideshow=show)


def test_warning_kinds_are_iptc_newscodes_plus_graphic():
    assert set(WarningKind.values) == {
        "death",
        "drugUse",
        "fantasyViolence",
        "language",
        "nudity",
        "sexuality",
        "suffering",
        "violence",
        "graphic",
    }
    with pytest.raises(ValidationError):
        ContentWarning(photo=PhotoFactory(), kind="gory").full_clean()
    refused_by_database(lambda: ContentWarning.objects.create(photo=PhotoFactory(), kind="gory"))


def test_photographers_with_agencies_fetch_them_in_one_more_query(django_assert_num_queries):
    maya, chip = PhotographerFactory(name="Maya"), PhotographerFactory(name="Chip")
    ap, getty = AgencyFactory(name="AP"), AgencyFactory(name="Getty Images")
    PhotoFactory.create_batch(2, photographer=maya, agency=ap)
    PhotoFactory(photographer=maya, agency=getty)
    PhotoFactory(photographer=chip, agency=getty)
    PhotoFactory(photographer=None, agency=ap, credit_text="AP")

    with django_assert_num_queries(2):
        found = {p.name: p for p in Photographer.objects.with_agencies()}

    assert [(a.name, a.credited) for a in found["Maya"].agencies] == [
        ("AP", 2),
        ("Getty Images", 1),
    ]
    assert [(a.name, a.credited) for a in found["Chip"].agencies] == [("Getty Images", 1)]


# -- transcripts -----------------------------------------------------------------------


def test_a_turn_without_a_named_speaker_keeps_its_label():
    video = VideoFactory()
    unnamed = TranscriptTurnFactory(video=video, speaker=None, speaker_label="Unidentified Man")
    assert str(unnamed) == f"{video.title} #{unnamed.position} (Unidentified Man)"

    nameless = TranscriptTurn(video=video, position=2, speaker=None, speaker_label="", text="Hi.")
    with pytest.raises(ValidationError) as refused:
        nameless.full_clean()
    assert "speaker_label" in refused.value.message_dict
    refused_by_database(nameless.save)


def test_turn_positions_stay_unique_and_positive_with_or_without_a_speaker():
    turn = TranscriptTurnFactory(speaker=None, speaker_label=">>")
    again = TranscriptTurn(video=turn.video, position=turn.position, speaker_label=">>", text="x")
    with pytest.raises(ValidationError):
        again.full_clean()
    refused_by_database(again.save)
    zero = TranscriptTurn(video=turn.video, position=0, speaker_label=">>", text="x")
    refused_by_database(zero.save)
