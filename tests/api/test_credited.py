"""`/api/photos/{uid}/credited/`: the file with the catalog's credit written in,
read back by the catalog's own reader and by exiftool; the original unchanged."""

import hashlib
import io
import json
import subprocess

import pytest
from PIL import Image

from catalog.images.metadata import read_embedded_metadata
from catalog.images.store import ingest_image
from catalog.models import Photo
from tests.factories import AgencyFactory, PhotographerFactory
from tests.images.test_store import sample

pytestmark = pytest.mark.django_db

CAPTION = "Troops cross into Kuwait, near Camp Virginia, at dawn."


@pytest.fixture
def corrected(media_root) -> Photo:
    """A photo whose file says Phil Harvey / My Credit, corrected in the catalog."""
    photo, _ = ingest_image(sample("exiftool_IPTC.jpg"), name="wire.jpg")
    photo.photographer = PhotographerFactory(name="Zoë Roe")
    photo.agency = AgencyFactory(name="Reuters")
    photo.caption = CAPTION
    photo.title = "Troops leave"
    photo.save()
    return Photo.objects.with_credit().get(pk=photo.pk)


def exiftool(content: bytes) -> dict:
    done = subprocess.run(
        ["exiftool", "-j", "-G1", "-charset", "iptc=UTF8", "-"],
        input=content,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)[0]


def download(client, photo, **params):
    response = client.get(f"/api/photos/{photo.uid}/credited/", params)
    assert response.status_code == 200, response.content
    return response


def test_the_web_copy_carries_the_catalogs_credit_for_both_readers(api, corrected):
    response = download(api, corrected)

    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == f'attachment; filename="{corrected.uid}.jpg"'
    ours = read_embedded_metadata(Image.open(io.BytesIO(response.content)))
    assert ours.creator == "Zoë Roe"
    assert ours.credit_line == "Zoë Roe / Reuters"
    assert ours.caption == CAPTION
    assert ours.headline == "Troops leave"
    assert ours.copyright_notice == "© Reuters"  # the file's named Phil Harvey
    theirs = exiftool(response.content)
    assert theirs["IPTC:By-line"] == "Zoë Roe"
    assert theirs["IPTC:Credit"] == "Zoë Roe / Reuters"
    assert theirs["IPTC:Caption-Abstract"] == CAPTION
    assert theirs["IPTC:CodedCharacterSet"] == "UTF8"
    assert theirs["XMP-dc:Creator"] == "Zoë Roe"
    assert theirs["XMP-photoshop:Credit"] == "Zoë Roe / Reuters"
    assert theirs["XMP-dc:Description"] == CAPTION
    assert theirs["XMP-photoshop:Headline"] == "Troops leave"


def test_the_original_is_for_staff_and_stays_as_stored(api, staff_api, corrected):
    assert api.get(f"/api/photos/{corrected.uid}/credited/?size=original").status_code in (
        401,
        403,
    )

    response = download(staff_api, corrected, size="original")

    assert response["Content-Disposition"] == 'attachment; filename="wire.jpg"'
    assert response["Cache-Control"] == "private, no-cache"
    theirs = exiftool(response.content)
    assert theirs["IPTC:By-line"] == "Zoë Roe"
    assert theirs["XMP-dc:Rights"] == "© Reuters"
    assert theirs["IFD0:Artist"] == "Zoë Roe"  # EXIF, which readers take first, agrees
    with corrected.image.open("rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == corrected.image_sha256
    kept = exiftool(corrected.image.open("rb").read())
    assert kept["IPTC:By-line"] == "Phil Harvey"


def test_a_long_credit_is_cut_in_iim_and_whole_in_xmp(api, corrected):
    corrected.agency = AgencyFactory(name="The Associated Press")
    corrected.save()

    response = download(api, corrected)

    theirs = exiftool(response.content)
    assert theirs["IPTC:Credit"] == "Zoë Roe / The Associated Press"[:32]
    assert theirs["XMP-photoshop:Credit"] == "Zoë Roe / The Associated Press"
    ours = read_embedded_metadata(Image.open(io.BytesIO(response.content)))
    assert ours.credit_line == "Zoë Roe / The Associated Press"


def test_no_file_no_download(api):
    from tests.factories import PhotoFactory

    photo = PhotoFactory()
    assert api.get(f"/api/photos/{photo.uid}/credited/").status_code == 404
    assert api.get(f"/api/photos/{photo.uid}/credited/?size=huge").status_code == 400


def test_the_files_copyright_notice_stays_while_it_names_the_credit(media_root):
    from catalog.published import published

    photo, _ = ingest_image(sample("exiftool_IPTC.jpg"), name="wire.jpg")
    photo = Photo.objects.with_credit().get(pk=photo.pk)
    assert photo.photographer.name == "Phil Harvey"

    assert published(photo).copyright_notice == "Copyright 2004 Phil Harvey"


def test_the_photo_page_links_to_both_credited_downloads(client, editor, corrected):
    client.force_login(editor)
    page = client.get(f"/admin/catalog/photo/{corrected.pk}/change/").content.decode()

    url = f"/api/photos/{corrected.uid}/credited/"
    assert f'href="{url}"' in page
    assert f'href="{url}?size=original"' in page
