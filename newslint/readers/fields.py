"""Field roles and the names producers give them.

A record's keys are matched to roles case-insensitively, first alias first. The defaults cover
news-please, newspaper4k and trafilatura output plus common generic names; the project config's
`fields` mapping puts a producer's own names in front (KCNA: headline, date_str, story_text, link).
"""

from __future__ import annotations

ROLES = ("title", "body", "description", "published", "modified", "url", "source", "author")

DEFAULT_ALIASES: dict[str, tuple[str, ...]] = {
    # news-please: title, maintext, description, date_publish, date_modify, url, source_domain, authors
    # newspaper4k: title, text, meta_description, publish_date, url, source_url, authors
    # trafilatura: title, text, description, date, url/source, sitename, author
    # and the names of CMS exports, dataset cards and crawlers' own records
    "title": ("title", "headline", "meta_title"),
    "body": ("maintext", "text", "body", "content", "article_body", "articlebody", "article_text", "full_text",
             "body_text"),
    "description": ("description", "meta_description", "summary"),
    "published": ("date_publish", "publish_date", "date_published", "datepublished", "published", "date",
                  "published_at", "publication_date", "pub_date", "pubdate", "meta_published"),
    "modified": ("date_modify", "date_modified", "datemodified", "modified", "updated", "updated_at",
                 "last_modified"),
    "url": ("url", "canonical_url", "link", "canonicalurl", "article_url", "permalink"),
    "source": ("source_domain", "source", "sitename", "source_url", "publisher"),
    "author": ("authors", "author", "byline"),
}


def resolve_keys(keys: list[str], user: dict[str, list[str]]) -> dict[str, str]:
    """Which of a record's keys holds each role: {role: key}."""
    by_fold: dict[str, str] = {}
    for k in keys:
        by_fold.setdefault(k.casefold(), k)
    chosen: dict[str, str] = {}
    taken: set[str] = set()
    for role in ROLES:
        for alias in [*user.get(role, ()), *DEFAULT_ALIASES[role]]:
            key = by_fold.get(alias.casefold())
            if key is not None and key not in taken:
                chosen[role] = key
                taken.add(key)
                break
    return chosen
