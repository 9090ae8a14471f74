"""Text cleaning (extract/text.py) and publication dates
(extract/meta.py's parse_date), by RECORD.md's rules: entities decoded,
tags flattened, Unicode spaces made plain, whitespace collapsed, ends
stripped, typographic quotes and dashes kept; dates as `Jul 26, 2014`,
`July 26, 2014`, `26 July 2014` or ISO timestamps, the calendar date as
written (no time zone conversion), YYYY-MM-DD."""

import pytest

from aacrawler.extract.meta import parse_date
from aacrawler.extract.text import clean_list, clean_optional, clean_text, count_words


@pytest.mark.parametrize("raw, clean", [
    ("Fish &amp; Chips", "Fish & Chips"),
    ("&#8220;Wait and see&#8221;", "“Wait and see”"),
    ("Beirut&rsquo;s rubbish", "Beirut’s rubbish"),
    ("<em>Iran</em> talks <b>resume</b>", "Iran talks resume"),
    ("Talks &lt;em&gt;resume&lt;/em&gt;", "Talks resume"),  # markup escaped in an attribute
    ("Media\u00a0ID:\u00a055334015", "Media ID: 55334015"),  # no-break spaces
    ("a\u2009b\u2003c\u3000d\u202fe\u2007f", "a b c d e f"),  # thin, em, ideographic, narrow, figure
    ("zero\u200bwidth", "zero width"),
    ("  Beirut,\n\tAsharq   Al-Awsat  ", "Beirut, Asharq Al-Awsat"),
    ("\u00a0 \u00a0", ""),
    ("“Quotes” and ‘single’ — dashes – and -- kept", "“Quotes” and ‘single’ — dashes – and -- kept"),
    ("Caption: \"Quoted\" 'text'", "Caption: \"Quoted\" 'text'"),
    ("GDP < 2% and inflation > 5%", "GDP < 2% and inflation > 5%"),
    ("if a < b and c > d then", "if a < b and c > d then"),  # not a tag: HTML has no space after <
])
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_nothing_cleans_to_nothing():
    assert clean_text(None) == "" and clean_text("") == ""
    assert clean_optional(None) is None and clean_optional(" \u00a0 ") is None and clean_optional("&nbsp;") is None
    assert clean_optional(" Amir  Taheri ") == "Amir Taheri"


def test_clean_list_drops_empties_and_repeats_in_first_seen_order():
    assert clean_list(["Iran", " Iran ", "", "Iraq", "\u00a0", "Iran\u00a0", "iran"]) == ["Iran", "Iraq", "iran"]


def test_count_words_counts_whitespace_separated_tokens():
    assert count_words("One two.\n\nThree — four") == 5
    assert count_words("") == 0


@pytest.mark.parametrize("text, date", [
    ("Jul 26, 2014", "2014-07-26"),
    ("July 26, 2014", "2014-07-26"),
    ("26 July 2014", "2014-07-26"),
    ("Sep 3, 2015", "2015-09-03"),
    ("Sept 3, 2015", "2015-09-03"),
    ("Dec 31, 2016", "2016-12-31"),
    ("1 January 2005", "2005-01-01"),
    ("2014-07-26", "2014-07-26"),
    ("2014-07-26T10:00:00Z", "2014-07-26"),
    # As written: converted to UTC these would be the 25th and the 27th.
    ("2014-07-26T01:30:00+03:00", "2014-07-26"),
    ("2014-07-26T23:30:00-05:00", "2014-07-26"),
    ("by Amir Taheri | Jun 27, 2014 | Opinion", "2014-06-27"),  # a Divi post meta line
    ("  Posted on July 4, 2013 ", "2013-07-04"),
])
def test_parse_date(text, date):
    assert parse_date(text) == date


@pytest.mark.parametrize("text", [
    None, "", "yesterday", "Media ID: 55334015", "Foo 26, 2014", "2014-13-01", "Jul 32, 2014", "July 2014",
])
def test_parse_date_garbage_is_none(text):
    assert parse_date(text) is None


def test_a_day_the_month_does_not_have_is_not_a_date():
    assert parse_date("Feb 30, 2014") is None


@pytest.mark.parametrize("text", [
    "  Syrian&nbsp;troops,\u00a0ISIS\u2009face off  ",
    "\u201cQuoted\u201d \u2014 dash\u200b and soft\u00adhyphen",
    "line\none\r\n\ttabbed",
    "\ufeffBOM first",
])
def test_cleaning_twice_changes_nothing(text):
    # Extractors clean what they must compare (title suffix, caption forms,
    # the post-meta line); the clean stage then cleans every string once
    # more: that second pass must leave it as it is.
    once = clean_text(text)
    assert clean_text(once) == once
