"""RECORD.md "captions": every source, and each near-duplicate rule on
its own, through the real pipelines."""

import pytest

from .pages import article_page, extract

BODY = "<p>Beirut, Asharq Al-Awsat—Fighting went on in the north on Friday, witnesses said.</p><p>A second paragraph of the story.</p>"
CAP = "A member loyal to ISIS waves a flag in Raqqa June 29, 2014. (REUTERS/Stringer)"


def record_for(content):
    record = extract(article_page(content))
    assert record is not None
    return record


def test_label_and_caption_in_one_element():
    record = record_for(f"<p><strong>Caption:</strong> {CAP}</p>{BODY}")
    assert record["captions"] == [CAP]
    assert "Caption" not in record["body"] and "REUTERS" not in record["body"]


def test_label_alone_takes_the_next_element():
    record = record_for(f"<p><b>Caption:</b></p><p>{CAP}</p>{BODY}")
    assert record["captions"] == [CAP]
    assert record["body"].startswith("Fighting went on")


def test_label_with_nothing_after_it_in_its_block_gives_no_caption():
    content = f'<div class="media-info"><p>Media ID: 55334015</p><p>Caption:</p></div>{BODY}'
    record = record_for(content)
    assert record["captions"] == [] and record["caption"] is None
    assert record["body"].startswith("Fighting went on")  # the body is not a caption


def test_figcaption_wp_caption_text_alt_and_title_are_sources():
    content = (
        '<figure><img src="/a.jpg" alt="Alt caption of the first image"><figcaption>Figure caption, a second image</figcaption></figure>'
        '<div class="wp-caption"><img src="/b.jpg"><p class="wp-caption-text">WP caption of a third image</p></div>'
        '<p><img src="/c.jpg" title="Title caption of a fourth image"></p>' + BODY
    )
    assert record_for(content)["captions"] == [
        "Alt caption of the first image",
        "Figure caption, a second image",
        "WP caption of a third image",
        "Title caption of a fourth image",
    ]


@pytest.mark.parametrize(
    "copies",
    [
        pytest.param([CAP, CAP.replace(" ", "  \n "), CAP.replace(" ", "&nbsp;", 3)], id="spacing-nbsp"),
        pytest.param([CAP, CAP.replace("Raqqa", "Raqq&#97;").replace("ISIS", "&#73;SIS")], id="entities"),
        pytest.param([CAP, CAP.upper()], id="letter-case"),
        pytest.param([CAP, f"“{CAP}”", f'"{CAP}"'], id="surrounding-quotes"),
        pytest.param([CAP.replace("2014. (", "2014 ("), CAP], id="trailing-period"),
        pytest.param([CAP.replace(" (REUTERS/Stringer)", ""), CAP], id="credit-absent-then-present"),
        pytest.param([CAP[:40] + "...", CAP], id="cut-short-dots"),
        pytest.param([CAP, CAP[:55] + "…"], id="cut-short-ellipsis"),
    ],
)
def test_near_duplicates_make_one_caption_in_its_longest_complete_form(copies):
    content = f'<p>Caption: {copies[0]}</p>' + "".join(f"<p>{c}</p>" for c in copies[1:])
    content += f'<figure><img src="/x.jpg" alt="{copies[-1]}"></figure>' + BODY
    record = record_for(content)
    assert record["captions"] == [CAP]
    assert record["body"].split("\n\n") == ["Fighting went on in the north on Friday, witnesses said.", "A second paragraph of the story."]


def test_equal_length_forms_keep_the_first_seen():
    upper = CAP.upper()
    record = record_for(f"<p>Caption: {upper}</p><p>{CAP}</p>{BODY}")
    assert record["captions"] == [upper]


def test_quotes_are_removed_from_the_kept_form():
    record = record_for(f"<p>Caption: “{CAP}”</p>{BODY}")
    assert record["captions"] == [CAP]


def test_captions_of_different_images_stay_apart_in_order():
    first = "Smoke rises over Aleppo after an air strike, Syria, May 2, 2016. (AFP)"
    second = "Smoke rises over Aleppo after an air strike on a market. (Reuters)"
    content = (
        f'<figure><img alt="{first}"><figcaption>{first}</figcaption></figure>'
        f'<figure><img alt="{second}"><figcaption>{second.upper()}</figcaption></figure>' + BODY
    )
    record = record_for(content)
    assert record["captions"] == [first, second]
    assert record["caption"] == first


def test_a_cut_short_caption_never_removes_a_longer_body_paragraph():
    cut = "Fighting went on in the north..."
    record = record_for(f'<figure><img alt="{cut}"></figure>{BODY}')
    assert record["captions"] == [cut]
    assert record["body"].startswith("Fighting went on in the north on Friday")


def test_images_outside_the_article_give_no_caption():
    record = record_for(BODY)
    assert record["captions"] == []  # logo, share icons, related thumbnails, ads


def test_file_name_alt_is_not_a_caption():
    record = record_for('<img src="/wp-content/uploads/IMG_2041.jpg" alt="IMG_2041.jpg">' + BODY)
    assert record["captions"] == []


# The start-only check that spares most body paragraphs a caption form
# (captions._start_test) never rules out a real copy: every variant the
# near-duplicate rules accept, against every form a caption may hold.
_VARIANT_CAPTIONS = [
    CAP, "Smoke", "Fire (AP)", "Élan vital à Paris", "\u201cQuoted\u201d caption (AFP)", "Straße in Köln.",
    "\u00ab A caption in guillemets \u00bb", "'Single' quotes open it, said he.", "ΟΔΥΣΣΕΥΣ at sea (AP)",
]


def _variants(caption):
    yield caption
    yield caption.upper()
    yield caption.lower() + "."
    yield f"\u201c{caption}\u201d"
    yield f'"{caption}'
    yield "  ".join(caption.split())
    yield caption.split(" (")[0]
    yield caption.split(" (")[0] + " (Photo: Someone, a long credit of the agency)"
    for cut in (5, 12, 13, 20, 40):
        yield caption[:cut] + "..."
        yield "\u201c" + caption[:cut] + "\u2026"


def test_the_start_only_check_keeps_every_copy():
    from aacrawler.extract.captions import _is_copy, _start_test, dedupe_captions

    checked = 0
    for caption in _VARIANT_CAPTIONS:
        for shown in _variants(caption):
            captions = dedupe_captions([shown])
            may_be_copy = _start_test(captions)
            for text in (*_variants(caption), BODY, "Another paragraph entirely."):
                if _is_copy(text, captions):
                    checked += 1
                    assert may_be_copy(text), (shown, text)
    assert checked > 300  # the variants do reach the copy rules
    assert not _start_test(dedupe_captions([CAP]))("A second paragraph of the story.")
