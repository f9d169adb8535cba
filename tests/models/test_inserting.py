"""Inserting new rows from their values: the same rows `bulk_create` makes."""

import uuid
from unittest import mock

import pytest
from django.db import IntegrityError, connection

from catalog.models import Photo, Video
from catalog.models.inserting import insert_rows, update_row
from tests.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def test_rows_get_their_values_and_every_other_column_its_default():
    uids = [uuid.uuid4(), uuid.uuid4()]

    pks = insert_rows(
        Photo, [{"uid": uid, "title": f"Photo {n}", "source_line": n} for n, uid in enumerate(uids)]
    )

    photos = Photo.objects.in_bulk(pks)
    assert [photos[pk].uid for pk in pks] == uids
    made = Photo(uid=uuid.uuid4(), title="Photo 0", source_line=0)
    Photo.objects.bulk_create([made])  # the same row as the ORM writes it, but for pk and uid
    made = Photo.objects.get(pk=made.pk)
    skip = {"id", "uid", "created_at", "updated_at"}
    for field in Photo._meta.concrete_fields:
        if field.name not in skip:
            assert getattr(photos[pks[0]], field.attname) == getattr(made, field.attname), field
    assert photos[pks[0]].created_at is not None
    assert photos[pks[0]].created_at == photos[pks[0]].updated_at


def test_many_rows_go_in_batches_with_their_keys_in_order():
    rows = [{"uid": uuid.uuid4(), "title": f"Video {n}"} for n in range(7)]

    with mock.patch.object(connection.ops, "bulk_batch_size", return_value=3):
        pks = insert_rows(Video, rows)

    assert len(pks) == 7
    assert [Video.objects.get(pk=pk).title for pk in pks] == [row["title"] for row in rows]


def test_nothing_to_insert_makes_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert insert_rows(Video, []) == []


def test_a_name_that_is_no_column_is_refused():
    with pytest.raises(ValueError, match="not columns of Video: colour"):
        insert_rows(Video, [{"uid": uuid.uuid4(), "title": "A", "colour": "red"}])


def test_constraints_hold():
    uid = uuid.uuid4()
    insert_rows(Video, [{"uid": uid, "title": "A"}])

    with pytest.raises(IntegrityError):
        insert_rows(Video, [{"uid": uid, "title": "B"}])


def test_update_row_sets_the_columns_given_prepared_as_the_orm_does():
    photo = PhotoFactory(title="Old", credit_conflict=False)
    other = PhotoFactory(title="Other")
    video = Video.objects.create(title="Clip")

    update_row(Photo, photo.pk, {"title": "New ☂", "credit_conflict": True, "article_id": None})
    update_row(Video, video.pk, {"title": "Clip, renamed"})

    photo.refresh_from_db()
    assert (photo.title, photo.credit_conflict, photo.article_id) == ("New ☂", True, None)
    assert Photo.objects.get(pk=other.pk).title == "Other"
    assert Video.objects.get(pk=video.pk).title == "Clip, renamed"
