from pathlib import Path

import pytest

from catalog.importers.batch import import_article
from catalog.models import Article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "articles" / "000_2157919fdd26dcba.txt"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def imported_seed(db) -> Article:
    outcome = import_article(SEED.name, SEED.read_bytes())
    assert outcome.ok, outcome.describe_error()
    return Article.objects.get(slug=SEED.stem)
