"""A seeded benchmark corpus that is not tuned to the extractor.

Each article page is composed from independently drawn variants of every
field as RECORD.md lists them (title source and suffix, Media ID
container/spacing/label/placement, caption sources and near-duplicate
copies, dateline forms, body markup and furniture, post meta and date
forms, categories/tags, image sources, URL/canonical, encoding), in the
Divi/WordPress styles of SITE.md, and grown to its size bucket (about
10, 20, 60 or 200 KB) with the furniture big real pages carry: long
comment threads, mega menus and footers, long bodies. About one page in
eleven is a listing (category, tag, home), as a crawl meets them.

For every article the generator returns the record it MEANT: built from
the values it drew and wrote into the page, by RECORD.md's rules, never
by running aacrawler. For a listing, `meant` is None.

    python bench/corpus.py --pages 22 --out /tmp/corpus   # writes *.html + meant.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import corpus_furniture as F
import corpus_text as T
from corpus_furniture import HOST, attr

BUCKETS = {"10k": 10_000, "20k": 20_000, "60k": 60_000, "200k": 200_000}
LISTING = "listing"
ARTICLES_PER_LISTING = 10
FETCHED_AT = "2026-01-01T00:00:00Z"
SUFFIXES = (" | ASHARQ AL-AWSAT English Archive 2005 -2017", " - ASHARQ AL-AWSAT English Archive")
NAMED = {"’": "&rsquo;", "‘": "&lsquo;", "“": "&ldquo;", "”": "&rdquo;", "—": "&mdash;",
         "–": "&ndash;", "…": "&hellip;", "é": "&eacute;", "\u00a0": "&nbsp;"}


@dataclass
class BenchPage:
    name: str
    url: str
    body: bytes
    bucket: str
    meant: dict | None
    variants: dict[str, str] = field(default_factory=dict)


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Writer:
    """Writes clean text into HTML the way pages do: raw characters or
    entities, no-break spaces, stray whitespace, inline tags. What it
    writes always cleans back (RECORD.md "Text cleaning") to the text."""

    def __init__(self, rng: random.Random, entities: str, noisy: bool):
        self.rng, self.entities, self.noisy = rng, entities, noisy

    def chars(self, text: str, attribute: bool = False) -> str:
        out = F.attr(text) if attribute else F.esc(text)
        if self.entities == "numeric":
            out = "".join(f"&#{ord(c)};" if ord(c) > 127 else c for c in out)
        elif self.entities == "named":
            out = "".join(NAMED.get(c, c) for c in out)
        return out

    def spaced(self, words: list[str]) -> list[str]:
        """Separators between words: mostly a space, on noisy pages also
        no-break spaces, doubled spaces and source line breaks."""
        rng = self.rng
        return [rng.choice((" ", " ", " ", "&nbsp;", "\u00a0", "  ", "\n\t\t", "&#160;")) if self.noisy and rng.random() < 0.08 else " "
                for _ in words[1:]]

    def text(self, text: str, inline: bool = True) -> str:
        words = text.split(" ")
        parts = [self.chars(w) for w in words]
        if inline and len(words) > 3 and self.rng.random() < 0.5:
            start = self.rng.randrange(len(words) - 1)
            end = min(len(words), start + self.rng.randint(1, 4))
            tag = self.rng.choice(("em", "strong", "a", "span", "b", "i"))
            open_tag = {"a": f'<a href="{HOST}/tag/{T.slug(words[start])}/">', "span": '<span class="highlight">'}.get(tag, f"<{tag}>")
            parts[start] = open_tag + parts[start]
            parts[end - 1] = parts[end - 1] + f"</{tag}>"
        separators = self.spaced(words)
        return parts[0] + "".join(s + p for s, p in zip(separators, parts[1:]))

    def attribute(self, text: str) -> str:
        words = text.split(" ")
        separators = [s if s in (" ", "  ", "&#160;", "&nbsp;") else " " for s in self.spaced(words)]
        return self.chars(words[0], True) + "".join(s + self.chars(w, True) for s, w in zip(separators, words[1:]))


# ---------------------------------------------------------------- captions

@dataclass
class CaptionCopy:
    image: int
    text: str  # clean, without surrounding quotes
    cut_short: bool
    quote: str  # "", "“”" or '""'


def caption_copies(rng: random.Random, image: int, count: int) -> list[CaptionCopy]:
    """`count` copies of one caption, each with its own allowed
    differences (RECORD.md "captions"); at least one complete."""
    base = T.caption_sentence(rng)
    credit = rng.choice(T.CREDITS) if rng.random() < 0.85 else None
    separator = rng.choice((" ", ". "))
    copies = []
    for index in range(count):
        with_credit = credit is not None and rng.random() < 0.65
        text = base + (separator + credit if with_credit else "")
        if rng.random() < 0.35:
            text += "."
        case = pick(rng, {"same": 0.7, "upper": 0.15, "title": 0.15})
        text = text.upper() if case == "upper" else text.title() if case == "title" else text
        cut = index > 0 and rng.random() < 0.25
        if cut:
            words = text.split(" ")
            keep = max(4, int(len(words) * rng.uniform(0.45, 0.85)))
            text = " ".join(words[:keep]).rstrip(",.") + rng.choice(("...", "…", " ...", "…"))
        quote = pick(rng, {"": 0.8, "“”": 0.12, '""': 0.08})
        copies.append(CaptionCopy(image, text, cut, quote))
    rng.shuffle(copies)
    return copies


def best_captions(seen: list[CaptionCopy]) -> list[str]:
    """RECORD.md: one caption per image, in order of first appearance,
    its longest complete form; first seen among equal lengths."""
    order: list[int] = []
    for copy in seen:
        if copy.image not in order:
            order.append(copy.image)
    captions = []
    for image in order:
        complete = [c for c in seen if c.image == image and not c.cut_short]
        best = complete[0]
        for copy in complete[1:]:
            if len(copy.text) > len(best.text):
                best = copy
        captions.append(best.text)
    return captions


# ---------------------------------------------------------------- the article

class Article:
    """One article page: draws its variants, writes the page, and keeps
    what it wrote (paragraphs, caption copies in document order, images)
    to build the meant record."""

    def __init__(self, rng: random.Random, number: int, bucket: str):
        self.rng, self.number, self.bucket = rng, number, bucket
        self.v: dict[str, str] = {}
        self.post_id = rng.randint(20000, 99999)
        self.encoding = self.draw("encoding", {"utf-8": 0.6, "windows-1252": 0.15, "undeclared-utf-8": 0.12, "undeclared-cp1252": 0.13})
        entities = self.draw("entities", {"raw": 0.6, "numeric": 0.25, "named": 0.15})
        self.w = Writer(rng, entities, noisy=rng.random() < 0.5)
        self.seen: list[CaptionCopy] = []
        self.paragraphs: list[str] = []
        self.content_images: list[str] = []
        self.draw_url()
        self.draw_title()
        self.draw_media_id()
        self.draw_meta()
        self.draw_captions()
        self.draw_dateline_and_body()

    def draw(self, name: str, weights: dict[str, float]) -> str:
        self.v[name] = pick(self.rng, weights)
        return self.v[name]

    # -- url
    def draw_url(self):
        rng = self.rng
        self.headline = T.headline(rng)
        if rng.random() < 0.15:
            self.headline = f"{rng.choice(T.HEADLINE_PREFIXES)} | {self.headline}"  # a " | " of the headline itself
        section = rng.choice(("theaawsat/news-middle-east", "theaawsat/features", f"{T.slug(T.person(rng))}/opinion"))
        path = f"/{section}/{T.slug(self.headline)}-{self.number}"
        canonical = self.draw("canonical", {"absolute": 0.5, "relative": 0.1, "trailing-slash": 0.05, "http-same-host": 0.05,
                                            "with-fragment": 0.05, "other-host": 0.07, "absent": 0.18})
        self.own_url = HOST + path
        if canonical in ("absolute", "relative", "trailing-slash") and rng.random() < 0.3:
            self.own_url += f"?replytocom={rng.randint(100, 9999)}"  # a comment-reply URL: the canonical wins
        self.canonical_href = {
            "absolute": HOST + path, "relative": path, "trailing-slash": HOST + path + "/",
            "http-same-host": "http://eng-archive.aawsat.com" + path, "with-fragment": HOST + path + "#comments",
            "other-host": "https://english.aawsat.com" + path, "absent": None,
        }[canonical]
        if self.canonical_href is None or canonical == "other-host":
            self.url = self.own_url
        else:
            self.url = urljoin(self.own_url, self.canonical_href).split("#", 1)[0]

    # -- title
    def draw_title(self):
        rng = self.rng
        source = self.draw("title", {"h1.entry-title": 0.55, "header-h1": 0.13, "content-h1": 0.1, "og:title": 0.13, "<title>": 0.09})
        self.title_source = source
        self.og_title = None
        if source == "og:title" or (source != "<title>" and rng.random() < 0.7):
            self.og_title = self.headline + (rng.choice(SUFFIXES) if rng.random() < 0.25 else "")
        self.title_tag = self.headline + pick(rng, {SUFFIXES[0]: 0.7, SUFFIXES[1]: 0.3})
        self.v["title suffix"] = "2005 -2017" if "2017" in self.title_tag else "dash"

    # -- media id
    def draw_media_id(self):
        rng = self.rng
        self.media_id = None if rng.random() < 0.15 else str(rng.randint(55000000, 55999999))
        self.v["media_id"] = "absent" if self.media_id is None else ""
        if self.media_id:
            self.mid_place = pick(rng, {"before": 0.55, "after": 0.3, "meta-wrapper": 0.15})
            self.mid_form = pick(rng, {"p": 0.2, "div": 0.2, "span-pair": 0.12, "li": 0.1, "td": 0.1, "td-pair": 0.08, "media-info": 0.2})
            self.mid_label = pick(rng, {"plain": 0.5, "strong": 0.35, "b": 0.15})
            self.mid_spacing = pick(rng, {": ": 0.35, ":": 0.15, " : ": 0.1, ":&nbsp;": 0.1, ":\u00a0": 0.05, ": \n\t": 0.1, ":<br />": 0.15})
            if self.mid_form in ("span-pair", "td-pair"):
                self.mid_spacing = ":"
            self.v["media_id"] = f"{self.mid_place}/{self.mid_form}/{self.mid_label}/{self.mid_spacing!r}"

    def media_id_html(self, body_style: str, closed: bool = False) -> tuple[str, bool]:
        """The Media ID block; True when it leaves room for a caption line
        (the media-info block: 'Media ID: N<br />Caption: ...')."""
        label = "Media ID" + (" " if self.mid_spacing.startswith(" ") else "") + ":"
        after = self.mid_spacing.lstrip(" ")[1:]
        if self.mid_label != "plain":
            label = f"<{self.mid_label}>{label}</{self.mid_label}>"
        line = f"{label}{after}{self.media_id}"
        form = self.mid_form
        if body_style == "br" and self.mid_place != "meta-wrapper":
            return line + "<br /><br />\n", False
        return {
            "p": f"<p>{line}</p>",
            "div": f'<div class="media-id">{line}</div>',
            "span-pair": f'<div class="media"><span class="label">{label}</span> <span class="value">{self.media_id}</span></div>',
            "li": f'<ul class="article-info"><li>{line}</li></ul>',
            "td": f'<table class="article-data"><tbody><tr><td>{line}</td></tr></tbody></table>',
            "td-pair": f'<table class="article-data"><tbody><tr><td>{label}</td><td>{self.media_id}</td></tr></tbody></table>',
            "media-info": f'<div class="media-info">{line}</div>' if closed else f'<div class="media-info">{line}<br />\n',  # closed by the caption line
        }[form], form == "media-info" and not closed

    # -- post meta
    def draw_meta(self):
        rng = self.rng
        form = self.draw("post meta", {"divi": 0.45, "time": 0.15, "rel-author": 0.07, "plain-divi": 0.05, "meta-only": 0.1, "none": 0.18})
        self.meta_form = form
        staff = rng.random() < 0.4
        self.author = "Asharq Al-Awsat" if staff else T.person(rng)
        if form in ("meta-only", "none") or rng.random() < 0.12:
            self.author = None
        year, month, day = T.date_parts(rng)
        self.date = (year, month, day)
        self.date_shown = form in ("divi", "time", "plain-divi") and rng.random() < 0.9
        self.published_meta = form == "meta-only" or (form != "none" and rng.random() < 0.4)
        self.date_format = self.draw("date format", {"Jul 26, 2014": 0.4, "July 26, 2014": 0.3, "26 July 2014": 0.2, "iso": 0.1})
        self.modified = (year + rng.randint(0, 2), rng.randint(1, 12), rng.randint(1, 28))
        self.categories = [] if form in ("meta-only", "none", "rel-author") or rng.random() < 0.12 else rng.sample(T.CATEGORIES, rng.randint(1, 3))
        self.tags = [] if rng.random() < 0.45 else rng.sample(T.TAGS, rng.randint(1, 5))
        self.v["tags"] = pick(rng, {"p.post-tags": 0.4, "entry-footer": 0.3, "in-post-meta": 0.3}) if self.tags else "none"
        if self.tags and self.v["tags"] == "in-post-meta" and form not in ("divi", "time", "plain-divi"):
            self.v["tags"] = "p.post-tags"
        self.published = f"{year:04d}-{month:02d}-{day:02d}" if (self.date_shown or self.published_meta) else None

    def human_date(self, date: tuple[int, int, int]) -> str:
        year, month, day = date
        return {"Jul 26, 2014": f"{T.SHORT_MONTHS[month - 1]} {day}, {year}", "July 26, 2014": f"{T.MONTHS[month - 1]} {day}, {year}",
                "26 July 2014": f"{day} {T.MONTHS[month - 1]} {year}"}.get(self.date_format, self.iso(date))

    def iso(self, date: tuple[int, int, int]) -> str:
        # Late hours and far offsets: the calendar date as written, never converted.
        year, month, day = date
        return f"{year:04d}-{month:02d}-{day:02d}T{self.rng.choice(('00:15', '23:40', '10:05'))}:00{self.rng.choice(('+03:00', '-05:00', '+00:00', 'Z'))}"

    def link_list(self, names: list[str], rel: str, base: str) -> str:
        return ", ".join(f'<a href="{HOST}/{base}/{T.slug(n)}/" rel="{rel}">{self.w.chars(n)}</a>' for n in names)

    def tag_links(self) -> str:
        return self.link_list(self.tags, "tag", "tag")

    def post_meta_html(self) -> str:
        form, w = self.meta_form, self.w
        cats = self.link_list(self.categories, "category tag", "category")
        date = self.human_date(self.date)
        tags = (" | " + self.tag_links()) if self.v["tags"] == "in-post-meta" else ""
        if form == "divi":
            parts = []
            if self.author:
                parts.append(f'by <span class="author vcard"><a href="{HOST}/author/{T.slug(self.author)}/" title="Posts by {attr(self.author)}" rel="author">{w.chars(self.author)}</a></span>')
            if self.date_shown:
                parts.append(f'<span class="published">{date}</span>')
            if cats:
                parts.append(cats)
            return f'<p class="post-meta"> {" | ".join(parts)}{tags}</p>'
        if form == "time":
            byline = f'<span class="byline">By <span class="author vcard"><a class="url fn n" href="{HOST}/author/{T.slug(self.author)}/">{w.chars(self.author)}</a></span></span> ' if self.author else ""
            shown = (f'<span class="posted-on"><time class="entry-date published" datetime="{self.iso(self.date)}">{date}</time>'
                     f'<time class="updated" datetime="{self.iso(self.modified)}">{self.human_date(self.modified)}</time></span> ') if self.date_shown else ""
            cat_line = f'<span class="cat-links">Posted in {cats}</span>' if cats else ""
            return f'<div class="entry-meta">{byline}{shown}{cat_line}{tags}</div>'
        if form == "plain-divi":
            parts = ([f"by {w.chars(self.author)}"] if self.author else []) + ([date] if self.date_shown else []) + ([cats] if cats else [])
            return f'<p class="post-meta">{" | ".join(parts)}{tags}</p>'
        if form == "rel-author" and self.author:
            return f'<div class="byline">By <a href="{HOST}/author/{T.slug(self.author)}/" rel="author">{w.chars(self.author)}</a></div>'
        return ""

    def tags_line_html(self) -> str:
        if not self.tags or self.v["tags"] == "in-post-meta":
            return ""
        if self.v["tags"] == "p.post-tags":
            return f'<p class="post-tags">Tags: {self.tag_links()}</p>'
        return f'<footer class="entry-footer"><span class="tags-links">Tagged {self.tag_links()}</span></footer>'

    # -- captions and images
    def draw_captions(self):
        rng = self.rng
        images = pick(rng, {"0": 0.25, "1": 0.55, "2": 0.2})
        self.v["captions"] = images
        self.image1 = pick(rng, {"featured": 0.45, "content-top": 0.35, "no-image": 0.2}) if images != "0" else None
        self.copies1 = caption_copies(rng, 1, rng.randint(1, 4)) if self.image1 else []
        self.copies2 = caption_copies(rng, 2, rng.randint(1, 3)) if images == "2" else []
        self.bare_featured = self.image1 != "featured" and rng.random() < 0.2  # a featured image without caption
        self.og_image = f"{HOST}/wp-content/uploads/{self.date[0]}/{self.date[1]:02d}/og-{self.post_id}.jpg" if rng.random() < 0.5 else None
        self.src_form = self.draw("image src", {"absolute": 0.5, "relative": 0.3, "protocol-relative": 0.2})
        if self.image1:
            self.v["captions"] += f"/{self.image1}"
        self.empty_caption_label = False

    def img_src(self, name: str) -> tuple[str, str]:
        path = f"/wp-content/uploads/{self.date[0]}/{self.date[1]:02d}/{name}-{self.post_id}-1080x675.jpg"
        written = {"absolute": HOST + path, "relative": path, "protocol-relative": "//eng-archive.aawsat.com" + path}[self.src_form]
        return written, HOST + path

    def attribute_copies(self, copies: list[CaptionCopy]) -> tuple[str, list[CaptionCopy]]:
        """alt/title attributes of an image carrying up to two copies."""
        taken: list[CaptionCopy] = []
        attrs = ' alt=""'
        for name, copy in zip(("alt", "title"), copies):
            if name == "title" and taken and len(copy.text) == len(taken[0].text) and copy.text != taken[0].text and not copy.cut_short:
                break  # alt and title of one element: no order between them to break a tie
            value = copy.quote[:1] + copy.text + copy.quote[1:]
            attrs = (attrs if name == "title" else "") + f' {name}="{self.w.attribute(value)}"'
            taken.append(copy)
        return attrs, taken

    def caption_text_html(self, copy: CaptionCopy, allow_br: bool = False) -> str:
        html = self.w.text(copy.text, inline=False)
        if allow_br and self.rng.random() < 0.15 and " " in html:
            html = html.replace(" ", " <br />\n", 1)
        if copy.quote:
            html = self.w.chars(copy.quote[0]) + html + self.w.chars(copy.quote[1])
        return html

    def caption_block(self, copy: CaptionCopy, source: str) -> str:
        """One caption copy written by one of RECORD.md's sources; the
        copy is recorded in document order."""
        self.seen.append(copy)
        text = self.caption_text_html(copy)
        if source == "label-same":
            label = self.rng.choice(("<strong>Caption:</strong>", "<b>Caption:</b>", "Caption:", '<span class="caption-label">Caption:</span>', "<strong>Caption: </strong>"))
            tag = self.rng.choice(("p", "div"))
            extra = ' class="photo-caption"' if tag == "div" else ""
            return f"<{tag}{extra}>{label}{'' if label.endswith(' </strong>') else ' '}{text}</{tag}>"
        if source == "label-alone":
            return self.rng.choice((
                f"<p><strong>Caption:</strong></p>\n<p>{text}</p>",
                f'<div class="caption-label">Caption:</div>\n<div class="caption-text">{text}</div>',
                f"<p><b>Caption:</b></p>\n<p><em>{text}</em></p>",
                f"<p>Caption:</p>\n<p>{text}</p>",
            ))
        if source == "wp-caption-text":
            return f'<div class="wp-caption alignnone"><p class="wp-caption-text">{self.caption_text_html(copy, True)}</p></div>'
        raise ValueError(source)

    def figure(self, copies: list[CaptionCopy], name: str) -> str:
        """An image in the content with its captions: alt/title, then a
        figcaption or .wp-caption-text."""
        rng = self.rng
        in_attributes = copies[: rng.randint(0, min(2, len(copies)))]
        attrs, taken = self.attribute_copies(in_attributes)
        self.seen.extend(taken)
        rest = copies[len(taken):]
        written, absolute = self.img_src(name)
        self.content_images.append(absolute)
        img = f'<img class="size-large wp-image-{self.post_id}" src="{written}" width="1024" height="640"{attrs} />'
        if rest:
            below_copy = rest.pop(0)
            self.seen.append(below_copy)
            text = self.caption_text_html(below_copy, True)
            if rng.random() < 0.5:
                block = f'<figure class="wp-caption aligncenter">{img}<figcaption class="wp-caption-text">{text}</figcaption></figure>'
            else:
                block = f'<div class="wp-caption aligncenter">{img}<p class="wp-caption-text">{text}</p></div>'
        else:
            block = f'<div class="wp-caption aligncenter">{img}</div>' if rng.random() < 0.5 else f"<p>{img}</p>"
        for copy in rest:  # more copies as labels right below the image
            block += "\n" + self.caption_block(copy, self.rng.choice(("label-same", "label-alone")))
        return block

    # -- dateline and body
    def draw_dateline_and_body(self):
        rng = self.rng
        kind = self.draw("dateline", {"asharq": 0.35, "agency": 0.2, "place-only": 0.12, "none": 0.2, "none-decoy": 0.13})
        place = rng.choice(T.PLACES)
        self.dateline = {"asharq": f"{place}, Asharq Al-Awsat", "agency": f"{place}, {rng.choice(T.AGENCIES)}",
                         "place-only": place.upper()}.get(kind)
        self.dash = pick(rng, {"—": 0.3, " — ": 0.1, "–": 0.1, " – ": 0.15, " - ": 0.15, "-": 0.05, "--": 0.1, " -- ": 0.05})
        self.dash_written = self.dash
        if self.dash.strip() in ("—", "–") and rng.random() < 0.5:
            self.dash_written = self.dash.replace("—", rng.choice(("&#8212;", "&mdash;"))).replace("–", rng.choice(("&#8211;", "&ndash;")))
        self.dateline_strong = rng.random() < 0.3
        if self.dateline:
            self.v["dateline"] = f"{kind}/{self.dash!r}" + ("/strong" if self.dateline_strong else "")
        low, high = {"10k": (2, 5), "20k": (3, 9), "60k": (5, 18), "200k": (6, 30)}[self.bucket]
        count = rng.randint(low, high)
        self.draw("body", {"p": 0.35, "div": 0.12, "br": 0.12, "builder": 0.2, "lists-quotes": 0.21})
        first = paragraph = T.paragraph(rng, (2, 4))
        if kind == "none":
            first = T.plain_opening(rng) + " " + paragraph
        elif kind == "none-decoy":
            first = T.decoy_opening(rng) + " " + paragraph
        self.body_texts = [first] + [T.paragraph(rng) for _ in range(count - 1)]
        self.arabic = self.encoding in ("utf-8", "undeclared-utf-8") and rng.random() < 0.2

    def grow_body(self, extra: int):
        self.body_texts.extend(T.paragraph(self.rng) for _ in range(extra))

    def paragraph_html(self, text: str, tag: str) -> str:
        self.paragraphs.append(text)
        return f"<{tag}>{self.w.text(text)}</{tag}>"

    def first_paragraph_html(self, tag: str) -> str:
        text = self.body_texts[0]
        if not self.dateline:
            return self.paragraph_html(text, tag) if tag else self.line(text)
        self.paragraphs.append(text)  # the dateline is cut from it by build_meant
        dateline = self.w.chars(self.dateline)
        if self.dateline_strong:
            strong = self.rng.choice(("strong", "b"))
            opening = (f"<{strong}>{dateline}{self.dash_written}</{strong}>" if self.rng.random() < 0.6
                       else f"<{strong}>{dateline}</{strong}>{self.dash_written}")
        else:
            opening = dateline + self.dash_written
        html = opening + self.w.text(text)
        return f"<{tag}>{html}</{tag}>" if tag else html + "<br /><br />\n"

    def line(self, text: str) -> str:
        self.paragraphs.append(text)
        return self.w.text(text) + self.rng.choice(("<br />\n", "<br /><br />\n", "<br/>\n<br/>\n"))

    def body_html(self) -> list[str]:
        """The content block's children: labels, captions, paragraphs and
        the furniture real content blocks hold, in document order."""
        rng, style = self.rng, self.v["body"]
        blocks: list[str] = []
        tag = {"div": "div", "br": ""}.get(style, "p")
        furniture_top = rng.random() < 0.3
        if furniture_top:
            blocks.append(F.share_block(rng))
        if self.title_source == "content-h1":
            blocks.append(f"<h1>{self.w.text(self.headline, inline=False)}</h1>")
        info_open = False
        if self.media_id and self.mid_place == "before":
            html, info_open = self.media_id_html(style)
            blocks.append(html)
        # Captions of the first image, before the body.
        copies = list(self.copies1)
        if self.image1 == "featured":
            copies = copies[len(self.featured_taken):]
        if info_open:
            if copies and rng.random() < 0.7:
                copy = copies.pop(0)
                self.seen.append(copy)
                blocks.append(f"Caption: {self.caption_text_html(copy)}</div>")
            else:
                self.empty_caption_label = True  # "Caption:" with nothing after it in its block
                blocks.append("<strong>Caption:</strong></div>")
            self.v["media_id"] += "+caption-line" if not self.empty_caption_label else "+empty-caption-label"
        if self.image1 == "content-top" and copies:
            blocks.append(self.figure(copies, "top"))
            copies = []
        plain_copies = []
        for copy in copies:
            source = pick(rng, {"label-same": 0.4, "label-alone": 0.35, "wp-caption-text": 0.25})
            if style == "br" and source == "label-same":
                self.seen.append(copy)
                blocks.append("<strong>Caption:</strong> " + self.caption_text_html(copy) + "<br /><br />\n")
                continue
            blocks.append(self.caption_block(copy, source))
            plain_copies.append(copy)
        if plain_copies and rng.random() < 0.25:
            # The seed's third copy: a plain paragraph repeating a copy.
            copy = rng.choice(plain_copies)
            blocks.append(f"<p>{self.caption_text_html(copy)}</p>")
            self.v["captions"] += "+plain-copy"
        if style == "builder":
            blocks.append('<div class="et_pb_section et_pb_section_0 et_section_regular"><div class="et_pb_row et_pb_row_0"><div class="et_pb_column et_pb_column_4_4"><div class="et_pb_module et_pb_text et_pb_text_0"><div class="et_pb_text_inner">')
        blocks.append(self.first_paragraph_html(tag))
        texts = self.body_texts[1:]
        figure_at = rng.randrange(len(texts) + 1) if self.copies2 and style != "br" else None
        ad_at = rng.randrange(len(texts) + 1) if rng.random() < 0.3 else None
        for index, text in enumerate(texts + [None]):
            if index == figure_at:
                blocks.append(self.figure(self.copies2, "inline"))
            if index == ad_at:
                blocks.append(F.ad_slot(rng))
            if text is None:
                break
            if style == "br":
                blocks.append(self.line(text))
                continue
            roll = rng.random()
            if style == "lists-quotes" and roll < 0.15:
                items = [T.sentence(rng) for _ in range(rng.randint(2, 4))]
                self.paragraphs.extend(items)
                list_tag = rng.choice(("ul", "ol"))
                blocks.append(f'<{list_tag} class="factbox">' + "".join(f"<li>{self.w.text(i)}</li>" for i in items) + f"</{list_tag}>")
            elif style == "lists-quotes" and roll < 0.3:
                if rng.random() < 0.5:
                    self.paragraphs.append(text)
                    blocks.append(f"<blockquote>{self.w.text(text)}</blockquote>")
                else:
                    parts = [text, T.sentence(rng)]
                    self.paragraphs.extend(parts)
                    blocks.append("<blockquote>" + "".join(f"<p>{self.w.text(p)}</p>" for p in parts) + "</blockquote>")
                continue
            if self.arabic and index == 0 and tag:
                text_ar = text + " The paper’s name in Arabic is الشرق الأوسط."
                self.paragraphs.append(text_ar)
                blocks.append(f'<{tag}>{self.w.text(text)} The paper’s name in Arabic is <span lang="ar" dir="rtl">الشرق الأوسط</span>.</{tag}>')
                continue
            blocks.append(self.paragraph_html(text, tag))
            if rng.random() < 0.06:
                blocks.append(rng.choice(("<p>&nbsp;</p>", "<p></p>", "<div>&nbsp;</div>", F.embed_paragraph(rng))))
            if style == "builder" and rng.random() < 0.08:
                blocks.append('</div></div></div></div></div><div class="et_pb_section et_pb_section_1"><div class="et_pb_row"><div class="et_pb_column"><div class="et_pb_module et_pb_text et_pb_text_1"><div class="et_pb_text_inner">')
        if rng.random() < 0.15 and style != "br":
            written, absolute = self.img_src("plain")
            self.content_images.append(absolute)
            blocks.append(f'<p><img class="aligncenter" src="{written}" alt="" width="800" height="500" /></p>')
        if style == "builder":
            blocks.append("</div></div></div></div></div>")
        if self.media_id and self.mid_place == "after":
            blocks.append(self.media_id_html(style, closed=True)[0])
        if rng.random() < 0.15:
            blocks.append(F.inline_style())
        if rng.random() < 0.15:
            blocks.append(F.newsletter_form())
        if rng.random() < 0.4:
            blocks.append(F.share_block(rng))
        return blocks

    def meta_wrapper_html(self) -> str:
        rng = self.rng
        parts = []
        if self.title_source == "h1.entry-title":
            parts.append(f'<h1 class="entry-title">{self.w.text(self.headline, inline=False)}</h1>')
        parts.append(self.post_meta_html())
        if self.media_id and self.mid_place == "meta-wrapper":
            parts.append(self.media_id_html("p", closed=True)[0])
        self.featured_taken: list[CaptionCopy] = []
        if self.image1 == "featured" or self.bare_featured:
            attrs = ' alt=""'
            if self.image1 == "featured":
                attrs, self.featured_taken = self.attribute_copies(self.copies1[: rng.randint(0, 2)])
                self.seen.extend(self.featured_taken)
            written, absolute = self.img_src("featured")
            self.featured = absolute
            parts.append(f'<div class="et_featured_image"><img width="1080" height="675" src="{written}" class="attachment-et-pb-post-main-image-fullwidth wp-post-image"{attrs} /></div>')
        else:
            self.featured = None
        return "\n".join(p for p in parts if p)

    def article_html(self) -> str:
        v = self.v
        classes = f"et_pb_post post-{self.post_id} post type-post status-publish format-standard hentry " + " ".join(
            f"category-{T.slug(c)}" for c in self.categories) + " " + " ".join(f"tag-{T.slug(t)}" for t in self.tags)
        header = ""
        if self.title_source == "header-h1":
            header = f'<header class="entry-header"><h1>{self.w.text(self.headline, inline=False)}</h1></header>\n'
        wrapper = self.meta_wrapper_html()
        content = "\n".join(self.body_html())
        v["title"] = self.title_source
        return (f'<article id="post-{self.post_id}" class="{classes.strip()}">\n{header}<div class="et_post_meta_wrapper">\n{wrapper}\n</div>\n'
                f'<div class="entry-content">\n{content}\n{{related-in}}</div>\n{{related-out}}{self.tags_line_html()}\n'
                f'<div class="et_post_meta_wrapper">{{comments}}</div>\n</article>')

    def head_html(self, assets: str) -> str:
        rng = self.rng
        charset = {"utf-8": '<meta charset="UTF-8" />', "windows-1252": '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252" />'}.get(self.encoding, "")
        metas = [charset, f"<title>{self.w.chars(self.title_tag)}</title>"]
        if self.canonical_href:
            metas.append(f'<link rel="canonical" href="{attr(self.canonical_href)}" />')
        if rng.random() < 0.8:
            metas.append('<meta property="og:type" content="article" />')
        if self.og_title:
            metas.append(f'<meta property="og:title" content="{self.w.attribute(self.og_title)}" />')
        if self.og_image:
            metas.append(f'<meta property="og:image" content="{self.og_image}" />')
        if self.published_meta:
            metas.append(f'<meta property="article:published_time" content="{self.iso(self.date)}" />')
        if rng.random() < 0.4:  # a modification date is never the publication date
            metas.append(f'<meta property="article:modified_time" content="{self.iso(self.modified)}" /><meta property="og:updated_time" content="{self.iso(self.modified)}" />')
        metas.append(f'<link rel="shortlink" href="{HOST}/?p={self.post_id}" />')
        return "<head>\n\t" + "\n\t".join(m for m in metas if m) + "\n\t" + assets + "\n</head>"

    def meant(self) -> dict:
        # The dateline was written before the first paragraph's text, which
        # is what self.paragraphs holds: nothing to cut here.
        dateline = self.dateline
        body = "\n\n".join(self.paragraphs)
        captions = best_captions(self.seen)
        image_url = self.og_image or self.featured or (self.content_images[0] if self.content_images else None)
        title = self.headline  # every title source carries the headline, suffix or not
        return {
            "url": self.url, "media_id": self.media_id, "title": title, "dateline": dateline,
            "caption": captions[0] if captions else None, "captions": captions, "body": body,
            "author": self.author, "published": self.published, "categories": list(self.categories),
            "tags": list(self.tags), "image_url": image_url, "word_count": len(body.split()), "fetched_at": FETCHED_AT,
        }


# ---------------------------------------------------------------- size

SIZE_MODES = {"10k": {"light": 1.0}, "20k": {"light": 1.0}, "60k": {"comments": 0.5, "sidebar": 0.5},
              "200k": {"comments": 0.4, "mega": 0.35, "long-body": 0.25}}


def grow(rng: random.Random, bucket: str, mode: str, room: int) -> dict:
    """Furniture for `room` bytes, the kind pages of that size carry:
    comment threads, mega menus and footers, sidebar widgets."""
    menu = [F.menu_item(rng, i) for i in range(rng.randint(3, 7))]
    widgets: list[str] = []
    footer: list[str] = []
    comments: list[str] = []
    size = sum(map(len, menu))
    small = bucket in ("10k", "20k")
    number = 1000
    while size < room:
        roll = rng.random()
        if mode == "comments" and roll < 0.8 or mode == "light" and roll < 0.25:
            number += 1
            unit = F.comment(rng, number, replies=0 if small else rng.choice((0, 0, 0, 1, 2)))
            comments.append(unit)
        elif mode == "mega" and roll < 0.5:
            unit = F.menu_item(rng, len(menu) + 100, children=rng.randint(4, 14))
            menu.append(unit)
        elif mode == "mega" and roll < 0.9 or mode in ("sidebar", "long-body") and roll < 0.3:
            unit = F.footer_column(rng, len(footer), rng.randint(10, 40))
            footer.append(unit)
        elif mode == "light" and roll < 0.5:
            unit = F.menu_item(rng, len(menu) + 100)
            menu.append(unit)
        else:
            unit = F.sidebar_widget(rng, len(widgets) + 3, rng.randint(3, 8 if small else 25))
            widgets.append(unit)
        size += len(unit)
    return {"menu": menu, "widgets": widgets, "footer": footer, "comments": comments}


def encode(html: str, encoding: str) -> bytes:
    return html.encode("cp1252" if encoding in ("windows-1252", "undeclared-cp1252") else "utf-8")


def article_page(rng: random.Random, number: int, bucket: str) -> BenchPage:
    target = int(BUCKETS[bucket] * rng.uniform(0.85, 1.1))
    article = Article(rng, number, bucket)
    mode = pick(rng, SIZE_MODES[bucket])
    article.v["size mode"] = mode
    if mode == "long-body":
        article.grow_body(int(target * rng.uniform(0.4, 0.7)) // 450)
    heavy = {"10k": 0, "20k": rng.randint(0, 3), "60k": rng.randint(2, 10), "200k": rng.randint(4, 20)}[bucket]
    related = 0 if bucket == "10k" and rng.random() < 0.7 else rng.randint(2, 6)
    content = article.article_html()
    related_html = F.related_posts(rng, related) if related else ""
    inside = rng.random() < 0.6
    content = content.replace("{related-in}", related_html + "\n" if inside else "", 1).replace("{related-out}", "" if inside else related_html + "\n", 1)
    head = article.head_html(F.head_assets(rng, heavy))
    chrome = 3200  # site header, sidebar search, comment form, footer, scripts
    furniture = grow(rng, bucket, mode, target - len(content) - len(head) - chrome)
    content = content.replace("{comments}", F.comments_section(furniture["comments"]))
    body_class = article.draw("body class", {"divi-single": 0.85, "none": 0.1, "single": 0.05})
    classes = {"divi-single": f"post-template-default single single-post postid-{article.post_id} single-format-standard et_pb_pagebuilder_layout et_fixed_nav et_show_nav et_right_sidebar et_divi_theme chrome",
               "none": "", "single": "single"}[body_class]
    body_attr = f' class="{classes}"' if classes else ""
    html = f"""<!DOCTYPE html>
<html lang="en-US">
{head}
<body{body_attr}>
<div id="page-container">
{F.site_header(furniture["menu"])}
<div id="et-main-area"><div id="main-content"><div class="container"><div id="content-area" class="clearfix"><div id="left-area">
{content}
</div>
{F.sidebar(furniture["widgets"])}
</div></div></div>
{F.site_footer(rng, furniture["footer"])}
</div></div>
{F.closing_scripts(rng)}
</body>
</html>
"""
    return BenchPage(f"{number:05d}-{bucket}", article.own_url, encode(html, article.encoding), bucket, article.meant(), article.v)


def listing_page(rng: random.Random, number: int) -> BenchPage:
    kind = pick(rng, {"category": 0.55, "tag": 0.3, "home": 0.15})
    name = rng.choice(T.TAGS if kind == "tag" else T.CATEGORIES)
    paged = rng.random() < 0.7
    page_no = rng.randint(2, 830)
    path = "/" if kind == "home" else f"/{kind}/{T.slug(name)}/" + (f"page/{page_no}/" if paged else "")
    body_class = {"home": "home blog", "category": f"archive category category-{T.slug(name)}", "tag": f"archive tag tag-{T.slug(name)}"}[kind]
    if paged and kind != "home":
        body_class += f" paged paged-{page_no}"
    entries = []
    for _ in range(rng.randint(8, 12)):
        title = T.headline(rng)
        year, month, day = T.date_parts(rng)
        meta = (f'<p class="post-meta"> by <span class="author vcard"><a href="{HOST}/author/x/" rel="author">{F.esc(T.person(rng))}</a></span> | '
                f'<span class="published">{T.SHORT_MONTHS[month - 1]} {day}, {year}</span> | <a href="{HOST}/category/opinion/" rel="category tag">{F.esc(rng.choice(T.CATEGORIES))}</a></p>') if rng.random() < 0.7 else ""
        entries.append(f'<article id="post-{rng.randint(20000, 99999)}" class="et_pb_post post type-post status-publish format-standard hentry">'
                       f'<h2 class="entry-title"><a href="{HOST}/theaawsat/news-middle-east/{T.slug(title)}">{F.esc(title)}</a></h2>{meta}'
                       f"<p>{F.esc(T.paragraph(rng, (1, 2))[:220])}...</p></article>")
    menu = [F.menu_item(rng, i, children=rng.choice((0, 0, 5))) for i in range(rng.randint(5, 12))]
    widgets = [F.sidebar_widget(rng, i, rng.randint(5, 15)) for i in range(rng.randint(1, 4))]
    title = {"home": "ASHARQ AL-AWSAT English Archive 2005 -2017", "category": f"{name} | ASHARQ AL-AWSAT English Archive 2005 -2017",
             "tag": f"{name} Archives - ASHARQ AL-AWSAT English Archive"}[kind]
    html = f"""<!DOCTYPE html>
<html lang="en-US">
<head>
	<meta charset="UTF-8" />
	<title>{F.esc(title)}</title>
	<meta property="og:type" content="website" />
	{F.head_assets(rng, rng.randint(0, 6))}
</head>
<body class="{body_class} et_pb_button_helper_class et_fixed_nav et_divi_theme">
<div id="page-container">
{F.site_header(menu)}
<div id="et-main-area"><div id="main-content"><div class="container"><div id="content-area" class="clearfix"><div id="left-area">
{"".join(entries)}
<div class="pagination clearfix"><div class="alignleft"><a href="{HOST}{path}page/2/">&laquo; Older Entries</a></div><div class="alignright"><a href="{HOST}/">Next Entries &raquo;</a></div></div>
</div>
{F.sidebar(widgets)}
</div></div></div>
{F.site_footer(rng, [F.footer_column(rng, i, 10) for i in range(rng.randint(0, 4))])}
</div></div>
</body>
</html>
"""
    return BenchPage(f"{number:05d}-{LISTING}", HOST + path, html.encode("utf-8"), LISTING, None, {"listing": kind})


def generate_corpus(count: int, seed: int = 17, buckets: tuple[str, ...] = tuple(BUCKETS)) -> list[BenchPage]:
    """`count` pages: articles cycling through `buckets`, and one listing
    after every ten articles."""
    rng = random.Random(seed)
    pages = []
    articles = 0
    for number in range(count):
        if number % (ARTICLES_PER_LISTING + 1) == ARTICLES_PER_LISTING:
            pages.append(listing_page(rng, number))
        else:
            pages.append(article_page(rng, number, buckets[articles % len(buckets)]))
            articles += 1
    return pages


def generate_bucket(bucket: str, count: int, seed: int = 17) -> list[BenchPage]:
    """`count` pages of one bucket (articles of that size, or listings)."""
    rng = random.Random(f"{seed}-{bucket}")
    if bucket == LISTING:
        return [listing_page(rng, n) for n in range(count)]
    return [article_page(rng, n, bucket) for n in range(count)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=22)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--out", required=True, help="folder for the pages and meant.jsonl")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "meant.jsonl").open("w", encoding="utf-8") as meant:
        for page in generate_corpus(args.pages, args.seed):
            (out / f"{page.name}.html").write_bytes(page.body)
            meant.write(json.dumps({"name": page.name, "url": page.url, "bytes": len(page.body), "variants": page.variants,
                                    "meant": page.meant}, ensure_ascii=False) + "\n")
    print(f"{args.pages} pages in {out}")


if __name__ == "__main__":
    main()
