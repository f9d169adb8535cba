"""generate_catalog: a small catalog with the shape of a large one, valid in every row."""

import io
import statistics
from collections import Counter, defaultdict

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.db.models import Count
from django.db.models.functions import Lower

from catalog.credits import KNOWN_AGENCIES, parse_credit
from catalog.models import (
    Agency,
    AgencyAlias,
    Article,
    ContentWarning,
    Photo,
    Photographer,
    PhotographerAlias,
    Slide,
    Slideshow,
)
from catalog.synthetic.catalog import Sizes, generate_catalog

pytestmark = pytest.mark.django_db

SIZES = Sizes.for_photos(1000, slideshows=25, warnings=30)


@pytest.fixture
def generated():
    return generate_catalog(SIZES, seed="test", batch_size=300)


def test_sizes_follow_the_number_of_photos():
    sizes = Sizes.for_photos(1_000_000)

    assert (sizes.photographers, sizes.agencies, sizes.slideshows, sizes.warnings) == (
        5000,
        200,
        10_000,
        10_000,
    )
    with pytest.raises(ValueError, match="need more than"):
        Sizes.for_photos(100, slideshows=30)


def test_it_writes_the_sizes_asked_for(generated):
    assert generated.photos == Photo.objects.count() == 1000
    assert Photographer.objects.count() == SIZES.photographers
    assert Agency.objects.count() == SIZES.agencies
    assert Slideshow.objects.count() == 25
    assert ContentWarning.objects.count() == 30
    assert ContentWarning.objects.filter(slideshow__isnull=False).count() == 5
    assert generated.slides == Slide.objects.count()


def test_a_few_photographers_and_agencies_credit_most_photos(generated):
    def shares(field):
        rows = Photo.objects.exclude(**{field: None}).values(field).annotate(n=Count("pk"))
        return sorted((row["n"] for row in rows), reverse=True)

    photographers, agencies = shares("photographer"), shares("agency")
    assert photographers[0] >= 5 * statistics.median(photographers)
    assert sum(photographers[:4]) > sum(photographers) / 2
    assert sum(agencies[:3]) > sum(agencies) / 2
    assert agencies[-1] * 5 < agencies[0]


def test_photographers_work_mostly_for_one_or_two_agencies(generated):
    per_person = defaultdict(Counter)
    for person, agency in Photo.objects.exclude(photographer=None).values_list(
        "photographer", "agency"
    ):
        per_person[person][agency] += 1
    for agencies in per_person.values():
        total = sum(agencies.values())
        if total >= 20:
            top_two = sum(count for _, count in agencies.most_common(2))
            assert top_two >= 0.8 * total


def test_credits_are_written_as_newsrooms_do_and_parse_back_to_the_photo(generated):
    agencies = dict(AgencyAlias.objects.annotate(key=Lower("name")).values_list("key", "agency"))
    people = dict(
        PhotographerAlias.objects.annotate(key=Lower("name")).values_list("key", "photographer")
    )

    def agency_id(name):
        return agencies[name.lower()] if name else None

    for photo in Photo.objects.all():
        credit = parse_credit(photo.credit_text)
        assert credit.role == photo.credit_role, photo.credit_text
        photographer = people[credit.photographer.lower()] if credit.photographer else None
        assert photographer == photo.photographer_id, photo.credit_text
        assert agency_id(credit.agency) == photo.agency_id, photo.credit_text
        assert agency_id(credit.distributor) == photo.distributor_id, photo.credit_text
    assert Photo.objects.exclude(distributor=None).exists()
    assert Photo.objects.filter(photographer=None, credit_role="handout").exists()
    texts = set(Photo.objects.values_list("credit_text", flat=True))
    assert any(text.startswith("REUTERS/") for text in texts)
    assert any(" PHOTO / " in text for text in texts)


def test_captions_run_15_to_60_words_and_some_photos_have_titles(generated):
    lengths = [len(caption.split()) for caption in Photo.objects.values_list("caption", flat=True)]
    titled = Photo.objects.exclude(title="").count()

    assert min(lengths) >= 15
    assert max(lengths) <= 60
    assert statistics.mean(lengths) > 30
    assert 100 < titled < 400


def test_every_name_is_also_an_alias(generated):
    for model, aliases in ((Agency, AgencyAlias), (Photographer, PhotographerAlias)):
        field = model._meta.model_name
        for party in model.objects.all():
            assert aliases.objects.filter(**{field: party}, name__iexact=party.name).exists()
        names = aliases.objects.annotate(key=Lower("name")).values("key")
        assert names.distinct().count() == aliases.objects.count()
    assert AgencyAlias.objects.count() > Agency.objects.count()


def test_slideshows_hold_5_to_60_slides_numbered_from_1(generated):
    incomplete = 0
    for show in Slideshow.objects.prefetch_related("slides"):
        positions = [slide.position for slide in show.slides.all()]
        assert 5 <= len(positions) <= 60
        assert sorted(positions) == list(range(1, len(positions) + 1))
        assert show.cover_id == next(s.photo_id for s in show.slides.all() if s.position == 1)
        assert show.declared_count is None or show.declared_count >= len(positions)
        incomplete += bool(show.declared_count and show.declared_count > len(positions))
    assert incomplete
    assert Slideshow.objects.incomplete().count() == incomplete
    assert Slide.objects.exclude(caption="").exists()


def test_every_record_comes_from_an_article_as_an_import_leaves_it(generated):
    assert not Photo.objects.filter(article=None).exists()
    assert not Slide.objects.exclude(article=models.F("photo__article")).exists()
    assert not Slideshow.objects.exclude(article=models.F("cover__article")).exists()
    assert not ContentWarning.objects.filter(article=None).exists()
    assert generated.articles == Article.objects.count() > Slideshow.objects.count()
    for article in Article.objects.all():
        assert article.lead_photo.article_id == article.pk
        assert article.paragraphs


def test_rows_satisfy_the_models_constraints(generated):
    for model in (Photo, Slide, ContentWarning, Agency, Photographer):
        for row in model.objects.all()[:50]:
            row.validate_constraints()
            row.clean_fields()


def test_the_planner_statistics_are_fresh(generated):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'catalog_photo'")
        else:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'catalog_photo'")
        assert cursor.fetchone()[0] > 0


def test_the_same_seed_gives_the_same_catalog():
    def captions():
        generate_catalog(Sizes.for_photos(200), seed="again")
        made = list(Photo.objects.order_by("pk").values_list("uid", "caption", "credit_text"))
        for model in (Slideshow, Photo, Article, Photographer, Agency):
            model.objects.all().delete()
        return made

    assert captions() == captions()


def test_the_command_refuses_a_catalog_that_is_not_empty_unless_appending():
    out = io.StringIO()
    call_command("generate_catalog", "--photos", "200", "--seed", "1", stdout=out)
    assert "Generated 200 photos, 2 slideshows" in out.getvalue()
    assert " articles in " in out.getvalue()
    assert "200 / 200 photos (100%)" in out.getvalue()

    with pytest.raises(CommandError, match="not empty; pass --append"):
        call_command("generate_catalog", "--photos", "200", stdout=io.StringIO())

    call_command("generate_catalog", "--photos", "100", "--append", stdout=io.StringIO())
    assert Photo.objects.count() == 300
    assert Photographer.objects.count() == 40


def test_the_command_says_what_it_needs():
    with pytest.raises(CommandError, match="give --photos N"):
        call_command("generate_catalog")
    with pytest.raises(CommandError, match="--articles needs --out"):
        call_command("generate_catalog", "--articles", "3")
    with pytest.raises(CommandError, match="need more than"):
        call_command("generate_catalog", "--photos", "10", "--slideshows", "5")


def test_every_known_agency_fits_beside_generated_ones():
    """At a million photos (200 agencies) every agency of the credit table is
    used, with aliases its table spells twice in different cases."""
    sizes = Sizes.for_photos(300, agencies=len(KNOWN_AGENCIES) + 5, slideshows=3, warnings=3)

    generate_catalog(sizes, seed="agencies", batch_size=300)

    assert Agency.objects.count() == len(KNOWN_AGENCIES) + 5
    assert AgencyAlias.objects.filter(name__iexact="rex").count() == 1
