"""Every fixture page through `aacrawler extract` (the real pipelines):
each field of the record equals the one written by hand from the page."""

import json
import re

import pytest

from aacrawler.cli import main
from aacrawler.items import RECORD_FIELDS

from .helpers import FIXTURES, field_mismatches, fixture_cases, load_case


def extract_with_cli(tmp_path, page, url):
    out = tmp_path / "out.jsonl"
    status = main(["extract", "--url", url, "-o", str(out), str(page)])
    lines = out.read_text("utf-8").splitlines()
    return status, [json.loads(line) for line in lines]


@pytest.mark.parametrize("case", fixture_cases())
def test_fixture_record(case, tmp_path):
    page, meta, expected = load_case(case)
    status, records = extract_with_cli(tmp_path, page, meta["url"])
    assert status == 0
    if expected is None:
        assert records == [], f"{case} is not an article and must give no record"
        return
    assert len(records) == 1
    record = records[0]
    assert list(record) == list(RECORD_FIELDS), "keys in RECORD.md's order"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", record.pop("fetched_at"))
    # Every wrong field at once: one run shows all a change broke.
    wrong = field_mismatches(record, expected, case)
    assert not wrong, "\n".join(wrong)


def test_fixture_set_covers_the_issue():
    cases = fixture_cases()
    articles = [c for c in cases if load_case(c)[2] is not None]
    assert len(articles) >= 25 and len(cases) - len(articles) >= 5


def test_seed_page_matches_worked_example(tmp_path):
    page, meta, _ = load_case("seed-raqqa")
    _, [record] = extract_with_cli(tmp_path, page, meta["url"])
    seed_text = (FIXTURES.parents[2].parent / "shared" / "seed" / "raqqa-page-text.txt")
    assert record["media_id"] == "55334015"
    assert record["title"] == "Syrian troops, ISIS face off in Raqqa"
    assert record["dateline"] == "Beirut, Asharq Al-Awsat"
    assert record["captions"] == [
        "A member loyal to the Islamic State in Iraq and Syria (ISIS) waves an ISIS flag "
        "in Raqqa June 29, 2014. (REUTERS/Stringer)"
    ]
    assert record["caption"] == record["captions"][0]
    assert record["word_count"] == 307
    assert len(record["body"].split("\n\n")) == 8
    assert record["body"].startswith("As Islamic State of Iraq and Syria (ISIS) fighters")
    assert record["body"].endswith("in parts of Syria and Iraq.")
    assert (record["author"], record["published"], record["categories"], record["tags"], record["image_url"]) == (
        None, None, [], [], None)
    if seed_text.exists():  # the shared seed: the body is its last 8 paragraphs
        paragraphs = [p.strip() for p in seed_text.read_text("utf-8").split("\n\n") if p.strip()]
        assert record["body"].split("\n\n")[1:] == paragraphs[-7:]


def test_folder_extract_gives_one_record_per_article(tmp_path):
    out = tmp_path / "all.jsonl"
    assert main(["extract", "-o", str(out), str(FIXTURES)]) == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    articles = [c for c in fixture_cases() if load_case(c)[2] is not None]
    # Each article page gives one record; none of the non-articles does.
    titles = sorted(r["title"] for r in records)
    assert titles == sorted(load_case(c)[2]["title"] for c in articles)


def test_a_wrong_record_is_reported_field_by_field():
    # What test_fixture_record prints: every wrong field, not the first.
    _, _, expected = load_case("seed-raqqa")
    wrong = dict(expected, title="Another headline", word_count=0)
    del wrong["tags"]
    problems = field_mismatches(wrong, expected, "seed-raqqa")
    assert problems == [
        "seed-raqqa: title: got 'Another headline', expected 'Syrian troops, ISIS face off in Raqqa'",
        "seed-raqqa: tags: got '<missing>', expected []",
        "seed-raqqa: word_count: got 0, expected 307",
    ]
