import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "pages"


def fixture_cases():
    return sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.json").exists())


def load_case(name):
    case = FIXTURES / name
    meta = json.loads((case / "meta.json").read_text("utf-8"))
    expected = json.loads((case / "expected.json").read_text("utf-8"))
    return case / "page.html", meta, expected


@pytest.fixture
def root():
    return ROOT
