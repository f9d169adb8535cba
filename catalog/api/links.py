"""What a representation needs of the request: absolute links, and whether
the client may have a photo's original file."""

import functools
from datetime import UTC

from django.urls import get_script_prefix, get_urlconf, reverse

from catalog.models import Photo

PLACEHOLDER = "00000000-0000-0000-0000-000000000000"


class Links:
    """Absolute URLs of API resources, each route's path reversed once."""

    def __init__(self, request):
        self.base = request.build_absolute_uri("/")[:-1] if request is not None else ""
        self.templates: dict[str, str] = {}

    def detail(self, route: str, key) -> str:
        template = self.templates.get(route)
        if template is None:
            template = self.templates[route] = self.base + _detail_path(
                route, get_script_prefix(), get_urlconf()
            )
        return template.replace(PLACEHOLDER, str(key))

    def original(self, uid) -> str:
        """The staff-only endpoint that serves a photo's original file."""
        return f"{self.detail('photo', uid)}original/"

    def photos_of(self, query: str) -> str:
        return f"{self.base}{reverse('api:photo-list')}?{query}"


@functools.cache
def _detail_path(route: str, script_prefix: str, urlconf) -> str:
    """The path of a detail route, PLACEHOLDER for its key; the same for every
    request under one script prefix and URLconf."""
    return reverse(f"api:{route}-detail", args=[PLACEHOLDER], urlconf=urlconf)


FILES = Photo._meta.get_field("image").storage


class Site:
    """The request as representations see it, made once per request."""

    def __init__(self, request):
        self.request = request
        self.links = Links(request)
        user = getattr(request, "user", None)
        self.originals = Photo.may_see_original(user)
        self.staff = bool(user and user.is_active and user.is_staff)

    def file_url(self, name: str) -> str:
        url = FILES.url(name)
        return self.request.build_absolute_uri(url) if self.request is not None else url


def site(context: dict) -> Site:
    """The Site of a serializer context, made on first use."""
    if "site" not in context:
        context["site"] = Site(context.get("request"))
    return context["site"]


def iso(value) -> str | None:
    """A datetime as the API writes it: ISO 8601 in UTC, `Z` for `+00:00`."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else None
