"""Metadata: one early-return cascade per field, recording where each value came from.

Sources, strongest first: JSON-LD, OpenGraph, other meta tags, microdata, the
visible page (headline, byline, <time>), and the URL.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from ..urls import join_url
from . import jsonld, selectors
from .blocks import clean_text
from .byline import clean_names, dedupe
from .dates import date_from_url, parse_date
from .survey import Survey
from .tree import Element, text_of

# <meta property|name="..." content="...">, lower-cased keys, first value wins.
_META_ATTRIBUTES = ("property", "name", "itemprop", "http-equiv")
_HOME_PATH = re.compile(r"/(?:index\.\w+)?", re.I)
_INDEX_HREF = re.compile(r"(?:\.{1,2}/)*(?:index\.\w+)?", re.I)
# Elements a page may set its headline in when it has no <h1>.
_SHOWN_TITLES = etree.XPath(
    "//h2|//h3|//b|//strong|//font[@size]|//*[contains(@class, 'title')][not(self::title)]"
)
_LANG = etree.XPath("/html/@lang | /html/@xml:lang")

_TITLE_META = ("og:title", "twitter:title", "dc.title", "dcterms.title", "parsely-title",
               "sailthru.title", "title", "headline")  # fmt: skip
_AUTHOR_META = ("dc.creator", "dcterms.creator", "author", "article:author", "byl",
                "sailthru.author", "parsely-author", "citation_author", "dc.contributor",
                "twitter:creator:name")  # fmt: skip
# Keys that name one author a tag, often surname first ("Doe, Jane").
_ONE_AUTHOR_META = frozenset(("dc.creator", "dcterms.creator", "citation_author", "dc.contributor"))
_PUBLISHED_META = ("article:published_time", "og:published_time", "published_time",
                   "article.published", "pubdate", "publishdate", "publish-date",
                   "publish_date", "datepublished", "dc.date.issued", "dcterms.issued",
                   "dcterms.created", "dc.date", "date", "sailthru.date", "parsely-pub-date",
                   "citation_publication_date", "citation_date", "article_date_original",
                   "og:article:published_time", "cxenseparse:recs:publishtime",
                   "originalpublicationdate", "displaydate")  # fmt: skip
_MODIFIED_META = ("article:modified_time", "og:updated_time", "og:modified_time",
                  "modified_time", "dcterms.modified", "dc.date.modified", "last-modified",
                  "datemodified", "article.updated", "lastmod", "revised")  # fmt: skip
_SITE_META = ("og:site_name", "application-name", "al:android:app_name",
              "al:iphone:app_name", "twitter:site:name", "publisher", "dc.publisher",
              "citation_journal_title", "cxenseparse:recs:publisher")  # fmt: skip
_SECTION_META = ("article:section", "section", "parsely-section", "sailthru.section",
                 "article-section", "category", "cxenseparse:recs:category")  # fmt: skip
_IMAGE_META = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image",
               "twitter:image:src", "thumbnail", "image")  # fmt: skip
_DESCRIPTION_META = ("og:description", "description", "twitter:description",
                     "dc.description")  # fmt: skip
_LANGUAGE_META = ("content-language", "language", "dc.language", "og:locale")

_WORD = re.compile(r"\w+")
_NOT_WORD = re.compile(r"[\W_]+")
_DATE_PART = re.compile(r"\d{1,4}([./-])\d{1,2}\1\d{1,4}")  # "23.05.2011", "2011-05-23"
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·•:»/]\s+|\s*[|｜·]\s*")


@dataclass(frozen=True)
class Metadata:
    headline: str = ""
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    site_name: str | None = None
    section: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    image: str | None = None
    description: str | None = None
    paywalled: bool = False
    page_types: frozenset[str] = frozenset()
    og_type: str | None = None
    sources: dict[str, str] = field(default_factory=dict)


class _Sources:
    """Values gathered once per page, read by the cascades below."""

    def __init__(self, root: Element, url: str, survey: Survey) -> None:
        self.root = root
        self.url = url
        self.survey = survey
        self.article, self.types = jsonld.read_json_ld(survey.by_tag["script"])
        self.meta, self.every_meta = _read_meta(survey.by_tag["meta"])

    def tagged(self, tag: str) -> list[Element]:
        """The page's elements of one of survey.INDEXED_TAGS, in document order."""
        return self.survey.by_tag[tag]

    @property
    def title(self) -> str:
        """The first <title>'s text, white space collapsed."""
        return next((clean_text(el.text) for el in self.tagged("title") if el.text), "")

    def link_href(self, *rels: str) -> str | None:
        """The href of the first <link> whose rel is one of `rels`."""
        return next(
            (
                href
                for el in self.tagged("link")
                if el.get("rel") in rels and (href := el.get("href"))
            ),
            None,
        )

    @property
    def itemprops(self) -> dict[str, list[Element]]:
        return self.survey.itemprops

    def ld(self, key: str) -> Any:
        return self.article.get(key) if self.article else None

    def first_meta(self, keys: tuple[str, ...]) -> str | None:
        for key in keys:
            value = self.meta.get(key)
            if value:
                return value
        return None

    def itemprop(self, name: str) -> str | None:
        for element in self.itemprops.get(name, ()):
            value = (
                element.get("content") or element.get("datetime") or element.get("href")
                or clean_text(text_of(element))
            )  # fmt: skip
            if value:
                return value.strip()
        return None


def _read_meta(metas: list[Element]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """<meta> contents by lower-case key; property= (RDFa, OpenGraph) wins over name=.
    Also every content of each key from its winning attribute, in page order (one
    <meta> per author)."""
    ranked: dict[str, tuple[int, str]] = {}
    every: dict[str, tuple[int, list[str]]] = {}
    for element in metas:
        content = element.get("content")
        if not content or not content.strip():
            continue
        for rank, attribute in enumerate(_META_ATTRIBUTES):
            for key in (element.get(attribute) or "").lower().split():
                key = key.replace("dc:", "dc.").replace("dcterm:", "dcterms.")
                if key not in ranked or rank < ranked[key][0]:
                    ranked[key] = (rank, content)
                    every[key] = (rank, [content])
                elif rank == every[key][0]:
                    every[key][1].append(content)
    first = {key: " ".join(content.split()) for key, (_, content) in ranked.items()}
    return first, {key: contents for key, (_, contents) in every.items()}


def read_metadata(root: Element, url: str, survey: Survey) -> Metadata:
    """Every metadata field of the page, each from its strongest source."""
    src = _Sources(root, url, survey)
    sources: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, cascade in _CASCADES.items():
        value, origin = cascade(src)
        if value:
            values[name] = value
            sources[name] = origin
    site_name = values.get("site_name")
    # og:title and JSON-LD often carry the " - Site" of the <title> too.
    headline = _strip_name_parts(
        values.get("headline", ""), site_name, _host_names(url), values.get("authors", [])
    )
    accessible = src.ld("isAccessibleForFree")
    return Metadata(
        headline=headline,
        authors=values.get("authors", []),
        published=values.get("published"),
        modified=values.get("modified"),
        site_name=site_name,
        section=values.get("section"),
        language=values.get("language"),
        canonical_url=values.get("canonical_url"),
        image=values.get("image"),
        description=values.get("description"),
        paywalled=str(accessible).lower() == "false",
        page_types=frozenset(src.types),
        og_type=src.meta.get("og:type"),
        sources=sources,
    )


def _headline(src: _Sources) -> tuple[str | None, str]:
    """The title the page declares; else its <h1> or the cleaned <title>."""
    text = _jsonld_title(src)
    if text:
        return clean_text(text), "json-ld"
    text = src.first_meta(("dc.title", "dcterms.title"))
    if text:
        return text, "meta"
    text = src.meta.get("og:title")
    if text:
        return text, "opengraph"
    text = src.first_meta(_TITLE_META)
    if text:
        return text, "meta"
    text = src.itemprop("headline")
    if text:
        return clean_text(text), "microdata"
    title = src.title
    h1 = next((t for el in src.tagged("h1") if (t := _h1_text(el, src.url))), "")
    # An <h1> that shares no words with the <title> is a site or section name.
    if h1 and (not title or _overlap(h1, title) >= 0.5):
        return h1, "page"
    if title:
        return _headline_in_title(src.root, title), "title"
    return (h1, "page") if h1 else (None, "")


def _jsonld_title(src: _Sources) -> str | None:
    """headline, or name; when both differ, the one the <title> agrees with
    (Wikipedia's headline is the Wikidata description)."""
    headline = jsonld.value_text(src.ld("headline"))
    name = jsonld.value_text(src.ld("name"))
    if headline and name and name.casefold() == (_site_name(src)[0] or "").casefold():
        return headline  # the name is the site's
    if headline and name and headline != name:
        title = src.title
        return name if _overlap(name, title) > _overlap(headline, title) else headline
    return headline or name


def _h1_text(heading: Element, page_url: str) -> str:
    """A heading's text without a trailing permalink mark ("¶", "#", "🔗"); nothing
    when the heading is wholly a link to its site's home page (the site's name)."""
    text = clean_text(text_of(heading))
    links = heading.xpath(".//a[@href]")
    if not links:
        return text
    last = clean_text(text_of(links[-1]))
    if len(links) == 1 and last == text and _is_home_link(links[0].get("href", ""), page_url):
        return ""
    if last and len(last) <= 2 and not any(c.isalnum() for c in last) and text.endswith(last):
        return text[: -len(last)].rstrip()
    return text


def _is_home_link(href: str, page_url: str) -> bool:
    """A link to the site's root, or to the index of the page's own folder (a manual's
    contents); not to the page itself ("#", "#top", its own URL: a permalink)."""
    href = href.strip()
    target = join_url(page_url, href)
    if not href or href.startswith(("#", "?")) or target is None:
        return False
    home, page = urlsplit(target), urlsplit(page_url)
    if home.hostname != page.hostname or home.query or home.path == page.path:
        return False
    return _HOME_PATH.fullmatch(home.path) is not None or _INDEX_HREF.fullmatch(href) is not None


def _overlap(part: str, whole: str) -> float:
    words = set(_WORD.findall(part.casefold()))
    return len(words & set(_WORD.findall(whole.casefold()))) / len(words) if words else 0.0


def _headline_in_title(root: Element, title: str) -> str:
    """The part of "Site - Section - Headline" that the page shows as a heading."""
    spans = _part_spans(title)
    if len(spans) < 2:
        return title
    shown = {clean_text(text_of(el)) for el in _SHOWN_TITLES(root)}
    runs = [
        _rejoin(title, spans, first, last)
        for first in range(len(spans))
        for last in range(first, len(spans))
    ]
    matches = [run for run in runs if run in shown]
    if matches:
        return max(matches, key=len)
    # "Headline | Site": drop the last part, unless that leaves too few words.
    head = _rejoin(title, spans, 0, len(spans) - 2)
    return head if len(head.split()) >= 3 else _rejoin(title, spans, 1, len(spans) - 1)


def _authors(src: _Sources) -> tuple[list[str] | None, str]:
    persons, organizations = jsonld.people(src.ld("author") or src.ld("creator"))
    names = dedupe([n for person in persons for n in clean_names(person)])
    if names:
        return names, "json-ld"
    for key in _AUTHOR_META:
        values = src.every_meta.get(key, ())
        one_person = key in _ONE_AUTHOR_META
        names = dedupe([
            name for value in values if not value.startswith(("http://", "https://", "@"))
            for name in clean_names(value, one_person=one_person)
        ])  # fmt: skip
        if names:
            return names, "meta"
    microdata = []
    for element in src.itemprops.get("author", []) + src.itemprops.get("creator", []):
        inner = element.xpath(".//*[@itemprop='name']")
        text = (
            (inner[0].get("content") or text_of(inner[0]))
            if inner
            else (element.get("content") or text_of(element))
        )
        microdata += clean_names(text)
    if microdata:
        return dedupe(microdata), "microdata"
    names = _visible_authors(src)
    if names:
        return names, "byline"
    names = dedupe([n for org in organizations for n in clean_names(org)])
    return (names, "json-ld") if names else (None, "")


def _visible_authors(src: _Sources) -> list[str]:
    links = src.survey.rel_author
    names = [n for el in links for n in clean_names(text_of(el))]
    if names:
        return dedupe(names)
    for element in src.survey.author:
        text = text_of(element)
        if len(text) > 200:
            continue
        # Linked names are names; the rest of the text may hold labels and dates.
        linked = [n for a in element.iter("a") for n in clean_names(text_of(a))]
        names = linked or clean_names(text)
        if names:
            return dedupe(names)
    return []


def _published(src: _Sources) -> tuple[str | None, str]:
    candidates: list[tuple[Callable[[], str | None], str]] = [
        (lambda: jsonld.value_text(src.ld("datePublished") or src.ld("dateCreated")), "json-ld"),
        (lambda: src.meta.get("article:published_time") or src.meta.get("og:published_time"),
         "opengraph"),
        (lambda: src.first_meta(_PUBLISHED_META), "meta"),
        (lambda: src.itemprop("datePublished"), "microdata"),
        (lambda: _visible_date(src), "page"),
    ]  # fmt: skip
    return _most_precise(candidates, src.url)


def _most_precise(
    candidates: list[tuple[Callable[[], str | None], str]], url: str
) -> tuple[str | None, str]:
    """The first date found, made more precise by a later source that agrees on the day.

    A meta tag may give only "2023-06-12" while the byline shows "2023-06-12 08:30".
    Sources are read lazily, strongest first, and only as far as needed.
    """
    best: tuple[str, str] | None = None
    for read, origin in candidates:
        date = parse_date(read())
        if not date:
            continue
        if best is None:
            best = (date, origin)
            if len(date) > 10:
                return best
        elif date[:10] == best[0] and len(date) > 10:
            return date, origin
    if best:
        return best
    date = date_from_url(urlsplit(url).path)
    return (date, "url") if date else (None, "")


def _visible_date(src: _Sources) -> str | None:
    for element in src.tagged("time"):
        if element.get("datetime") is None and element.get("pubdate") is None:
            continue
        date = parse_date(element.get("datetime")) or parse_date(text_of(element))
        if date:
            return date
    for element in src.survey.date:
        text = text_of(element)
        if len(text) <= 120:
            date = parse_date(text)
            if date:
                return date
    return None


def _modified(src: _Sources) -> tuple[str | None, str]:
    sources: tuple[tuple[Callable[[], str | None], str], ...] = (
        (lambda: jsonld.value_text(src.ld("dateModified")), "json-ld"),
        (lambda: src.meta.get("article:modified_time") or src.meta.get("og:updated_time"),
         "opengraph"),
        (lambda: src.first_meta(_MODIFIED_META), "meta"),
        (lambda: src.itemprop("dateModified"), "microdata"),
    )  # fmt: skip
    for read, origin in sources:
        date = parse_date(read())
        if date:
            return date, origin
    return None, ""


def _site_name(src: _Sources) -> tuple[str | None, str]:
    publisher = src.ld("publisher")
    name = jsonld.value_text(publisher.get("name")) if isinstance(publisher, dict) else None
    if name and not name.startswith("http"):
        return name, "json-ld"
    name = src.meta.get("og:site_name")
    if name:
        return name, "opengraph"
    name = src.first_meta(_SITE_META[1:])
    if name and not name.startswith(("http", "@")):
        return name, "meta"
    for element in src.survey.source:
        text = clean_text(text_of(element))
        text = re.sub(r"^(?:source|来源)\s*[:：]\s*", "", text, flags=re.I)
        if 0 < len(text) <= 40 and not parse_date(text):
            return text, "byline"
    return None, ""


def _section(src: _Sources) -> tuple[str | None, str]:
    value = jsonld.value_text(src.ld("articleSection"))
    if value:
        return value, "json-ld"
    value = src.meta.get("article:section")
    if value:
        return value, "opengraph"
    value = src.first_meta(_SECTION_META[1:])
    if value:
        return value, "meta"
    for element in src.survey.section:
        text = clean_text(text_of(element))
        if 0 < len(text) <= 40:
            return text, "page"
    kicker = _kicker(src.tagged("h1"))
    return (kicker, "page") if kicker else (None, "")


def _kicker(headings: list[Element]) -> str | None:
    """A short section link standing right above the headline: <a>Exhibition Forum</a><h1>."""
    if not headings:
        return None
    before = headings[0].getprevious()
    if before is None or before.tag in ("h1", "h2", "h3") or len(before.xpath(".//a")) != 1:
        return None
    text = clean_text(text_of(before))
    return text if 0 < len(text) <= 40 and not parse_date(text) else None


def _language(src: _Sources) -> tuple[str | None, str]:
    for value, origin in (
        ((_LANG(src.root) or [None])[0], "page"),
        (jsonld.value_text(src.ld("inLanguage")), "json-ld"),
        (src.first_meta(_LANGUAGE_META), "meta"),
    ):
        if value and re.match(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$", value.strip()):
            return value.strip().replace("_", "-"), origin
    return None, ""


def _canonical(src: _Sources) -> tuple[str | None, str]:
    for value, origin in (
        (src.link_href("canonical", "Canonical"), "page"),
        (src.meta.get("og:url"), "opengraph"),
        (jsonld.value_text(src.ld("url") or src.ld("mainEntityOfPage")), "json-ld"),
    ):
        url = join_url(src.url, value)
        if url and _plausible_canonical(src.url, url):
            return url, origin
    return None, ""


def _plausible_canonical(page_url: str, canonical: str) -> bool:
    """Some sites point every page's canonical at their home page: ignore that."""
    path = urlsplit(canonical).path
    return path not in ("", "/") or urlsplit(page_url).path in ("", "/")


def _image(src: _Sources) -> tuple[str | None, str]:
    for value, origin in (
        (src.meta.get("og:image") or src.meta.get("og:image:url"), "opengraph"),
        (jsonld.image_of(src.ld("image")), "json-ld"),
        (src.first_meta(_IMAGE_META[3:]), "meta"),
        (src.link_href("image_src"), "page"),
    ):
        url = join_url(src.url, value)
        if url:
            return url, origin
    return None, ""


def _description(src: _Sources) -> tuple[str | None, str]:
    value = jsonld.value_text(src.ld("description"))
    if value:
        return clean_text(value), "json-ld"
    value = src.first_meta(_DESCRIPTION_META)
    return (value, "meta") if value else (None, "")


def _strip_name_parts(
    headline: str, site_name: str | None, host_names: frozenset[str], authors: list[str]
) -> str:
    """Drop the parts of a title that name the site (" | Site", "Site - ", " | ARTE
    Radio" on arteradio.com) or give the date (" | DW | 23.05.2011"), or, at its
    end, the author (a blog's "Title - Jane Doe - Medium")."""
    spans = _part_spans(headline)
    if len(spans) < 2:
        return headline
    parts = [headline[start:end].casefold() for start, end in spans]
    kept = list(range(len(parts)))
    site = site_name.casefold() if site_name else None
    kept = [i for i in kept if not _names_site_or_date(parts[i], site, host_names)] or kept
    if len(kept) > 1 and parts[kept[-1]] in {name.casefold() for name in authors}:
        kept.pop()
    return _rejoin(headline, spans, kept[0], kept[-1]) if len(kept) < len(parts) else headline


def _names_site_or_date(part: str, site: str | None, host_names: frozenset[str]) -> bool:
    """Whether a casefolded title part is the site's name, its host, or a date."""
    if part == site or _NOT_WORD.sub("", part) in host_names:
        return True
    return bool(_DATE_PART.fullmatch(part)) and parse_date(part) is not None


def _host_names(url: str) -> frozenset[str]:
    """How a title may spell the site's host: "arteradio" and "arteradiocom" for
    www.arteradio.com ("ARTE Radio", "ArteRadio.com"), "dw" for www.dw.com. The
    name is the label a domain is registered under, never a subdomain's ("news",
    "harrypotter" in harrypotter.fandom.com name a part of the site)."""
    host = urlsplit(url).hostname or ""
    labels = host.removeprefix("www.").split(".")
    if len(labels) < 2:
        return frozenset()
    names = {"".join(labels)}
    # "bbc" in bbc.co.uk: a country's second level ("co", "com", "org") is no name.
    second_level = len(labels[-1]) == 2 and labels[-2] in selectors.COUNTRY_SECOND_LEVELS
    index = -3 if len(labels) > 2 and second_level else -2
    names.add("".join(labels[index:]))
    if len(labels[index]) > 1:
        names.add(labels[index])
    return frozenset(names)


def _part_spans(title: str) -> list[tuple[int, int]]:
    """Where each part of a title between separators starts and ends."""
    spans: list[tuple[int, int]] = []
    start = 0
    for separator in _TITLE_SEPARATOR.finditer(title):
        spans.append((start, separator.start()))
        start = separator.end()
    spans.append((start, len(title)))
    return spans


def _rejoin(title: str, spans: list[tuple[int, int]], first: int, last: int) -> str:
    """Parts `first` to `last` of a title, with the separators between them."""
    return title[spans[first][0] : spans[last][1]].strip()


_CASCADES = {
    "headline": _headline,
    "authors": _authors,
    "published": _published,
    "modified": _modified,
    "site_name": _site_name,
    "section": _section,
    "language": _language,
    "canonical_url": _canonical,
    "image": _image,
    "description": _description,
}
