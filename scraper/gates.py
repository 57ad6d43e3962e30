"""Gated pages: what a server sends instead of the article (a login, a payment, a challenge).

Signatures are kept general (page titles, markup and phrases that anti-bot interstitials,
captcha pages and login walls share), never the names of particular sites.
"""

from __future__ import annotations

import re

# Statuses that mean "not for you": reported as gated, never retried.
GATED_STATUSES = {
    401: "login required (HTTP 401)",
    402: "payment required (HTTP 402)",
    403: "access denied (HTTP 403)",
}
SCAN_BYTES = 64 * 1024  # interstitials are small; their signatures sit near the top
SHORT_PAGE = 2000  # characters of visible text: a wall says little, an article says more

# Whole titles of anti-bot interstitials: "Just a moment...", "Attention Required! | ..."
CHALLENGE_TITLES = re.compile(
    rb"^\s*(?:just a moment|attention required|checking your browser|one more step|"
    rb"please wait while we (?:check|verify)|verifying you are (?:a )?human|"
    rb"are you a (?:robot|human)|pardon our interruption|security check|"
    rb"ddos protection|access denied|bot verification|human verification)\b.{0,60}$",
    re.I | re.S,
)
# Markup and phrases only challenge pages carry, whatever their size.
CHALLENGE_MARKS = re.compile(
    rb"cf[-_]chl[-_]opt|cf-browser-verification|id=[\"']?challenge-form\b|"
    rb"checking (?:if the site connection is secure|your browser before accessing)|"
    rb"enable javascript and cookies to continue|"
    rb"please (?:complete the security check|verify (?:that )?you are (?:a )?human)|"
    rb"press (?:&amp;|&) hold to confirm you are",
    re.I,
)
# Captcha widgets in markup (class, id, script src), not the word in a sentence: a
# challenge when they are most of a short page, not in an article's comment form.
CAPTCHA_MARKS = re.compile(
    rb"\b(?:class|id|src|name)\s*=\s*[\"']?[^\"'>]*(?:captcha|turnstile)", re.I
)
PASSWORD_INPUT = re.compile(rb"<input\b[^>]*\btype\s*=\s*[\"']?password\b", re.I)
# Titles and headings of sign-in pages, in the languages of our sources.
LOGIN_WORDS = re.compile(
    rb"\b(?:sign[ -]?in|log[ -]?in|subscribers? only|anmelden|connexion|se connecter|"
    rb"iniciar sesi|accedi|inloggen)\b|\xe7\x99\xbb\xe5\xbd\x95|"  # 登录
    rb"\xe3\x83\xad\xe3\x82\xb0\xe3\x82\xa4\xe3\x83\xb3",  # ログイン
    re.I,
)

_TITLE = re.compile(rb"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)
_HEADINGS = re.compile(rb"<h[12]\b[^>]*>(.*?)</h[12]\s*>", re.I | re.S)
_INVISIBLE = re.compile(rb"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(rb"<[^>]*>")
_SPACE = re.compile(rb"\s+")


def gate_reason(status: int, content: bytes) -> str | None:
    """Why this response is a gate rather than the page, or None when it looks like the page."""
    head = content[:SCAN_BYTES]
    if _is_challenge(head):
        return f"an anti-bot challenge page (HTTP {status})"
    # A captcha or a password field is a gate only when it is most of a short page:
    # articles carry them too, in comment forms and account menus.
    short = len(content) <= SCAN_BYTES and _visible_length(head) < SHORT_PAGE
    if short and CAPTCHA_MARKS.search(head):
        return f"a captcha page (HTTP {status})"
    if status in GATED_STATUSES:
        return GATED_STATUSES[status]
    if short and 200 <= status < 300 and _is_login_form(head):
        return "a login wall"
    return None


def _is_challenge(head: bytes) -> bool:
    title = _TITLE.search(head)
    if title and CHALLENGE_TITLES.match(_SPACE.sub(b" ", title.group(1))):
        return True
    return CHALLENGE_MARKS.search(head) is not None


def _is_login_form(head: bytes) -> bool:
    if not PASSWORD_INPUT.search(head):
        return False
    titles = _TITLE.findall(head) + _HEADINGS.findall(head)
    return any(LOGIN_WORDS.search(title) for title in titles)


def _visible_length(head: bytes) -> int:
    text = _TAG.sub(b" ", _INVISIBLE.sub(b" ", head))
    return len(_SPACE.sub(b" ", text).strip())
