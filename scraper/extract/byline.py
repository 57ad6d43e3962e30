"""Author names out of bylines: no "By", no roles, no dates, no "Email the author"."""

from __future__ import annotations

import re

_PREFIX = re.compile(
    r"^\s*(?:(?:(?:story|text|words)\s+and\s+)?"
    r"(?:written|posted|published|reported|words|text|photos?|story|compiled)\s+)?"
    r"(?:by|von|par|por|door|di|da|от|作者|文)\s*[:：]?\s+|^\s*(?:authors?|autor(?:es)?|auteur|"
    r"written by|reporter|作者|记者)\s*[:：]\s*|^\s*(?:authors?|autor|auteur)\s+(?=\w)",
    re.I,
)
_JUNK = re.compile(
    r"(?:e-?mail|follow|contact)(?: the)? (?:author|me|us|reporter)\b.*|"
    r"\b(?:updated|published|posted|last modified)\b.*|"
    r"\b\d+\s*(?:min(?:ute)?s?)\s*read\b.*|"
    r"\bview all posts\b.*|\bmore articles? by\b.*|\bread more\b.*|"
    r"\b(?:edited|translated|illustrat(?:ed|ions?)|photo(?:graph(?:y|s)?|s)?|graphics?)\s+by\b.*|"
    r"@\w+|https?://\S+|\S+@\S+\.\w+",
    re.I,
)
_SPLIT = re.compile(
    r"\s*(?:,|;|\||&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bwith\b|\bavec\b|\bmit\b|"
    r"\bcon\b|、|，|/)\s*",
    re.I,
)
_ROLE = re.compile(
    r"\b(?:staff|writer|editor|correspondent|reporter|contributor|columnist|"
    r"producer|analyst|critic|photographer|senior|chief|associate|freelance|"
    r"for |special to|bureau|news|press|agency|desk|team|editorial|contributing|"
    r"guest|managing|deputy|journalist|university|professor|founder|ceo|director)\b",
    re.I,
)
_DATE_LIKE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?"
    r"(?:\s+\d{4})?|\b\d[\d:/.,-]*(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?",
    re.I,
)
# Parts of a name written surname first ("Kooman, F.", "Jong, Michiel de"). Each
# token is matched whole, and no two alternatives take the same characters.
_INITIALS = re.compile(r"[A-Z]\.(?:-?[A-Z]\.)*|[A-Z]")  # "F.", "J.-P.", "F"; not "AP"
_GIVEN = re.compile(r"[A-Z][a-z][\w'’]*(?:-[A-Z][a-z][\w'’]*)?|de|da|van|von|der|den|du|la|le")
_SURNAME = re.compile(r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)?")
# A single letter beside "&" ("Mac & i", "AT&T"): one name, not two people.
_ONE_LETTER_AMPERSAND = re.compile(r"^\W*\w\s*&|&\s*\w\W*$")
_WITH = re.compile(r"\s*\((?:avec|with|mit|con|and)\s+([^)]*)\)", re.I)
_HAS_DIGIT = re.compile(r"\d")
_HAS_LETTER = re.compile(r"[^\W\d_]")


def clean_names(text: str | None, *, one_person: bool = False) -> list[str]:
    """Author names found in one byline string, in order, without duplicates.

    `one_person`: the string names one author (a Dublin Core or citation <meta>), so
    "Doe, Jane" is Jane Doe; elsewhere only "Doe, J." is, and "AFP, Reuters" is two.
    """
    if not text:
        return []
    text = " ".join(text.split())
    text = _WITH.sub(r", \1", text)  # "A (avec B et C)" names three people
    text = _PREFIX.sub("", text)
    text = _JUNK.sub("", text)
    text = _DATE_LIKE.sub(" | ", text)  # "Nathan Willis March 25, 2015" -> "Nathan Willis"
    text = text.strip(" |")
    if _is_surname_first(text, given_names=one_person):
        return [text] if _is_name(text) else []
    if _ONE_LETTER_AMPERSAND.search(text) and _is_name(text):
        return [text]  # "Mac & i", "AT&T": a name with an ampersand, not two people
    parts = [_PREFIX.sub("", part).strip(" .:-–—·•|()[]\"'") for part in _SPLIT.split(text)]
    names: list[str] = []
    for name in parts:
        if _is_name(name) and name not in names:
            names.append(name)
    return names


_BY = re.compile(r"(?:^|[\s|•·,])(?:by|von|par|por|door)\s+(?P<names>[^|•·]+)", re.I)
_DATE_TAIL = re.compile(r"\s+(?:on|am|le|el)\s+\S.*$|\s*[|•·,]\s*\d.*$", re.I)


def names_after_by(text: str) -> list[str]:
    """Names in a byline line such as "Posted: 12/23/2004 by Ray Dunbar | 3 comments"."""
    match = _BY.search(text)
    return clean_names(_DATE_TAIL.sub("", match.group("names"))) if match else []


def _is_surname_first(text: str, *, given_names: bool) -> bool:
    """ "Kooman, F." (initials after the comma), or with `given_names` "Jong, Michiel de"."""
    surname, comma, rest = text.partition(", ")
    tokens = rest.split()
    if not comma or not tokens or len(tokens) > 4 or not _SURNAME.fullmatch(surname):
        return False
    if all(_INITIALS.fullmatch(token) for token in tokens):
        return True
    return given_names and all(
        _INITIALS.fullmatch(token) or _GIVEN.fullmatch(token) for token in tokens
    )


def _is_name(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 5 or len(text) > 60:
        return False
    if _HAS_DIGIT.search(text) or not _HAS_LETTER.search(text):
        return False
    if _ROLE.search(text):
        return False
    # A Latin-script name is capitalized; CJK and other scripts have no case.
    first = words[0][0]
    return not (first.isascii() and first.isalpha() and first.islower())


def dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    unique: list[str] = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            unique.append(name)
    return unique
