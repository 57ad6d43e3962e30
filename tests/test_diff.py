"""Word-level diffs between versions: readable, and empty when nothing changed."""

from __future__ import annotations

from scraper.diff import diff_versions, word_diff

OLD = (
    "The council met on Tuesday to discuss the harbour plan, and members agreed to publish "
    "the full report next month after a long debate.\n\nA second paragraph stays the same."
)


def test_changed_word_is_marked_in_context() -> None:
    new = OLD.replace("Tuesday", "Wednesday")
    diff = word_diff(OLD, new)
    assert "[-Tuesday-] {+Wednesday+}" in diff
    assert diff.startswith("The council met on")
    assert "second paragraph" not in diff  # unchanged paragraphs are left out


def test_added_and_removed_paragraphs() -> None:
    added = OLD + "\n\nCorrection: an earlier version gave the wrong day."
    assert word_diff(OLD, added) == "{+Correction: an earlier version gave the wrong day.+}"
    assert word_diff(added, OLD) == "[-Correction: an earlier version gave the wrong day.-]"


def test_no_change_is_an_empty_diff() -> None:
    assert word_diff(OLD, OLD) == ""


def test_field_changes_are_listed() -> None:
    old = {"version": 1, "headline": "Harbour plan delayed", "body": OLD, "authors": '["A"]'}
    new = {"version": 2, "headline": "Harbour plan approved", "body": OLD, "authors": '["A"]'}
    diff = diff_versions(old, new)
    assert [(c.name, c.old, c.new) for c in diff.fields] == [
        ("headline", "Harbour plan delayed", "Harbour plan approved")
    ]
    assert diff.body == ""
    assert not diff.unchanged
