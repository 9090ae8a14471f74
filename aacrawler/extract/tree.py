"""The parsed document: plain lxml elements.

Pages are parsed with lxml's plain HTML parser, not lxml.html's: the
latter looks up a Python class for every element the code touches (a
Python call each time), which made every walk of a page about five
times slower. What lxml.html's elements added that the extractor uses,
their text, is `text_content` here.
"""

from __future__ import annotations

from lxml import etree
from parsel.selector import create_root_node

Element = etree._Element

# lxml.html's HtmlElement.text_content(): every text node below, in order.
text_content = etree.XPath("string()", smart_strings=False)


def parse_html(url: str, text: str = "", body: bytes = b"", encoding: str = "utf-8") -> Element:
    """The page's root element, parsed as parsel parses an HTML page
    (the same recovery from bad markup, NUL bytes and invalid UTF-8),
    into plain elements."""
    return create_root_node(text, etree.HTMLParser, base_url=url, body=body, encoding=encoding)
