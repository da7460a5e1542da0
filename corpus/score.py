"""Score recount's output against the hand-written gold corpus.

The functions take the system's records (:class:`~recount.pipeline.records.Figure` and
:class:`~recount.pipeline.records.Check`) and the :class:`~recount.corpus.load.GoldDocument` list,
and return plain dataclasses a CLI can print or dump as JSON:

- figures: precision/recall/F1 per kind (count, money, percent), both with **exact offsets**
  (same start, end and kind, the spaCy ``score_spans`` reading) and **value-only** (same kind and
  value, one-to-one, like ``shared/domain/score.py``), overall and per language;
- directives: P/R/F1 on normalized numbers, each distinct number once per document;
- roles: accuracy and macro-F1 over the gold figures the system found (exact offsets first,
  then value matching), per language;
- claims: verdict accuracy over the gold claims the system checked, plus recall and precision of
  ``inconsistent`` verdicts.

System records are tied to gold documents by file name (``.../vi_001_toan_quoc_2023.txt`` ->
``vi_001_toan_quoc_2023``); records of other documents are ignored and counted in
``unknown_docs``.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import PurePath
from typing import Iterable, Sequence

from recount.corpus.load import GoldDocument

QUANTITY_KINDS = ("count", "money", "percent")


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict:
        return {"p": round(self.precision, 4), "r": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def _prf_table(counts: dict[str, PRF]) -> dict[str, dict]:
    return {key: value.to_dict() for key, value in sorted(counts.items())}


@dataclass
class FigureScores:
    """Per-kind P/R/F1 for exact-offset and value-only matching, overall and per language."""

    exact: dict[str, PRF] = field(default_factory=dict)
    value: dict[str, PRF] = field(default_factory=dict)
    exact_by_language: dict[str, PRF] = field(default_factory=dict)
    value_by_language: dict[str, PRF] = field(default_factory=dict)
    unknown_docs: int = 0

    @property
    def exact_all(self) -> PRF:
        return sum(self.exact.values(), PRF())

    @property
    def value_all(self) -> PRF:
        return sum(self.value.values(), PRF())

    def to_dict(self) -> dict:
        return {
            "exact": {**_prf_table(self.exact), "all": self.exact_all.to_dict()},
            "value": {**_prf_table(self.value), "all": self.value_all.to_dict()},
            "exact_by_language": _prf_table(self.exact_by_language),
            "value_by_language": _prf_table(self.value_by_language),
            "unknown_docs": self.unknown_docs,
        }


@dataclass
class RoleScores:
    """Role labels on the gold figures the system found."""

    matched: int
    correct: int
    macro_f1: float
    per_role: dict[str, PRF]
    by_language: dict[str, dict]

    @property
    def accuracy(self) -> float:
        return self.correct / self.matched if self.matched else 0.0

    def to_dict(self) -> dict:
        return {"matched": self.matched, "correct": self.correct,
                "accuracy": round(self.accuracy, 4), "macro_f1": round(self.macro_f1, 4),
                "per_role": _prf_table(self.per_role), "by_language": self.by_language}


@dataclass
class ClaimScores:
    """Verdicts on the gold claims the system checked."""

    gold: int
    matched: int
    correct: int
    inconsistent_gold: int
    inconsistent_found: int
    system_inconsistent: int
    false_alarms: int
    confusion: dict[str, int]
    by_language: dict[str, dict]

    @property
    def accuracy(self) -> float:
        return self.correct / self.matched if self.matched else 0.0

    @property
    def inconsistency_recall(self) -> float:
        return self.inconsistent_found / self.inconsistent_gold if self.inconsistent_gold else 0.0

    @property
    def inconsistency_precision(self) -> float:
        return self.inconsistent_found / self.system_inconsistent if self.system_inconsistent else 0.0

    def to_dict(self) -> dict:
        d = asdict(self)
        d.update(accuracy=round(self.accuracy, 4),
                 inconsistency_recall=round(self.inconsistency_recall, 4),
                 inconsistency_precision=round(self.inconsistency_precision, 4))
        return d


# --------------------------------------------------------------------------- helpers


def doc_key(doc: str | None) -> str:
    """``"corpus/docs/vi_001_x.txt"`` -> ``"vi_001_x"`` (also strips ``.pdf``/``.gold.json``)."""
    name = PurePath(str(doc or "").replace("\\", "/")).name
    for suffix in (".gold.json", ".txt", ".pdf", ".json"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def values_match(kind: str, system: float | None, gold: float) -> bool:
    """Counts must be equal; money and percentages within 0.5% (as the shared scorer)."""
    if system is None:
        return False
    if kind == "count":
        return abs(system - gold) < 1e-6
    if gold == 0:
        return abs(system) < 1e-9
    return abs(system - gold) <= 0.005 * abs(gold)


def normalize_directive(number: str | None) -> str:
    """``"Số 62/2015/NĐ-CP"`` and ``"62/2015/ND-CP"`` are one id; ``"04 CT/TW"`` = ``"04-CT/TW"``."""
    if not number:
        return ""
    s = str(number).replace("Đ", "D").replace("đ", "d")
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).upper()
    s = re.sub(r"[\s\-]+", "", s)
    s = re.sub(r"^(NO\.?|NUMBER|SO|N°\.?|#)", "", s)
    return s.strip(".,;:()[]")


def _group(records: Iterable, gold_names: set[str]) -> tuple[dict[str, list], int]:
    grouped, unknown = defaultdict(list), 0
    for record in records:
        key = doc_key(record.doc)
        if key in gold_names:
            grouped[key].append(record)
        else:
            unknown += 1
    return grouped, unknown


def _match_figures(gold: GoldDocument, system: Sequence) -> dict[int, object]:
    """Gold figure index -> system figure: exact offsets and kind first, then value, one-to-one."""
    quantities = [f for f in system if f.kind in QUANTITY_KINDS]
    used: set[int] = set()
    matches: dict[int, object] = {}
    by_span = {(f.start, f.end, f.kind): i for i, f in enumerate(quantities)}
    for gi, g in enumerate(gold.figures):
        si = by_span.get((g.start, g.end, g.kind))
        if si is not None and si not in used:
            used.add(si)
            matches[gi] = quantities[si]
    for gi, g in enumerate(gold.figures):
        if gi in matches:
            continue
        best = None
        for si, f in enumerate(quantities):
            if si in used or f.kind != g.kind or not values_match(g.kind, f.value, g.value):
                continue
            if best is None or abs(f.start - g.start) < abs(quantities[best].start - g.start):
                best = si
        if best is not None:
            used.add(best)
            matches[gi] = quantities[best]
    return matches


# --------------------------------------------------------------------------- scorers


def score_figures(gold_docs: Sequence[GoldDocument], figures: Iterable) -> FigureScores:
    """P/R/F1 per kind for the system's quantities (directives are scored separately)."""
    names = {g.name for g in gold_docs}
    grouped, unknown = _group(figures, names)
    scores = FigureScores(unknown_docs=unknown)
    exact = defaultdict(PRF)
    value = defaultdict(PRF)
    exact_lang = defaultdict(PRF)
    value_lang = defaultdict(PRF)
    for gold in gold_docs:
        system = [f for f in grouped.get(gold.name, []) if f.kind in QUANTITY_KINDS]
        for kind in QUANTITY_KINDS:
            gold_spans = {(g.start, g.end) for g in gold.figures if g.kind == kind}
            sys_spans = {(f.start, f.end) for f in system if f.kind == kind}
            tp = len(gold_spans & sys_spans)
            counts = PRF(tp, len(sys_spans) - tp, len(gold_spans) - tp)
            exact[kind] += counts
            exact_lang[gold.language] += counts

            golds = [g for g in gold.figures if g.kind == kind]
            cands = [f for f in system if f.kind == kind]
            used = [False] * len(cands)
            hit = 0
            for g in golds:
                for i, f in enumerate(cands):
                    if not used[i] and values_match(kind, f.value, g.value):
                        used[i] = True
                        hit += 1
                        break
            counts = PRF(hit, used.count(False), len(golds) - hit)
            value[kind] += counts
            value_lang[gold.language] += counts
    scores.exact, scores.value = dict(exact), dict(value)
    scores.exact_by_language, scores.value_by_language = dict(exact_lang), dict(value_lang)
    return scores


def score_directives(gold_docs: Sequence[GoldDocument], figures: Iterable) -> PRF:
    """Directive references: normalized numbers, each distinct number once per document."""
    names = {g.name for g in gold_docs}
    grouped, _ = _group(figures, names)
    total = PRF()
    for gold in gold_docs:
        gold_ids = {normalize_directive(d.number) for d in gold.directives}
        sys_ids = {normalize_directive(f.id or f.text) for f in grouped.get(gold.name, [])
                   if f.kind == "directive"}
        sys_ids.discard("")
        total += PRF(len(gold_ids & sys_ids), len(sys_ids - gold_ids), len(gold_ids - sys_ids))
    return total


def _macro_f1(pairs: list[tuple[str, str]]) -> tuple[float, dict[str, PRF]]:
    labels = sorted({g for g, _ in pairs})
    per = {}
    for label in labels:
        tp = sum(1 for g, s in pairs if g == label and s == label)
        fp = sum(1 for g, s in pairs if g != label and s == label)
        fn = sum(1 for g, s in pairs if g == label and s != label)
        per[label] = PRF(tp, fp, fn)
    macro = sum(p.f1 for p in per.values()) / len(per) if per else 0.0
    return macro, per


def score_roles(gold_docs: Sequence[GoldDocument], figures: Iterable) -> RoleScores:
    """Accuracy and macro-F1 of ``Figure.role`` on the gold figures the system found.

    Macro-F1 averages over the roles present in the gold, so a rare role (postponed,
    terminated) weighs as much as completion_rate.
    """
    names = {g.name for g in gold_docs}
    grouped, _ = _group(figures, names)
    pairs: list[tuple[str, str]] = []
    lang_pairs: dict[str, list] = defaultdict(list)
    for gold in gold_docs:
        matches = _match_figures(gold, grouped.get(gold.name, []))
        for gi, figure in matches.items():
            pair = (gold.figures[gi].role, figure.role or "")
            pairs.append(pair)
            lang_pairs[gold.language].append(pair)
    macro, per = _macro_f1(pairs)
    by_language = {}
    for lang, lp in sorted(lang_pairs.items()):
        lang_macro, _ = _macro_f1(lp)
        correct = sum(g == s for g, s in lp)
        by_language[lang] = {"matched": len(lp), "accuracy": round(correct / len(lp), 4),
                             "macro_f1": round(lang_macro, 4)}
    return RoleScores(len(pairs), sum(g == s for g, s in pairs), macro, per, by_language)


def score_claims(gold_docs: Sequence[GoldDocument], checks: Iterable) -> ClaimScores:
    """Verdict accuracy: a check matches a gold claim on the stated span, else on the stated value.

    One gold figure can carry two claims (a total checked by I1 and I2); the checks on that span
    are paired with its claims by rule when the rule names agree, one-to-one.
    """
    names = {g.name for g in gold_docs}
    grouped, _ = _group(checks, names)
    matched = correct = inc_gold = inc_found = sys_inc = false_alarms = 0
    confusion: dict[str, int] = defaultdict(int)
    lang_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for gold in gold_docs:
        cands = list(grouped.get(gold.name, []))
        used = [False] * len(cands)
        sys_inc += sum(c.verdict == "inconsistent" for c in cands)
        lang_counts[gold.language][0] += len(gold.claims)
        for claim in gold.claims:
            inc_gold += claim.verdict == "inconsistent"
            best = _pick_check(claim, cands, used)
            if best is None:
                continue
            used[best] = True
            verdict = cands[best].verdict
            matched += 1
            lang_counts[gold.language][1] += 1
            confusion[f"{claim.verdict}->{verdict}"] += 1
            if verdict == claim.verdict:
                correct += 1
                lang_counts[gold.language][2] += 1
                inc_found += verdict == "inconsistent"
            elif claim.verdict == "consistent" and verdict == "inconsistent":
                false_alarms += 1
    by_language = {lang: {"gold": g, "matched": m, "accuracy": round(c / m, 4) if m else 0.0}
                   for lang, (g, m, c) in sorted(lang_counts.items())}
    return ClaimScores(sum(len(g.claims) for g in gold_docs), matched, correct, inc_gold,
                       inc_found, sys_inc, false_alarms, dict(sorted(confusion.items())),
                       by_language)


def _pick_check(claim, cands: list, used: list[bool]) -> int | None:
    """The unused check for ``claim``: same span and rule, else same span, else same stated value."""
    tests = (
        lambda c: c.start == claim.start and c.end == claim.end and c.rule == claim.rule,
        lambda c: c.start == claim.start and c.end == claim.end,
        lambda c: c.stated is not None
        and abs(c.stated - claim.stated) <= max(0.005, 1e-9 * abs(claim.stated)),
    )
    for test in tests:
        for i, c in enumerate(cands):
            if not used[i] and test(c):
                return i
    return None


@dataclass
class CorpusScores:
    figures: FigureScores
    directives: PRF
    roles: RoleScores
    claims: ClaimScores

    def to_dict(self) -> dict:
        return {"figures": self.figures.to_dict(), "directives": self.directives.to_dict(),
                "roles": self.roles.to_dict(), "claims": self.claims.to_dict()}

    def table(self) -> str:
        """A plain-text summary for a terminal."""
        lines = ["figures          exact P/R/F1          value P/R/F1"]
        for kind in (*QUANTITY_KINDS, "all"):
            e = self.figures.exact_all if kind == "all" else self.figures.exact.get(kind, PRF())
            v = self.figures.value_all if kind == "all" else self.figures.value.get(kind, PRF())
            lines.append(f"  {kind:<14} {e.precision:.3f} {e.recall:.3f} {e.f1:.3f}    "
                         f"{v.precision:.3f} {v.recall:.3f} {v.f1:.3f}")
        for lang in sorted(self.figures.exact_by_language):
            e, v = self.figures.exact_by_language[lang], self.figures.value_by_language[lang]
            lines.append(f"  lang {lang:<9} {e.precision:.3f} {e.recall:.3f} {e.f1:.3f}    "
                         f"{v.precision:.3f} {v.recall:.3f} {v.f1:.3f}")
        d = self.directives
        lines.append(f"directives       {d.precision:.3f} {d.recall:.3f} {d.f1:.3f}")
        r = self.roles
        lines.append(f"roles            accuracy {r.accuracy:.3f}  macro-F1 {r.macro_f1:.3f}  "
                     f"({r.matched} figures)")
        for lang, s in r.by_language.items():
            lines.append(f"  lang {lang:<9} accuracy {s['accuracy']:.3f}  macro-F1 {s['macro_f1']:.3f}")
        c = self.claims
        lines.append(f"claims           verdict accuracy {c.accuracy:.3f} ({c.matched}/{c.gold} "
                     f"matched); inconsistency recall {c.inconsistency_recall:.3f}, precision "
                     f"{c.inconsistency_precision:.3f}; false alarms {c.false_alarms}")
        return "\n".join(lines)


def score_corpus(gold_docs: Sequence[GoldDocument], figures: Iterable, checks: Iterable = ()) -> CorpusScores:
    """All four scores at once; ``figures`` may mix quantities and directives."""
    figures = list(figures)
    return CorpusScores(score_figures(gold_docs, figures), score_directives(gold_docs, figures),
                        score_roles(gold_docs, figures), score_claims(gold_docs, checks))
