"""Compile the word lists of selectors.py into regular expressions."""

from __future__ import annotations

import re
from collections.abc import Iterable

_Trie = dict[str, "_Trie"]


def _trie(words: Iterable[str]) -> str:
    """One regex alternative for many words, shared prefixes factored out.

    Python's re tries alternatives one by one; a trie lets it reject a name after
    one or two characters, which matters when every class name is checked.
    """
    root: _Trie = {}
    for word in words:
        node = root
        for char in word.lower():
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here and longer ones go on
            return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{body})?"
        return body

    return build(root)


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Match any of `words` at the start of a class or id word, ignoring case.

    A word starts after a separator or at a camelCase hump ("postShare"). The
    matched word is group 1.
    """
    # ASCII: under Unicode case folding "ſhare" would match "share" and "K" (Kelvin) "k".
    return re.compile(rf"(?:^|[^a-zA-Z0-9]|(?<=[a-z])(?=[A-Z]))((?i:{_trie(words)}))", re.ASCII)


def lower_word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """word_pattern for a lower-cased name without camelCase humps: the same
    matches, found faster. Search it in " " + name: a word starts after a
    separator only, and a pattern that opens with a character class lets re skip
    ahead to the separators instead of trying every position."""
    return re.compile(rf"[^a-z0-9]({_trie(words)})")


def trailing_pattern(patterns: Iterable[str]) -> re.Pattern[str]:
    """Match any of `patterns` at the end of a text, right after a sentence ends."""
    return re.compile(rf"(?<=[.!?。！？”\"'])\s*(?:{'|'.join(patterns)})\s*$", re.IGNORECASE)


def cut_tail(text: str, pattern: re.Pattern[str], reach: int = 120) -> str:
    """`text` without what `pattern` (anchored at the end) matches in its last `reach`
    characters: a credit or an editor's line ends a block, and searching the tail
    alone keeps a long paragraph cheap."""
    found = pattern.search(text, max(len(text) - reach, 0))
    return text[: found.start()].rstrip() if found else text


def text_pattern(patterns: Iterable[str]) -> re.Pattern[str]:
    """Match a whole block of text against any of `patterns`."""
    return re.compile(rf"^\W*(?:{'|'.join(patterns)})\W*$", re.IGNORECASE | re.DOTALL)


def any_pattern(patterns: Iterable[str]) -> re.Pattern[str]:
    """Find any of `patterns` anywhere in a text, ignoring case."""
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)
