"""RECORD.md's `url`: the canonical link wins over the page's own URL only
when it is on the same host, or when the page has no web URL of its own.
A column syndicated from www.majalla.com names Majalla as its canonical:
the crawl, `extract --url` and `extract` of a mirror folder all record
the archive's URL; a bare local file records the canonical."""

import json

from .helpers import aacrawler, read_jsonl
from . import wpsite as W

OWN = f"{W.ARCHIVE}/majalla-blogs/the-long-road-to-mosul/"
CANONICAL = "https://www.majalla.com/eng/2016/10/article55251234/the-long-road-to-mosul"


def syndicated_page() -> str:
    post = W.Post(300, "the-long-road-to-mosul", "The long road to Mosul", None, "Hannah Lucinda Smith", "Oct 20, 2016", "news",
                  ("The road from Erbil to Mosul is short on the map.", "It has taken two years to travel."))
    return W.article_page(post).replace(f"<link rel=canonical href={post.url!r} />", f'<link rel="canonical" href="{CANONICAL}" />')


def test_a_canonical_on_another_host_keeps_the_pages_own_url(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(syndicated_page(), "utf-8")
    given = aacrawler("extract", "--url", OWN, str(page))
    assert given.returncode == 0, given.stderr
    assert json.loads(given.stdout)["url"] == OWN
    # No web URL of its own: the canonical is all the page says of itself.
    bare = aacrawler("extract", str(page))
    assert json.loads(bare.stdout)["url"] == CANONICAL

    mirror = tmp_path / "mirror"
    W.write(mirror, "/majalla-blogs/the-long-road-to-mosul/", syndicated_page())
    W.write(mirror, "/", W.static_front_page([]))
    in_mirror = aacrawler("extract", str(mirror))
    assert json.loads(in_mirror.stdout)["url"] == OWN
    out = tmp_path / "crawl.jsonl"
    aacrawler("crawl", "--replay", str(mirror), "-o", str(out), "--start", OWN)
    assert [r["url"] for r in read_jsonl(out)] == [OWN]
