"""Every selector the extractor and the spider use, named for its field.

One place, so the spider and the extractor never disagree on what the
content block or a listing entry is.
"""

# Where the article's text lives, most specific first (SITE.md: Divi's
# `div.entry-content`; other WordPress themes and Divi builder layouts).
CONTENT_BLOCKS = (
    "[itemprop='articleBody']",
    ".entry-content",
    ".et_pb_post_content",
    ".post-content",
    ".article-content",
    ".article-body",
    ".post-body",
    ".single-content",
    ".entry",
    # Page builders' and news themes' own post-content blocks, for posts
    # with none of the above: Elementor Pro's Post Content widget (Theme
    # Builder single templates), tagDiv Newspaper's post body and its
    # Cloud Library single-post content block.
    ".elementor-widget-theme-post-content",
    ".td-post-content",
    ".tdb_single_content",
)
# Fallback regions when no content block is marked.
MAIN_REGIONS = ("#main-content", "main", "#content", "#left-area")

# Title (RECORD.md "title"), in order.
TITLE_ENTRY = "h1.entry-title"
TITLE_OG = "meta[property='og:title']::attr(content), meta[name='og:title']::attr(content)"
TITLE_TAG = "title"
# Headers of the article whose first <h1> is its headline.
TITLE_HEADER_H1 = (
    "header h1",
    ".entry-header h1",
    ".et_post_meta_wrapper h1",
    ".post-header h1",
    # Elementor Pro's Post Title widget (Theme Builder single templates).
    ".elementor-widget-theme-post-title h1",
)

# Canonical URL.
CANONICAL = "link[rel~='canonical']::attr(href)"

# Post meta (RECORD.md "author / published / categories / tags").
POST_META_LINE = "p.post-meta, .post-meta, .entry-meta, .byline"
AUTHOR = (
    "span.author a",
    "span.author",
    ".author.vcard",
    "a[rel~='author']",
    "[itemprop='author'] [itemprop='name']",
    "[itemprop='author']",
)
PUBLISHED_TEXT = ("span.published", ".entry-date", ".post-date", ".date")
PUBLISHED_TIME = "time"
PUBLISHED_META = (
    "meta[property='article:published_time']::attr(content)",
    "meta[itemprop='datePublished']::attr(content)",
    "[itemprop='datePublished']::attr(datetime)",
)
CATEGORY_LINKS = "a[rel~='category']"
TAG_LINKS = "a[rel~='tag']"

# Main image (RECORD.md "image_url").
IMAGE_OG = (
    "meta[property='og:image']::attr(content)",
    "meta[name='og:image']::attr(content)",
    "meta[property='og:image:url']::attr(content)",
)
FEATURED_IMAGE = (
    "img.wp-post-image",
    ".et_post_meta_wrapper img",
    ".featured-image img",
    ".post-thumbnail img",
)

# Signals that a page is, or is not, a single article.
OG_TYPE = "meta[property='og:type']::attr(content)"
PUBLISHED_TIME_META = "meta[property='article:published_time']"

# Listings (SITE.md "Listing pages").
LISTING_ENTRY_LINK = (
    ".entry-title a::attr(href)",
    "h2 a::attr(href)",
    "h3 a::attr(href)",
    "a.more-link::attr(href)",
)
PAGINATION_NEXT = (
    ".pagination .alignleft a::attr(href)",
    "a.next::attr(href)",
    "a.nextpostslink::attr(href)",
    "link[rel='next']::attr(href)",
    ".nav-previous a::attr(href)",
)
# Divi lists older posts under "« Older Entries".
PAGINATION_NEXT_TEXT = "//a[contains(., 'Older Entries') or contains(., 'Older posts')]/@href"
