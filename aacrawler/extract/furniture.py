"""What is page furniture rather than article text.

RECORD.md leaves out of the body "share/social buttons, related-post
blocks, comments, scripts, styles, forms, menus, ads, iframes and other
embeds"; the same parts must not give captions, bylines or tags either.
The markup is unknown, so furniture is recognised by tag and by the
class/id words WordPress themes and plugins use for it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .boilerplate import FURNITURE_FRAGMENTS, fragment_search, is_link_list, is_not_body_part, not_body_word
from .tree import Element, text_content

# Never text of the article, wherever they stand.
FURNITURE_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "form", "iframe", "frame",
        "embed", "object", "video", "audio", "svg", "canvas", "button",
        "input", "select", "textarea", "nav", "aside", "head", "link", "meta",
    }
)

# Part of the article, but not of its body: headline, byline line, tags line.
META_TAGS = frozenset({"h1"})

# Class/id words, matched whole.
_FURNITURE_WORDS = frozenset(
    {
        "sidebar", "respond", "comments", "comment", "commentlist",
        "ad", "ads", "advert", "advertisement", "adsbygoogle", "banner",
        "sponsored", "newsletter", "subscribe", "breadcrumb", "breadcrumbs",
        "pagination", "screen-reader-text", "author-box", "author-bio",
        "about-author", "author-info", "main-header", "top-header",
        "main-footer", "site-header", "site-footer", "footer-bottom",
        "footer-widgets", "et_pb_footer", "print", "printfriendly",
        "post-navigation", "navigation", "nav-links", "hidden",
    }
)
# Class/id fragments: any word containing one of these is furniture.
_FURNITURE_FRAGMENTS = (
    "share", "sharing", "social", "addtoany", "a2a_", "related", "yarpp",
    "widget", "menu", "comment-", "-comments", "_comments", "navbar",
    "ad-slot", "ad-container", "ad-wrap", "advert", "google-ad", "gpt-ad", "dfp-",
    # share-button plugins with names of their own, and social embeds
    "ssba", "mashsb", "essb", "sfsi", "heateor", "tweet", "twitter-",
    "facebook", "fb-", "whatsapp", "linkedin", "pinterest", "instagram",
    "newsletter", "subscribe", "outbrain", "taboola",
) + FURNITURE_FRAGMENTS  # plugins' boxes inside the post (boilerplate.py)
_FRAGMENT_SEARCH = fragment_search(_FURNITURE_FRAGMENTS)
_FURNITURE_PREFIXES = ("ad-", "ad_", "ads-", "ads_", "nav-", "nav_")
_FURNITURE_SUFFIXES = ("-ad", "_ad", "-ads", "_ads", "-nav", "_nav")

# Inside the article but never body text (RECORD.md "body"): the meta
# line, the title block, the tags line and caption containers.
_NOT_BODY_WORDS = frozenset(
    {
        "post-meta", "entry-meta", "entry-title", "entry-header",
        "entry-footer", "et_post_meta_wrapper", "tags", "post-tags",
        "tag-links", "tags-links", "entry-tags", "cat-links",
        "post-categories",
        "media-credit",
    }
)

# WordPress puts `category-<slug>`, `tag-<slug>`, `postid-N` ... on the
# article and <body>; a tag slug like `social-media` must not make the
# whole article furniture.
_TAXONOMY_PREFIXES = (
    "tag-", "category-", "postid-", "format-", "type-", "status-",
    "page-id-", "single-format-",
)


@lru_cache(maxsize=4096)
def _words_of(classes: str | None, element_id: str | None) -> tuple[str, ...]:
    words = (classes or "").lower().split()
    if element_id:
        words.append(element_id.lower())
    return tuple(w for w in words if not w.startswith(_TAXONOMY_PREFIXES))


# Page builders' layout containers (Divi's sections, rows and columns,
# Elementor's sections, columns and containers, the block editor's groups
# and columns). Their ids are the site builder's own labels, anchors and
# scroll targets ("social-scroll-past-this" on the row holding a Divi
# Theme Builder post's content): such an id is furniture only when it is
# a furniture word as a whole, never for a fragment inside it.
_LAYOUT_CONTAINERS = frozenset(
    {
        "et_pb_section", "et_pb_row", "et_pb_column", "et_pb_row_inner",
        "et_pb_column_inner", "elementor-section", "elementor-column",
        "elementor-container", "e-con", "wp-block-group", "wp-block-columns",
        "wp-block-column",
    }
)


# A page repeats the same class attributes hundreds of times: judge each
# (class, id) once.
@lru_cache(maxsize=4096)
def _furniture_words(classes: str | None, element_id: str | None) -> bool:
    if element_id and not _LAYOUT_CONTAINERS.isdisjoint((classes or "").split()):
        if element_id.lower() in _FURNITURE_WORDS:
            return True
        element_id = None  # a layout label: the classes judge
    for word in _words_of(classes, element_id):
        if word in _FURNITURE_WORDS or word.startswith(_FURNITURE_PREFIXES) or word.endswith(_FURNITURE_SUFFIXES):
            return True
        if word.startswith("elementor-"):
            # Elementor names every block of a layout `elementor-widget-*`:
            # the word says nothing of furniture, the rest of it may.
            word = word.replace("widget", "")
        if _FRAGMENT_SEARCH(word):
            return True
    return False


def marked_as_furniture(element: Element) -> bool:
    """Furniture by its class and id words (not by its tag or a hidden
    style): a comment thread, a sidebar or widget, related posts, ads."""
    return _furniture_words(element.get("class"), element.get("id"))


@lru_cache(maxsize=4096)
def _not_body_words(classes: str | None, element_id: str | None) -> bool:
    return any(word in _NOT_BODY_WORDS or not_body_word(word) for word in _words_of(classes, element_id))


def is_hidden(element: Element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    if not style:
        return False
    style = style.replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def is_furniture(element: Element) -> bool:
    """True for a part of the page that is never the article's own text."""
    tag = element.tag
    if not isinstance(tag, str):  # comments and processing instructions
        return True
    if tag in FURNITURE_TAGS:
        return True
    if tag in ("html", "body"):
        return False
    if tag == "header" and _is_site_region(element):
        return True
    if tag == "footer" and _is_site_region(element):
        return True
    if is_hidden(element):
        return True
    return marked_as_furniture(element)


# Another post's entry inside the article's region: a Divi blog module
# (`article.et_pb_post` items) or a "more posts" grid placed in the post.
# Only entries WordPress marks as posts: a theme may wrap the post's own
# text in a plain <article> inside the content block.
_POST_ENTRY_WORDS = frozenset({"et_pb_post", "hentry", "type-post"})


def is_post_entry(element: Element, own_post: str | None = None) -> bool:
    """A post entry (`.et_pb_post`, `.hentry`, `.type-post`) other than
    the page's own post (`own_post`: `post-N`, its id or class). Asked of
    elements below the region being read, never of the region itself:
    there it is another post (related, recent, a blog module's item)."""
    classes = element.get("class")
    if not classes:
        return False
    words = _post_entry_marks(classes)
    if words is None:
        return False
    return own_post is None or (own_post not in words and element.get("id") != own_post)


@lru_cache(maxsize=4096)
def _post_entry_marks(classes: str) -> frozenset[str] | None:
    """The class words when they mark a post entry, else None (asked of
    every element the walks meet: judged once per class attribute)."""
    words = frozenset(classes.split())
    return None if _POST_ENTRY_WORDS.isdisjoint(words) else words


def is_furniture_or_post(element: Element, own_post: str | None = None) -> bool:
    """Furniture, or another post's entry (for walks of the article)."""
    if is_furniture(element):
        return True
    classes = element.get("class")  # is_post_entry, inlined: asked of every element
    if not classes:
        return False
    words = _post_entry_marks(classes)
    return words is not None and (own_post is None or (own_post not in words and element.get("id") != own_post))


def is_not_body(element: Element, own_post: str | None = None) -> bool:
    """True for furniture, other posts' entries, and for article parts
    that are not its body."""
    return is_furniture_or_post(element, own_post) or is_article_aside(element)


def is_article_aside(element: Element) -> bool:
    """A part of the article that is not its body: the headline, a
    footer, a meta or tag line, a link list, a plugin's box."""
    if element.tag in META_TAGS or element.tag == "footer":
        return True
    if _not_body_words(element.get("class"), element.get("id")):
        return True
    if element.tag in ("ul", "ol") and is_link_list(element):
        return True
    return _is_taxonomy_line(element) or is_not_body_part(element)


# "Tags: <a rel=tag>Iran</a>, <a rel=tag>IAEA</a>" with no class to say so.
_TAXONOMY_LABEL = re.compile(
    r"^[\s:,;|/·•-]*(?:(?:tags?|tagged(?:\s+with)?|topics?|categories|category|filed\s+under)"
    r"[\s:,;|/·•-]*)?$",
    re.IGNORECASE,
)


def _is_taxonomy_line(element: Element) -> bool:
    if element.tag not in ("p", "div", "span", "li", "ul"):
        return False
    links = [a for a in element.iter("a") if a.get("rel") and "tag" in (a.get("rel") or "").lower().split()
             or "category" in (a.get("rel") or "").lower().split()]
    if not links:
        return False
    text = text_content(element)
    for link in links:
        text = text.replace(text_content(link), " ", 1)
    return bool(_TAXONOMY_LABEL.match(text))


def _is_site_region(element: Element) -> bool:
    """A <header>/<footer> of the site, not one of the article."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("article", "main") or "entry-content" in (
            ancestor.get("class") or ""
        ):
            return False
    return True


class FurnitureCache:
    """Is an element, or one of its ancestors, furniture? With memory: a
    page asks about many elements that share ancestors."""

    def __init__(self, top: Element | None = None):
        self.known: dict[Element, bool] = {}
        self.exempted: set[Element] = set()
        # An element judged by its own marks and those below it, never by
        # its ancestors' (the page's own post: see Page.in_furniture).
        self.top = top

    def exempt(self, element: Element) -> None:
        """Judge `element` by its ancestors only, not by its own marks (the
        content block, whatever words its classes hold)."""
        self.exempted.add(element)
        for node in element.iter():
            self.known.pop(node, None)

    def __call__(self, element: Element) -> bool:
        known = self.known
        chain = []
        node = element
        inherited = False
        top = self.top
        while node is not None and node.tag not in ("html", "body"):
            cached = known.get(node)
            if cached is not None:
                inherited = cached
                break
            chain.append(node)
            if node is top:
                break
            node = node.getparent()
        exempted = self.exempted
        for node in reversed(chain):  # from the outermost down
            inherited = inherited or (node not in exempted and is_furniture(node))
            known[node] = inherited
        return inherited
