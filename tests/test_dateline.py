"""RECORD.md "dateline": every dash form, agency or place alone, inside
bold, and no false dateline on ordinary first sentences."""

import pytest

from aacrawler.extract.dateline import split_dateline

from .pages import article_page, extract


@pytest.mark.parametrize(
    "paragraph, dateline, rest",
    [
        ("Beirut, Asharq Al-Awsat—As fighters advanced", "Beirut, Asharq Al-Awsat", "As fighters advanced"),
        ("London, Asharq Al-Awsat — The minister said", "London, Asharq Al-Awsat", "The minister said"),
        ("Idlib, Asharq Al-Awsat – Rebels said", "Idlib, Asharq Al-Awsat", "Rebels said"),
        ("Idlib, Asharq Al-Awsat–Rebels said", "Idlib, Asharq Al-Awsat", "Rebels said"),
        ("Baghdad, AFP - The attack", "Baghdad, AFP", "The attack"),
        ("Beirut, Asharq Al-Awsat-As fighters advanced", "Beirut, Asharq Al-Awsat", "As fighters advanced"),
        ("Sanaa, Reuters--The rebels", "Sanaa, Reuters", "The rebels"),
        ("Sanaa, Reuters -- The rebels", "Sanaa, Reuters", "The rebels"),
        ("Washington, AP—Officials", "Washington, AP", "Officials"),
        ("Berlin, DPA—Germany", "Berlin, DPA", "Germany"),
        ("CAIRO—The court ruled", "CAIRO", "The court ruled"),
        ("Cairo – The court ruled", "Cairo", "The court ruled"),
        ("Gaza City, Asharq al-Awsat—Residents", "Gaza City, Asharq al-Awsat", "Residents"),
        ("Sharm el-Sheikh, Reuters—Leaders met", "Sharm el-Sheikh, Reuters", "Leaders met"),
        ("Riyadh, Saudi Press Agency—The King", "Riyadh, Saudi Press Agency", "The King"),
        ("Paris, AFP—“We will not”, he said", "Paris, AFP", "“We will not”, he said"),
    ],
)
def test_datelines(paragraph, dateline, rest):
    assert split_dateline(paragraph) == (dateline, rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "In Tehran, the mullahs—never shy of a slogan—have found a new one.",
        "Last week, Washington-backed forces entered the town.",
        "Tehran-backed militias took the bridge.",
        "On Monday, President Obama—speaking in Ohio—said otherwise.",
        "For years, Iran—the region’s spoiler—has waited.",
        "Iran, Russia—The two allies disagree.",
        "Amman-Jordan has long been a haven.",
        "The war in Syria, now in its fourth year—has no end in sight.",
        "However, the talks—which began in Geneva—collapsed.",
        "Syria—which few expected to survive—endures.",
    ],
)
def test_sentences_that_are_not_datelines(paragraph):
    assert split_dateline(paragraph) == (None, paragraph)


def test_dateline_in_bold_through_the_pipeline():
    html = article_page("<p><strong>London, Asharq Al-Awsat—</strong>The talks resumed on Monday.</p><p>More.</p>")
    record = extract(html)
    assert record["dateline"] == "London, Asharq Al-Awsat"
    assert record["body"] == "The talks resumed on Monday.\n\nMore."


def test_dateline_alone_in_its_paragraph():
    html = article_page("<p><b>CAIRO—</b></p><p>The court ruled on Sunday.</p>")
    record = extract(html)
    assert (record["dateline"], record["body"]) == ("CAIRO", "The court ruled on Sunday.")


def test_dateline_read_after_caption_copies_are_removed():
    cap = "Smoke over Raqqa. (AFP)"
    html = article_page(f"<p>Media ID: 55334015</p><p>Caption:</p><p>{cap}</p><p>{cap}</p><p>Beirut, Asharq Al-Awsat—Text.</p>")
    record = extract(html)
    assert record["dateline"] == "Beirut, Asharq Al-Awsat" and record["body"] == "Text."


@pytest.mark.parametrize("paragraph, dateline, rest", [
    # A place in capitals before an unspaced hyphen and a sentence.
    ("MANAMA-The electoral commission said.", "MANAMA", "The electoral commission said."),
    ("DEIR EZ-ZOR-Fighting resumed.", "DEIR EZ-ZOR", "Fighting resumed."),
    # Compounds and capitals-only runs are not datelines.
    ("Amman-Jordan is a city.", None, "Amman-Jordan is a city."),
    ("AMMAN-JORDAN said so.", None, "AMMAN-JORDAN said so."),
])
def test_a_place_in_capitals_before_an_unspaced_hyphen(paragraph, dateline, rest):
    assert split_dateline(paragraph) == (dateline, rest)
