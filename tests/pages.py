"""Small Divi-style pages for focused tests: one variant at a time, the
rest of the page ordinary furniture (menu, sidebar, share, comments)."""

from __future__ import annotations

from aacrawler.items import PageItem
from aacrawler.offline import OfflinePipelines

ARCHIVE = "https://eng-archive.aawsat.com"
SUFFIX = " | ASHARQ AL-AWSAT English Archive 2005 -2017"

HEADER = """
<header id="main-header"><div class="container">
  <a href="/"><img src="/logo.png" alt="Middle-east Arab News Opinion | Asharq Al-awsat" id="logo"></a>
  <div id="et-top-navigation"><nav id="top-menu-nav"><ul id="top-menu" class="nav">
    <li><a href="/">Home</a></li><li><a href="/category/opinion/">Opinion</a></li>
    <li><a href="/category/middle-east/">Middle East</a></li></ul></nav>
  <div id="et_mobile_nav_menu"><span class="select_page">Select Page</span></div></div>
</div></header>"""

SIDEBAR = """
<div id="sidebar"><div class="et_pb_widget widget_recent_entries"><h4>Recent Posts</h4>
  <ul><li><a href="/x/other-story/">Media ID: 99999999 other story by Someone</a></li></ul></div>
  <div class="et_pb_widget widget_tag_cloud"><a href="/tag/iran/" class="tag-cloud-link">Iran</a></div>
  <div class="ad"><img src="https://ads.example.com/12345678.gif" alt="Advertisement 12345678"></div>
</div>"""

AFTER_CONTENT = """
<div class="et_social_inline"><a href="https://facebook.com/share?u=x"><img src="/fb.png" alt="Share on Facebook"></a></div>
<div class="jp-relatedposts"><h3>Related</h3><article class="post"><a href="/y/"><img src="/y.jpg" alt="Related story photo"></a>
  <h4><a href="/y/">Another headline</a></h4><p>Related excerpt text...</p></article></div>"""

COMMENTS = """
<section id="comments"><h1>One comment on this story</h1><ol class="commentlist"><li class="comment">
  <article class="comment-body"><span class="fn">Reader</span> <span class="published">Aug 1, 2015</span>
  <p>Comment text, Media ID: 11111111.</p></article></li></ol>
  <div id="respond"><form><textarea></textarea></form></div></section>"""


def article_page(
    content: str,
    *,
    title: str | None = "A headline",
    head: str = "",
    meta_line: str | None = "",
    before_content: str = "",
    after_content: str = "",
    body_class: str = "post-template-default single single-post postid-4242",
    charset: str | None = "utf-8",
) -> str:
    """A single-post page: `content` is the inside of div.entry-content."""
    h1 = f'<h1 class="entry-title">{title}</h1>' if title is not None else ""
    meta = f'<p class="post-meta">{meta_line}</p>' if meta_line else ""
    charset_tag = f'<meta charset="{charset}">' if charset else ""
    return f"""<!DOCTYPE html>
<html lang="en-US"><head>{charset_tag}
<title>{title or "Untitled"}{SUFFIX}</title>
{head}
<script>var et_site_url = "https://eng-archive.aawsat.com"; var postid = 55555555;</script>
<style>.entry-content p {{ margin: 0 }}</style>
</head>
<body class="{body_class}"><div id="page-container">{HEADER}
<div id="main-content"><div class="container"><div id="content-area" class="clearfix"><div id="left-area">
<article id="post-4242" class="et_pb_post post-4242 post type-post status-publish">
<div class="et_post_meta_wrapper">{h1}{meta}</div>
{before_content}
<div class="entry-content">
{content}
</div>
{after_content}
{AFTER_CONTENT}
</article>
{COMMENTS}
</div>{SIDEBAR}</div></div></div>
<footer id="main-footer"><p>Copyright 2017 Asharq Al-Awsat. Call +44 20 7831 8181.</p></footer>
</div></body></html>"""


def extract(html: str | bytes, url: str = f"{ARCHIVE}/theaawsat/news/a-story", **item) -> dict | None:
    """The record the real pipelines make of a page, or None."""
    body = html.encode("utf-8") if isinstance(html, str) else html
    record = OfflinePipelines().process(PageItem(url=url, body=body, fetched_at="2026-11-25T10:00:00Z", **item))
    return None if record is None else record.__dict__
