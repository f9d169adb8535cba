"""The time a request judges photos' rights at: `usable_at`, or now."""

from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime

USABLE_AT = "usable_at"


def judged_at(request) -> datetime:
    """The time a request asks the rights at (`usable_at`), or now. An
    unreadable value never gets this far on a list (the filter answers 400)."""
    value = request.query_params.get(USABLE_AT) if request is not None else None
    try:
        at = parse_datetime(value) if value else None
    except ValueError:
        at = None
    if at is not None and timezone.is_naive(at):
        at = timezone.make_aware(at)
    return at or timezone.now()
