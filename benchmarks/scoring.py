"""The ScrapingHub article-extraction benchmark's scoring method, re-implemented.

Body text is cut into word 4-gram shingles; per page, true and false positives
and false negatives are counted as multisets and divided by their sum, so that
long and short articles weigh the same. Precision is averaged over pages with a
non-empty prediction, recall over pages with a non-empty truth, and F1 is the
harmonic mean of the two means (not a mean of per-page F1).
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    words = tokens(text)
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


@dataclass(frozen=True)
class PageScore:
    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float | None:
        """None when the prediction is empty: such pages do not count for precision."""
        if self.tp + self.fp == 0:
            return None
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """None when the truth is empty: such pages do not count for recall."""
        if self.tp + self.fn == 0:
            return None
        return self.tp / (self.tp + self.fn)


def score_page(truth: str | None, prediction: str | None) -> PageScore:
    true, pred = shingles(truth), shingles(prediction)
    tp = float(sum((true & pred).values()))
    fp = float(sum((pred - true).values()))
    fn = float(sum((true - pred).values()))
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(tp, fp, fn, exact=tokens(truth) == tokens(prediction))


@dataclass(frozen=True)
class Summary:
    f1: float
    precision: float
    recall: float
    accuracy: float
    f1_sd: float = 0.0


def summarize(scores: Sequence[PageScore], *, bootstrap: int = 0, seed: int = 0) -> Summary:
    """Mean precision and recall, their harmonic mean, and exact-match accuracy."""
    precision, recall, f1 = _means(scores)
    accuracy = sum(s.exact for s in scores) / len(scores) if scores else 0.0
    spread = 0.0
    if bootstrap and len(scores) > 1:
        rng = random.Random(seed)
        samples = [_means(rng.choices(scores, k=len(scores)))[2] for _ in range(bootstrap)]
        spread = statistics.stdev(samples)
    return Summary(f1=f1, precision=precision, recall=recall, accuracy=accuracy, f1_sd=spread)


def _means(scores: Sequence[PageScore]) -> tuple[float, float, float]:
    precisions = [p for p in (s.precision for s in scores) if p is not None]
    recalls = [r for r in (s.recall for s in scores) if r is not None]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
