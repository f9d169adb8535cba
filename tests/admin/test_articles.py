"""Articles with their source lines, video transcripts, and uploading articles."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from catalog.admin.articles import ArticleImportForm
from catalog.models import Article, Photo, Slide
from tests.conftest import SEED
from tests.factories import ArticleFactory, PhotoFactory, TranscriptTurnFactory, VideoFactory
from tests.importers.test_ownership import DRAWDOWN_2010, OTHER
from tests.snapshots import catalog_snapshot

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:catalog_article_changelist")
IMPORT = reverse("admin:catalog_article_upload")


def test_the_article_page_numbers_the_source_and_links_each_record(editor_client, imported_seed):
    url = reverse("admin:catalog_article_change", args=[imported_seed.pk])

    html = editor_client.get(url).content.decode()

    assert '<tr id="L1" class="imported">' in html  # the lead photo's title line
    assert '<a href="#L70">70</a>' in html
    slide = Slide.objects.get(slideshow__title__contains="2010 drawdown", position=7)
    row = html[html.index(f'<tr id="L{slide.source_line}"') :]
    row = row[: row.index("</tr>")]
    assert "Slide 7 of" in row
    assert reverse("admin:catalog_photo_change", args=[slide.photo_id]) in row
    video = imported_seed.videos.get()
    assert f'href="{reverse("admin:catalog_video_change", args=[video.pk])}"' in html
    assert "Turn 1: SNOW" in html


def test_an_imported_photo_links_back_to_its_line(editor_client, imported_seed):
    photo = Photo.objects.filter(article=imported_seed).exclude(source_line=None).first()
    url = reverse("admin:catalog_photo_change", args=[photo.pk])

    html = editor_client.get(url).content.decode()

    article_url = reverse("admin:catalog_article_change", args=[imported_seed.pk])
    assert f'<a href="{article_url}#L{photo.source_line}">line {photo.source_line}</a>' in html


@pytest.mark.parametrize("rows", [3, 30])
def test_article_page_queries_do_not_grow(editor_client, django_assert_num_queries, rows):
    article = ArticleFactory(source_text="\n".join(f"line {n}" for n in range(1, rows + 1)))
    for line in range(1, rows + 1):
        PhotoFactory(article=article, source_line=line)
    video = VideoFactory(article=article, source_line=1)
    TranscriptTurnFactory.create_batch(rows, video=video, article=article, source_line=2)
    url = reverse("admin:catalog_article_change", args=[article.pk])

    # session, user, article, permissions (2), content type, and one query
    # per kind of record imported: photos, slideshows, slides, warnings,
    # videos, turns
    with django_assert_num_queries(12):
        response = editor_client.get(url)
    assert response.content.decode().count("Photo: ") == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_article_list_queries_do_not_grow(editor_client, django_assert_num_queries, rows):
    ArticleFactory.create_batch(rows)

    with django_assert_num_queries(6):  # session, user, permissions (2), count, page
        response = editor_client.get(ARTICLES)
    assert len(response.context["cl"].result_list) == rows
    assert f'href="{IMPORT}"' in response.content.decode()


@pytest.mark.parametrize("rows", [3, 30])
def test_transcripts_read_turn_by_turn_in_constant_queries(
    editor_client, django_assert_num_queries, rows
):
    video = VideoFactory()
    turns = TranscriptTurnFactory.create_batch(rows, video=video)
    url = reverse("admin:catalog_video_change", args=[video.pk])

    with django_assert_num_queries(7):  # session, user, video, permissions (2), turns, ct
        response = editor_client.get(url)

    html = response.content.decode()
    for turn in turns:
        assert turn.speaker.name in html
        assert turn.text in html


def test_a_transcript_shows_turns_without_a_named_speaker(editor_client):
    video = VideoFactory()
    named = TranscriptTurnFactory(video=video, position=1)
    TranscriptTurnFactory(video=video, position=2, speaker=None, speaker_label="Unidentified Man")
    TranscriptTurnFactory(video=video, position=3, speaker=None, speaker_label=">>")

    response = editor_client.get(reverse("admin:catalog_video_change", args=[video.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert named.speaker.name in html
    assert "Unidentified Man (unnamed)" in html
    assert "&gt;&gt; (unnamed)" in html


@pytest.mark.parametrize("rows", [3, 30])
def test_video_list_queries_do_not_grow(editor_client, django_assert_num_queries, rows):
    for video in VideoFactory.create_batch(rows):
        TranscriptTurnFactory.create_batch(2, video=video)

    with django_assert_num_queries(6):  # session, user, permissions (2), count, page
        response = editor_client.get(reverse("admin:catalog_video_changelist"))
    assert [video.turn_count for video in response.context["cl"].result_list] == [2] * rows


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/plain")


def test_an_uploaded_article_is_imported_as_the_command_does(editor_client):
    response = editor_client.post(
        IMPORT, {"files": [upload(SEED.name, SEED.read_bytes())], "encoding": "utf-8"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert f"{SEED.name}: created" in html
    assert "<tr><td>Photos</td><td>20</td><td>0</td><td>0</td><td>0</td></tr>" in html
    assert "<tr><td>Slides</td><td>16</td><td>0</td><td>0</td><td>0</td></tr>" in html
    assert "1 of 1 files imported" in html
    assert Article.objects.get().slug == SEED.stem


def test_a_bad_upload_names_file_and_line_and_saves_nothing_of_it(editor_client):
    duplicate = (
        b"Photos: Week\n  1. One. (A B / AP) Back to slideshow navigation\n"
        b"  1. Two. (A B / AP) Back to slideshow navigation\n"
    )
    before = catalog_snapshot()

    response = editor_client.post(
        IMPORT,
        {"files": [upload("dup.txt", duplicate), upload("empty.txt", b"")], "encoding": "utf-8"},
    )

    html = response.content.decode()
    assert "dup.txt:3: slide 1 appears twice" in html
    assert "empty.txt:1: the file is empty" in html
    assert "0 of 2 files imported" in html
    assert catalog_snapshot() == before


def test_good_files_import_beside_bad_ones(editor_client):
    response = editor_client.post(
        IMPORT,
        {
            "files": [upload("good.txt", SEED.read_bytes()), upload("bad.txt", b"\xff\xfe")],
            "encoding": "utf-8",
        },
    )

    html = response.content.decode()
    assert "good.txt: created" in html
    assert "bad.txt:" in html
    assert "1 of 2 files imported" in html
    assert list(Article.objects.values_list("slug", flat=True)) == ["good"]


def test_notices_name_file_and_line(editor_client):
    page = b"Photos: Week\n  1. No credit here. Back to slideshow navigation\n"

    response = editor_client.post(
        IMPORT, {"files": [upload("page.txt", page)], "encoding": "utf-8"}
    )

    assert "page.txt:2: slide 1 has no credit" in response.content.decode()


def test_a_dry_run_saves_nothing(editor_client):
    response = editor_client.post(
        IMPORT,
        {"files": [upload(SEED.name, SEED.read_bytes())], "encoding": "utf-8", "dry_run": "on"},
    )

    html = response.content.decode()
    assert "Would change" in html
    assert "dry run: nothing saved" in html
    assert Article.objects.count() == 0


def test_an_unknown_encoding_is_refused(editor_client):
    response = editor_client.post(
        IMPORT, {"files": [upload("a.txt", b"Headline\n")], "encoding": "klingon"}
    )

    assert response.context["form"].errors.as_data()["encoding"][0].code == "unknown_encoding"
    assert Article.objects.count() == 0


def test_the_import_page_needs_a_file(editor_client):
    response = editor_client.post(IMPORT, {"encoding": "utf-8"})

    assert response.context["form"].errors.as_data()["files"][0].code == "required"


def test_the_import_page_needs_permission_to_add_articles(client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", is_staff=True)
    client.force_login(clerk)

    assert client.get(IMPORT).status_code == 403


def test_a_file_needing_a_permission_the_user_lacks_is_refused_alone(client, staff_without):
    client.force_login(staff_without("add_photographer"))
    plain = b"Quiet day\n\nNothing happened in the harbour today.\n"
    before = catalog_snapshot()

    response = client.post(
        IMPORT,
        {
            "files": [upload(SEED.name, SEED.read_bytes()), upload("plain.txt", plain)],
            "encoding": "utf-8",
        },
    )

    html = response.content.decode()
    assert (
        f"{SEED.name}: You may not import this file: it would add photographers "
        "(catalog.add_photographer); nothing was saved"
    ) in html
    assert "1 of 2 files imported" in html
    assert list(Article.objects.values_list("slug", flat=True)) == ["plain"]
    assert not Slide.objects.exists()
    assert before != catalog_snapshot()  # the plain file did import


def test_another_articles_slideshow_is_linked_and_the_page_says_so(editor_client, imported_seed):
    response = editor_client.post(
        IMPORT, {"files": [upload("other.txt", OTHER.encode())], "encoding": "utf-8"}
    )

    html = response.content.decode()
    assert "other.txt: created" in html
    assert (
        "slideshow &quot;US troops leave Iraq - 2010 drawdown&quot; belongs to article "
        f"{SEED.stem}; linked, not changed"
    ) in html
    assert Slide.objects.filter(slideshow__slug=DRAWDOWN_2010).count() == 16


def test_taking_over_from_the_admin_is_asked_for_and_checked(client, staff_without, editor):
    client.force_login(editor)
    client.post(IMPORT, {"files": [upload(SEED.name, SEED.read_bytes())], "encoding": "utf-8"})
    slides = Slide.objects.filter(slideshow__slug=DRAWDOWN_2010)
    client.force_login(staff_without("delete_slide"))

    refused = client.post(
        IMPORT,
        {"files": [upload("other.txt", OTHER.encode())], "encoding": "utf-8", "take_over": "on"},
    )

    assert "You may not take over records other articles imported" in refused.content.decode()
    assert slides.count() == 16
    client.force_login(editor)
    client.post(
        IMPORT,
        {"files": [upload("other.txt", OTHER.encode())], "encoding": "utf-8", "take_over": "on"},
    )
    assert slides.count() == 2


# -- size limit ------------------------------------------------------------------------

SHORT_PAGE = b"Harbour reopens\n\nThe harbour reopened on Monday after a week of storms.\n"


def test_an_upload_over_the_size_limit_is_a_form_error_and_nothing_imports(editor_client, settings):
    settings.MAX_ARTICLE_BYTES = 1000
    big = SEED.read_bytes()

    response = editor_client.post(
        IMPORT,
        {"files": [upload("short.txt", SHORT_PAGE), upload("big.txt", big)], "encoding": "utf-8"},
    )

    errors = response.context["form"].errors.as_data()["files"]
    assert [(error.code, error.message % error.params) for error in errors] == [
        ("too_large", f"big.txt: too large ({len(big):,} bytes, the limit is 1,000)")
    ]
    assert Article.objects.count() == 0


class UnreadableUpload(SimpleUploadedFile):
    def read(self, *args):
        raise AssertionError("the file was read")


def test_the_size_limit_is_checked_without_reading_the_file(settings):
    settings.MAX_ARTICLE_BYTES = 1000
    files = MultiValueDict({"files": [UnreadableUpload("big.txt", b"x" * 1001)]})

    form = ArticleImportForm({"encoding": "utf-8"}, files)

    assert not form.is_valid()
    assert form.errors.as_data()["files"][0].code == "too_large"


def test_the_default_size_limit_is_two_megabytes(editor_client):
    files = [upload("short.txt", SHORT_PAGE), upload("big.txt", b"a" * (2 * 1024 * 1024 + 1))]

    response = editor_client.post(IMPORT, {"files": files, "encoding": "utf-8"})

    [error] = response.context["form"].errors.as_data()["files"]
    assert error.message % error.params == (
        "big.txt: too large (2,097,153 bytes, the limit is 2,097,152)"
    )
    response = editor_client.post(
        IMPORT, {"files": [upload("short.txt", SHORT_PAGE)], "encoding": "utf-8"}
    )
    assert "short.txt: created" in response.content.decode()
