"""Whole imports of damaged files, into the database.

Each file is saved or refused with a message, never a traceback; a file the
parser reads is never refused by the database (what would not fit is caught
before any write, with its line); and importing it again changes nothing.
"""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.importers.batch import import_article
from tests.conftest import SEED

from .strategies import damaged_reference

pytestmark = pytest.mark.django_db


# Each example runs in its own transaction, rolled back at its end, so the
# test's database fixture serves every example alike.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damaged_reference(), st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-7"]))
def test_a_damaged_file_is_saved_or_refused_cleanly(text, encoding):
    data = text.encode(encoding, errors="replace")
    with transaction.atomic():
        outcome = import_article(SEED.name, data, encoding=encoding)
        if outcome.ok:
            again = import_article(SEED.name, data, encoding=encoding, force=True)
        transaction.set_rollback(True)

    if outcome.ok:
        assert again.ok, again.describe_error()
        assert not again.summary.changed
    else:
        assert not outcome.error.message.startswith("could not save"), outcome.describe_error()
