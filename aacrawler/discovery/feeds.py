"""A WordPress feed (/feed/, RSS 2.0 or Atom): the newest posts' links."""

from __future__ import annotations

from parsel import Selector


class NotAFeed(ValueError):
    pass


def feed_links(body: bytes) -> list[str]:
    try:
        selector = Selector(body=body, type="xml")
    except Exception:  # not XML at all
        raise NotAFeed("not XML") from None
    selector.remove_namespaces()
    root = selector.xpath("/*[1]")
    name = root.xpath("name()").get()
    if name not in ("rss", "feed", "RDF"):
        raise NotAFeed(f"a <{name}>, not a feed")
    links = selector.xpath("//item/link/text()").getall()
    links += selector.xpath("//entry/link[not(@rel) or @rel='alternate']/@href").getall()
    return list(dict.fromkeys(link.strip() for link in links if link.strip()))
