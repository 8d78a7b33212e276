"""Site boilerplate: a paragraph that recurs in many articles of one source.

Counted over the whole input, so it can only be decided once everything has been read. Memory
stays bounded: a paragraph is kept as an 8-byte digest, never as text, and counts are kept by
lossy counting (Manku and Motwani): every `bucket` articles of a source, digests seen too
rarely to ever reach the share threshold are dropped with their places. A paragraph that does
reach it is frequent enough never to be dropped; in a very large input its earliest
occurrences, before it was seen often, may go unreported.
"""

from __future__ import annotations

import hashlib
import math
from array import array
from collections.abc import Iterator
from urllib.parse import urlsplit

from pydantic import Field as PydanticField

from ..article import Article, Place
from .base import CheckOptions

# copies of one story are told apart from boilerplate among this many recent articles of a source
MAX_FINGERPRINTS = 200_000


class BoilerplateOptions(CheckOptions):
    enabled: bool = True
    # a paragraph is boilerplate when at least this many articles of its source carry it …
    min_articles: int = PydanticField(default=5, ge=2)
    # … and at least this share of the source's articles
    min_share: float = PydanticField(default=0.02, ge=0.0, le=1.0)
    # shorter paragraphs ("(END)", a section name) recur for good reasons
    min_words: int = PydanticField(default=6, ge=1)
    # only the first and last this many paragraphs of a body, or a paragraph with a promo signal
    # of its own, can be boilerplate (0: any paragraph)
    edge_paragraphs: int = PydanticField(default=3, ge=0)


def source_of(article: Article) -> str | None:
    """The article's `source` field, else its URL's host, else its file when it holds many records."""
    source = article.text("source").strip()
    if source:
        return source.casefold()
    url = article.text("url").strip()
    if url:
        try:
            host = urlsplit(url if "//" in url else "//" + url).hostname
        except ValueError:
            host = None
        if host:
            return host.removeprefix("www.")
    if article.record is not None:
        return article.path
    return None


def digest(key: str) -> bytes:
    """8 bytes for a paragraph's comparison key (already free of markup, white space and case)."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()


# An observation: what one article adds to the counts, keyed by hashes (never its text), so
# workers that read parts of the input can send theirs to one counter that folds them in the
# order a serial run reads the articles (which makes the result the same as that run's):
# (source, article fingerprint, path, ((paragraph digest, line, column, end line, end column,
# record, field), ...)).
Observation = tuple[str, bytes, str, tuple[tuple[bytes, int, int, int, int, "int | None", "str | None"], ...]]
_NO_RECORD = -1
_PLACE_INTS = 7  # path id, line, column, end line, end column, record (or -1), field id (or -1)


class _Entry:
    __slots__ = ("count", "delta", "places")

    def __init__(self, delta: int) -> None:
        self.count = 0
        self.delta = delta
        # Each occurrence as _PLACE_INTS machine integers (paths and field names by number):
        # a recurring paragraph of a big input has hundreds of thousands of them.
        self.places = array("q")


class _Source:
    __slots__ = ("articles", "entries", "seen")

    def __init__(self) -> None:
        self.articles = 0
        self.seen: set[bytes] = set()  # article digests: a story saved twice is counted once
        self.entries: dict[bytes, _Entry] = {}


class BoilerplateCounter:
    """Counts paragraph digests per source; `findings` lists the places of the frequent ones."""

    def __init__(self, options: BoilerplateOptions) -> None:
        self.options = options
        self.bucket = max(1000, math.ceil(2 / options.min_share)) if options.min_share > 0 else 1000
        self.sources: dict[str, _Source] = {}
        self._names: dict[str | None, int] = {}  # paths and field names, numbered
        self._by_number: list[str | None] = []

    @staticmethod
    def observation(article: Article, source: str, paragraphs: list[tuple[str, str, int, int]]) -> Observation:
        """`paragraphs`: (field, key, start, end) of the article's candidate paragraphs, where
        `key` is the paragraph's text as compared (markup, white space and case ignored)."""
        fingerprint = digest(article.text("title") + "\n" + "\n".join(p[1] for p in paragraphs))
        # (a story saved twice has the same title and the same paragraphs)
        items = []
        for field, text, start, end in paragraphs:
            p = article.place(field, start, end)
            items.append((digest(text), p.line, p.column, p.end_line, p.end_column, p.record, p.field))
        return source, fingerprint, article.path, tuple(items)

    def observe(self, article: Article, source: str, paragraphs: list[tuple[str, str, int, int]]) -> None:
        self.fold(self.observation(article, source, paragraphs))

    def _number(self, name: str | None) -> int:
        n = self._names.get(name)
        if n is None:
            n = self._names[name] = len(self._by_number)
            self._by_number.append(name)
        return n

    def fold(self, observation: Observation) -> None:
        """Adds one article's observation to the counts."""
        source, fingerprint, path, items = observation
        src = self.sources.get(source)
        if src is None:
            src = self.sources[source] = _Source()
        duplicate = fingerprint in src.seen
        if not duplicate:
            if len(src.seen) >= MAX_FINGERPRINTS:  # forget old ones: memory stays bounded
                src.seen.clear()
            src.seen.add(fingerprint)
            src.articles += 1
        bucket_id = math.ceil(src.articles / self.bucket) if src.articles else 1
        counted: set[bytes] = set()
        path_id = self._number(path) if items else 0
        for key, line, column, end_line, end_column, record, field in items:
            entry = src.entries.get(key)
            if entry is None:
                if duplicate:
                    continue
                entry = src.entries[key] = _Entry(bucket_id - 1)
            if not duplicate and key not in counted:
                counted.add(key)
                entry.count += 1
            entry.places.extend((path_id, line, column, end_line, end_column,
                                 _NO_RECORD if record is None else record, self._number(field)))
        if not duplicate and src.articles % self.bucket == 0:
            self._prune(src, bucket_id)

    @staticmethod
    def _prune(src: _Source, bucket_id: int) -> None:
        for key in [k for k, e in src.entries.items() if e.count + e.delta <= bucket_id]:
            del src.entries[key]

    def findings(self) -> Iterator[tuple[Place, int, int, str]]:
        """(place, articles with it, articles of the source, source) of each recurring paragraph."""
        names = self._by_number
        for source, src in self.sources.items():
            need = max(self.options.min_articles, math.ceil(self.options.min_share * src.articles))
            for entry in src.entries.values():
                if entry.count >= need:
                    p = entry.places
                    for i in range(0, len(p), _PLACE_INTS):
                        record = p[i + 5]
                        yield (Place(names[p[i]], p[i + 1], p[i + 2], p[i + 3], p[i + 4],
                                     None if record == _NO_RECORD else record, names[p[i + 6]]),
                               entry.count, src.articles, source)
