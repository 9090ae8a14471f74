"""How the crawl finds the archive's articles: every way a WordPress
site of the archive's era exposes its posts, each a *source*:

    home      the start page as a hub, whatever its kind: its category and
              tag archive links (menus, widgets, footer) and its article links
    listings  category and tag archives, walked through every pagination form
    sitemaps  robots.txt's Sitemap: lines, else /sitemap_index.xml (Yoast),
              /wp-sitemap.xml (WordPress 5.5+), /sitemap.xml; post sitemaps only
    feeds     /feed/ (RSS 2.0 or Atom): the newest articles
    api       the WordPress REST API, /wp-json/wp/v2/posts, and its X-WP-Total

Plain functions over bytes and parsed pages; the spider
(aacrawler.spiders) fetches, aacrawler.runs.coverage counts.
"""

from __future__ import annotations

SOURCES = ("home", "listings", "sitemaps", "feeds", "api")
# With --start the user named the pages to crawl: only those are walked,
# unless --discover says otherwise.
START_SOURCES = ("listings",)


class SourcesError(ValueError):
    """A --discover value that names no source."""


def parse_sources(value) -> tuple[str, ...]:
    """`home,listings,sitemaps` (or a list) → the sources, in SOURCES order.
    `all` is every source; `none` (or empty) is none."""
    if value is None:
        return SOURCES
    names = value.replace(",", " ").split() if isinstance(value, str) else list(value)
    names = [n.strip().lower() for n in names if n.strip()]
    if names in ([], ["none"]):
        return ()
    if names == ["all"]:
        return SOURCES
    unknown = [n for n in names if n not in SOURCES]
    if unknown:
        raise SourcesError(f"--discover {','.join(unknown)}: not a source (choose from {','.join(SOURCES)}, all, none)")
    return tuple(s for s in SOURCES if s in names)
