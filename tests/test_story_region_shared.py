"""The story region on real pages nobody here wrote (../shared, read here, never copied).

web-boilerplate: 500 pages whose story and boilerplate segments were labelled by people outside
the project. What the rules read of a page (`body`) must hold nearly all of the story and little
of the site's navigation; the same figures are scored on the unseen half of the labelled pages.
Readability's expected.html files are extracted stories (fragments): all of each is the story.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import need_shared

from newslint.article import Article, SkippedPage
from newslint.readers import read_path

pytestmark = pytest.mark.shared

_WS = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _WS.sub(" ", text).strip()


def test_labelled_pages_story_in_body_navigation_out():
    folder = need_shared("devset", "web-boilerplate")
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    story = story_total = chrome = chrome_total = 0
    for name, label in sorted(labels.items()):
        body = ""
        for item in read_path(folder / "pages" / name, name, {}):
            if isinstance(item, Article):
                body = _normal(item.text("body"))
        story_total += len(label["with"])
        story += sum(_normal(s) in body for s in label["with"])
        for segment, kind in zip(label["without"], label["without_class"]):
            if kind == "chrome":
                chrome_total += 1
                chrome += _normal(segment) in body
    assert story_total == 1484 and chrome_total == 516
    assert story / story_total >= 0.90, f"story segments in body: {story}/{story_total}"
    assert chrome / chrome_total <= 0.15, f"navigation segments in body: {chrome}/{chrome_total}"


def test_readability_extracted_stories_are_read_whole():
    folder = need_shared("corpus", "readability")
    pages = sorted(folder.glob("*/expected.html"))
    assert len(pages) == 41
    for page in pages:
        items = list(read_path(page, page.name, {}))
        assert not any(isinstance(i, SkippedPage) for i in items), page
        (article,) = [i for i in items if isinstance(i, Article)]
        # A fragment is all story: its markup view is the whole file, nothing blanked.
        assert article.fields["markup"].text == page.read_text(encoding="utf-8"), page
