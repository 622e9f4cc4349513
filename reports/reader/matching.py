"""A figure's label against the indicator catalogue.

Words are compared without case or diacritics and in any order (a bag of syllables, the common
ones that name nothing left out, abbreviations spelt out), scored by their overlap (Dice: 2·shared
/ (label + name); a name's words found elsewhere in the sentence count half), among
the indicators whose unit measures what the figure's does (a % figure never matches an amount;
tỷ and triệu đồng are one amount). The best three are kept; below `THRESHOLD` the figure names no
known indicator and is proposed as a new one (`indicator_code` null).
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from reports.reader.text import fold
from reports.reader.units import family

THRESHOLD = Decimal("0.5")
N_CANDIDATES = 3
# Syllables that join words without naming anything.
STOP_WORDS = frozenset(
    {
        *("cua", "cac", "va", "la", "duoc", "trong", "tren", "theo", "cho", "voi", "so", "nhung"),
        *("mot", "co", "da", "nam", "thanh", "pho", "dia", "ban", "toan", "tong", "the", "tai"),
        *("den", "tu", "ve"),
    }
)
_WORD = re.compile(r"[a-z0-9]+")
# Abbreviations the reports use, as the words they stand for (folded).
ABBREVIATIONS = {
    "nsnn": "ngan sach nha nuoc",
    "nsdp": "ngan sach dia phuong",
    "ns": "ngan sach",
    "hkd": "ho kinh doanh",
    "htx": "hop tac xa",
    "gcn": "giay chung nhan",
    "gcnqsd": "giay chung nhan quyen su dung",
    "qsd": "quyen su dung",
    "mtqg": "muc tieu quoc gia",
    "ctmtqg": "chuong trinh muc tieu quoc gia",
    "tngt": "tai nan giao thong",
    "bhyt": "bao hiem y te",
    "bhxh": "bao hiem xa hoi",
    "vphc": "vi pham hanh chinh",
    "pccc": "phong chay chua chay",
    "thcs": "trung hoc co so",
    "thpt": "trung hoc pho thong",
    "ttcn": "tieu thu cong nghiep",
    "cn": "cong nghiep",
    "ntm": "nong thon moi",
    "kh": "ke hoach",
    "tthc": "thu tuc hanh chinh",
    "mn": "mam non",
    "gplx": "giay phep lai xe",
    "gpmb": "giai phong mat bang",
    "tdp": "to dan pho",
    "cqg": "chuan quoc gia",
    "ocop": "ocop",
}
# A word of the indicator's name found in the sentence but not in the label counts this much:
# "Cây ăn quả với diện tích 160,4 ha, sản lượng đạt 1.214,6 tấn" is the fruit's output.
CONTEXT_WEIGHT = Decimal("0.5")


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    name: str
    unit: str


@dataclass(frozen=True)
class Candidate:
    code: str
    score: Decimal


@dataclass(frozen=True)
class Match:
    """The best indicator (None below the threshold), its score, and the next candidates."""

    code: str | None
    score: Decimal
    candidates: tuple[Candidate, ...]


def words_of(text: str) -> frozenset[str]:
    words: set[str] = set()
    for word in _WORD.findall(fold(text)):
        words.update(ABBREVIATIONS.get(word, word).split())
    return frozenset(words - STOP_WORDS)


class Catalogue:
    """The catalogue indexed once by word, so that a figure is compared only with indicators
    that share a word with it (10 000 indicators stay fast)."""

    def __init__(self, entries: list[CatalogueEntry]) -> None:
        self.entries = entries
        self._words = [words_of(entry.name) for entry in entries]
        # By unit family and word: a figure looks only at indicators of its family.
        self._index: dict[tuple[str, str], list[int]] = defaultdict(list)
        families: dict[str, str] = {}
        for position, (entry, words) in enumerate(zip(entries, self._words, strict=True)):
            if entry.unit not in families:
                families[entry.unit] = family(entry.unit)
            for word in words:
                self._index[families[entry.unit], word].append(position)
        self._context_cache: dict[tuple[str, str], tuple[frozenset[str], Counter[int]]] = {}

    def match(self, label: str, unit: str, context: str = "") -> Match:
        """The indicators `label` names, best first; `context` (the sentence) adds the words of
        a name the label leaves to it, at `CONTEXT_WEIGHT`."""
        label_words = words_of(label)
        wanted = family(unit)
        shared: Counter[int] = Counter()
        for word in label_words:
            shared.update(self._index.get((wanted, word), ()))
        if not shared:
            return Match(None, Decimal(0), ())
        in_context = self._in_context(context, wanted, label_words, shared)
        best = heapq.nsmallest(
            N_CANDIDATES,
            shared,
            key=lambda p: (
                -_ratio(shared[p], in_context[p], len(label_words), len(self._words[p])),
                self.entries[p].code,
            ),
        )
        candidates = tuple(
            Candidate(
                self.entries[p].code,
                _score(shared[p], in_context[p], len(label_words), self._words[p]),
            )
            for p in best
        )
        top = candidates[0]
        return Match(top.code if top.score >= THRESHOLD else None, top.score, candidates)

    def _in_context(
        self, context: str, wanted: str, label_words: frozenset[str], shared: Counter[int]
    ) -> Counter[int]:
        """For each candidate, how many words of its name the sentence holds beside the label.
        The sentence's counts are kept for its next figures (a sentence has several)."""
        key = (context, wanted)
        if key not in self._context_cache:
            if len(self._context_cache) > 64:
                self._context_cache.clear()
            words = words_of(context)
            counts: Counter[int] = Counter()
            for word in words:
                counts.update(self._index.get((wanted, word), ()))
            self._context_cache[key] = (words, counts)
        words, counts = self._context_cache[key]
        in_context = Counter({p: counts[p] for p in shared})
        for word in label_words & words:
            for position in self._index.get((wanted, word), ()):
                if position in in_context:
                    in_context[position] -= 1
        return in_context


def _ratio(shared: int, in_context: int, n_label: int, n_name: int) -> float:
    """`_score` for ranking (a float is enough to order candidates)."""
    borrowed = float(CONTEXT_WEIGHT) * in_context
    return 2 * (shared + borrowed) / (n_label + borrowed + n_name)


def _score(shared: int, in_context: int, n_label: int, name: frozenset[str]) -> Decimal:
    """Dice's overlap of label and name (2·shared / (label + name)), as if the name's words
    found in the rest of the sentence were words of the label weighing `CONTEXT_WEIGHT` each."""
    borrowed = CONTEXT_WEIGHT * in_context
    score = 2 * (shared + borrowed) / (n_label + borrowed + len(name))
    return score.quantize(Decimal("0.01"))
