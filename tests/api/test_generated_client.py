"""A Python client generated from the live schema (openapi-python-client) works
against a live server: what a consumer of the schema would build and call."""

import importlib
import io
import json
import pkgutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from catalog.models import Photo, Slideshow
from tests.images.test_store import wire_photo

GENERATOR = Path(sys.executable).parent / "openapi-python-client"
SEED_SHOW = "us-troops-leave-iraq-2010-drawdown"


@pytest.fixture
def client_package(live_server, tmp_path, monkeypatch):
    """The client package `mc_client`, generated into tmp_path and importable."""
    with urllib.request.urlopen(f"{live_server.url}/api/schema/?format=json") as answer:
        schema = json.load(answer)
    (tmp_path / "schema.json").write_text(json.dumps(schema))
    result = subprocess.run(
        [
            GENERATOR,
            "generate",
            "--path",
            tmp_path / "schema.json",
            "--meta",
            "none",
            "--output-path",
            tmp_path / "mc_client",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [n for n in sys.modules if n == "mc_client" or n.startswith("mc_client.")]:
        monkeypatch.delitem(sys.modules, name)
    package = importlib.import_module("mc_client")
    modules = [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(package.__path__, "mc_client.")
    ]
    assert len(modules) > 40  # every endpoint and model imports
    return package


def module(name: str):
    return importlib.import_module(f"mc_client.{name}")


@pytest.mark.django_db(transaction=True)
def test_a_generated_client_reads_and_writes(client_package, live_server, imported_seed, staff):
    anonymous = client_package.Client(base_url=live_server.url, raise_on_unexpected_status=True)
    desk = client_package.AuthenticatedClient(
        base_url=live_server.url, token=staff.api_token, prefix="Token"
    )
    models = module("models")

    # A slideshow's contents, in order.
    show = importlib.import_module("mc_client.api.slideshows.slideshows_retrieve").sync(
        SEED_SHOW, client=anonymous
    )
    positions = [slide.position for slide in show.slides]
    assert positions == list(range(1, len(positions) + 1))
    in_order = list(
        Slideshow.objects.get(slug=SEED_SHOW)
        .slides.order_by("position")
        .values_list("photo__uid", flat=True)
    )
    assert [str(slide.photo.id) for slide in show.slides] == [str(uid) for uid in in_order]

    # The photos of a photographer; an agency by slug or by alias.
    photos_list = importlib.import_module("mc_client.api.photos.photos_list")
    maya = photos_list.sync(client=anonymous, photographer="maya-alleruzzo", page_size=100)
    assert maya.count == Photo.objects.filter(photographer__slug="maya-alleruzzo").count() == 15
    by_alias = photos_list.sync(client=anonymous, agency="associated-press", page_size=100)
    by_slug = photos_list.sync(client=anonymous, agency="ap", page_size=100)
    assert by_alias.count == by_slug.count == 17
    assert [p.id for p in by_alias.results] == [p.id for p in by_slug.results]

    # Staff: create, update, reorder (and the 409), upload an image, delete.
    create = importlib.import_module("mc_client.api.slideshows.slideshows_create")
    made = create.sync(
        client=desk, body=models.SlideshowWriteRequest(title="Harbour at dawn", heading="Boats")
    )
    assert made.slug == "harbour-at-dawn"
    assert made.slides == []
    photo_create = importlib.import_module("mc_client.api.photos.photos_create")
    photo = photo_create.sync(
        client=desk, body=models.PhotoDataRequest(title="Nets", credit_text="Ann Lee / AP")
    )
    assert photo.credit.line == "Ann Lee / AP"
    update = importlib.import_module("mc_client.api.slideshows.slideshows_partial_update")
    changed = update.sync(
        made.slug,
        client=desk,
        body=models.PatchedSlideshowWriteRequest(cover=str(photo.id)),
    )
    assert str(changed.cover.id) == str(photo.id)  # the read representation, as declared

    order = importlib.import_module("mc_client.api.slideshows.slideshows_order_create")
    current = [slide.photo.id for slide in show.slides]
    reordered = order.sync(
        SEED_SHOW,
        client=desk,
        body=models.SlideOrderRequest(photos=current[::-1], expected=current),
    )
    assert [slide.photo.id for slide in reordered.slides] == current[::-1]
    stale = order.sync_detailed(
        SEED_SHOW,
        client=desk,
        body=models.SlideOrderRequest(photos=current, expected=current),
    )
    assert stale.status_code == 409
    assert isinstance(stale.parsed, models.Error)
    assert "reordered by someone else" in stale.parsed.detail

    upload = importlib.import_module("mc_client.api.photos.photos_image_update")
    types = module("types")
    with_image = upload.sync(
        str(photo.id),
        client=desk,
        body=models.PhotoImageRequest(
            image=types.File(
                payload=io.BytesIO(wire_photo("Ann Lee", "AP", "Nets drying.")),
                file_name="nets.jpg",
                mime_type="image/jpeg",
            )
        ),
    )
    assert with_image.image.name == "nets.jpg"
    assert with_image.caption == "Nets drying."

    destroy = importlib.import_module("mc_client.api.slideshows.slideshows_destroy")
    assert destroy.sync_detailed(made.slug, client=desk).status_code == 204
    assert not Slideshow.objects.filter(slug=made.slug).exists()
