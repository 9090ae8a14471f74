"""Per-stage timing of aacrawler's extraction, without editing it: the
stage functions that aacrawler/extract/record.py calls are looked up in
that module's namespace at call time, so replacing those module
attributes with timing wrappers (for the length of a `with`) times every
call the real `extract_record` makes.

What each figure includes (inclusive wall time of the call):
- parse: page_from_item (encoding decision, lxml parse, parsel Selector)
- classify: page_kind (also computes the cached page.entries / article /
  content lookups when it needs them: later stages then find them cached)
- article walk: read_article, the one walk of the article region that
  gives the pieces for Media ID and caption copies and the body's raw
  paragraphs, the lead included; it is also where a page whose kind the
  body classes settled first looks up its article region and content
  block (and builds the word index those lookups use)
- each field: extract_url, extract_title, extract_media_id,
  collect_caption_copies,
  extract_author, extract_published, extract_categories, extract_tags,
  extract_image_url
- draft (rest): extract_draft minus everything above that it calls (the
  fallback's check, choose_body; making the ArticleDraft)
- cleaning, captions, record: clean_draft, settle_captions, build_record
- validation: aacrawler.validation.record_problems, timed by the caller
"""

from __future__ import annotations

import time
from collections import defaultdict
from contextlib import contextmanager

from aacrawler.extract import record as record_module

STAGES = {
    "page_from_item": "parse",
    "page_kind": "classify",
    "read_article": "article walk (media id, captions, body paragraphs)",
    "extract_url": "url",
    "extract_title": "title",
    "extract_media_id": "media_id",
    "collect_caption_copies": "caption copies",
    "extract_author": "author",
    "extract_published": "published",
    "extract_categories": "categories",
    "extract_tags": "tags",
    "extract_image_url": "image_url",
    "extract_draft": "draft (all of stage 1)",
    "clean_draft": "cleaning",
    "settle_captions": "captions (dedupe, out of body)",
    "build_record": "record (dateline, body, word count)",
}
# Called by extract_draft: its own time is what is left after these.
INSIDE_DRAFT = [name for name in STAGES if name not in ("page_from_item", "extract_draft", "clean_draft", "settle_captions", "build_record")]


@contextmanager
def timed_stages():
    """Seconds per stage name, accumulated while the `with` lasts; stage
    functions that this version of record.py does not have are skipped
    (and listed under the key 'missing')."""
    totals: dict[str, float] = defaultdict(float)
    saved = {}
    missing = []
    for name in STAGES:
        original = getattr(record_module, name, None)
        if original is None:
            missing.append(name)
            continue
        saved[name] = original

        def wrapper(*args, __original=original, __name=name, **kwargs):
            start = time.perf_counter()
            try:
                return __original(*args, **kwargs)
            finally:
                totals[__name] += time.perf_counter() - start

        setattr(record_module, name, wrapper)
    totals["missing"] = 0.0
    try:
        yield totals, missing
    finally:
        for name, original in saved.items():
            setattr(record_module, name, original)
