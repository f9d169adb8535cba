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
view's own permissions and throttles. Any other request revalidates in the
view (`ConditionalRead`), after DRF's checks, still before any query of the
catalog. Both compute the validators with the same function.

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

from catalog.changes import changed_at_for, changed_at_with

VARY = ("Accept", "Accept-Encoding", "Authorization", "Cookie")
SAFE = ("GET", "HEAD")


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
        if request.method not in SAFE or not is_anonymous(request):
            return read(request, *args, **kwargs)
        # The version before the read: a later change makes a later version.
        version = max(changed_at_for(request._request), self.version_in_time())
        response, etag, last_modified = revalidate(request._request, version)
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
    read; the view's permissions and throttles are checked as DRF checks
    them (the throttles count the request), and a request one of them
    refuses goes on to the view, which answers it as it would have. The
    validators come from `validators`, as in the view, and `Accept`, which
    DRF negotiates, is part of them: a current ETag was given to a request
    the view accepted in that format."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.not_modified(request) or self.get_response(request)

    def not_modified(self, request):
        meta = request.META
        if (
            request.method not in SAFE
            or not ("HTTP_IF_NONE_MATCH" in meta or "HTTP_IF_MODIFIED_SINCE" in meta)
            or not request.path_info.startswith("/api/")
            or "HTTP_AUTHORIZATION" in meta
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return None
        view = conditional_view(request)
        throttles = None if view is None else permitted_throttles(view)
        if throttles is None:
            return None
        counted_first = all(hasattr(throttle.cache, "log_request") for throttle in throttles)
        if counted_first:
            # Redis: the throttle counts the request and reads the version in
            # one round trip; the view, if the request goes on, counts it no more.
            if not all(throttle.allow_request(view.request, view) for throttle in throttles):
                return None
            version = changed_at_for(request)
        else:
            keys = [throttle.get_cache_key(view.request, view) for throttle in throttles]
            # One round trip to the cache for the version and the throttle's count.
            version, counts = changed_at_with(keys)
        version = max(version, view.version_in_time())
        try:
            response, etag, last_modified = revalidate(request, version)
        except DisallowedHost:
            return None  # the usual way answers 400
        if response is None or response.status_code != 304:
            return None
        if not counted_first:
            for throttle in throttles:
                throttle.cache = ReadAlready(throttle.cache, counts)
            if not all(throttle.allow_request(view.request, view) for throttle in throttles):
                return None
        set_validators(response, etag, last_modified)
        set_cache_headers(request, response, anonymous=True)
        return response


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
    if action not in ("list", "retrieve"):
        return None
    view = cls(**match.func.initkwargs)
    view.action_map, view.action, view.format_kwarg = actions, action, None
    view.args, view.kwargs = match.args, match.kwargs
    view.request = Request(request)  # no authenticators: the anonymous user
    return view


def permitted_throttles(view) -> list | None:
    """The throttles that would count `view.request` (DRF's), once the view's
    permissions allow it; None when they do not, or when more than one would
    count it: that request goes the usual way, which counts it, since were
    one throttle to refuse it, counting it here as well would count it twice."""
    request = view.request
    if not all(check.has_permission(request, view) for check in view.get_permissions()):
        return None
    counting = [t for t in view.get_throttles() if t.get_cache_key(request, view) is not None]
    return counting if len(counting) <= 1 else None


class ReadAlready:
    """A throttle's cache whose values of some keys were read beforehand."""

    def __init__(self, cache, values: dict):
        self.cache, self.values = cache, values

    def get(self, key, default=None):
        return self.values.get(key, default)

    def set(self, *args, **kwargs):
        return self.cache.set(*args, **kwargs)


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
