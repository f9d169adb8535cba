"""When the catalog last changed: the version API caches revalidate against.

`changed_at()` is a timestamp kept in the shared cache (settings.CACHES), so
every worker reads the same one without a database query when the cache is
Redis; there each worker keeps a copy, which goes when a process announces a
new version (config.cache.Copies). It moves forward whenever an INSERT,
UPDATE or DELETE reaches a catalog table, whoever sends it: model saves,
bulk writes, the importers' raw inserts, the merge services. A statement
watcher on every database connection sees them (`watch_catalog_writes`);
signals alone would miss the bulk writes.

The version moves once the write's transaction commits (never inside it:
a rolled-back write changes nothing, and the cache may be a table of the
same database). A version lost from the cache is made afresh, which only
costs clients one full answer.
"""

import re
import time

from django.core.cache import cache
from django.db import transaction

KEY = "catalog-changed-at"
# Tables whose writes change no answer of the API: the cache table itself.
IGNORED = {"catalog_cache"}
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(catalog_\w+)', re.IGNORECASE)


def changed_at() -> float:
    """The time of the last change to the catalog, as seconds since the epoch.
    With Redis, from the worker's own copy, as current as Redis's (see
    config.cache.Copies): no round trip for most reads."""
    value = getattr(cache, "get_current", cache.get)(KEY)
    if value is None:
        cache.add(KEY, time.time(), timeout=None)
        value = cache.get(KEY, time.time())
    return value


def read_version(request, version: float) -> None:
    """Keep the version a request (Django's) read already from the cache (on
    its own, or with a throttle's count), for `changed_at_for`."""
    request.catalog_version = version


def changed_at_for(request) -> float:
    """changed_at(), or the version this request (Django's) read already."""
    version = getattr(request, "catalog_version", None)
    return changed_at() if version is None else version


def catalog_changed() -> None:
    """Move the version forward: a later time, and never the same one twice."""
    previous = cache.get(KEY) or 0.0
    cache.set(KEY, max(time.time(), previous + 0.001), timeout=None)
    if hasattr(cache, "announce"):
        cache.announce(KEY)  # the workers' copies go


# While `migrate` runs the cache table may not exist yet: writes then are not
# watched, and the version moves once, when the migrations are done.
_migrating = False


def migrations_started(**kwargs) -> None:
    """`pre_migrate` receiver."""
    global _migrating
    _migrating = True


def migrations_done(**kwargs) -> None:
    """`post_migrate` receiver."""
    global _migrating
    _migrating = False
    catalog_changed()


def writes_catalog(sql: str) -> bool:
    match = WRITE.match(sql)
    return bool(match) and match.group(1).lower() not in IGNORED


def watch(execute, sql, params, many, context):
    """A database execute wrapper: after a write to a catalog table, move the
    version once the transaction commits (at once outside a transaction).

    A reader takes the version before it reads the rows, so an answer is never
    labelled with a version newer than its rows."""
    result = execute(sql, params, many, context)
    if not _migrating and writes_catalog(sql):
        connection = context["connection"]
        if not any(func is catalog_changed for _, func, _ in connection.run_on_commit):
            transaction.on_commit(catalog_changed, using=connection.alias, robust=True)
    return result


def watch_catalog_writes(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: install `watch` on each connection once."""
    if watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch)
