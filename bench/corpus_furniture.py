"""Page furniture for the benchmark corpus, in the Divi/WordPress styles
SITE.md describes: the <head>'s scripts and styles, the site header and
its menu (a mega menu on big pages), share buttons, related posts, ads,
newsletter forms, comment threads, the sidebar and the footer.

None of it is article text; its size is what makes a page 10 KB or
200 KB. Each builder that can grow takes a count, so the composer can
grow a page to its size bucket with the furniture real pages carry
(long comment threads, big menus, mega footers), never with padding.
"""

from __future__ import annotations

import random
from html import escape

from corpus_text import (
    CATEGORIES, MONTHS, PLACES, TAGS, comment_text, headline, paragraph, person, slug,
)

HOST = "https://eng-archive.aawsat.com"
SITE_TITLE = "Middle-east Arab News Opinion | Asharq Al-awsat"


def esc(text: str) -> str:
    return escape(text, quote=False)


def attr(text: str) -> str:
    return escape(text, quote=True)


def head_assets(rng: random.Random, heavy: int) -> str:
    """Stylesheets and scripts of a WordPress <head>; `heavy` adds the
    inline JSON and CSS that plugins pile up (0: a lean page)."""
    parts = [
        f"<link rel='stylesheet' id='divi-style-css' href='{HOST}/wp-content/themes/Divi/style.css?ver=3.0.{rng.randint(10, 99)}' type='text/css' media='all' />",
        f"<script type='text/javascript' src='{HOST}/wp-includes/js/jquery/jquery.js?ver=1.12.4'></script>",
        # An 8-digit number that is no Media ID (RECORD.md "media_id").
        f"<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('js',new Date());gtag('config','UA-{rng.randint(55000000, 55999999)}-1');</script>",
    ]
    for index in range(heavy):
        choice = rng.randrange(3)
        if choice == 0:
            entries = ",".join(f'"{k}{index}_{i}":"{rng.randint(10**7, 10**8 - 1)}"' for i, k in enumerate(rng.sample(("ajaxurl", "nonce", "page", "ab", "sub", "img", "vid", "post"), 6)))
            parts.append(f'<script type="text/javascript">/* <![CDATA[ */ var et_pb_custom_{index} = {{{entries},"ajaxurl":"https:\\/\\/eng-archive.aawsat.com\\/wp-admin\\/admin-ajax.php"}}; /* ]]> */</script>')
        elif choice == 1:
            rules = "\n".join(f"\t.et_pb_section_{index}_{i} {{ padding: {rng.randint(0, 60)}px 0; background-color: #{rng.randrange(16**6):06x}; }}" for i in range(rng.randint(4, 12)))
            parts.append(f'<style type="text/css" id="et-builder-module-design-{index}">\n{rules}\n</style>')
        else:
            parts.append(f"<link rel='stylesheet' id='plugin-{index}-css' href='{HOST}/wp-content/plugins/plugin-{index}/css/style.css?ver={rng.randint(1, 9)}.{rng.randint(0, 9)}' type='text/css' media='all' />")
    return "\n\t".join(parts)


def menu_item(rng: random.Random, index: int, children: int = 0) -> str:
    name = rng.choice(CATEGORIES + tuple(PLACES[:12]))
    link = f'<a href="{HOST}/category/{slug(name)}/">{esc(name)}</a>'
    if not children:
        return f'<li id="menu-item-{index}" class="menu-item menu-item-type-taxonomy menu-item-object-category menu-item-{index}">{link}</li>'
    subs = "".join(
        f'<li class="menu-item menu-item-type-taxonomy menu-item-object-category"><a href="{HOST}/tag/{slug(tag)}/">{esc(tag)}</a></li>'
        for tag in (rng.choice(TAGS) for _ in range(children))
    )
    return (f'<li id="menu-item-{index}" class="menu-item menu-item-has-children mega-menu menu-item-{index}">{link}'
            f'<ul class="sub-menu">{subs}</ul></li>')


def site_header(items: list[str]) -> str:
    return f"""<header id="main-header" data-height-onload="66">
	<div class="container clearfix et_menu_container">
		<div class="logo_container"><span class="logo_helper"></span><a href="{HOST}/"><img src="{HOST}/wp-content/uploads/2016/05/aawsat-logo.png" alt="{attr(SITE_TITLE)}" id="logo" /></a></div>
		<div id="et-top-navigation">
			<nav id="top-navigation"><ul id="top-menu" class="nav">{"".join(items)}</ul></nav>
			<div id="et_mobile_nav_menu"><div class="mobile_nav closed"><span class="select_page">Select Page</span><span class="mobile_menu_bar mobile_menu_bar_toggle"></span></div></div>
		</div>
	</div>
</header>"""


def share_block(rng: random.Random) -> str:
    style = rng.randrange(3)
    networks = rng.sample(("Facebook", "Twitter", "Email", "WhatsApp", "LinkedIn", "Print"), 4)
    if style == 0:  # Monarch, with an icon image
        items = "".join(f'<li class="et_social_{n.lower()}"><a href="#" class="et_social_share" rel="nofollow"><img src="{HOST}/wp-content/plugins/monarch/images/{n.lower()}.png" alt="Share on {n}" /><div class="et_social_network_label"><div class="et_social_networkname">{n}</div></div><span class="et_social_count">{rng.randint(0, 900)}</span></a></li>' for n in networks)
        return f'<div class="et_social_inline et_social_mobile_on"><div class="et_social_networks et_social_4col"><ul class="et_social_icons_container">{items}</ul></div></div>'
    if style == 1:  # Jetpack sharedaddy
        items = "".join(f'<li class="share-{n.lower()}"><a rel="nofollow" class="share-{n.lower()} sd-button" href="#"><span>{n}</span></a></li>' for n in networks)
        return f'<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 class="sd-title">Share this:</h3><div class="sd-content"><ul>{items}</ul></div></div></div>'
    items = "".join(f'<a class="a2a_button_{n.lower()}" href="#"><img src="{HOST}/wp-content/plugins/addtoany/icons/{n.lower()}.svg" alt="{n}" /></a>' for n in networks)
    return f'<div class="addtoany_share_save_container addtoany_content"><div class="a2a_kit a2a_kit_size_32 addtoany_list">{items}</div></div>'


def related_post(rng: random.Random) -> str:
    title = headline(rng)
    year = rng.randint(2005, 2017)
    return (f'<div class="jp-relatedposts-post jp-relatedposts-post-thumbs"><a class="jp-relatedposts-post-a" href="{HOST}/theaawsat/news-middle-east/{slug(title)}" rel="nofollow">'
            f'<img class="jp-relatedposts-post-img" src="{HOST}/wp-content/uploads/{year}/0{rng.randint(1, 9)}/{slug(title)[:20]}-350x200.jpg" width="350" alt="{attr(title)}" /></a>'
            f'<h4 class="jp-relatedposts-post-title"><a class="jp-relatedposts-post-a" href="{HOST}/theaawsat/news-middle-east/{slug(title)}">{esc(title)}</a></h4>'
            f'<p class="jp-relatedposts-post-excerpt">{esc(rng.choice(PLACES))}, Asharq Al-Awsat&#8212;{esc(paragraph(rng, (1, 1))[:90])}...</p>'
            f'<p class="jp-relatedposts-post-date">{rng.choice(MONTHS)} {rng.randint(1, 28)}, {year}</p></div>')


def related_posts(rng: random.Random, count: int) -> str:
    posts = "".join(related_post(rng) for _ in range(count))
    return f"<div id='jp-relatedposts' class='jp-relatedposts related-posts'><h3 class=\"jp-relatedposts-headline\"><em>Related posts</em></h3><div class=\"jp-relatedposts-items\">{posts}</div></div>"


def ad_slot(rng: random.Random) -> str:
    slot = rng.randint(10**7, 10**8 - 1)  # another 8-digit number that is no Media ID
    return (f'<div id="div-gpt-ad-{slot}" class="ad-inarticle" style="width:300px;height:250px;margin:10px auto;">'
            f"<script type=\"text/javascript\">googletag.cmd.push(function() {{ googletag.display('div-gpt-ad-{slot}'); }});</script></div>")


def newsletter_form() -> str:
    return (f'<form class="newsletter-signup" action="{HOST}/newsletter/subscribe" method="post"><p class="newsletter-title">Get the day&#8217;s top stories in your inbox.</p>'
            '<p><label for="nl-email">Email</label> <input type="email" id="nl-email" name="email" /> <button type="submit">Subscribe</button></p></form>')


def embed_paragraph(rng: random.Random) -> str:
    # A paragraph that holds only an embed: empty once the embed is left out.
    return (f'<p><span class="embed-youtube" style="text-align:center; display: block;"><iframe class="youtube-player" width="640" height="390" '
            f'src="https://www.youtube.com/embed/{"".join(rng.choice("abcdefXYZ0123") for _ in range(11))}?version=3&#038;rel=1" allowfullscreen="true"></iframe></span></p>')


def inline_style() -> str:
    return "<style type=\"text/css\">.factbox { border-left: 3px solid #b3002d; padding-left: 8px; } .factbox li { margin-bottom: 6px; }</style>"


def comment(rng: random.Random, number: int, depth: int = 1, replies: int = 0) -> str:
    year = rng.randint(2005, 2017)
    children = ""
    if replies:
        children = '<ul class="children">' + "".join(comment(rng, number * 10 + i, depth + 1) for i in range(replies)) + "</ul>"
    return f"""<li class="comment even thread-even depth-{depth}" id="li-comment-{number}">
	<article id="comment-{number}" class="comment-body clearfix">
		<div class="comment_avatar"><img alt='' src='https://secure.gravatar.com/avatar/{number:08x}?s=80&#038;d=mm' class='avatar avatar-80 photo' height='80' width='80' /></div>
		<div class="comment_postinfo"><span class="fn">{esc(person(rng))}</span> <span class="comment_date">on {rng.choice(MONTHS)} {rng.randint(1, 28)}, {year} at {rng.randint(1, 12)}:{rng.randint(10, 59)} pm</span></div>
		<div class="comment_area"><div class="comment-content clearfix"><p>{esc(comment_text(rng))}</p></div>
		<span class="reply-container"><a rel='nofollow' class='comment-reply-link' href='#comment-{number}'>Reply</a></span></div>
	</article>{children}
</li>"""


def comments_section(items: list[str]) -> str:
    count = len(items)
    heading = f'<h1 id="comments" class="page_title">{count} Comment{"s" if count != 1 else ""}</h1>' if count else ""
    thread = f'<ol class="commentlist clearfix">{"".join(items)}</ol>' if count else ""
    return f"""<section id="comment-wrap">{heading}{thread}
	<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title"><span>Submit a Comment</span></h3>
		<form action="{HOST}/wp-comments-post.php" method="post" id="commentform" class="comment-form">
			<p class="comment-notes">Your email address will not be published. Required fields are marked <span class="required">*</span></p>
			<p class="comment-form-comment"><label for="comment">Comment</label> <textarea id="comment" name="comment" cols="45" rows="8"></textarea></p>
			<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit et_pb_button" value="Submit Comment" /></p>
		</form>
	</div>
</section>"""


def sidebar_widget(rng: random.Random, index: int, entries: int) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        items = "".join(f'<li><a href="{HOST}/theaawsat/news-middle-east/{slug(t)}">{esc(t)}</a></li>' for t in (headline(rng) for _ in range(entries)))
        return f'<div id="recent-posts-{index}" class="et_pb_widget widget_recent_entries"><h4 class="widgettitle">Recent Posts</h4><ul>{items}</ul></div>'
    if kind == 1:
        # Some old tag clouds mark their links rel="tag": still the sidebar's.
        rel = ' rel="tag"' if rng.random() < 0.5 else ""
        items = "\n".join(f'<a href="{HOST}/tag/{slug(t)}/" class="tag-cloud-link"{rel} style="font-size: {rng.randint(8, 22)}pt;">{esc(t)}</a>' for t in (rng.choice(TAGS) for _ in range(entries)))
        return f'<div id="tag_cloud-{index}" class="et_pb_widget widget_tag_cloud"><h4 class="widgettitle">Tags</h4><div class="tagcloud">{items}</div></div>'
    if kind == 2:
        items = "".join(f'<li><a href="{HOST}/{y}/{m:02d}/">{MONTHS[m - 1]} {y}</a></li>' for y, m in ((rng.randint(2005, 2017), rng.randint(1, 12)) for _ in range(entries)))
        return f'<div id="archives-{index}" class="et_pb_widget widget_archive"><h4 class="widgettitle">Archives</h4><ul>{items}</ul></div>'
    items = "".join(
        f'<li><a href="{HOST}/author/{slug(n)}/"><img src="{HOST}/wp-content/uploads/authors/{slug(n)}.jpg" alt="{attr(n)}" class="avatar" /> {esc(n)}</a> <span class="post-date">{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2005, 2017)}</span></li>'
        for n in (person(rng) for _ in range(entries))
    )
    return f'<div id="columnists-{index}" class="et_pb_widget widget_columnists"><h4 class="widgettitle">Columnists</h4><ul>{items}</ul></div>'


def sidebar(widgets: list[str]) -> str:
    search = (f'<div id="search-2" class="et_pb_widget widget_search"><form role="search" method="get" id="searchform" class="searchform" action="{HOST}/">'
              '<div><label class="screen-reader-text" for="s">Search for:</label><input type="text" value="" name="s" id="s" /><input type="submit" id="searchsubmit" value="Search" /></div></form></div>')
    return f'<div id="sidebar">{search}{"".join(widgets)}</div>'


def footer_column(rng: random.Random, index: int, links: int) -> str:
    items = "".join(f'<li><a href="{HOST}/category/{slug(n)}/">{esc(n)}</a></li>' for n in (rng.choice(CATEGORIES + TAGS + PLACES) for _ in range(links)))
    return f'<div class="footer-widget"><div id="nav_menu-{index}" class="fwidget et_pb_widget widget_nav_menu"><h4 class="title">{esc(rng.choice(CATEGORIES))}</h4><div class="menu-footer-container"><ul class="menu">{items}</ul></div></div></div>'


def site_footer(rng: random.Random, columns: list[str]) -> str:
    widgets = f'<div class="container"><div id="footer-widgets" class="clearfix">{"".join(columns)}</div></div>' if columns else ""
    return f"""<footer id="main-footer">{widgets}
	<div id="footer-bottom"><div class="container clearfix">
		<ul class="et-social-icons"><li class="et-social-icon et-social-facebook"><a href="https://www.facebook.com/AsharqAlAwsatEnglish" class="icon"><span>Facebook</span></a></li><li class="et-social-icon et-social-twitter"><a href="https://twitter.com/aawsat_eng" class="icon"><span>Twitter</span></a></li></ul>
		<div id="footer-info">&copy; 2017 Asharq Al-Awsat | Tel +44 20 7831 {rng.randint(1000, 9999)} | Fax +44 20 7831 {rng.randint(1000, 9999)}</div>
	</div></div>
</footer>"""


def closing_scripts(rng: random.Random) -> str:
    return (f"<script type='text/javascript' src='{HOST}/wp-content/themes/Divi/js/custom.min.js?ver=3.0.{rng.randint(10, 99)}'></script>"
            f"<script type='text/javascript'>var tracking_id = {rng.randint(10**7, 10**8 - 1)};</script>")
