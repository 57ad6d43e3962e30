"""What changed between two versions of an article, word by word."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Fields compared besides the body, in the order a reader cares about them.
FIELDS = ("headline", "highlights", "authors", "published", "modified", "section")
_TOKENS = re.compile(r"\s+|[^\s]+")
_CONTEXT = 8  # unchanged words kept on each side of a change
_REWRITTEN = 0.4  # below this word similarity a paragraph is shown replaced whole


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: Any
    new: Any


@dataclass(frozen=True)
class VersionDiff:
    old_version: int
    new_version: int
    fields: tuple[FieldChange, ...]
    body: str  # word diff: [-removed-]{+added+}, long unchanged stretches elided

    @property
    def unchanged(self) -> bool:
        return not self.fields and not self.body


def diff_versions(old: Mapping[str, Any], new: Mapping[str, Any]) -> VersionDiff:
    """Compare two version rows (as the versions table holds them)."""
    fields = tuple(
        FieldChange(name, old.get(name), new.get(name))
        for name in FIELDS
        if old.get(name) != new.get(name)
    )
    body = word_diff(old.get("body") or "", new.get("body") or "")
    return VersionDiff(int(old["version"]), int(new["version"]), fields, body)


def word_diff(old: str, new: str) -> str:
    """A readable word-level diff, paragraph by paragraph; "" when nothing changed."""
    if old == new:
        return ""
    old_paragraphs, new_paragraphs = old.split("\n\n"), new.split("\n\n")
    matcher = difflib.SequenceMatcher(None, old_paragraphs, new_paragraphs, autojunk=False)
    out: list[str] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "insert":
            out += [f"{{+{p}+}}" for p in new_paragraphs[b1:b2]]
        elif op == "delete":
            out += [f"[-{p}-]" for p in old_paragraphs[a1:a2]]
        else:
            old_text = "\n\n".join(old_paragraphs[a1:a2])
            new_text = "\n\n".join(new_paragraphs[b1:b2])
            if _similarity(old_text, new_text) < _REWRITTEN:
                out += [f"[-{p}-]" for p in old_paragraphs[a1:a2]]
                out += [f"{{+{p}+}}" for p in new_paragraphs[b1:b2]]
            else:
                out.append(_words(old_text, new_text))
    return "\n\n".join(out)


def _similarity(old: str, new: str) -> float:
    return difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()


def _words(old: str, new: str) -> str:
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    parts: list[str] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(_elide("".join(a[a1:a2]), first=a1 == 0, last=a2 == len(a)))
            continue
        if a1 != a2:
            parts.append(f"[-{''.join(a[a1:a2]).strip()}-]")
        if b1 != b2:
            if a1 != a2:
                parts.append(" ")
            parts.append(f"{{+{''.join(b[b1:b2]).strip()}+}}")
    return "".join(parts).strip()


def _elide(text: str, *, first: bool, last: bool) -> str:
    """Keep a few words of context around changes, not whole unchanged paragraphs."""
    words = text.split(" ")
    if len(words) <= 2 * _CONTEXT + 1:
        return text
    head = [] if first else words[:_CONTEXT]
    tail = [] if last else words[-_CONTEXT:]
    return " ".join([*head, "…", *tail]) if (head or tail) else "… "
