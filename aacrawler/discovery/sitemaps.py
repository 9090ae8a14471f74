"""XML sitemaps, read with Scrapy's own machinery (scrapy.utils.sitemap,
as SitemapSpider reads them): where to look, which sitemaps list posts,
and the post URLs they list with their <lastmod>."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from .urls import may_be_article

# Tried in this order when robots.txt names no sitemap: Yoast SEO (which
# the archive's pages name in their HTML), WordPress 5.5+, the generic one.
WELL_KNOWN = ("/sitemap_index.xml", "/wp-sitemap.xml", "/sitemap.xml")
# Sitemaps of pages, taxonomies and authors (Yoast's page-sitemap.xml,
# category-sitemap.xml, post_tag-sitemap.xml, author-sitemap.xml;
# WordPress's wp-sitemap-posts-page-1.xml, -taxonomies-, -users-).
_NOT_POSTS = re.compile(
    r"(?:^|[-_])(?:page|pages|category|categories|post_tag|tag|tags|taxonomies|author|authors|users?|attachment)[-_.]",
    re.IGNORECASE,
)
_MAX_BODY = 64 * 1024 * 1024  # a gzipped sitemap unpacked: no gzip bomb


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: str | None


@dataclass
class ReadSitemap:
    children: list[SitemapEntry]  # post sitemaps of an index
    articles: list[SitemapEntry]  # candidate article URLs of a urlset


class NotASitemap(ValueError):
    pass


def sitemaps_in_robots(robots_txt: bytes, base_url: str) -> list[str]:
    return list(dict.fromkeys(sitemap_urls_from_robots(robots_txt, base_url=base_url)))


def lists_posts(sitemap_url: str) -> bool:
    """Is this (child) sitemap one of posts, by its file name?"""
    name = urlsplit(sitemap_url).path.rsplit("/", 1)[-1]
    return not _NOT_POSTS.search(name)


def read_sitemap(body: bytes) -> ReadSitemap:
    """An index's post sitemaps, or a urlset's article URLs. Raises
    NotASitemap (an HTML error page answered 200, garbage)."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip(body, max_size=_MAX_BODY)
        except (OSError, ValueError) as error:
            raise NotASitemap(f"bad gzip: {error}") from None
    if b"<" not in body[:2048]:
        raise NotASitemap("not XML")
    try:
        sitemap = Sitemap(body)
    except Exception as error:  # lxml's XMLSyntaxError and the like
        raise NotASitemap(str(error).splitlines()[0] if str(error) else "not XML") from None
    entries = [SitemapEntry(d["loc"].strip(), (d.get("lastmod") or "").strip() or None) for d in sitemap if d.get("loc")]
    if sitemap.type == "sitemapindex":
        return ReadSitemap([e for e in entries if lists_posts(e.url)], [])
    if sitemap.type == "urlset":
        return ReadSitemap([], [e for e in entries if may_be_article(e.url)])
    raise NotASitemap(f"a <{sitemap.type}>, not a sitemap")
