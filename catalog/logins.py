"""Login lockouts (django-axes): who is trying, and what a locked-out login is told."""

import ipaddress

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpResponse


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front, the address the
    outermost of them saw.

    Each proxy appends the address that connected to it to X-Forwarded-For, so
    the last N entries are the proxies' word and anything left of them is the
    client's, which it may forge. A request with fewer entries did not come
    through the proxies, and a malformed entry is not trusted.
    """
    count = settings.TRUSTED_PROXY_COUNT
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [entry.strip() for entry in header.split(",") if entry.strip()]
    if count and len(forwarded) >= count:
        try:
            return str(ipaddress.ip_address(forwarded[-count]))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR")


def cool_off_seconds() -> int | None:
    """How long a lockout lasts; None when it lasts until an administrator resets it."""
    cool_off = get_cool_off()
    return int(cool_off.total_seconds()) if cool_off else None


def lockout_message() -> str:
    seconds = cool_off_seconds()
    minutes = -(-seconds // 60) if seconds else 0  # rounded up
    wait = (
        f"try again in {minutes} minute{'s' * (minutes != 1)}"
        if seconds
        else "ask an administrator"
    )
    return f"Too many failed logins for this username from this address; {wait}."


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """429 with Retry-After, in place of axes' own answer, which offers the
    lockout's details to scripts from any origin (Access-Control-Allow-Origin: *)."""
    response = HttpResponse(lockout_message(), content_type="text/plain; charset=utf-8", status=429)
    if cool_off_seconds():
        response["Retry-After"] = str(cool_off_seconds())
    return response
