"""A photo as schema.org JSON-LD: `Accept: application/ld+json` or
`?format=jsonld` on `/api/photos/{uid}/`.

An `ImageObject` whose credit is the catalog's own (catalog.published):
`creator` (a Person, or the agency as an Organization when no photographer
is named), `creditText` (the house-style credit line), `copyrightNotice`,
`caption`, and `contentUrl` for the public web rendition (the original file
stays staff-only, at `/api/photos/{uid}/original/`); `license` from the
photo's rights source, and `acquireLicensePage` too unless the licence is
an open one (Creative Commons, public domain).
"""

from django.core.exceptions import ValidationError
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from catalog.models import Photo, RenditionSpec
from catalog.published import published

from .formats import ErrorsAsJSON
from .renderers import JSONRenderer

SCHEMA = "https://schema.org"


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


def image_object(photo: Photo, request) -> dict:
    said = published(photo)
    url = request.build_absolute_uri(f"/api/photos/{photo.uid}/")
    data = {
        "@context": SCHEMA,
        "@type": "ImageObject",
        "@id": url,
        "url": url,
        "identifier": str(photo.uid),
    }
    if said.headline:
        data["name"] = said.headline
    if said.caption:
        data["caption"] = said.caption
    for spec, key in ((RenditionSpec.WEB, "contentUrl"), (RenditionSpec.THUMBNAIL, "thumbnailUrl")):
        rendition = photo.rendition(spec)
        if rendition is not None:
            data[key] = request.build_absolute_uri(rendition.file.url)
    if said.creator:
        kind = "Person" if said.creator_is_person else "Organization"
        data["creator"] = {"@type": kind, "name": said.creator}
    if said.agency:
        data["sourceOrganization"] = {"@type": "Organization", "name": said.agency}
    if said.credit_line:
        data["creditText"] = said.credit_line
    if said.copyright_notice:
        data["copyrightNotice"] = said.copyright_notice
    if said.date_created:
        data["dateCreated"] = said.date_created
    if said.license:
        data["license"] = said.license
    if said.acquire_license_page:
        data["acquireLicensePage"] = said.acquire_license_page
    return data


class JSONLDMixin(ErrorsAsJSON):
    """For the photo viewset: its detail as JSON-LD when asked for."""

    def get_renderers(self):
        renderers = super().get_renderers()
        if self.action in ("retrieve", None):  # None: a method answered 405
            renderers.append(JSONLDRenderer())
        return renderers

    def retrieve(self, request, *args, **kwargs):
        if request.accepted_renderer.format != JSONLDRenderer.format:
            return super().retrieve(request, *args, **kwargs)
        uid = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        try:
            photo = Photo.objects.with_credit().with_renditions().filter(uid=uid).first()
        except ValidationError:  # a uid that is no uuid names nothing
            photo = None
        if photo is None:
            raise NotFound()
        return Response(image_object(photo, request))
