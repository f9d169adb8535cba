"""HTTP caching of anonymous reads, and what every API answer says about it.

Anonymous lists and details carry an `ETag` and a `Last-Modified` made from
the catalog's version (catalog.changes) and the request's URL and format. A
request that brings them back (`If-None-Match`, `If-Modified-Since`) while
the catalog is unchanged is a 304, answered before any query of the catalog:
the throttle has counted it already. Details use the catalog's version too,
not their own record's: a photo's answer holds its agency's name, its
slideshows' warnings and more.

Answers to signed-in users are `private, no-store`; anonymous reads are
`public` for API_CACHE_MAX_AGE seconds. Every API answer varies by Accept,
Authorization and Cookie, and is gzipped only for anonymous clients: a
compressed answer that mixes a secret (a session's CSRF token, staff-only
links) with text an attacker chooses leaks the secret through its size
(BREACH).
"""

import hashlib

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from catalog.changes import changed_at

VARY = ("Accept", "Authorization", "Cookie")


def is_anonymous(request) -> bool:
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return not signed_in and "HTTP_AUTHORIZATION" not in request.META


class ConditionalRead:
    """For viewsets: anonymous list and retrieve answer 304 when the client's
    copy is current, and carry ETag and Last-Modified otherwise."""

    def version_in_time(self) -> float:
        """A version that moves with time alone, for answers that change
        without a write (0: none)."""
        return 0.0

    def list(self, request, *args, **kwargs):
        return self.conditional(request, super().list, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self.conditional(request, super().retrieve, *args, **kwargs)

    def conditional(self, request, read, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or not is_anonymous(request):
            return read(request, *args, **kwargs)
        # before the read: a later change makes a later version
        version = max(changed_at(), self.version_in_time())
        key = f"{version!r} {request.accepted_renderer.format} {request.build_absolute_uri()}"
        etag = f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'
        last_modified = int(version)
        response = get_conditional_response(
            request._request, etag=etag, last_modified=last_modified
        )
        if response is None:
            response = read(request, *args, **kwargs)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
        return response


class ApiCacheHeadersMiddleware:
    """Cache-Control and Vary on every answer under /api/ (see the module's note)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith("/api/"):
            return response
        patch_vary_headers(response, VARY)
        if "Cache-Control" in response:
            return response  # the view said (an original file: private)
        if not is_anonymous(request):
            response["Cache-Control"] = "private, no-store"
        elif request.method in ("GET", "HEAD") and response.status_code in (200, 304):
            response["Cache-Control"] = f"public, max-age={settings.API_CACHE_MAX_AGE}"
        else:
            response["Cache-Control"] = "no-store"
        return response


class AnonymousApiGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, for API answers to anonymous clients only
    (BREACH: see the module's note)."""

    def process_response(self, request, response):
        if request.path_info.startswith("/api/") and is_anonymous(request):
            return super().process_response(request, response)
        return response
