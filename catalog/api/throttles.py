"""Rate limits of the API, counted in the shared cache (settings.CACHES) so
that every worker adds to the same count.

A client is its address as catalog.logins.client_ip finds it, the rule the
login lockouts use too: behind DJANGO_TRUSTED_PROXY_COUNT proxies, the
address the outermost of them saw; otherwise the connection's own, whatever
X-Forwarded-For says. Rates are read from REST_FRAMEWORK's
DEFAULT_THROTTLE_RATES on each request, so that a changed setting applies.
"""

import hashlib

from django.conf import settings
from rest_framework import throttling
from rest_framework.settings import api_settings

from catalog.changes import KEY, read_version
from catalog.logins import client_ip

# A page that starts past this many results counts as an expensive request.
DEEP_OFFSET = 1000
# Filters that keep the photos *without* something: each photo of the list,
# and of its count, is checked against the warnings of the photo and of its
# slideshows.
NEGATED = {"exclude_warnings": None, "has_warnings": {"false", "0", "no"}}


class ClientRateThrottle(throttling.SimpleRateThrottle):
    """With Redis (config.cache.RedisCache), a client's request times are a
    sorted set logged in one round trip, which also reads the catalog's
    version for the answer's validators (catalog.changes); DRF's own way, a
    list read and written back, takes two and may lose a count when two
    workers write at once."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return client_ip(request)

    def allow_request(self, request, view):
        log_request = getattr(self.cache, "log_request", None)
        if log_request is None:
            return super().allow_request(request, view)
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        logged, self.logged_count, self.oldest, found = log_request(
            self.key, now=self.now, window=self.duration, limit=self.num_requests, read=[KEY]
        )
        if KEY in found:
            read_version(request._request, found[KEY])
        return logged

    def wait(self):
        if not hasattr(self, "logged_count"):
            return super().wait()
        remaining = self.duration - (self.now - self.oldest) if self.oldest else self.duration
        available = self.num_requests - self.logged_count + 1
        return remaining / available if available > 0 else None


class AnonRateThrottle(ClientRateThrottle, throttling.AnonRateThrottle):
    """Every anonymous request: API_ANON_THROTTLE_RATE per client."""

    scope = "anon"


class CostlyAnonRateThrottle(ClientRateThrottle):
    """Anonymous requests that cost the database most, a second, lower rate
    (API_ANON_COSTLY_THROTTLE_RATE) on top of the first: facet counts, the
    negated warning filters, and pages past the first DEEP_OFFSET results."""

    scope = "anon_costly"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        if not is_costly(request.query_params):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def is_costly(params) -> bool:
    if params.get("facet", "").strip():
        return True
    for name, values in NEGATED.items():
        value = params.get(name, "").strip().lower()
        if value and (values is None or value in values):
            return True
    try:
        page, size = int(params.get("page", 1)), int(params.get("page_size", 0))
    except ValueError:
        return False  # refused by the pagination
    size = min(size, settings.API_MAX_PAGE_SIZE) if size > 0 else api_settings.PAGE_SIZE
    return (page - 1) * size >= DEEP_OFFSET


class TokenAddressThrottle(ClientRateThrottle):
    """`POST /api/token/` from one client (API_TOKEN_ADDRESS_THROTTLE_RATE),
    whatever usernames it tries: axes counts failures per username and
    address, so one address could otherwise try any number of usernames."""

    scope = "token_address"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenUsernameThrottle(ClientRateThrottle):
    """`POST /api/token/` for one username (API_TOKEN_USERNAME_THROTTLE_RATE),
    from whatever addresses: guessing one account's password from many
    addresses. Case is ignored; the key holds a hash, not the name."""

    scope = "token_username"

    def get_cache_key(self, request, view):
        if request.method != "POST":
            return None
        username = request.data.get("username") if hasattr(request.data, "get") else None
        if not isinstance(username, str) or not username:
            return None
        digest = hashlib.sha256(username.casefold().encode("utf-8", "replace")).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": digest}
