"""Large archive mirrors for tests and benchmarks, made from a sample one.

`generate_mirror(templates, target, articles=N)` writes a mirror in the
layout of INTERFACE.md: a home page whose menu links the category
archives, listings of `per_page` entries (newest first, "« Older
Entries" pagination), and N article pages, each a copy of one of the
sample's article pages under a slug and Media ID of its own. Regenerating
with a larger N puts the new articles at the top of the listings, as a
site that published them would.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

HOST = "eng-archive.aawsat.com"
ARCHIVE = f"https://{HOST}"
CATEGORIES = {"middle-east": "Middle East", "opinion": "Opinion", "features": "Features", "majalla-blogs": "Majalla Blogs"}
_CANONICAL = re.compile(rb'<link[^>]+rel="canonical"[^>]+href="([^"]+)"')
_MEDIA_ID = re.compile(rb"Media\s*ID\s*:(?:\s|<[^>]+>|&nbsp;)*(\d{6,})")
_TITLE = re.compile(rb'<h1 class="entry-title">(.*?)</h1>', re.S)


@dataclass(frozen=True)
class Template:
    path: str  # the article's path on the site, e.g. /theaawsat/news/slug/
    body: bytes
    media_id: bytes | None
    title: str


def load_templates(sample: Path) -> list[Template]:
    """The sample mirror's article pages whose canonical is their own path."""
    templates = []
    root = sample / HOST
    for page in sorted(root.rglob("index.html")):
        body = page.read_bytes()
        if b"single-post" not in body:
            continue
        canonical = _CANONICAL.search(body)
        path = "/" + str(page.parent.relative_to(root)) + "/"
        if not canonical or canonical.group(1).decode() != ARCHIVE + path:
            continue
        media = _MEDIA_ID.search(body)
        title = _TITLE.search(body)
        templates.append(Template(path, body, media.group(1) if media else None,
                                  html.unescape(title.group(1).decode("utf-8", "replace")) if title else ""))
    if not templates:
        raise ValueError(f"{sample}: no article pages to use as templates")
    return templates


def article_path(number: int, template: Template) -> str:
    slug = template.path.rstrip("/").rsplit("/", 1)[-1]
    return f"/generated/{slug}-{number}/"


def render_article(number: int, template: Template, pad_to: int = 0) -> bytes:
    body = template.body.replace(template.path.encode(), article_path(number, template).encode())
    if template.media_id:
        body = body.replace(template.media_id, str(70_000_000 + number).encode())
    if pad_to and len(body) < pad_to:
        body = body.replace(b"</body>", _padding(pad_to - len(body), number) + b"</body>", 1)
    return body


def _padding(size: int, number: int) -> bytes:
    """Page weight as a real WordPress page has it: widgets and inline
    scripts around the article (none of it article text)."""
    items, chunks, total = 0, [b'<div id="sidebar-extra" class="widget_recent_entries"><ul>'], 0
    while total < size - 400:
        line = (f'<li><a href="{ARCHIVE}/generated/recent-{number}-{items}/">Recent headline {items} '
                f'about the region, its politics and its economy</a> <span class="post-date">Jun {items % 28 + 1}, 2015</span></li>\n').encode()
        chunks.append(line)
        total += len(line)
        items += 1
        if items % 40 == 0:
            script = (b"<script>window.__cfg_%d = {\"ads\": [1,2,3], \"track\": \"%s\"};</script>\n"
                      % (items, b"x" * 300))
            chunks.append(script)
            total += len(script)
    chunks.append(b"</ul></div>")
    return b"".join(chunks)


def _listing(category: str, page: int, numbers: list[int], templates: list[Template], last_page: int) -> bytes:
    name = CATEGORIES[category]
    entries = []
    for number in numbers:
        template = templates[number % len(templates)]
        url = ARCHIVE + article_path(number, template)
        entries.append(
            f'<article id="post-{number}" class="et_pb_post post type-post">'
            f'<h2 class="entry-title"><a href="{url}">{html.escape(template.title)} ({number})</a></h2>'
            f'<div class="post-content"><p>Excerpt of article {number}...</p></div></article>'
        )
    older = (f'<div class="alignleft"><a href="{ARCHIVE}/category/{category}/page/{page + 1}/">&laquo; Older Entries</a></div>'
             if page < last_page else "")
    newer = (f'<div class="alignright"><a href="{ARCHIVE}/category/{category}/' + (f"page/{page - 1}/" if page > 2 else "")
             + '">Next Entries &raquo;</a></div>' if page > 1 else "")
    return (
        f'<!DOCTYPE html><html><head><meta charset="UTF-8"><title>{name} | ASHARQ AL-AWSAT English Archive 2005 -2017</title></head>'
        f'<body class="archive category category-{category}{" paged" if page > 1 else ""}"><div id="main-content">'
        + "".join(entries)
        + f'<div class="pagination clearfix">{older}{newer}</div></div></body></html>'
    ).encode()


def _home(categories: list[str]) -> bytes:
    menu = "".join(f'<li><a href="{ARCHIVE}/category/{c}/">{CATEGORIES[c]}</a></li>' for c in categories)
    return (
        '<!DOCTYPE html><html><head><meta charset="UTF-8"><title>ASHARQ AL-AWSAT English Archive 2005 -2017</title></head>'
        f'<body class="home blog"><header id="main-header"><ul id="top-menu">{menu}</ul></header></body></html>'
    ).encode()


def _write(target: Path, path: str, body: bytes) -> None:
    file = target / HOST / path.strip("/") / "index.html"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(body)


def generate_mirror(sample: Path, target: Path, articles: int, per_page: int = 10,
                    categories: int = 4, pad_to: int = 0) -> list[str]:
    """Write the mirror; return the article URLs, newest first."""
    templates = load_templates(sample)
    names = list(CATEGORIES)[:categories]
    _write(target, "/", _home(names))
    by_category: dict[str, list[int]] = {c: [] for c in names}
    for number in range(articles - 1, -1, -1):  # newest first
        by_category[names[number % len(names)]].append(number)
        template = templates[number % len(templates)]
        _write(target, article_path(number, template), render_article(number, template, pad_to))
    for category, numbers in by_category.items():
        pages = [numbers[i:i + per_page] for i in range(0, len(numbers), per_page)] or [[]]
        for index, chunk in enumerate(pages, start=1):
            path = f"/category/{category}/" + (f"page/{index}/" if index > 1 else "")
            _write(target, path, _listing(category, index, chunk, templates, len(pages)))
    return [ARCHIVE + article_path(n, templates[n % len(templates)]) for n in range(articles - 1, -1, -1)]
