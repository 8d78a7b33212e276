"""The story region of saved web pages, end to end: only the story is linted, hidden copies are
not text, injected blocks between and after the paragraphs are kept, a teaser's date is not the
page's, pages that are not articles are counted and not linted. Every page here is a whole saved
page written for these tests (head with metadata, a header with navigation, a sidebar, a footer),
so trafilatura has to find the story as it does on a real site."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli
from inprocess_cli import cli

PARAS = [
    "GANGNEUNG, March 4 (Coastal Daily) -- The city council voted on Monday to close the Namdae River footbridge "
    "for six months of repairs. Engineers found cracks in two of its four steel supports during an inspection in "
    "January. The bridge carries about 9,000 pedestrians a day between the old market and the bus terminal.",
    "Mayor Kim Hong-gyu said the decision was not taken lightly. \u201cWe know how many people rely on this crossing "
    "every morning,\u201d he told reporters after the vote. \u201cBut we will not ask anyone to walk over a structure "
    "our own engineers say is failing.\u201d",
    "A temporary ferry service will run every ten minutes between the two banks from 6 a.m. to 10 p.m. while the "
    "work goes on. The city will also add two extra buses to the route that loops through the Jungang intersection. "
    "Fares on both will be waived until the bridge reopens.",
    "Shop owners at the old market were divided on the plan. Park Mi-sook, who has sold dried fish there for thirty "
    "years, said her morning trade would fall by half. Others said they had complained about the bridge swaying in "
    "strong wind for years and welcomed the repairs.",
    "The repair contract, worth 4.2 billion won, was awarded to a Wonju construction firm last month. Work is due to "
    "start on March 18 and finish by the end of September. The council said it would publish weekly progress "
    "reports on its website and hold a public meeting in May.",
    "The footbridge was built in 1987 and last repaired in 2009, when its deck was replaced after a flood. A "
    "provincial survey last year rated it the weakest of the eleven bridges the city maintains, and the council "
    "has set aside money to inspect the other ten before winter.",
]
TITLE = "Namdae River footbridge to close for six months of repairs"
URL = "https://coastaldaily.example/2024/03/04/namdae-footbridge-repairs/"
PUBLISHED = "2024-03-04T15:40:00+09:00"
NAV_TEXT = "Local politics desk"
FOOTER_TEXT = "Coastal Daily Media Group, 12 Harbour-ro, Gangneung"
MOST_READ = "Fishing fleet returns early as storm warning is raised"


def _jsonld(kind: str | list[str] = "NewsArticle", **extra: str) -> str:
    data = {"@context": "https://schema.org", "@type": kind, "headline": TITLE, "datePublished": PUBLISHED, **extra}
    return json.dumps(data)


def page(story: str, *, og_type: str = "article", jsonld: str | None = None, nav_item: str = "",
         footer_item: str = "", after_story: str = "", wrap: str = "article", after_main: str = "") -> str:
    """A whole saved news page around `story` (the HTML of the story's paragraphs)."""
    ld = _jsonld() if jsonld is None else jsonld
    ld_script = f'<script type="application/ld+json">{ld}</script>' if ld else ""
    open_tag, close_tag = {
        "article": ('<article class="story" itemscope itemtype="https://schema.org/NewsArticle">', "</article>"),
        "divs": ('<div class="col-md-8"><div class="c-entry">', "</div></div>"),
    }[wrap]
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{TITLE} | Coastal Daily</title>
<meta property="og:type" content="{og_type}">
<meta property="og:title" content="{TITLE}">
<meta property="og:url" content="{URL}">
<meta property="og:site_name" content="Coastal Daily">
<meta property="article:published_time" content="{PUBLISHED}">
<meta name="description" content="The council voted to close the footbridge for repairs.">
<link rel="canonical" href="{URL}">
{ld_script}
<script>window.dataLayer = window.dataLayer || [];</script>
</head>
<body>
<header class="site-header">
<a class="logo" href="/">Coastal Daily</a>
<nav class="main-menu">
<ul>
<li><a href="/local/">Local</a></li>
<li><a href="/politics/">{NAV_TEXT}</a>{nav_item}</li>
<li><a href="/business/">Business</a></li>
<li><a href="/sports/">Sports</a></li>
<li><a href="/opinion/">Opinion</a></li>
</ul>
</nav>
</header>
<main id="content">
<div class="row">
{open_tag}
<h1>{TITLE}</h1>
{story}
{after_story}{close_tag}
<aside class="sidebar">
<h3>Most read</h3>
<ol>
<li><a href="/2024/03/03/fleet-returns/">{MOST_READ}</a></li>
<li><a href="/2024/03/02/school-lunch/">School lunch prices rise for the first time in five years</a></li>
<li><a href="/2024/03/01/ski-season/">Ski resorts extend the season after late snowfall</a></li>
</ol>
</aside>
</div>
</main>
{after_main}
<footer class="site-footer">
<p>{FOOTER_TEXT}{footer_item}</p>
<p><a href="/about/">About us</a> <a href="/contact/">Contact</a> <a href="/privacy/">Privacy</a></p>
</footer>
</body>
</html>
"""


def paragraphs(texts: list[str] = PARAS) -> str:
    return "\n".join(f"<p>{t}</p>" for t in texts)


def line_col(data: str, line_marker: str, needle: str) -> tuple[int, int]:
    """1-based (line, column) of `needle` on the file's only line that holds `line_marker`."""
    lines = data.replace("\r\n", "\n").split("\n")
    [n] = [i for i, line in enumerate(lines) if line_marker in line]
    return n + 1, lines[n].index(needle) + 1


def findings(out: str) -> list[tuple[str, int, int, str, str, str]]:
    """(path, line, column, severity, rule, message) of each text-format finding line."""
    rows = []
    for line in out.splitlines():
        head, sep, rest = line.partition(": ")
        if not sep or head.count(":") != 2:
            continue
        path, ln, col = head.split(":")
        severity, rule, message = rest.split(" ", 2)
        rows.append((path, int(ln), int(col), severity, rule, message))
    return rows


def write(tmp_path: Path, name: str, data: str, newline: str = "\n") -> None:
    (tmp_path / name).write_bytes(data.replace("\n", newline).encode("utf-8"))


def shown(tmp_path: Path, name: str) -> dict:
    result = cli("show", "--format", "json", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    [article] = json.loads(result.stdout)
    return article


def in_order(body: str, *texts: str) -> list[int]:
    where = [body.index(t) for t in texts]
    assert where == sorted(where), where
    return where


# --- 1. only the story is linted --------------------------------------------------------------

def test_empty_tag_reported_in_the_story_only_at_its_line_and_column(tmp_path):
    story = list(PARAS)
    story[2] = story[2].replace("two extra buses", "two extra <strong></strong>buses")
    data = page(paragraphs(story), nav_item="<strong></strong>", footer_item=" <strong></strong>")
    write(tmp_path, "bridge.html", data)
    result = run_cli("bridge.html", cwd=tmp_path)
    line, col = line_col(data, "two extra <strong>", "<strong>")
    assert findings(result.stdout) == [
        ("bridge.html", line, col, "error", "empty-html-tag",
         "Empty <strong> element left in the text (nothing but white space inside)"),
    ]
    assert result.stdout.splitlines()[-1] == "Found 1 violation (1 error) in 1 of 1 file; 1 article checked."
    assert result.returncode == 1


def test_same_page_without_the_story_tag_is_clean(tmp_path):
    """The control for the test above: the nav and footer tags alone give no finding."""
    data = page(paragraphs(), nav_item="<strong></strong>", footer_item=" <strong></strong>")
    write(tmp_path, "bridge.html", data)
    result = run_cli("bridge.html", cwd=tmp_path)
    assert findings(result.stdout) == []
    assert result.stdout.splitlines()[-1] == "No violations in 1 article (1 file checked)."
    assert result.returncode == 0


# --- 2. div soup: no <article>, no itemprop=articleBody --------------------------------------

def test_story_found_in_div_soup_without_navigation_or_footer(tmp_path):
    data = page(paragraphs(), wrap="divs")
    assert "<article" not in data and "articleBody" not in data
    write(tmp_path, "soup.html", data)
    article = shown(tmp_path, "soup.html")
    body = article["body"]
    in_order(body, *PARAS)
    for chrome in (NAV_TEXT, "Sports", FOOTER_TEXT, "Privacy", MOST_READ, "Most read"):
        assert chrome not in body
    assert article["title"] == TITLE
    assert article["published"] == PUBLISHED


# --- 3. hidden copies are not text -----------------------------------------------------------

BYLINE = "By Choi Seung-hyun, city reporter"
CAPTION = "Workers inspect the steel supports of the Namdae River footbridge on Feb. 27. Photo by Coastal Daily"
# Each hidden way of printing a copy, and its visible twin for the control test.
HIDING = {
    "hidden attribute": ("<div hidden>", "<div>"),
    "aria-hidden": ('<div aria-hidden="true">', "<div>"),
    "display none": ('<div style="display: none">', "<div>"),
    "sr-only": ('<div class="sr-only">', "<div>"),
    "mobile twin": ('<div class="d-lg-none">', "<div>"),
    "Tailwind mobile twin": ('<div class="block lg:hidden">', "<div>"),
}


def with_copies(hidden: bool, desktop_byline: str = "byline") -> str:
    """The story with a copy of the byline, the caption and four paragraphs, each in its own
    hidden wrapper (or the same wrappers made visible)."""
    wrap = {k: v[0] if hidden else v[1] for k, v in HIDING.items()}
    return "\n".join([
        f'<p class="{desktop_byline}">{BYLINE}</p>',
        f'{wrap["mobile twin"]}<p class="byline">{BYLINE} (mobile)</p></div>',
        f'<figure><img src="/img/bridge.jpg" alt=""><figcaption>{CAPTION}</figcaption></figure>',
        f"<p>{PARAS[0]}</p>",
        f'{wrap["hidden attribute"]}<figure><figcaption>{CAPTION}</figcaption></figure></div>',
        f"<p>{PARAS[1]}</p>",
        f'{wrap["aria-hidden"]}<p>{PARAS[0]}</p></div>',
        f"<p>{PARAS[2]}</p>",
        f'{wrap["display none"]}<p>{PARAS[1]}</p></div>',
        f"<p>{PARAS[3]}</p>",
        f'{wrap["sr-only"]}<p>{PARAS[2]}</p></div>',
        f"<p>{PARAS[4]}</p>",
        f'{wrap["Tailwind mobile twin"]}<p>{PARAS[3]}</p></div>',
        f"<p>{PARAS[5]}</p>",
    ])


def test_hidden_copies_are_not_in_the_body_and_give_no_duplicate(tmp_path):
    data = page(with_copies(hidden=True))
    write(tmp_path, "hidden.html", data)
    body = shown(tmp_path, "hidden.html")["body"]
    in_order(body, BYLINE, *PARAS)
    for text in (*PARAS, BYLINE):
        assert body.count(text) == 1, text
    assert "(mobile)" not in body
    assert body.count(CAPTION) == 1
    result = run_cli("hidden.html", cwd=tmp_path)
    assert findings(result.stdout) == []
    assert result.returncode == 0


def test_bootstrap_desktop_byline_with_its_mobile_twin_is_read_once(tmp_path):
    """Bootstrap's usual pair: `d-none d-lg-block` (shown on wide screens) and `d-lg-none` (its
    mobile twin). A desktop reader sees the first, so the body should hold the byline once."""
    data = page(with_copies(hidden=True, desktop_byline="byline d-none d-lg-block"))
    write(tmp_path, "bootstrap.html", data)
    body = shown(tmp_path, "bootstrap.html")["body"]
    assert body.count(BYLINE) == 1


def test_control_the_same_copies_visible_are_reported(tmp_path):
    """The control for the test above: unhidden, the copies are text and are reported."""
    data = page(with_copies(hidden=False))
    write(tmp_path, "visible.html", data)
    body = shown(tmp_path, "visible.html")["body"]
    assert "(mobile)" in body and body.count(CAPTION) == 2
    result = run_cli("visible.html", cwd=tmp_path)
    got = [(f[1], f[4], f[5]) for f in findings(result.stdout)]
    lines = data.split("\n")

    def copy_line(text: str, nth: int) -> int:
        return [i + 1 for i, line in enumerate(lines) if text in line][nth]

    expected = [
        (copy_line(CAPTION, 1), "duplicated-caption",
         f"Photo caption saved twice: the same caption is already at line {copy_line(CAPTION, 0)}"),
        *[(copy_line(p, 1), "duplicated-paragraph", f"Paragraph saved twice: the same text is already at line {copy_line(p, 0)}")
          for p in PARAS[:4]],
    ]
    assert sorted(got) == sorted(expected)
    assert result.returncode == 1


# --- 4. blocks injected between and right after the paragraphs are kept -----------------------

READ_MORE = "Read more: Council approves new budget for harbour dredging"
PITCH = "Sign up for our newsletter to get Gangneung news delivered straight to your inbox every morning."


def test_read_more_box_and_newsletter_pitch_are_in_the_body(tmp_path):
    story = (
        paragraphs(PARAS[:3])
        + f'\n<div class="related"><p><a href="/2024/02/20/dredging/">{READ_MORE}</a></p></div>\n'
        + paragraphs(PARAS[3:])
    )
    after = f'<div class="newsletter-box"><p>{PITCH}</p></div>\n'
    data = page(story, after_story=after)
    write(tmp_path, "promo.html", data)
    body = shown(tmp_path, "promo.html")["body"]
    in_order(body, PARAS[2], READ_MORE, PARAS[3], PARAS[5], PITCH)
    assert MOST_READ not in body and FOOTER_TEXT not in body

    result = run_cli("promo.html", cwd=tmp_path)
    promo = [f for f in findings(result.stdout) if f[4] == "promo-block"]
    read_more_at = line_col(data, READ_MORE, "Read more")
    pitch_at = line_col(data, PITCH, "Sign up")
    assert [f[1:] for f in promo] == [
        (*read_more_at, "warning", "promo-block", "Injected block, not the story (related-article label; related-article box)"),
        (*pitch_at, "warning", "promo-block", "Injected block, not the story (call to action; newsletter pitch; newsletter box)"),
    ]


# --- 5. a teaser card's date is not the page's ------------------------------------------------

def test_teaser_card_time_is_not_the_published_date(tmp_path):
    teaser = (
        '<article class="teaser">\n<h3><a href="/2019/07/11/bridge-survey/">Footbridge survey finds rust</a></h3>\n'
        '<time datetime="2019-07-11T08:00:00+09:00">July 11, 2019</time>\n'
        "<p>An earlier inspection found rust on the bridge's handrails.</p>\n</article>\n"
    )
    data = page(paragraphs(), after_story=teaser)
    write(tmp_path, "teaser.html", data)
    article = shown(tmp_path, "teaser.html")
    assert article["published"] == PUBLISHED
    result = run_cli("teaser.html", cwd=tmp_path)
    assert [f for f in findings(result.stdout) if f[4] == "date-mismatch"] == []
    assert result.returncode == 0


def test_related_posts_list_time_is_not_the_published_date(tmp_path):
    # A WordPress theme's related posts in the article's footer, each with its own <time>.
    related = (
        '<footer class="entry-footer"><h3>Related posts</h3><ul>\n'
        '<li><a href="/bridge-survey/">Footbridge survey finds rust</a> <time datetime="2018-11-20">20 November 2018</time></li>\n'
        '<li><a href="/ferry-fares/">Ferry fares frozen for a year</a> <time datetime="2015-04-16">16 April 2015</time></li>\n'
        "</ul></footer>\n"
    )
    data = page(paragraphs(), after_story=related)
    write(tmp_path, "related.html", data)
    result = run_cli("--select", "date-mismatch", "related.html", cwd=tmp_path)
    assert findings(result.stdout) == []
    assert result.returncode == 0


def test_control_the_story_own_time_of_another_year_is_reported(tmp_path):
    """The control for the test above: the same <time> in the story itself is evidence."""
    data = page('<time datetime="2019-07-11T08:00:00+09:00">July 11, 2019</time>\n' + paragraphs())
    write(tmp_path, "own_time.html", data)
    result = run_cli("own_time.html", cwd=tmp_path)
    assert [f[4] for f in findings(result.stdout)] == ["date-mismatch"]


# --- 6. pages that are not articles -----------------------------------------------------------

def test_video_page_and_forum_thread_are_counted_not_linted(tmp_path):
    story = paragraphs([p.replace("two extra buses", "two extra <strong></strong>buses") for p in PARAS])
    write(tmp_path, "clip.html", page(story, og_type="video.other", jsonld=""))
    forum = _jsonld("DiscussionForumPosting")
    write(tmp_path, "forum.html", page(story, og_type="website", jsonld=forum))
    result = run_cli(".", cwd=tmp_path)
    assert findings(result.stdout) == []
    assert result.stdout.splitlines() == [
        "No violations in 0 articles (2 files checked; 2 pages with no article not linted (`newslint show` says why))."
    ]
    assert result.returncode == 0
    text = cli("show", ".", cwd=tmp_path)
    assert "clip.html: not linted: a video page (og:type video.other)" in text.stdout
    assert "forum.html: not linted: a forum thread (JSON-LD @type discussionforumposting)" in text.stdout
    assert "two extra" not in text.stdout


def test_article_with_an_embedded_video_is_linted(tmp_path):
    story = paragraphs([p.replace("two extra buses", "two extra <strong></strong>buses") for p in PARAS])
    clip = json.dumps([json.loads(_jsonld()), {"@context": "https://schema.org", "@type": "VideoObject",
                                               "name": "Drone footage of the footbridge"}])
    data = page(story, og_type="article", jsonld=clip)
    write(tmp_path, "story.html", data)
    result = run_cli("story.html", cwd=tmp_path)
    assert findings(result.stdout) == [
        ("story.html", *line_col(data, "two extra <strong>", "<strong>"), "error", "empty-html-tag",
         "Empty <strong> element left in the text (nothing but white space inside)"),
    ]
    assert "not linted" not in result.stdout
    assert result.returncode == 1


# --- 7. a fragment is all story ---------------------------------------------------------------

def test_fragment_is_all_story(tmp_path):
    short = ["Ferries resume.", "Tickets: 2,000 won.", PARAS[0]]
    data = "<div>\n" + paragraphs(short) + "\n</div>\n"
    write(tmp_path, "fragment.html", data)
    body = shown(tmp_path, "fragment.html")["body"]
    assert body.split("\n") == short


# --- 8. Windows line endings ------------------------------------------------------------------

def test_crlf_page_keeps_line_and_column(tmp_path):
    story = list(PARAS)
    story[4] = story[4].replace("a Wonju", "a <em> </em>Wonju")
    data = page(paragraphs(story))
    write(tmp_path, "crlf.html", data, newline="\r\n")
    assert b"\r\n" in (tmp_path / "crlf.html").read_bytes()
    result = run_cli("crlf.html", cwd=tmp_path)
    line, col = line_col(data, "a <em> </em>Wonju", "<em>")
    assert findings(result.stdout) == [
        ("crlf.html", line, col, "error", "empty-html-tag",
         "Empty <em> element left in the text (nothing but white space inside)"),
    ]
    assert result.returncode == 1


# ---------------------------------------------------------------- promo signals from the markup

def promo_findings(tmp_path: Path, name: str, data: str) -> list[tuple[int, int, str]]:
    write(tmp_path, name, data)
    result = run_cli("--select", "promo-block", name, cwd=tmp_path)
    return [(f[1], f[2], f[5]) for f in findings(result.stdout) if f[4] == "promo-block"]


def test_a_classed_box_of_links_in_any_language_is_reported_by_its_markup(tmp_path):
    # The label is Swahili ("More news"), which no phrase list knows: the box's class says it.
    box = ('<div class="relatedNews"><h3>Habari zaidi</h3><ul>'
           '<li><a href="/a/">Wavuvi warejea mapema kwa sababu ya dhoruba</a></li></ul></div>')
    data = page(paragraphs(PARAS[:3]) + "\n" + box + "\n" + paragraphs(PARAS[3:]))
    line, _ = line_col(data, "Habari zaidi", "Habari")
    assert promo_findings(tmp_path, "box.html", data) == [
        (line, data.split("\n")[line - 1].index("<h3>") + 5, "Injected block, not the story (related-article box)")]


def test_a_run_of_linked_headlines_after_the_story_is_a_teaser_list(tmp_path):
    teasers = "\n".join(f'<p><a href="/t/{n}/">{h}</a></p>' for n, h in enumerate([
        "Harbour dredging to start in spring after long delay",
        "Night market returns to the old station square",
        "Schools switch to four-day week during heatwave",
        "Coastal rail line reopens after landslide repairs"]))
    data = page(paragraphs(), after_story=teasers)
    # the block starts at the first teaser's text (HTML findings point at text, not at tags)
    found = promo_findings(tmp_path, "teasers.html", data)
    assert found == [(*line_col(data, "Harbour dredging", "Harbour"), "Injected block, not the story (a list of 4 links)")]


def test_markup_signals_leave_the_story_alone(tmp_path):
    # Hard negatives: a lede whose class says "teaser" (a standfirst on many sites), a list of
    # facts that is not a list of links, a paragraph quoting "read more", a pull quote set in an
    # <aside>: all the story's own words.
    lede = f'<p class="article-teaser">{PARAS[0]}</p>'
    facts = ("<ul><li>Closed from March 18 to the end of September</li>"
             "<li>Ferry every ten minutes from 6 a.m. to 10 p.m.</li>"
             "<li>Two extra buses on the Jungang loop</li></ul>")
    quote = ("<p>\u201cRead more than the headline before you complain,\u201d the mayor told a caller on a radio "
             "phone-in on Tuesday, adding that the repairs had been planned for two years.</p>")
    pull_quote = '<aside class="c-float-right"><q>We will not ask anyone to walk over a failing bridge</q></aside>'
    data = page(lede + "\n" + paragraphs(PARAS[1:3]) + "\n" + facts + "\n" + quote + "\n" + pull_quote + "\n"
                + paragraphs(PARAS[3:]))
    assert promo_findings(tmp_path, "story.html", data) == []


def test_metadata_with_entities_keeps_its_columns(tmp_path):
    # A CMS wrote the description's HTML into the meta tag, entities and an empty <p> with it.
    desc = "Caf&eacute; &amp; bar owners welcome the repairs&nbsp;&mdash; finally.&lt;p&gt;&lt;/p&gt;"
    data = page(paragraphs()).replace(
        '<meta name="description" content="The council voted to close the footbridge for repairs.">',
        f'<meta name="description" content="{desc}">')
    write(tmp_path, "meta.html", data)
    assert shown(tmp_path, "meta.html")["title"] == TITLE
    result = run_cli("--select", "empty-html-tag", "meta.html", cwd=tmp_path)
    line, col = line_col(data, 'name="description"', "&lt;p&gt;")
    assert [f[1:] for f in findings(result.stdout)] == [
        (line, col, "error", "empty-html-tag", "Empty <p> element left in the text (nothing but white space inside)")]


def test_an_embedded_post_the_story_quotes_is_not_a_widget(tmp_path):
    # Its class says "social" and its last line is a date and a handle, but it is the story's
    # own material; the social-media box after the story is still reported.
    tweet = ('<blockquote class="twitter-tweet social-media-embed"><p lang="en" dir="ltr">The ferry '
             'will run every ten minutes from Monday, the city says. Good news for the market traders.</p>'
             '&mdash; Gangneung Watch (@gnwatch) <a href="https://x.example/gnwatch/status/1">March 4, 2024</a>'
             '</blockquote>')
    after = '<div class="social-share"><p><a href="https://x.example/share">Share on X</a></p></div>\n'
    data = page(paragraphs(PARAS[:3]) + "\n" + tweet + "\n" + paragraphs(PARAS[3:]), after_story=after)
    assert promo_findings(tmp_path, "tweet.html", data) == [
        (*line_col(data, "Share on X", "Share on X"), "Injected block, not the story (share bar)")]


def test_a_forum_users_joined_date_is_not_the_threads_date(tmp_path):
    # A thread page with no metadata saying "forum": each post's user panel carries the date
    # the user joined, years before the thread; that is not evidence about the thread's date.
    posts = [
        ("riverfan", "Joined May 11, 2017", "Has anyone else noticed the ferry to the island running late every morning "
         "this week? I waited forty minutes on Tuesday and the terminal staff could not say why."),
        ("harbourlight", "Joined Feb 2, 2019", "Same here. One of the two boats is in dry dock for its annual inspection, "
         "so the other one is doing every crossing on its own until the end of the month."),
        ("oldsalt", "Joined Sep 30, 2015", "That explains it. The operator put a notice on its website but nothing at "
         "the pier itself, which is where people actually look. I have written to the council about it."),
    ]
    body = "\n".join(f'<div class="post"><div class="userinfo"><a href="/u/{u}">{u}</a> <span>{j}</span></div>'
                     f'<div class="postbody"><p>{t}</p></div></div>' for u, j, t in posts)
    data = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry running late? | Island Forum</title>'
            '<meta property="article:published_time" content="2024-03-07T08:12:00+00:00"></head><body>'
            '<nav><a href="/">Forum index</a></nav><main><h1>Ferry running late every morning?</h1>\n'
            f'{body}\n</main><footer><p>Island Forum</p></footer></body></html>\n')
    write(tmp_path, "thread.html", data)
    assert "Joined May 11, 2017" in shown(tmp_path, "thread.html")["body"]  # read, and still no evidence
    result = run_cli("--select", "date-mismatch", "thread.html", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout == "No violations in 1 article (1 file checked).\n"


def test_a_script_end_tag_without_its_bracket_does_not_swallow_the_page(tmp_path):
    # "</script" followed by a line break and a comment: a browser ends the script there.
    # The next "</script>" comes only at the end of the page, after the story.
    broken = "<script src='/js/bundle.js'></script\n\n<!-- page plugin -->\n"
    data = page(paragraphs()).replace("<body>\n", "<body>\n" + broken, 1).replace(
        "</body>", '<script>var x = "<p>not text</p>";</script>\n</body>', 1)
    write(tmp_path, "script.html", data)
    body = shown(tmp_path, "script.html")["body"]
    in_order(body, *PARAS)
    assert "not text" not in body


# ------------------------------------------------ the story's tail: blocks after the story's column

def test_a_labelled_related_list_after_the_story_column_is_reported_as_after_the_story(tmp_path):
    # A German site sets its related links below the main column, outside the story's <article>
    # and its row: the region ends before them; the tail holds them.
    related = ('<section class="c-section">\n<h2>Mehr zum Thema</h2>\n<ul>\n'
               '<li><a href="/a/">Brückensanierung in Wonju verzögert sich erneut</a></li>\n'
               '<li><a href="/b/">Fähre ersetzt Fußgängerbrücke während der Bauarbeiten</a></li>\n</ul>\n</section>')
    data = page(paragraphs(), after_main=related)
    line, col = line_col(data, "<h2>Mehr zum Thema", "Mehr")
    end_line, _ = line_col(data, "Fähre ersetzt", "Fähre")
    write(tmp_path, "page.html", data)
    result = run_cli("--select", "promo-block", "--format", "json", "page.html", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    [v] = json.loads(result.stdout)
    assert (v["line"], v["column"], v["end_line"]) == (line, col, end_line)
    assert v["message"] == ("Injected block, not the story (related-article label; short lines without closing "
                            "punctuation amid full sentences; after the story)")


def test_the_sidebar_and_an_unlabelled_run_of_links_after_the_story_are_not_reported(tmp_path):
    # Hard negatives: the page's sidebar (an <aside>, with its "Most read" list) and a plain
    # run of links after the column (a site index) are page chrome, not blocks at the story.
    index = ('<div class="site-index">\n<p><a href="/local/">Local news from Gangneung and Sokcho</a></p>\n'
             '<p><a href="/weather/">Weather forecasts for the east coast</a></p>\n'
             '<p><a href="/jobs/">Jobs and classifieds in Gangwon province</a></p>\n</div>')
    data = page(paragraphs(), after_main=index)
    assert promo_findings(tmp_path, "page.html", data) == []


def test_a_comment_section_after_the_story_is_reported_once_not_once_a_comment(tmp_path):
    comments = "\n".join(
        f'<div class="comment"><p class="who">{who} says:</p><p>{said}</p><p><a class="comment-reply-link" href="#r{n}">Reply</a></p></div>'
        for n, (who, said) in enumerate([
            ("Lee", "The ferry is a good idea, but ten minutes is too long in winter."),
            ("Park", "About time. That bridge has been swaying for years."),
            ("Choi", "Will the buses run on Sundays as well?")]))
    data = page(paragraphs(), after_main=f'<section class="discussion">\n<h3>3 responses to \u201c{TITLE}\u201d</h3>\n'
                                          f'{comments}\n</section>')
    found = promo_findings(tmp_path, "page.html", data)
    first_reply, _ = line_col(data, "Lee says", "Reply")
    heading = line_col(data, "3 responses", "3 responses")
    # the heading (its words) and the first "Reply" button (its class): the two buttons
    # below, the same block again, are not reported again
    assert found == [
        (*heading, "Injected block, not the story (comment prompt; after the story)"),
        (first_reply, data.split("\n")[first_reply - 1].index(">Reply<") + 2,
         "Injected block, not the story (comment prompt; after the story)"),
    ]


def test_only_promo_block_reads_the_tail(tmp_path):
    # A teaser after the column repeats the story's first paragraph: the duplicated-paragraph
    # rule reads the story alone, so the teaser's copy is no duplicate of the story's.
    teaser = f'<section class="more-news">\n<h2>Read more</h2>\n<p>{PARAS[0]}</p>\n</section>'
    data = page(paragraphs(), after_main=teaser)
    write(tmp_path, "page.html", data)
    result = run_cli("--format", "json", "page.html", cwd=tmp_path)
    rules = [v["rule"] for v in json.loads(result.stdout)]
    assert rules == ["promo-block"]


def test_show_prints_the_tail_after_the_body_under_its_own_heading(tmp_path):
    related = '<section class="c-section">\n<h2>Mehr zum Thema</h2>\n<p><a href="/a/">Fähre ersetzt Fußgängerbrücke</a></p>\n</section>'
    write(tmp_path, "page.html", page(paragraphs(), after_main=related))
    article = shown(tmp_path, "page.html")
    assert article["story_tail"] == "Mehr zum Thema\nFähre ersetzt Fußgängerbrücke"
    assert "Mehr zum Thema" not in article["body"]
    text = cli("show", "page.html", cwd=tmp_path).stdout
    assert text.index(PARAS[-1]) < text.index("(after the story on the page, read by promo-block only:)\nMehr zum Thema\n")
