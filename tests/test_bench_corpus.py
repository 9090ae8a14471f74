"""The benchmark's corpus (bench/corpus.py) against the real extraction:
each generated article page must give the record the generator meant,
every field but fetched_at; each listing must give no record. The
generator builds what it meant from the values it drew, by RECORD.md's
rules, never by running aacrawler; so speed work on the extractor cannot
trade away a field without this test saying which, on which page.
"""

import sys

import pytest

from aacrawler.extract.record import NotAnArticle, extract_record
from aacrawler.items import PageItem

from .helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402

# 66 pages: 60 articles over the four size buckets, 6 listings. Seed 1
# puts every field's variants in, and one page the extractor gets wrong.
PAGES = corpus.generate_corpus(66, seed=1)

# Pages whose record the extractor is known to get wrong: a case goes in
# here, named with the bug, until the bug is fixed (strict: a fix shows).
KNOWN_BUGS: dict[str, str] = {}


def _param(page):
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[page.name])] if page.name in KNOWN_BUGS else []
    return pytest.param(page, id=page.name, marks=marks)


def test_corpus_covers_every_bucket_and_variant():
    buckets = {p.bucket for p in PAGES}
    assert buckets == {*corpus.BUCKETS, corpus.LISTING}
    drawn = {(k, v.split("/")[0]) for p in PAGES for k, v in p.variants.items()}
    for expected in [("title", t) for t in ("h1.entry-title", "header-h1", "content-h1", "og:title", "<title>")] + [
        ("encoding", e) for e in ("utf-8", "windows-1252", "undeclared-utf-8", "undeclared-cp1252")
    ] + [("dateline", d) for d in ("asharq", "agency", "place-only", "none", "none-decoy")] + [
        ("body", b) for b in ("p", "div", "br", "builder", "lists-quotes")
    ] + [("post meta", m) for m in ("divi", "time", "rel-author", "plain-divi", "meta-only", "none")] + [
        ("media_id", m) for m in ("absent", "before", "after", "meta-wrapper")
    ]:
        assert expected in drawn, expected
    for bucket, size in corpus.BUCKETS.items():
        sizes = [len(p.body) for p in PAGES if p.bucket == bucket]
        assert all(0.75 * size <= s <= 1.35 * size for s in sizes), (bucket, sizes)


@pytest.mark.parametrize("page", [_param(p) for p in PAGES])
def test_generated_page_gives_the_meant_record(page):
    item = PageItem(url=page.url, body=page.body, fetched_at=corpus.FETCHED_AT)
    if page.meant is None:
        with pytest.raises(NotAnArticle):
            extract_record(item)
        return
    got = extract_record(item).__dict__
    wrong = [
        f"{field}: expected {expected!r}\n{' ' * len(field)}  got      {got[field]!r}"
        for field, expected in page.meant.items()
        if field != "fetched_at" and got[field] != expected
    ]
    assert not wrong, f"{page.name} ({page.variants}):\n" + "\n".join(wrong)
