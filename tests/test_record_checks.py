"""record_checks: what the JSON Schema cannot say of a record (cleaned
strings, word_count), checked on records written here by hand."""

import random

from aacrawler.record_checks import consistency_problems


def record(**fields):
    base = {"title": "A title", "body": "One two.\n\nThree four five.", "word_count": 5,
            "caption": None, "captions": []}
    base.update(fields)
    return base


def test_a_cleaned_record_has_no_problem():
    assert consistency_problems(record()) == []


def test_word_count_is_counted_across_paragraphs():
    assert consistency_problems(record(word_count=4)) == ["word_count: 4, but body has 5 words"]


def test_a_body_that_is_not_cleaned_is_named_and_still_counted():
    for body in ("One  two.\n\nThree four five.", "One two.\n\n\n\nThree four five.",
                 " One two.\n\nThree four five.", "One\u00a0two.\n\nThree four five.",
                 "One two.\n\nThree four five.\u200b", "One two.\nThree four five."):
        problems = consistency_problems(record(body=body))
        assert "body: not cleaned (paragraphs are cleaned text joined by one blank line)" in problems, repr(body)
        assert not any(p.startswith("word_count") for p in problems), repr(body)


def test_an_empty_body_is_not_a_cleaned_body():
    assert consistency_problems(record(body="", word_count=0)) == [
        "body: not cleaned (paragraphs are cleaned text joined by one blank line)"]


def _reference_cleaned(text: str) -> bool:
    # RECORD.md's rule stated the slow way: cleaning changes nothing.
    text2 = text.replace("\u200b", " ").replace("\ufeff", "").replace("\u00ad", "")
    return " ".join(text2.split()) == text


def test_the_cleaned_check_agrees_with_cleaning_on_every_kind_of_space():
    alphabet = ["a", "é", " ", "\n", "\t", "\r", "\u00a0", "\u2003", "\u3000", "\u2028", "\x1c", "\x85",
                "\u200b", "\ufeff", "\u00ad", "\u200e", "\u200d", "\ue000"]
    rng = random.Random(7)
    for _ in range(20000):
        title = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6)))
        said = any(p.startswith("title:") for p in consistency_problems(record(title=title)))
        assert said == (not _reference_cleaned(title)), repr(title)


def test_a_records_dict_is_what_asdict_gives():
    # The pipelines check and key records by ArticleRecord.as_dict(): the
    # same keys in RECORD.md's order, the same values, lists copied.
    from dataclasses import asdict

    from aacrawler.items import ArticleRecord

    made = ArticleRecord(url="https://eng-archive.aawsat.com/x/", media_id="55", title="T", dateline=None,
                         caption="C", captions=["C", "D"], body="B", author=None, published="2014-06-27",
                         categories=["News"], tags=[], image_url=None, word_count=1, fetched_at="2026-01-01T00:00:00Z")
    made.body_source = "fallback"
    as_dict = made.as_dict()
    assert list(as_dict.items()) == list(asdict(made).items())
    assert as_dict["captions"] is not made.captions and "body_source" not in as_dict
