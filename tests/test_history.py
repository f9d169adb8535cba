"""catalog.history: what imports, merges and bulk writes record, and revert."""

import pytest

from catalog import history
from catalog.importers.batch import import_article
from catalog.models import (
    Agency,
    ContentWarning,
    Photo,
    Photographer,
    Slide,
    Slideshow,
)
from catalog.services import merge_agencies, merge_photographers
from tests.conftest import SEED
from tests.factories import AgencyFactory, PhotoFactory, PhotographerFactory
from tests.importers.test_faults import edited_reference

pytestmark = pytest.mark.django_db

TRACKED = (Photo, Photographer, Agency, Slideshow, Slide, ContentWarning)


def versions() -> dict[str, int]:
    return {model.__name__: model.history.count() for model in TRACKED}


def test_an_import_records_one_creation_per_record_with_its_file(imported_seed):
    for model in TRACKED:
        assert model.history.count() == model.objects.count() > 0, model
        assert set(model.history.values_list("history_type", "history_via")) == {("+", "import")}
    assert set(Photo.history.values_list("history_change_reason", flat=True)) == {SEED.name}


def test_an_unchanged_reimport_records_nothing(imported_seed):
    before = versions()

    outcome = import_article(SEED.name, SEED.read_bytes(), force=True)

    assert outcome.ok
    assert not outcome.summary.changed
    assert versions() == before


def test_a_changed_reimport_records_one_version_per_changed_record(imported_seed):
    before = versions()

    outcome = import_article(SEED.name, edited_reference())

    assert outcome.ok, outcome.describe_error()
    tally = outcome.summary.tally
    photos = Photo.history.filter(history_type="~")
    assert photos.count() == tally(Photo).updated > 0
    assert len(set(photos.values_list("id", flat=True))) == photos.count()  # one each
    assert Slide.history.filter(history_type="~").count() == tally(Slide).updated > 0
    assert Slide.history.filter(history_type="-").count() == tally(Slide).deleted > 0
    photo = tally(Photo)
    assert versions()["Photo"] == before["Photo"] + photo.created + photo.updated + photo.deleted
    changed = photos.first()
    assert (changed.history_via, changed.history_change_reason) == ("import", SEED.name)


def test_an_imported_change_reads_as_before_and_after(imported_seed):
    import_article(SEED.name, edited_reference())
    photo = Photo.objects.get(pk=Photo.history.filter(history_type="~").values("id")[:1])

    (latest, *_) = history.entries(photo)

    assert latest.kind == "changed"
    assert latest.via_label == "Import"
    assert latest.changes
    assert all(c.before != c.after for c in latest.changes)


def test_merging_photographers_is_recorded_on_both(editor):
    kept = PhotographerFactory(name="Maya Alleruzzo")
    typo = PhotographerFactory(name="Maya Aleruzzo")
    photo = PhotoFactory(photographer=typo)

    merge_photographers(survivor=kept, duplicates=[typo], user=editor)

    reason = "Merged Maya Aleruzzo into Maya Alleruzzo"
    on_kept = Photographer.history.filter(id=kept.pk).latest("history_date")
    on_typo = Photographer.history.filter(id=typo.pk).latest("history_date")
    assert (on_kept.history_type, on_kept.history_change_reason) == ("~", reason)
    assert (on_typo.history_type, on_typo.history_change_reason) == ("-", reason)
    (entry, *_) = history.entries(photo)
    assert [(c.label, c.before, c.after) for c in entry.changes] == [
        ("Photographer", "Maya Aleruzzo (deleted)", "Maya Alleruzzo")
    ]
    assert entry.reason == reason
    assert history.entries(kept)[0].reason == reason


def test_merging_agencies_records_the_photos_repointed(editor):
    kept, duplicate = AgencyFactory(name="AP"), AgencyFactory(name="Associated Press")
    photo = PhotoFactory(agency=duplicate)

    merge_agencies(survivor=kept, duplicates=[duplicate], user=editor)

    latest = Photo.history.filter(id=photo.pk).latest("history_date")
    assert latest.agency_id == kept.pk
    assert latest.history_user == editor


def test_an_alt_text_edit_reads_as_before_and_after_and_reverts():
    photo = PhotoFactory(alt_text="A man at a lectern.")
    first = Photo.history.get(id=photo.pk)
    photo.alt_text = "A woman at a lectern, speaking."
    photo.save()

    (latest, _) = history.entries(photo)
    assert [(c.field, c.before, c.after) for c in latest.changes] == [
        ("alt_text", "A man at a lectern.", "A woman at a lectern, speaking.")
    ]

    history.revert(Photo, first.history_id)
    photo.refresh_from_db()
    assert photo.alt_text == "A man at a lectern."


def test_revert_refuses_a_version_that_breaks_a_rule():
    photographer = PhotographerFactory(name="Jim Roe")
    first = Photographer.history.get(id=photographer.pk)
    photographer.name = "James Roe"
    photographer.save()
    photographer.aliases.filter(name="Jim Roe").delete()
    PhotographerFactory(name="Jim Roe")  # another person now holds the name

    with pytest.raises(history.RevertFailed, match="already a name or alias"):
        history.revert(Photographer, first.history_id)
    photographer.refresh_from_db()
    assert photographer.name == "James Roe"


def test_a_deleted_record_cannot_be_reverted():
    photo = PhotoFactory()
    first = Photo.history.get(id=photo.pk)
    photo.delete()

    with pytest.raises(history.RevertFailed, match="deleted"):
        history.revert(Photo, first.history_id)


def test_record_is_a_no_op_for_no_rows_and_untracked_models(django_assert_num_queries):
    from catalog.models import Video

    with django_assert_num_queries(0):
        history.record(Photo, [])
        history.record(Video, [1, 2])
