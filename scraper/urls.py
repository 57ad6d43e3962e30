"""URL checks and the key that makes URL variants of one article the same."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Query parameters that track a click rather than choose content. Ambiguous
# names ("id", "cid", "source") stay: on some sites they pick the article.
TRACKING_PARAMS = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|_ga|_gl|"
    r"igshid|ref|ref_src|ref_url|cmpid|ocid|spm|smid|sr_share|__twitter_impression|"
    r"at_medium|at_campaign|at_custom\d|ito|wt_mc|wt\.mc_id|fromrss|taid|xtor|mkt_tok|"
    r"oly_enc_id|oly_anon_id|vero_id|_hsenc|_hsmi|hsctatracking|s_cid|trk|guccounter)$",
    re.IGNORECASE,
)


class BadURL(ValueError):
    """Not an absolute http(s) URL."""


def check_url(url: str) -> str:
    """The URL, stripped, if it is an absolute http(s) URL with a host; else BadURL."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as exc:
        raise BadURL(f"bad URL: {exc}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise BadURL("bad URL: only http and https URLs can be scraped")
    if not parts.hostname:
        raise BadURL("bad URL: no host name")
    return url


def join_url(base: str, link: str | None) -> str | None:
    """`link` made absolute against `base`, without its fragment; None when it is not a
    usable http(s) URL (a template such as "https://[domain]/x" included)."""
    if not link or not link.strip():
        return None
    try:
        return check_url(urldefrag(urljoin(base, link.strip()))[0])
    except (BadURL, ValueError):
        return None


def url_key(url: str) -> str:
    """The identity of a page across URL variants.

    http and https, "www.", default ports, fragments, trailing slashes,
    tracking parameters and parameter order all give the same key.
    """
    canonical = canonicalize_url(url.strip())
    parts = urlsplit(canonical)
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = parts.port
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/") or "/"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not TRACKING_PARAMS.match(k)
        ]
    )
    return urlunsplit(("", host, path, query, "")).removeprefix("//")


def read_urls(lines: Iterable[str]) -> Iterator[str]:
    """The URLs of a list, one a line; blank lines and `#` comment lines are not URLs."""
    for line in lines:
        text = line.strip()
        if text and not text.startswith("#"):
            yield text


def unique_urls(urls: Iterable[str]) -> list[str]:
    """`urls` in their order, each page once: variants with the same url_key are dropped."""
    seen: set[str] = set()
    kept = []
    for url in urls:
        try:
            key = url_key(check_url(url))
        except (BadURL, ValueError):
            key = url  # not a URL: kept as given, to be reported
        if key not in seen:
            seen.add(key)
            kept.append(url)
    return kept
