"""A small WordPress site in the Divi style, written by hand for the
discovery tests: article pages, listing pages in each pagination form
WordPress themes write, a static front page, sitemaps, a feed and REST
API answers. Every page is built from a Post the test writes out, so the
records it must give are the test's own table, not this code's output.
"""

from __future__ import annotations

import gzip
import html
import json
from dataclasses import dataclass, field
from pathlib import Path

HOST = "eng-archive.aawsat.com"
ARCHIVE = f"https://{HOST}"
SUFFIX = " | ASHARQ AL-AWSAT English Archive 2005 -2017"
CATEGORY_NAMES = {"news": "Middle East", "opinion": "Opinion", "features": "Features", "old": "Archive 2005"}


@dataclass(frozen=True)
class Post:
    number: int
    slug: str
    title: str
    media_id: str | None
    author: str
    date: str  # as the page shows it: "Jul 25, 2014"
    category: str  # slug
    paragraphs: tuple[str, ...] = field(default=())

    @property
    def path(self) -> str:
        return f"/theaawsat/{self.category}/{self.slug}/"

    @property
    def url(self) -> str:
        return ARCHIVE + self.path


def _head(title: str, extra: str = "") -> str:
    return (f'<head><meta charset="UTF-8" /><title>{html.escape(title)}{SUFFIX}</title>'
            f'<link rel="alternate" type="application/rss+xml" href="{ARCHIVE}/feed/" />{extra}</head>')


def _header(menu: list[tuple[str, str]] = ()) -> str:
    items = "".join(f'<li class="menu-item"><a href="{href}">{html.escape(text)}</a></li>' for href, text in menu)
    return ('<header id="main-header"><div class="container clearfix et_menu_container">'
            f'<div class="logo_container"><a href="{ARCHIVE}/"><img src="{ARCHIVE}/logo.png" alt="Middle-east Arab News Opinion | Asharq Al-awsat" id="logo" /></a></div>'
            f'<div id="et-top-navigation"><nav id="top-menu-nav"><ul id="top-menu" class="nav">{items}</ul></nav>'
            '<div id="et_mobile_nav_menu"><span class="select_page">Select Page</span></div></div></div></header>')


def _meta(post: Post) -> str:
    return (f'<p class="post-meta"> by <span class="author vcard"><a href="{ARCHIVE}/author/{post.author.lower().replace(" ", "-")}/" rel="author">'
            f'{html.escape(post.author)}</a></span> | <span class="published">{post.date}</span> | '
            f'<a href="{ARCHIVE}/category/{post.category}/" rel="category tag">{CATEGORY_NAMES[post.category]}</a></p>')


def article_page(post: Post) -> str:
    media = f"<p>Media ID: {post.media_id}</p>" if post.media_id else ""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in post.paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en-US">{_head(post.title, f"<link rel=canonical href={post.url!r} />")}'
        f'<body class="post-template-default single single-post postid-{post.number} single-format-standard et_divi_theme">'
        f'<div id="page-container">{_header()}<div id="et-main-area"><div id="main-content"><div class="container">'
        f'<div id="content-area" class="clearfix"><div id="left-area">'
        f'<article id="post-{post.number}" class="et_pb_post post-{post.number} post type-post status-publish format-standard hentry">'
        f'<div class="et_post_meta_wrapper"><h1 class="entry-title">{html.escape(post.title)}</h1>{_meta(post)}</div>'
        f'<div class="entry-content">{media}{body}</div></article></div></div></div></div></div></div></body></html>'
    )


def entry(post: Post) -> str:
    return (f'<article id="post-{post.number}" class="et_pb_post post-{post.number} post type-post status-publish format-standard hentry">'
            f'<h2 class="entry-title"><a href="{post.url}">{html.escape(post.title)}</a></h2>{_meta(post)}'
            f'{html.escape(post.paragraphs[0][:80])}...</article>')


def listing_page(title: str, body_class: str, posts: list[Post], pagination: str = "", head: str = "",
                 menu: list[tuple[str, str]] = ()) -> str:
    return (
        f'<!DOCTYPE html><html lang="en-US">{_head(title, head)}<body class="{body_class} et_divi_theme">'
        f'<div id="page-container">{_header(menu)}<div id="main-content"><div class="container"><div id="content-area">'
        f'<div id="left-area">{"".join(entry(p) for p in posts)}{pagination}</div></div></div></div></div></body></html>'
    )


# --- pagination forms ---
def divi_pagination(older: str | None, newer: str | None = None) -> str:
    left = f'<div class="alignleft"><a href="{older}">&laquo; Older Entries</a></div>' if older else ""
    right = f'<div class="alignright"><a href="{newer}">Next Entries &raquo;</a></div>' if newer else ""
    return f'<div class="pagination clearfix">{left}{right}</div>'


def core_pagination(urls: list[str], current: int) -> str:
    """WordPress's the_posts_pagination(): numbered links, a.next."""
    links = []
    for number, url in enumerate(urls, start=1):
        if number == current:
            links.append(f'<span aria-current="page" class="page-numbers current">{number}</span>')
        else:
            links.append(f'<a class="page-numbers" href="{url}">{number}</a>')
    if current < len(urls):
        links.append(f'<a class="next page-numbers" href="{urls[current]}">Next</a>')
    return ('<nav class="navigation pagination" role="navigation" aria-label="Posts"><h2 class="screen-reader-text">Posts navigation</h2>'
            f'<div class="nav-links">{"".join(links)}</div></nav>')


def pagenavi(urls: list[str], current: int) -> str:
    """WP-PageNavi: span.pages, a.page, a.nextpostslink, a.last."""
    parts = [f'<span class="pages">Page {current} of {len(urls)}</span>']
    for number, url in enumerate(urls, start=1):
        parts.append(f'<span class="current">{number}</span>' if number == current else f'<a class="page larger" href="{url}">{number}</a>')
    if current < len(urls):
        parts.append(f'<a class="nextpostslink" rel="next" href="{urls[current]}">&raquo;</a>')
        parts.append(f'<a class="last" href="{urls[-1]}">Last &raquo;</a>')
    return f'<div class="wp-pagenavi">{"".join(parts)}</div>'


def head_next(url: str | None) -> str:
    return f'<link rel="next" href="{url}" />' if url else ""


def static_front_page(menu: list[tuple[str, str]], modules: str = "", sidebar: str = "", footer: str = "") -> str:
    """A WordPress static front page built with Divi's page builder."""
    return (
        f'<!DOCTYPE html><html lang="en-US">{_head("Home")}'
        '<body class="home page-template-default page page-id-2 et_pb_pagebuilder_layout et_divi_theme">'
        f'<div id="page-container">{_header(menu)}<div id="et-main-area"><div id="main-content">'
        '<article id="post-2" class="post-2 page type-page status-publish hentry"><div class="entry-content">'
        f'<div class="et_pb_section et_pb_section_0"><div class="et_pb_row">{modules}</div></div></div></article>'
        f'<div id="sidebar">{sidebar}</div></div>'
        f'<footer id="main-footer"><div id="footer-widgets">{footer}</div></footer></div></div></body></html>'
    )


# --- sitemaps, feed, REST API ---
def sitemap_index(children: list[tuple[str, str]]) -> str:
    items = "".join(f"<sitemap><loc>{loc}</loc><lastmod>{lastmod}</lastmod></sitemap>" for loc, lastmod in children)
    return f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'


def urlset(urls: list[str], lastmod: str = "2017-05-01T10:00:00+00:00") -> str:
    items = "".join(f"<url><loc>{u}</loc><lastmod>{lastmod}</lastmod></url>" for u in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'


def rss(links: list[str]) -> str:
    items = "".join(f"<item><title>Post</title><link>{u}</link><pubDate>Thu, 25 May 2017 10:00:00 +0000</pubDate></item>" for u in links)
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<channel><title>ASHARQ AL-AWSAT English Archive</title><link>{ARCHIVE}/</link>{items}</channel></rss>')


def atom(links: list[str]) -> str:
    entries = "".join(f'<entry><title>Post</title><link rel="alternate" href="{u}"/><id>{u}</id></entry>' for u in links)
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Archive</title>{entries}</feed>'


def api_answer(links: list[str], page: int, per_page: int, total: int | None = None) -> tuple[bytes, dict[str, str]]:
    """/wp-json/wp/v2/posts?per_page=…&page=…: a page of posts and the
    headers with the totals."""
    chunk = links[(page - 1) * per_page: page * per_page]
    pages = max(1, -(-len(links) // per_page))
    body = json.dumps([{"link": u} for u in chunk]).encode()
    return body, {"X-WP-Total": str(total if total is not None else len(links)), "X-WP-TotalPages": str(pages), "Content-Type": "application/json; charset=UTF-8"}


def write(root: Path, path: str, content: str | bytes, gz: bool = False) -> None:
    """Save a page the way a mirror holds it: host, path, index.html."""
    relative = path.lstrip("/")
    target = root / HOST / (relative if relative and not relative.endswith("/") and "." in relative.rsplit("/", 1)[-1]
                            else f"{relative}index.html" if relative.endswith("/") or not relative else f"{relative}/index.html")
    target.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    target.write_bytes(gzip.compress(data) if gz else data)
