"""HTTP caching of anonymous reads, and what every API answer says about it.

Anonymous lists and details carry an `ETag` and a `Last-Modified` made from
the catalog's version (catalog.changes), the request's URL and its `Accept`
header (`validators`). A request that brings them back (`If-None-Match`,
`If-Modified-Since`) while the catalog is unchanged is a 304. Details use
the catalog's version too, not their own record's: a photo's answer holds
its agency's name, its slideshows' warnings and more.

The 304 is answered as early as it can be: `RevalidationMiddleware` answers
an anonymous revalidation (no `Authorization` header, no session cookie)
before sessions, authentication and DRF, once the request has passed the
view's own permissions. Any other request revalidates in the view, after
authentication and permissions, still before any query of the catalog.
Both give the view's own 304 (`ConditionalRead.revalidation`).

The throttles do not count a 304, early or not: refusing a revalidation (a
429) costs the server as much as answering it, so counting it would spend
the client's allowance and spare the server nothing, and a client that
revalidates is one that does not read again. A revalidation whose copy is
out of date is a read like any other, and counted.

Answers to signed-in users are `private, no-store`; anonymous reads are
`public` for API_CACHE_MAX_AGE seconds. Every API answer varies by Accept,
Accept-Encoding, Authorization and Cookie, and is gzipped only for anonymous
clients: a compressed answer that mixes a secret (a session's CSRF token,
staff-only links) with text an attacker chooses leaks the secret through its
size (BREACH). ETags are weak (`W/"..."`): the gzipped and the plain answer
are the same representation and share one.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.middleware.gzip import GZipMiddleware
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from rest_framework.request import Request

from catalog.changes import changed_at, changed_at_for, read_version

VARY = ("Accept", "Accept-Encoding", "Authorization", "Cookie")
SAFE = ("GET", "HEAD")
READS = ("list", "retrieve")


def is_anonymous(request) -> bool:
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return not signed_in and "HTTP_AUTHORIZATION" not in request.META


def validators(request, version: float) -> tuple[str, int]:
    """The ETag and Last-Modified (whole seconds) of an anonymous read of
    `request` (Django's HttpRequest) at the catalog's `version`.

    Besides the version, an answer depends on its URL (scheme, host, path
    and query: the page, the filters, `format`) and on `Accept`, which picks
    the renderer (and JSON's `indent`); caches keep one copy per `Accept`
    anyway (Vary). Gzip does not change the representation (weak ETag)."""
    key = "\n".join(
        [repr(version), request.META.get("HTTP_ACCEPT", ""), request.build_absolute_uri()]
    )
    return f'W/"{hashlib.sha256(key.encode()).hexdigest()[:32]}"', int(version)


def revalidate(request, version: float):
    """Django's conditional answer (a 304, or a 412 for If-Match and the like)
    to `request` at `version`, or None; then the ETag and Last-Modified."""
    etag, last_modified = validators(request, version)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    return response, etag, last_modified


def set_validators(response, etag: str, last_modified: int) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)


def set_cache_headers(request, response, anonymous: bool) -> None:
    """Vary and Cache-Control of an API answer (see the module's note)."""
    patch_vary_headers(response, VARY)
    if "Cache-Control" in response:
        return  # the view said (an original file: private)
    if not anonymous:
        response["Cache-Control"] = "private, no-store"
    elif request.method in SAFE and response.status_code in (200, 304):
        response["Cache-Control"] = f"public, max-age={settings.API_CACHE_MAX_AGE}"
    else:
        response["Cache-Control"] = "no-store"


class ConditionalRead:
    """For viewsets: anonymous list and retrieve answer 304 when the client's
    copy is current, and carry ETag and Last-Modified otherwise. A 304 is
    not counted by the throttles (see the module's note)."""

    current_copy = None  # the 304 found before the throttles, if any

    def version_in_time(self) -> float:
        """A version that moves with time alone, for answers that change
        without a write (0: none)."""
        return 0.0

    def conditional_response(self, request):
        """`revalidate` of `request` (Django's) at the catalog's version now."""
        # The version before the read: a later change makes a later version.
        return revalidate(request, max(changed_at_for(request), self.version_in_time()))

    def revalidation(self, request):
        """The 304 of an anonymous revalidation (`request`: DRF's) whose copy
        is current, with its validators; None for any other request."""
        django_request = request._request
        if (
            request.method not in SAFE
            or self.action not in READS
            or not revalidates(django_request)
            or not is_anonymous(request)
        ):
            return None
        response, etag, last_modified = self.conditional_response(django_request)
        if response is None or response.status_code != 304:
            return None
        set_validators(response, etag, last_modified)
        return response

    def check_throttles(self, request):
        self.current_copy = self.revalidation(request)
        if self.current_copy is None:
            super().check_throttles(request)

    def list(self, request, *args, **kwargs):
        return self.conditional(request, super().list, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self.conditional(request, super().retrieve, *args, **kwargs)

    def conditional(self, request, read, *args, **kwargs):
        if self.current_copy is not None:
            return self.current_copy
        if request.method not in SAFE or not is_anonymous(request):
            return read(request, *args, **kwargs)
        response, etag, last_modified = self.conditional_response(request._request)
        if response is None:
            response = read(request, *args, **kwargs)
        if response.status_code in (200, 304):
            set_validators(response, etag, last_modified)
        return response


class RevalidationMiddleware:
    """Answers an anonymous revalidation of a `ConditionalRead` list or
    detail with its 304 before sessions, authentication and DRF: the answer
    the view would give, at a fraction of the cost (see the module's note).

    It takes only requests that are anonymous on their face, with neither
    an `Authorization` header nor a session cookie, so that no session is
    read; the view's permissions are checked as DRF checks them, and the 304
    is the view's own (`ConditionalRead.revalidation`). `Accept`, which DRF
    negotiates, is part of the validators: a current ETag was given to a
    request the view accepted in that format. Any other request goes on,
    with the version read here, so that the view reads it no more."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.not_modified(request) or self.get_response(request)

    def not_modified(self, request):
        if (
            request.method not in SAFE
            or not revalidates(request)
            or not request.path_info.startswith("/api/")
            or "HTTP_AUTHORIZATION" in request.META
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return None
        view = conditional_view(request)
        if view is None or not permitted(view):
            return None
        read_version(request, changed_at())
        try:
            response = view.revalidation(view.request)
        except DisallowedHost:
            return None  # the usual way answers 400
        if response is not None:
            set_cache_headers(request, response, anonymous=True)
        return response


def revalidates(request) -> bool:
    """Whether `request` (Django's) brings validators a 304 could answer."""
    return "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META


def conditional_view(request):
    """The viewset instance that would list or retrieve for `request`, set up
    as DRF's view function sets it up, with an anonymous DRF request; None
    when the URL names anything else."""
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    cls, actions = getattr(match.func, "cls", None), getattr(match.func, "actions", None)
    if not (cls and actions and issubclass(cls, ConditionalRead)):
        return None
    action = actions.get("get")
    if action not in READS:
        return None
    view = cls(**match.func.initkwargs)
    view.action_map, view.action, view.format_kwarg = actions, action, None
    view.args, view.kwargs = match.args, match.kwargs
    view.request = Request(request)  # no authenticators: the anonymous user
    return view


def permitted(view) -> bool:
    """Whether the view's permissions let its request through, as DRF asks."""
    return all(check.has_permission(view.request, view) for check in view.get_permissions())


class ApiCacheHeadersMiddleware:
    """Cache-Control and Vary on every answer under /api/ (see the module's note)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/api/"):
            set_cache_headers(request, response, anonymous=is_anonymous(request))
        return response


class AnonymousApiGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, for API answers to anonymous clients only
    (BREACH: see the module's note)."""

    def process_response(self, request, response):
        if request.path_info.startswith("/api/") and is_anonymous(request):
            return super().process_response(request, response)
        return response
