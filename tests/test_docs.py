"""The contract's copies in docs/ stay in step with ../shared/spec/."""

import pytest

from .helpers import ROOT

SHARED = ROOT.parent / "shared" / "spec"


@pytest.mark.parametrize("name", ["RECORD.md", "SITE.md", "INTERFACE.md"])
def test_docs_copy_matches_the_shared_spec(name):
    copy = ROOT / "docs" / name
    assert copy.exists(), f"docs/{name} is missing"
    if not SHARED.is_dir():
        pytest.skip("../shared/spec/ is not beside this checkout")
    assert copy.read_text("utf-8") == (SHARED / name).read_text("utf-8"), f"docs/{name} differs from ../shared/spec/{name}"
