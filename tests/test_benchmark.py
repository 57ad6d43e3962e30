"""The benchmark's scoring method, and a smoke run of the benchmark script.

The targets themselves are checked by running benchmarks/extraction.py, never here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from scoring import score_page, shingles, summarize  # noqa: E402


def test_shingles_are_word_4grams_with_multiplicity() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("one, two!") == {("one", "two"): 1}  # fewer than 4 tokens: one shingle
    assert sum(shingles("x y z w " * 3).values()) == 9


def test_page_score_counts_are_normalised() -> None:
    score = score_page("a b c d e f", "a b c d x")
    # truth shingles: abcd bcde cdef; prediction: abcd bcdx -> tp 1, fp 1, fn 2
    assert (score.tp, score.fp, score.fn) == (0.25, 0.25, 0.5)
    assert score.precision == 0.5 and score.recall == pytest.approx(1 / 3)
    assert not score.exact


def test_empty_prediction_counts_for_recall_only() -> None:
    scores = [score_page("a b c d e", ""), score_page("a b c d e", "a b c d e")]
    summary = summarize(scores)
    assert summary.precision == 1.0  # the empty prediction is not averaged in
    assert summary.recall == 0.5
    assert summary.f1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert summary.accuracy == 0.5


def test_exact_match_ignores_punctuation_and_spacing() -> None:
    assert score_page("Hello, world. Again!", "Hello world\n\nAgain").exact


def test_benchmark_script_runs_on_a_few_pages() -> None:
    data = SHARED / "bench" / "scrapinghub"
    if not (data / "ground-truth.json").exists():
        pytest.skip("../shared/bench is not beside the project")
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "extraction.py"), str(data), "--limit", "5"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("scrapinghub: 5 pages")
    row = next(line for line in lines if line.startswith("scrape "))
    f1 = float(row.split()[1])
    assert 0.5 < f1 <= 1.0


def test_archive_benchmark_runs_on_a_few_articles(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "archive.py"), "--articles", "40",
         "--keep", str(tmp_path / "bench.db")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "{'inserted': 40, 'search index merged (s)'" in out
    assert "{'unchanged': 40}" in out and "{'updated': 40, 'search index merged (s)'" in out
    assert "'misstated'         40 matching" in out
