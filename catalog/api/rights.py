"""The time a request judges photos' rights at: `usable_at`, or now."""

from datetime import UTC, datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from catalog.rights import month_bounds

USABLE_AT = "usable_at"
OUT_OF_RANGE = "A time the calendar can hold: its month must end before the year 10000."


def moment(value: datetime) -> datetime:
    """`value` as a time rights are judged at: aware, in UTC, its month's
    bounds within the calendar. ValueError if it cannot be one.

    In UTC because PostgreSQL refuses offsets past 15:59 (`-16:16`) that
    Python and ISO 8601 accept; the instant is the same."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        value = value.astimezone(UTC)
        month_bounds(value)
    except OverflowError as error:
        raise ValueError(OUT_OF_RANGE) from error
    return value


def judged_at(request) -> datetime:
    """The time a request asks the rights at (`usable_at`), or now. An
    unreadable value never gets this far on a list (the filter answers 400)."""
    value = request.query_params.get(USABLE_AT) if request is not None else None
    try:
        parsed = parse_datetime(value) if value else None
        return moment(parsed) if parsed else timezone.now()
    except ValueError:  # unreadable, or out of the calendar's range
        return timezone.now()
