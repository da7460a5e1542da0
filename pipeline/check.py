"""Recompute every stated rate, change and total from the other figures of a document.

``check_document(document, figures)`` returns one :class:`~recount.pipeline.records.Check`
per claim and the values the claims imply (derived figures). The rules follow
checking.md's identities:

- ratio (I5 completion rate = completed / enforceable; I4 share = enforceable / to enforce, or of
  the caseload received when the words say so; recovery rate = recovered / amount due);
- change_pct (I8: an increase Δ on a current value B is Δ / (B − Δ); a decrease Δ / (B + Δ));
- change_pp (I9: a change of a rate is in points) and target_gap (I10: a gap to a target is in
  points; "%" written where points are meant, so the relative reading is tried too);
- sum (I1, I3, I7 breakdown of the enforceable caseload) and difference (I2, I6) between counts or
  amounts of one paragraph, or a part the document gives only once elsewhere;
- restatement (the same amount written twice in different scales: 8,35 tỉ and 8.350.000.000 đồng);
- table_total (see :mod:`recount.pipeline.tables_check`).

Operands are found by what they measure (:mod:`recount.pipeline.cues`, or ``Figure.role`` once
the role model sets it), and every printed number is an interval
(:mod:`recount.pipeline.intervals`), so rounding and truncation never raise a false alarm. When
the operands cannot be told apart (two rates either of which a gap could be of, a total smaller
than its parts that unstated deductions would explain), the verdict is ``ambiguous`` or
``unverifiable`` with the reason, never ``inconsistent``.
"""
from __future__ import annotations

import bisect
import csv
import functools
import io
import itertools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import IO, Callable, Iterable, Iterator, Sequence

from recount.pipeline import cues
from recount.pipeline.intervals import Comparison, Interval, compare, exact, printed_interval, to_float
from recount.pipeline.records import Check, Document, Figure, Operand

AMOUNT_KINDS = ("count", "money")
#: Roles the role model may give a percentage, mapped to the checker's percent classes.
PERCENT_ROLE_CLASSES = {
    "completion_rate": "rate", "enforceable_share": "share", "change_pct": "change",
    "change_pp": "change", "target": "target", "target_gap": "gap",
}
VERDICT_ORDER = {"inconsistent": 0, "ambiguous": 1, "unverifiable": 2, "consistent": 3}
CHECK_FIELDS = (
    "doc", "text", "start", "end", "page", "stated", "rule", "identity", "formula", "operands",
    "recomputed", "low", "high", "rounding", "reading", "verdict", "severity", "reason", "sentence",
)

ROLE_NAMES = {
    "received_total": "total to resolve", "carried_over": "carried over", "new": "newly received",
    "entrusted": "entrusted", "withdrawn": "withdrawn", "to_enforce": "to be enforced",
    "enforceable": "enforceable", "not_enforceable": "not yet enforceable", "completed": "completed",
    "carried_next": "carried to next period", "carried_next_enforceable": "enforceable carried to next period", "change_abs": "change", "rate": "rate",
    "target": "target", "previous": "previous period", "current": "current value",
}


class Layout:
    """Which of a document's items share a sentence or a paragraph, by position in its list.

    The checks ask for "the figures of this sentence" or "of this paragraph" for nearly every
    figure. Scanning all of a 200-page report's 3,400 figures for each of them made checking
    that report take 14 s, and four times as long for twice the pages. The groups are built
    once, as the items are made, and shared by all of them.

    Positions are kept, not items: each stage of :func:`understand` makes a new list in which
    some items are replaced (a role, a percent class) but none moves, so a position read in
    whichever list is at hand gives that list's item.
    """

    __slots__ = ("size", "sentences", "paragraphs", "answers", "of_items")

    def __init__(self) -> None:
        self.size = 0
        self.sentences: dict[tuple[int, int], list[int]] = {}
        self.paragraphs: dict[tuple[int, int], list[int]] = {}
        #: what :func:`_once_per_item` functions said of each item, by (function, position)
        self.answers: dict[tuple[str, int], object] = {}
        #: what :func:`_once_per_items` functions said of the document's final items
        self.of_items: dict[str, tuple[tuple[Item, ...], object]] = {}

    def add(self, sentence: tuple[int, int], paragraph: tuple[int, int]) -> None:
        """Place the next item, of ``sentence`` in ``paragraph``."""
        self.sentences.setdefault(sentence, []).append(self.size)
        self.paragraphs.setdefault(paragraph, []).append(self.size)
        self.size += 1


@dataclass(frozen=True, slots=True)
class Item:
    """A figure with what the checker worked out about it."""

    index: int
    figure: Figure
    role: str | None
    klass: str | None  # percentages: rate | share | change | gap | target | other
    left: str
    right: str
    sentence: tuple[int, int]
    paragraph: tuple[int, int]
    context: str = ""  # the sentence's text
    #: the document's groups of items by sentence and paragraph (see :class:`Layout`)
    layout: Layout | None = field(default=None, compare=False, repr=False)

    @property
    def kind(self) -> str:
        return self.figure.kind

    @property
    def start(self) -> int:
        return self.figure.start


def _layout_of(items: Sequence[Item], of: Item, final: bool = False) -> Layout | None:
    """``of``'s :class:`Layout` when ``items`` is its document's whole list of items (a final
    tuple, when ``final``); otherwise None, and the caller scans ``items`` as they are (items
    made without a layout, a part of the list, a test's list)."""
    layout = of.layout
    if layout is None or layout.size != len(items) or (final and not isinstance(items, tuple)):
        return None
    return layout


def _once_per_item(fn):
    """``fn(document, item)`` or ``fn(document, item, items)`` worked out once for each item
    of a document.

    Without ``items``, for questions read off an item's words and place only (its left and
    right context, its sentence), which no stage of :func:`understand` changes: the checks ask
    them of the same earlier rates for every later claim. With ``items``, the answer also reads
    other items' roles and classes, so it is kept only for the document's final tuple.
    """
    name = fn.__name__

    @functools.wraps(fn)
    def once(document: Document, it: Item, *items: Sequence[Item]):
        layout = _layout_of(items[0], it, final=True) if items else it.layout
        if layout is None:
            return fn(document, it, *items)
        key = (name, it.index)
        answers = layout.answers
        if key not in answers:
            answers[key] = fn(document, it, *items)
        return answers[key]

    return once


def _once_per_items(fn):
    """``fn(items)`` worked out once for a document's final items.

    :func:`understand` hands the checks a tuple, which no check can change, so what is read off
    the whole of it (where each role stands, the targets listed in order) holds for every check.
    Any other sequence (a stage's list, a test's) is worked out afresh each time.
    """
    name = fn.__name__

    @functools.wraps(fn)
    def once(items: Sequence[Item]):
        layout = _layout_of(items, items[0], final=True) if items else None
        if layout is None:
            return fn(items)
        kept = layout.of_items.get(name)
        if kept is None or kept[0] is not items:
            kept = layout.of_items[name] = (items, fn(items))
        return kept[1]

    return once


@_once_per_items
def _role_positions(items: Sequence[Item]) -> dict[str | None, list[int]]:
    """The positions of the items of each role, in order."""
    positions: dict[str | None, list[int]] = {}
    for k, it in enumerate(items):
        positions.setdefault(it.role, []).append(k)
    return positions


def in_sentence(items: Sequence[Item], of: Item, before: int | None = None) -> list[Item]:
    """The items of ``items`` in ``of``'s sentence, in order; only those at positions below
    ``before`` when given. The same as ``[o for o in items[:before] if o.sentence ==
    of.sentence]``, in the time the sentence takes rather than the document."""
    return _in_groups(items, of, "sentence", (of.sentence,), before)


def in_sentences(items: Sequence[Item], of: Item, sentences: set[tuple[int, int]],
                 before: int | None = None) -> list[Item]:
    """The items of any of ``sentences`` (of ``of``'s document), in order; the same as
    ``[o for o in items[:before] if o.sentence in sentences]``."""
    return _in_groups(items, of, "sentence", sentences, before)


def in_paragraph(items: Sequence[Item], of: Item, before: int | None = None) -> list[Item]:
    """The items of ``items`` in ``of``'s paragraph, in order (see :func:`in_sentence`)."""
    return _in_groups(items, of, "paragraph", (of.paragraph,), before)


def _in_groups(items: Sequence[Item], of: Item, field_name: str, keys, before: int | None) -> list[Item]:
    """The items whose ``field_name`` ("sentence" or "paragraph") is one of ``keys``, below
    position ``before``, in order."""
    layout = _layout_of(items, of)
    if layout is None:
        return [o for o in items[:before] if getattr(o, field_name) in keys]
    groups = layout.sentences if field_name == "sentence" else layout.paragraphs
    limit = len(items) if before is None else before
    positions = [k for key in keys for k in groups.get(key, ()) if k < limit]
    if len(keys) > 1:
        positions.sort()  # groups of several sentences, each in order
    return [items[k] for k in positions]


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to recompute a stated figure."""

    name: str
    default: bool
    interval: Interval
    formula: str
    operands: tuple[Item, ...]
    operand_roles: tuple[str, ...]
    #: a reading that only shows what the writer did wrong: a rate change or a gap to target is in
    #: points (I9, I10), so "tăng 0,94%" fitting 85,72 / 84,92 − 1 is the relative change printed
    #: where points were due (corpus vi_010), reported as inconsistent with that explanation
    wrong_if_only: bool = False


# ---------------------------------------------------------------- numbers and surfaces
_NUMBER = re.compile(r"\d(?:[\d.,\u00a0\u202f ]*\d)?")
_SCALE = re.compile(r"\s*(?:nghìn tỷ|nghìn tỉ|ngàn tỷ|tỷ|tỉ|triệu|nghìn|ngàn|trillion|billion|million|thousand|bn|"
                    r"milliards?|millions?|mille)\b", re.IGNORECASE)


def surface(figure: Figure) -> str:
    """The number as printed, with its scale word but without unit nouns ("8,35 tỉ", "289")."""
    m = _NUMBER.search(figure.text)
    if not m:
        return figure.text
    scale = _SCALE.match(figure.text, m.end())
    return figure.text[m.start(): scale.end() if scale else m.end()].strip()


def interval_of(figure: Figure) -> Interval:
    # counts are whole cases, and an amount printed to the last đồng ("6,683,476,000 VND") is exact
    whole = figure.kind == "count" or (figure.kind == "money" and (figure.step or 1) <= 1)
    return printed_interval(figure.value, figure.step, figure.qualifier or "exact", whole=whole)


def stated_step(figure: Figure) -> Fraction | None:
    if figure.kind in AMOUNT_KINDS and (figure.qualifier or "exact") == "exact" and (figure.step or 1) <= 1:
        return None  # a count of whole cases, an amount to the last đồng: exact
    if figure.step:
        return exact(figure.step)
    if figure.decimals is not None:
        return Fraction(1, 10 ** figure.decimals)
    return None


def fmt_number(value: Fraction | float | None, digits: int = 4) -> str:
    if value is None:
        return ""
    v = float(value)
    if abs(v) >= 1e6 or v == int(v):
        return f"{v:,.0f}" if v == int(v) else f"{v:,.2f}"
    return f"{v:.{digits}f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------- understanding figures
def understand(document: Document, figures: list[Figure]) -> tuple[Item, ...]:
    """Give every count, amount and percentage a role or percent class from its cues.

    Returns a tuple: the checks read it, none may change it (see :func:`_once_per_items`)."""
    text = document.text
    numeric = [f for f in sorted(figures, key=lambda f: f.start) if f.kind in ("count", "money", "percent")
               and f.value is not None and f.source != "derived" and not _in_table_line(text, f)]
    items: list[Item] = []
    break_ends = cues.paragraph_break_ends(text)
    layout = Layout()
    for i, fig in enumerate(numeric):
        sent = cues.sentence_bounds(text, fig)
        previous = numeric[i - 1] if i > 0 and numeric[i - 1].end <= fig.start else None
        following = numeric[i + 1] if i + 1 < len(numeric) else None
        left_start, left = cues.left_context(text, fig, previous, sent[0])
        after_figure = previous is not None and left_start == previous.end
        right = cues.right_context(text, fig, following, sent[1])
        para = cues.paragraph_bounds(text, fig.start, break_ends)
        if fig.qualifier in ("over", "under") and _COMPARATIVE.search(left):
            fig = replace(fig, qualifier="exact")  # "thấp hơn 11,54%" is a gap, not "more than 11,54%"
        role, klass = fig.role, None
        wrapped = _wrapped_lead(text, fig, previous)
        if wrapped is not None and not left.strip():
            # "thấp hơn chỉ tiêu\n82,50% là 2,83%" in a PDF: the words before a figure that opens a
            # wrapped line are on the line above, and a role model that saw only half the sentence
            # is not followed for a percentage: the cue words decide
            left = wrapped + left
            if fig.kind == "percent":
                role = None
        if fig.kind in AMOUNT_KINDS and role in (None, "other") and not right.strip():
            # "Of these, 703,412\nwere enforceable": the cue of a figure that closes a wrapped line
            # is on the line below
            below = _wrapped_tail(text, fig, following)
            if below is not None:
                right = right + below
                role = cues.amount_role(left, right, after_figure) or role
        if fig.kind == "count" and _COURT_CASES.search(fig.text + right[:4]):
            # "trong đó có 2 vụ án tham nhũng": criminal court cases (vụ án), not enforcement cases
            # (việc, vụ việc); they are no term of any THADS identity, whatever a role model says
            role = "other"
        if fig.kind == "percent":
            klass = PERCENT_ROLE_CLASSES.get(role or "")
        elif role is None:
            role = cues.amount_role(left, right, after_figure)
            if role is None and fig.change in ("increase", "decrease"):
                role = "change_abs"
        elif fig.change in ("increase", "decrease") and role in ("change_pct", "change_pp"):
            role = "change_abs"
        layout.add(sent, para)
        items.append(Item(i, fig, role, klass, left, right, sent, para, text[sent[0]:sent[1]], layout))
    items = _share_pair_roles(_parts_of_carried_next(items))
    return tuple(_references(_shares_after_enforceable(_classify_percents(items))))


_RESTATING = re.compile(r"^[^\d;]{0,40}?(?:,\s*soit|,\s*or|,\s*i\.e\.|,\s*tức(?: là)?|,\s*bằng|,?\s*chiếm|\()\s*$", re.IGNORECASE)


def _shares_after_enforceable(items: list[Item]) -> list[Item]:
    """A percentage that restates the enforceable count just before it is the enforceable share
    (I4), whatever else labelled it: "728 227 : 579 413 étaient exécutables, soit 79,56 %" has no
    completed count for a completion rate to be made of."""
    out = list(items)
    for it in items:
        if it.kind != "percent" or it.klass not in ("rate", "other") or it.index == 0:
            continue
        prev = items[it.index - 1]
        if prev.role != "enforceable" or prev.kind != "count" or prev.sentence != it.sentence or not _RESTATING.match(it.left):
            continue
        if any(o.role == "completed" for o in in_sentence(items, it)):
            continue
        out[it.index] = replace(it, klass="share")
    return out


_REFERENCE_LEFT = re.compile(rf"(?:{cues.GAP_OVER.pattern}|{cues.GAP_UNDER.pattern})[^\d%;]{{0,40}}"
                             rf"(?:{cues.REFERENCE.pattern})[^\d%;]{{0,20}}\(?\s*$", re.IGNORECASE)
_SIZE_AFTER_REFERENCE = re.compile(r"^\s*\)?\s*(?:khoảng|about|around|roughly|environ|là|by|de)?\s*$", re.IGNORECASE)


def _references(items: list[Item]) -> list[Item]:
    """"cao hơn mức chung toàn quốc (83,88%) khoảng 0,3 điểm": the rate after the gap word and a
    reference (toàn quốc, national average) is what this unit is compared with, not its own rate,
    and the figure that follows it is the size of the gap."""
    out = list(items)
    for it in items:
        if it.kind != "percent" or not _REFERENCE_LEFT.search(it.left):
            continue
        out[it.index] = replace(it, klass="reference")
        nxt = items[it.index + 1] if it.index + 1 < len(items) else None
        if nxt is not None and nxt.kind == "percent" and nxt.sentence == it.sentence and _SIZE_AFTER_REFERENCE.match(nxt.left):
            out[nxt.index] = replace(nxt, klass="gap")
    return out


_PART_OF = re.compile(r"(?:of them|of which|trong đó|dont|among them|including|gồm|bao gồm)\s*"
                      r"(?:(?:có điều kiện|enforceable|exécutables?)(?: thi hành)?\s*)?$",
                      re.IGNORECASE)


def _parts_of_carried_next(items: list[Item]) -> list[Item]:
    """"358,855 cases were carried over to the next year, 210,041 of them enforceable": the second
    figure is the enforceable part of the carried-forward total (I6), not the enforceable count."""
    out = list(items)
    for it in items:
        if it.index == 0 or it.role not in ("enforceable", "carried_next"):
            continue  # only an enforceable part of a carried-forward total
        prev = items[it.index - 1]
        says_enforceable = it.role == "enforceable" or re.search(r"enforceable|có điều kiện|exécutables?", it.left + it.right)
        if prev.role == "carried_next" and prev.sentence == it.sentence and prev.kind == it.kind and says_enforceable \
                and (_PART_OF.search(it.left) or re.match(r"\s*of them\b", it.right)):
            out[it.index] = replace(it, role="carried_next_enforceable")
    for it in out:
        # "Completed: 5,214, of which 4,987 fully enforced and 227 terminated": the part of a
        # total with the same role is not a second candidate for that role
        if it.index == 0 or it.role is None:
            continue
        owner = next((o for o in reversed(in_sentence(out, it, it.index)) if o.kind == it.kind), None)
        if owner is not None and owner.role == it.role and _PART_OF.search(it.left):
            out[it.index] = replace(it, role=f"part_of_{it.role}")
    return out


_NUMBER_TOKEN = re.compile(r"(?<![\w.,])\d[\d.,\u00a0\u202f]*(?![\w])")
_WORD_TOKEN = re.compile(r"[^\W\d_]{2,}")


def _in_table_line(text: str, figure: Figure) -> bool:
    """A figure on a line of a PDF table's text ("3 Hải Phòng 42,344 8,827 33,517 30,708 27,121 88.32"):
    tables are checked cell by cell from ``Document.tables``; their rows are not prose."""
    start = text.rfind("\n", 0, figure.start) + 1
    end = text.find("\n", figure.end)
    line = text[start:end if end >= 0 else len(text)]
    numbers = len(_NUMBER_TOKEN.findall(line))
    return numbers >= 4 and len(_WORD_TOKEN.findall(line)) < numbers


def _wrapped_lead(text: str, fig: Figure, previous: Figure | None) -> str | None:
    """The end of the line above when ``fig`` opens a line that continues a sentence (the line
    above ends without a stop), back to the figure before or the clause start; else None."""
    line_start = text.rfind("\n", 0, fig.start) + 1
    if line_start == 0 or text[line_start:fig.start].strip():
        return None
    above = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1]
    if not above.strip() or above.rstrip()[-1] in ".!?:;":
        return None
    if previous is not None and previous.end > line_start - 1 - len(above):
        above = text[previous.end:line_start - 1]
    breaks = [m.end() for m in re.finditer(r"[;,]\s|\.\s", above)]
    return above[breaks[-1]:] + " " if breaks else above + " "


def _wrapped_tail(text: str, fig: Figure, following: Figure | None) -> str | None:
    """The start of the line below when ``fig`` closes a line that goes on there, up to the next
    figure or clause break; else None."""
    line_end = text.find("\n", fig.end)
    if line_end < 0 or text[fig.end:line_end].strip() or not text[line_end + 1:line_end + 2].islower():
        return None
    end = text.find("\n", line_end + 1)
    end = len(text) if end < 0 else end
    if following is not None and following.start < end:
        end = following.start
    below = text[line_end + 1:end]
    stop = re.search(r"[,;:()]|\.\s|\.$", below)
    return " " + (below[:stop.start()] if stop else below)


_COURT_CASES = re.compile(r"(?<!\w)vụ\s+án(?!\w)", re.IGNORECASE)
_COMPARATIVE = re.compile(r"(?:cao|thấp|nhiều|ít|lớn|nhỏ) hơn\s*$", re.IGNORECASE)


def _share_pair_roles(items: list[Item]) -> list[Item]:
    """Members of a slash pair measure the same thing: "41 việc/8,35 tỉ đồng" both completed."""
    by_group: dict[int, list[Item]] = {}
    for it in items:
        if it.figure.group is not None and it.figure.group_kind == "pair":
            by_group.setdefault(it.figure.group, []).append(it)
    out = list(items)
    for members in by_group.values():
        known = next((m.role for m in members if m.role), None)
        for m in members:
            if m.role is None and known:
                out[m.index] = replace(m, role=known)
    return out


def _classify_percents(items: list[Item]) -> list[Item]:
    out = list(items)
    for it in items:
        if it.kind != "percent" or it.klass:
            continue
        out[it.index] = replace(it, klass=_percent_class(it, out))
    return out


def _percent_class(it: Item, items: list[Item]) -> str:
    """What a percentage states, from the words around it and the figure before it.

    - target: "chỉ tiêu 83,25%", "l'objectif fixé (83,55 %)";
    - gap: "vượt 0,61% so với chỉ tiêu", "exceeding 1.70% ... compared to the assigned target";
    - change: "(16.99%)" right after "an increase of 43 cases", or "tăng 5,06%";
    - rate / share: "đạt tỷ lệ 88,38%", "chiếm 79,56%";
    - other: any other percentage (still a claim; unverifiable unless a rule finds operands).
    """
    left, right = it.left, it.right
    near_left = left[-45:]
    target_end = cues.last_match_end(cues.TARGET, near_left)
    gap_end = max(cues.last_match_end(cues.GAP_OVER, left), cues.last_match_end(cues.GAP_UNDER, left),
                  cues.last_match_end(cues.GAP_NEUTRAL, left))
    change_end = max(cues.last_match_end(cues.INCREASE, near_left), cues.last_match_end(cues.DECREASE, near_left))
    rate_end = max(cues.last_match_end(cues.RATE, near_left), cues.last_match_end(cues.SHARE, near_left))
    if re.match(r"\s*(?:cao hơn|thấp hơn|higher than|lower than|above|below|short of|au-dessus|en dessous|de plus que|"
                r"de moins que)", right):
        return "gap"
    prev = items[it.index - 1] if it.index > 0 else None
    same_sentence = prev is not None and prev.sentence == it.sentence
    if same_sentence and prev.klass == "target" \
            and re.fullmatch(r"\)?\s*(?:target|objective|chỉ tiêu|objectif)?\s*(?:khoảng|about|roughly|around|environ)?\s*"
                             r"(?:by|of|de|là|tới|đến)?\s*", left) \
            and (cues.GAP_OVER.search(prev.left) or cues.GAP_UNDER.search(prev.left)):
        return "gap"  # "exceeding the target of 80% by 1.41 points", "vượt chỉ tiêu 83,9% là 0,4%"
    if re.match(r"\s*(?:[\w-]+\s+){0,2}(?:target|objective|chỉ tiêu|mục tiêu)\b", right, re.IGNORECASE) \
            and not re.match(r"\s*(?:above|below|over|under|short|of|higher|lower|cao|thấp|vượt|so với|compared|"
                             r"par rapport|than)\b", right, re.IGNORECASE):
        return "target"  # "beating its 46.45% target"
    after_target = near_left[target_end:] if target_end >= 0 else ""
    if target_end >= 0 and not _says_points(it) and target_end > max(gap_end - (len(left) - len(near_left)), change_end, rate_end) \
            and not re.search(r"[);]|,(?:\s*\S+){3}", after_target):
        return "target"  # "l'objectif fixé (83,55 %)", "L'objectif en valeur, 46,45 %"; not "target), the results of which are 1.43%"
    if same_sentence and prev.klass == "target" and re.fullmatch(r"\s*(?:và|and|et|,)\s*", left):
        return "target"  # "chỉ tiêu trên 83,25% về việc và 46,45% về tiền"
    if gap_end >= 0 and gap_end >= len(left) - 30 and (
            _says_points(it) or cues.TARGET.search(it.context) or cues.REFERENCE.search(it.context)
            or cues.GAP_NEUTRAL.search(left)):
        return "gap"  # not "3 that stayed below 75%": a threshold, with no target or other rate named
    plain_rate_end = cues.last_match_end(cues.RATE, near_left)
    if same_sentence and prev.role == "change_abs" and plain_rate_end < 0 and gap_end < 0 \
            and not cues.cues_in(left):  # not "có điều kiện tăng 1.045 việc, số thi hành xong tăng 4,1%"
        return "change"  # "decreased by 952,077,000 VND ... (accounting for 33.89%)"
    if change_end >= 0 and change_end >= len(near_left) - 20:
        return "change"
    sentence_text = " ".join((it.left, it.right))
    if it.figure.unit == "percentage_point" or _says_points(it):
        if gap_end >= 0 or cues.TARGET.search(right) or cues.REFERENCE.search(right):
            return "gap"
        if re.search(r"(?:target|chỉ tiêu|objectif)\s+(?:\w+\s+){0,2}(?:by|de|là)?\s*$", left, re.IGNORECASE) \
                and gap_end < 0:
            return "change"  # "the money target by 5.45 points": a change of the target itself
        if change_end < 0 and cues.TARGET.search(sentence_text):
            return "gap"  # "Target: more than 82.5%; exceeded by 2.94 percentage points"
        return "change"
    if same_sentence and prev.kind == "percent" and prev.klass == "gap" and len(left) < 30 \
            and (cues.TARGET.search(right) or cues.REFERENCE.search(right)):
        return "gap"  # "exceeding 1.70% in cases, 2.17% in money compared to the target"
    if rate_end >= 0:
        share_end = cues.last_match_end(cues.SHARE, near_left)
        return "share" if share_end >= 0 and share_end >= cues.last_match_end(cues.RATE, near_left) else "rate"
    if same_sentence and prev.kind in AMOUNT_KINDS and re.fullmatch(r"[^\d()]{0,30}\(\s*", left):
        if prev.role == "enforceable":
            return "share"  # "of which 579,413 were enforceable (79.56%)"
        if prev.role == "completed":
            return "rate"
    if _OF_ENFORCEABLE.match(right):
        return "rate"  # "or 73.26% of enforceable cases", "soit 55,50 % des dossiers exécutables"
    sentence_roles = {(o.role, o.kind) for o in in_sentence(items, it) if o.kind in AMOUNT_KINDS}
    if any(("completed", k) in sentence_roles and ("enforceable", k) in sentence_roles for k in AMOUNT_KINDS):
        return "rate"  # "completed 28,036 cases in 2023, or 84.93% of the 33,012 cases that could be enforced"
    return "other"


_POINTS_WORDS = re.compile(r"điểm(?: phần trăm)?|percentage points?|points?(?: de pourcentage)?|pp\b", re.IGNORECASE)


_OF_ENFORCEABLE = re.compile(r"\s*(?:of (?:the )?(?:enforceable|cases that could be enforced)|(?:des|of) (?:affaires|dossiers) "
                             r"exécutables|(?:trên |của )?(?:tổng )?số (?:việc |tiền )?có điều kiện)", re.IGNORECASE)


_OF_RECEIVED = re.compile(r"\s*(?:của |trên |trong )?tổng số (?:việc |tiền )?(?:đã )?thụ lý|\s*of (?:the )?(?:total )?(?:cases |caseload )?"
                          r"received|\s*(?:du|des) (?:total des )?(?:affaires|dossiers) reçu", re.IGNORECASE)


def _says_points(it: Item) -> bool:
    """The text itself says points ("5,06 điểm phần trăm"), so the relative reading is not legitimate."""
    return bool(_POINTS_WORDS.search(it.figure.text) or _POINTS_WORDS.match(it.right.lstrip()))


# ---------------------------------------------------------------- candidate search
def _candidates(items: list[Item], anchor: Item, role: str, kind: str | None,
                exclude: Iterable[Item] = (), beyond_paragraph: bool = True) -> Iterator[Item]:
    """Figures with ``role`` (and ``kind``) in the anchor's paragraph, nearest first.

    A figure of the same sentence always ranks before one further away, and one before the
    anchor before one after it at the same distance. When the paragraph has none, figures of
    earlier paragraphs, the latest first.

    Given one at a time: most callers want the nearest one or two, and the earlier paragraphs
    of a long report hold thousands of figures.
    """
    excluded = {e.index for e in exclude}

    def wanted(it: Item) -> bool:
        return (it.role == role and it.index != anchor.index and it.index not in excluded
                and (kind is None or it.kind == kind))

    here = [it for it in in_paragraph(items, anchor) if wanted(it)]
    if here or not beyond_paragraph:
        yield from sorted(here, key=lambda it: (it.sentence != anchor.sentence, abs(it.start - anchor.start),
                                                it.start > anchor.start))
        return
    # a report may give the caseload in one paragraph and the results in the next (corpus
    # en_003: "Caseload. ... 579,413 were enforceable" then "Results. ... a rate of 63.75%");
    # only earlier paragraphs are searched, and only when this one has no such figure. Items go
    # by offset, so the nearest is the one just before the paragraph's first; figures that start
    # at one offset keep their order.
    layout = _layout_of(items, anchor)
    first_here = layout.paragraphs[anchor.paragraph][0] if layout is not None else len(items)
    with_role = _role_positions(items).get(role, ())
    earlier = (items[k] for k in reversed(with_role[:bisect.bisect_left(with_role, first_here)]))
    nearest_first = (it for it in earlier if it.start < anchor.paragraph[0] and wanted(it))
    for _start, same_start in itertools.groupby(nearest_first, key=lambda it: it.start):
        yield from reversed(list(same_start))


def _nearest(items, anchor, role, kind, exclude=(), beyond_paragraph: bool = True) -> Item | None:
    return next(_candidates(items, anchor, role, kind, exclude, beyond_paragraph), None)


# ---------------------------------------------------------------- building checks
def _operand(it: Item, role: str) -> Operand:
    iv = Interval.of(it.figure.value) if role == "target" else interval_of(it.figure)
    return Operand(role=role, text=it.figure.text, start=it.figure.start, end=it.figure.end,
                   value=float(it.figure.value), low=float(iv.low), high=float(iv.high),
                   page=it.figure.page, source=it.figure.source)


def _check(document: Document, stated: Item, rule: str, identity: str | None, verdict: str, *,
           formula: str = "", operands: tuple[Operand, ...] = (), recomputed: Interval | None = None,
           rounding: str | None = None, severity: str | None = None, reason: str = "",
           reading: str | None = None) -> Check:
    fig = stated.figure
    s, e = stated.sentence
    return Check(
        doc=document.doc, text=fig.text, start=fig.start, end=fig.end,
        page=fig.page if fig.page is not None else document.page_of(fig.start),
        stated=float(fig.value), rule=rule, formula=formula, operands=operands,
        recomputed=to_float(recomputed.point) if recomputed else None,
        low=to_float(recomputed.low) if recomputed else None,
        high=to_float(recomputed.high) if recomputed else None,
        rounding=rounding, verdict=verdict, severity=severity, reason=reason, identity=identity,
        sentence=" ".join(document.text[s:e].split()), reading=reading,
    )


_ROUNDING_NOTES = {
    "exact": "exact",
    "half_up": "rounded half up",
    "truncate": "truncated, not rounded (accepted: reports print either)",
    "slack": "reachable only through the rounding of the operands, not from their printed values",
}


def _ratio_reading(part: Item, whole: Item, roles: tuple[str, str]) -> Reading:
    """``part`` ÷ ``whole`` × 100: what a rate or a share stated as a percentage recomputes to."""
    ratio = (interval_of(part.figure) / interval_of(whole.figure)).scaled(100)
    return Reading("ratio", True, ratio, f"{surface(part.figure)} / {surface(whole.figure)} × 100", (part, whole), roles)


def _difference_readings(it: Item, rate: Item, base: Item, rate_value: Interval, base_value: Interval, sign: int,
                         roles: tuple[str, str]) -> list[Reading]:
    """How far a rate is from another (its previous level, its target), as the stated ``it``
    may mean it: in points, or relative to the base as a competing reading. ``sign`` is -1 when
    the text states the rate below the base. A text that says "points" gets the first only:
    "tăng 5,06 điểm phần trăm" cannot be a relative change."""
    s_rate, s_base = surface(rate.figure), surface(base.figure)
    readings = [
        Reading("points", True, (rate_value - base_value).scaled(sign),
                f"{s_rate} − {s_base}" if sign > 0 else f"{s_base} − {s_rate}", (rate, base), roles),
        Reading("relative", False, ((rate_value - base_value) / base_value).scaled(100 * sign),
                f"({s_rate} − {s_base}) / {s_base} × 100", (rate, base), roles, True),
    ]
    return readings[:1] if _says_points(it) else readings


def _judge(document: Document, stated: Item, rule: str, identity: str | None, readings: list[Reading],
           *, sign_expected: int | None = None, target: Fraction | None = None,
           comparison_value: Fraction | None = None) -> Check:
    """The verdict for ``stated`` over one or more readings of its formula.

    The default reading decides when it fits; a non-default reading that fits makes the claim
    consistent with a note saying so (checking.md: "%" written where points are meant).
    ``sign_expected`` is the direction the text states (+1 up/over, -1 down/under); a true
    value on the other side makes an inconsistency major, as does one on the other side of
    ``target`` than the stated value.
    """
    fig = stated.figure
    step = stated_step(fig)
    value = exact(fig.value) if comparison_value is None else comparison_value
    results = [(r, compare(r.interval, value, step, fig.qualifier or "exact")) for r in readings]
    fitting = [(r, c) for r, c in results if c.consistent and (r.default or not r.wrong_if_only)]
    if fitting:
        fitting.sort(key=lambda rc: (not rc[0].default, ("exact", "half_up", "truncate", "slack").index(rc[1].rounding)))
        reading, comp = fitting[0]
        reason = f"{reading.formula} = {fmt_number(reading.interval.point)}; stated {fig.text}: " \
                 f"{_ROUNDING_NOTES[comp.rounding]}"
        if not reading.default:
            default_names = [r.name for r in readings if r.default]
            reason += f"; holds only in the {reading.name} reading, not the {'/'.join(default_names)} one"
        return _check(document, stated, rule, identity, "consistent", formula=reading.formula,
                      operands=_operands(reading), recomputed=reading.interval, rounding=comp.rounding,
                      reason=reason, reading=reading.name)
    default = next((rc for rc in results if rc[0].default), results[0])
    reading, comp = default
    point = reading.interval.point
    severity = "minor"
    if sign_expected is not None and point * sign_expected < 0:
        severity = "major"
    if target is not None and (value >= target) != (point >= target):
        severity = "major"
    others = "; ".join(
        (f"it fits the {r.name} reading {r.formula} = {fmt_number(r.interval.point)}: "
         f"percent confused with percentage points") if c.consistent else
        f"{r.name} reading {r.formula} = {fmt_number(r.interval.point)} does not fit either"
        for r, c in results if r is not reading)
    spread = "" if reading.interval.is_exact else \
        f" (operands allow {fmt_number(reading.interval.low)}–{fmt_number(reading.interval.high)})"
    reason = f"{reading.formula} = {fmt_number(point)}{spread}, stated {fig.text}: off by " \
             f"{fmt_number(comp.units_off, 2)} unit(s) of the last printed digit beyond rounding or truncation"
    if others:
        reason += f"; {others}"
    if severity == "major":
        reason += "; the true value flips the direction or the target attainment"
    return _check(document, stated, rule, identity, "inconsistent", formula=reading.formula,
                  operands=_operands(reading), recomputed=reading.interval, severity=severity,
                  reason=reason, reading=reading.name)


def _operands(reading: Reading) -> tuple[Operand, ...]:
    return tuple(_operand(it, role) for it, role in zip(reading.operands, reading.operand_roles))


def _unverifiable(document, stated: Item, rule: str, identity: str | None, missing: str, what: str) -> Check:
    return _check(document, stated, rule, identity, "unverifiable",
                  reason=f"{what}; missing operand: {missing}")


def _ambiguous(document, stated: Item, rule: str, identity: str | None, checks: list[Check]) -> Check:
    parts = "; ".join(f"{c.formula} → {c.verdict}" for c in checks)
    first = checks[0]
    return replace(first, verdict="ambiguous", severity=None, rounding=None,
                   reason=f"competing readings disagree: {parts}")


# ---------------------------------------------------------------- rules: percentages
_YEAR_RE = re.compile(r"(?<!\d)(20[0-3]\d)(?!\d)")


@functools.lru_cache(maxsize=8)
def report_year(text: str) -> int | None:
    """The year a report is about: the year it names most often, the later one on a tie (seed 004
    names 2024 five times and the coming 2025 twice).

    Cached: every rate asks, and a 10-page report holds a few hundred of them."""
    years = Counter(int(y) for y in _YEAR_RE.findall(text))
    if not years:
        return None
    return max(years, key=lambda y: (years[y], y))


@_once_per_item
def _earlier_period(document: Document, it: Item) -> bool:
    """Whether the words around a rate place it before the report's period: "Cùng kỳ năm trước, tỷ lệ
    này là 50,12%", "so với năm 2023, khi tỷ lệ chỉ đạt 79,67%", "the 81.41% achieved in 2020"."""
    year = report_year(document.text)
    for segment in (it.left, it.right):
        for m in cues.EARLIER_PERIOD.finditer(segment):
            if m.group(1) is None or (year is not None and int(m.group(1)) < year):
                return True
    return False



def _rate_kinds(it: Item, items: list[Item]) -> list[str]:
    """Whether a rate is about cases or money: the words say so ("52,06% về tiền"), or the
    amounts stated before it in its sentence are all of one kind."""
    said = cues.money_or_cases(it.left + " " + it.right)
    if said:
        return [said]
    near = _near_sentences(items, it)
    before = [o for o in in_sentences(items, it, near, it.index) if o.kind in AMOUNT_KINDS]
    kinds = {o.kind for o in before}
    if len(kinds) == 1:
        return list(kinds)
    completed = _nearest(items, it, "completed", None)
    if completed is not None and completed.sentence == it.sentence:
        return [completed.kind]
    return list(AMOUNT_KINDS)


_OUT_OF = re.compile(r"^\s*(?:out of|of the|of|sur|trên(?: tổng số)?|trong tổng số)\s*$", re.IGNORECASE)


def _stated_fraction(it: Item, items: list[Item]) -> tuple[Item, Item] | None:
    """"VND 111,368 billion out of VND 239,812 billion enforceable, a rate of 46.44%",
    "983 milliards ... sur 2 075 milliards ..., soit 47,39 %": the sentence names both terms."""
    if it.index < 2:
        return None
    a, b = items[it.index - 2], items[it.index - 1]
    if not (a.sentence == b.sentence == it.sentence and a.kind == b.kind and a.kind in AMOUNT_KINDS):
        return None
    if a.role == "change_abs" or b.role == "change_abs":
        return None
    return (a, b) if _OUT_OF.match(b.left) else None


def _near_sentences(items: list[Item], it: Item) -> set[tuple[int, int]]:
    """The rate's sentence, and the one before it in its paragraph when the rate opens its own
    sentence: "Completed: 30,102, i.e. | 85.71% of enforceable cases", "Money completed: VND 812.4
    billion. | 43.19%, 2.31 points short of the 45.5% target"."""
    near = {it.sentence}
    lead_in = it.context[:it.start - it.sentence[0]]
    first = not any(o.start < it.start for o in in_sentence(items, it)) and not _about_one_office(it.context)
    # "Enforceable cases made up 79.40% of the caseload" after "866,796 cases to enforce, of which
    # 685,120 were enforceable": a lead-in that names the numerator refers back to its figure
    names_numerator = (cues._ROLE_PATTERNS["enforceable" if it.klass == "share" else "completed"].search(lead_in)
                       or (it.klass != "share" and _RECOVERY.search(lead_in))) and not cues.EARLIER_PERIOD.search(lead_in)
    # "That is a recovery rate of 8.1%": the sentence points back to the one before
    opens = first and (len(lead_in.strip()) <= 15 or bool(names_numerator) or bool(_ANAPHOR.match(lead_in)))
    if opens:
        before = [o.sentence for o in in_paragraph(items, it) if o.sentence[1] <= it.sentence[0]]
        if before:
            near.add(max(before))
    return near


def _compatible(candidate: Item, anchor: Item) -> bool:
    """Figures from outside the anchor's sentence must not belong to another place or period,
    as far as the extractor could tell (a district's rate is not checked against the province)."""
    if candidate.sentence == anchor.sentence:
        return True
    comparison = anchor.klass in ("change", "gap") or anchor.role == "change_abs"
    for attribute in ("jurisdiction", "period"):
        if comparison and (attribute == "period" or not (_about_one_office(anchor.context) or _about_one_office(candidate.context))):
            # a change or gap carries the tags of what it is compared with, not of what it measures:
            # "a augmenté de 684, soit 7,85 % de plus qu'en 2023" is tagged 2023 in a 2024 report,
            # "cao hơn mức chung toàn quốc (83,88%) khoảng 0,3 điểm" national in a provincial one;
            # only a named office (chi cục, district) still keeps other units' figures apart
            continue
        mine, theirs = getattr(anchor.figure, attribute), getattr(candidate.figure, attribute)
        if mine and theirs and mine != theirs:
            return False
    return True


def check_ratio(document: Document, it: Item, items: list[Item]) -> Check:
    """I5 completion rate = completed / enforceable × 100; I4 share = enforceable / to enforce × 100.

    Seed 001: "289 were completed ... achieving a rate of 88.38%" with "327 were enforceable":
    289 / 327 × 100 = 88.379, printed rounded half up. One operand at least must stand in the
    rate's own sentence: a rate given on its own ("Le bureau de Hải Châu affiche le meilleur taux,
    environ 61 %") is some other unit's, and stays unverifiable.
    """
    share = it.klass == "share"
    num_role, den_role, identity = ("enforceable", "to_enforce", "I4") if share else ("completed", "enforceable", "I5")
    if share and _OF_RECEIVED.match(it.right):
        # "Có điều kiện thi hành: 17.425 việc, chiếm 82,57% tổng số thụ lý": the share is of the
        # caseload received, as the words after it say, not of the total to be enforced
        den_role = "received_total"
    target = _target_for(items, it)
    explicit = _stated_fraction(it, items)
    if explicit is not None:
        num, den = explicit
        reading = _ratio_reading(num, den, (num.role or num_role, den.role or den_role))
        return _judge_part_of_whole(document, it, identity, reading, target)
    outcomes: list[Check] = []
    for kind in _rate_kinds(it, items):
        numerators = list(itertools.islice((c for c in _candidates(items, it, num_role, kind) if _compatible(c, it)), 2))
        denominators = list(itertools.islice((c for c in _candidates(items, it, den_role, kind) if _compatible(c, it)), 2))
        near = _near_sentences(items, it)
        # "completed 79,103 cases in 2024, ... the completion rate of 80.37%" and, a paragraph
        # later, "The city had 98,412 enforceable cases": the other term may follow, when the
        # document gives only one figure it could be
        if numerators and not denominators and numerators[0].sentence in near:
            denominators = [d for d in [_only_one_elsewhere(items, it, den_role, kind)] if d is not None]
        elif denominators and not numerators and denominators[0].sentence in near:
            numerators = [n for n in [_only_one_elsewhere(items, it, num_role, kind)] if n is not None]
        if not numerators or not denominators:
            continue
        best_num, best_den = numerators[0], denominators[0]
        if not ({best_num.sentence, best_den.sentence} & _near_sentences(items, it)):
            continue
        pairs = [(best_num, best_den)]
        # a second candidate of the same sentence is a competing legitimate reading
        pairs += [(n, best_den) for n in numerators[1:] if n.sentence == it.sentence == best_num.sentence]
        pairs += [(best_num, d) for d in denominators[1:] if d.sentence == it.sentence == best_den.sentence]
        for num, den in pairs:
            if interval_of(den.figure).low <= 0:
                continue
            reading = _ratio_reading(num, den, (num_role, den_role))
            outcomes.append(_judge_part_of_whole(document, it, identity, reading, target))
    if not outcomes and not share and "money" in _rate_kinds(it, items):
        recovery = _recovery_rate(document, it, items, target)
        if recovery is not None:
            return recovery
    if not outcomes:
        missing = []
        for kind in _rate_kinds(it, items):
            noun = "cases" if kind == "count" else "amount"
            for role in (num_role, den_role):
                if not any(_compatible(c, it) for c in _candidates(items, it, role, kind)):
                    missing.append(f"{ROLE_NAMES[role]} ({noun})")
        if not missing:
            missing.append(f"{ROLE_NAMES[num_role]} or {ROLE_NAMES[den_role]} stated with the rate itself")
        what = "share of enforceable in the total to be enforced" if share else "completion rate (completed ÷ enforceable)"
        return _unverifiable(document, it, "ratio", identity, ", ".join(dict.fromkeys(missing)), what)
    # a pairing whose terms cannot be part and whole is no reading when another pairing is
    return _settle(document, it, "ratio", identity, [o for o in outcomes if o.verdict != "unverifiable"] or outcomes)


_RECOVERY = re.compile(r"recover(?:y|ed)|thu hồi|recouvr", re.IGNORECASE)
_OF_DUE = re.compile(r"\s*(?:của |trên )?tổng số (?:tiền )?phải (?:thu|thi hành)|\s*of (?:the )?(?:total |amount )?(?:due|owed)|"
                     r"\s*(?:du|des) (?:montant|sommes?) (?:dûs?|à recouvrer)", re.IGNORECASE)


def _recovery_rate(document: Document, it: Item, items: list[Item], target: Fraction | None) -> Check | None:
    """A money rate made of an amount recovered and the amount due, both stated with it.

    Asset recovery in corruption cases is reported as recovered ÷ due rather than completed ÷
    enforceable (corpus vi_024: "tổng số tiền phải thi hành 512.604.117.000.000VND. Kết quả đã thu
    hồi được 22.158 tỷ đồng, đạt 4,32% tổng số phải thu"). Both terms must stand in the rate's
    sentence or the one it refers back to, and be the only ones there: recovered amounts of other
    years or provinces further away are no operands.
    """
    near = _near_sentences(items, it)
    if _OF_DUE.match(it.right):
        # "đạt 4,32% tổng số phải thu" names its denominator, stated in the sentence before
        before = [o.sentence for o in in_paragraph(items, it) if o.sentence[1] <= it.sentence[0]]
        near |= {max(before)} if before else set()
    found = []
    for role in ("recovered", "to_enforce"):
        here = [o for o in in_sentences(items, it, near) if o.role == role and o.kind == "money" and not o.figure.change]
        if len({o.figure.value for o in here}) != 1:
            return None
        found.append(here[0])
    num, den = found
    if interval_of(den.figure).low <= 0:
        return None
    return _judge_part_of_whole(document, it, "I5", _ratio_reading(num, den, ("recovered", "to_enforce")), target)


#: (part, whole, identity) a percentage may name by their words: the share of (not yet) enforceable
#: cases in those to be enforced (I4 and its complement), the completed in the enforceable (I5)
NAMED_SHARES = (("not_enforceable", "to_enforce", "I4"), ("enforceable", "to_enforce", "I4"),
                ("completed", "enforceable", "I5"))
_PER_UNIT = re.compile(r"(?<!\w)(?:their|leurs?|each|chaque|mỗi|provinces?|tỉnh|offices|bureaux|districts?|chi cục)(?!\w)",
                       re.IGNORECASE)
_OF_WHOLE = re.compile(r"^\s*(?:of(?: the)?|des|du|de la|de l'|của|trong|trên)\s*(.{0,40})", re.IGNORECASE)


def _named_share(document: Document, it: Item, items: list[Item]) -> Check | None:
    """A percentage whose words name both its terms, each given once in the document.

    Corpus fr_009: "la part des affaires non encore exécutables, environ 21 % des affaires à
    exécuter" with "866 796 affaires restaient à exécuter, dont ... 181 676 non encore exécutables"
    two paragraphs up: 181 676 / 866 796 = 20,96 %. A term the document gives twice (another
    period, a district) leaves the percentage unverifiable.
    """
    whole_words = _OF_WHOLE.match(it.right)
    if not whole_words or _PER_UNIT.search(it.context[:it.start - it.sentence[0]] + " " + whole_words.group(0)):
        return None  # "12 provinces that completed more than 90% of their enforceable cases": a threshold per unit
    part_hits = [h for h in cues.cue_hits(it.left, "") if h.role.startswith("L:")]
    whole_hits = [h for h in cues.cue_hits("", whole_words.group(1)) if h.role.startswith("R:")]
    if not part_hits or not whole_hits:
        return None
    part_role = min(part_hits, key=lambda h: h.distance).role[2:]
    whole_role = min(whole_hits, key=lambda h: h.distance).role[2:]
    identity = next((i for p, w, i in NAMED_SHARES if (p, w) == (part_role, whole_role)), None)
    if identity is None:
        return None
    kind = "money" if _kind_word(it.left + " " + it.right) == "money" else "count"
    part, whole = _only_one_elsewhere(items, it, part_role, kind), _only_one_elsewhere(items, it, whole_role, kind)
    if part is None or whole is None or interval_of(whole.figure).low <= 0:
        return None
    return _judge_part_of_whole(document, it, identity, _ratio_reading(part, whole, (part_role, whole_role)), None)


def _judge_part_of_whole(document: Document, it: Item, identity: str | None, reading: Reading,
                         target: Fraction | None) -> Check:
    """A rate or share judged from its terms, unless the terms cannot be part and whole.

    Completed cases are among the enforceable ones and those among the cases to be enforced, so
    a recomputed rate above 100% means an operand was misread (a PDF line wrap can leave "3" where
    "703,412" was printed, or swap the two terms), not that the report is wrong.
    """
    if reading.interval.low > 100:
        return _check(document, it, "ratio", identity, "unverifiable", formula=reading.formula,
                      operands=_operands(reading), recomputed=reading.interval,
                      reason=f"{reading.formula} = {fmt_number(reading.interval.point)}: the part exceeds the whole, "
                             f"so an operand was misread; missing operand: the terms of the rate")
    return _judge(document, it, "ratio", identity, [reading], target=target)


def _settle(document, it, rule, identity, outcomes: list[Check]) -> Check:
    verdicts = {c.verdict for c in outcomes}
    if len(verdicts) == 1:
        return outcomes[0]
    return _ambiguous(document, it, rule, identity, outcomes)


def _target_for(items: list[Item], it: Item) -> Fraction | None:
    target = next((t for t in in_sentence(items, it) if t.klass == "target"), None)
    return exact(target.figure.value) if target else None


def check_change(document: Document, it: Item, items: list[Item], derived: list[Figure]) -> Check:
    """I8 percent change of a count or amount, I9 change of a rate in points.

    Seed 001: "newly received cases was 296, an increase of 43 cases (16.99% ...)":
    43 / (296 − 43) × 100 = 16.996, printed truncated. A decrease Δ on B is Δ / (B + Δ).
    """
    prev = items[it.index - 1] if it.index > 0 else None
    change = prev if prev is not None and prev.role == "change_abs" and prev.sentence == it.sentence \
        and not cues.cues_in(it.left) else None  # not "có điều kiện tăng 1.045 việc, số thi hành xong tăng 4,1%"
    if change is None:
        return _check_rate_change(document, it, items, derived)
    way = change.figure.change or cues.direction(change.left, change.right)
    base = _base_of(items, change) or _base_by_subject(document, items, change) or _base_by_anaphor(document, items, change)
    if way is None and base is not None:
        # no word says which way: both readings are legitimate, and they must agree
        outcomes = [_change_pct(document, it, change, base, w, derived) for w in ("increase", "decrease")]
        return _settle(document, it, "change_pct", "I8", outcomes)
    way = way or "increase"
    if base is None:
        _imply_base_from_change(document, it, change, way, derived)
        noun = "amount" if change.kind == "money" else "count"
        return _unverifiable(document, it, "change_pct", "I8", f"the current {noun} the change of {change.figure.text} applies to",
                             f"relative change ({way})")
    return _change_pct(document, it, change, base, way, derived)


def _change_pct(document: Document, it: Item, change: Item, base: Item, way: str, derived: list[Figure]) -> Check:
    delta, now = interval_of(change.figure), interval_of(base.figure)
    d_s, b_s = surface(change.figure), surface(base.figure)
    if way == "decrease":
        previous = now + delta
        formula = f"{d_s} / ({b_s} + {d_s}) × 100"
    else:
        previous = now - delta
        formula = f"{d_s} / ({b_s} − {d_s}) × 100"
    derived.append(replace(_derived(document, change.figure, base.figure, previous, "previous"), role=base.role))
    if previous.low <= 0:
        return _unverifiable(document, it, "change_pct", "I8", "a positive previous value",
                             f"relative change: {b_s} {'−' if way != 'decrease' else '+'} {d_s} is not positive")
    reading = Reading(way, True, (delta / previous).scaled(100), formula, (change, base), ("change_abs", base.role or "current"))
    return _judge(document, it, "change_pct", "I8", [reading])


def _base_of(items: list[Item], change: Item) -> Item | None:
    """The current value a stated change belongs to: the nearest level of the same kind before it
    in the sentence ("296, an increase of 43")."""
    for j in range(change.index - 1, -1, -1):
        other = items[j]
        if other.sentence != change.sentence:
            return None
        if other.kind == change.kind and other.role != "change_abs":
            return other
    return None


def _subject_role(document: Document, it: Item, items: list[Item]) -> str | None:
    """What a change is a change of, from the words of its sentence before it: "the number of
    completed cases rose by 20,908", "số việc thi hành xong tăng 312 việc"."""
    begin = it.sentence[0]
    previous = items[it.index - 1] if it.index > 0 else None
    if previous is not None and previous.sentence == it.sentence:
        begin = max(begin, previous.figure.end)  # the clause of this change, not of the one before
    before = document.text[begin:it.start]
    hits = [h for h in cues.cue_hits(before, "") if h.role.startswith("L:")]
    if not hits:
        return None
    return min(hits, key=lambda h: h.distance).role[2:]


def _base_by_subject(document: Document, items: list[Item], change: Item) -> Item | None:
    """The current value of a change stated in a later sentence than the value itself (corpus
    en_018: "... completed cases were up 20,908, or 4.85%" after "452,108 cases were completed")."""
    role = _subject_role(document, change, items)
    if role is None:
        return None
    # the nearest in its paragraph, else, from an earlier paragraph, the latest figure of that
    # role ("... completed 4,402 cases ..." then, below, "Completed cases were up 297 ..., an
    # increase of 7.32%"): the order _candidates gives
    return next((c for c in _candidates(items, change, role, change.kind)
                 if c.start < change.start and _compatible(c, change)), None)


_ANAPHOR = re.compile(r"\s*(?:ce (?:résultat|chiffre|nombre)|cela|this (?:result|figure|number)|this|that|"
                      r"(?:kết quả|con số|số liệu|số) (?:này|đó|trên))\b", re.IGNORECASE)


def _base_by_anaphor(document: Document, items: list[Item], change: Item) -> Item | None:
    """"Les organes ont achevé l'exécution de 369 372 affaires, soit un taux de 63,75 %. Ce résultat
    représente une hausse de 17 190 affaires (4,88 %)": a change whose sentence opens on "this
    result" is a change of the last count or amount of the sentence before."""
    if not _ANAPHOR.match(document.text[change.sentence[0]:change.start]):
        return None
    before = [o for o in in_paragraph(items, change, change.index) if o.sentence != change.sentence
              and o.kind == change.kind and o.role not in (None, "change_abs", "other") and not o.figure.change]
    if not before:
        return None
    return before[-1]


def _adjacent(first: tuple[int, int] | None, second: tuple[int, int], items: list[Item]) -> bool:
    """No figure-bearing paragraph lies between ``first`` and ``second``."""
    if first is None:
        return False
    return not any(first[1] <= o.start < second[0] for o in items)


def _check_rate_change(document, it: Item, items: list[Item], derived: list[Figure]) -> Check:
    """A "%" after tăng/giảm/up/down: relative change of a count or amount, or of a rate (points)."""
    way = cues.direction(it.left[-45:]) or "increase"
    sign = 1 if way == "increase" else -1
    if re.search(r"(?:target|chỉ tiêu|objectif)s?\b", it.left, re.IGNORECASE) and not _RATE_WORD.search(it.left):
        # "The case target therefore rises by 0.65 points": targets of two years are not rates
        return _target_change(document, it, items, sign)
    subject = None
    for j in range(it.index - 1, -1, -1):
        other = items[j]
        if other.sentence != it.sentence:
            break
        if other.klass in ("rate", "share", "other") or other.kind in AMOUNT_KINDS and other.role != "change_abs":
            subject = other
            break
    earlier = None
    if subject is not None and subject.kind == "percent" and _is_earlier_level(subject):
        # "a recovery rate of 8.1%, up from 6.52% a year earlier, an improvement of 1.58 points"
        earlier = replace(subject, role="previous")
        subject = next((o for o in reversed(in_sentence(items, it, subject.index))
                        if o.kind == "percent" and o.klass in ("rate", "share", "other")), None)
    elif subject is not None and subject.kind == "percent" and subject.klass in ("rate", "share") \
            and _earlier_period(document, subject):
        # "đạt tỷ lệ 52,49%. Cùng kỳ năm trước, tỷ lệ này là 50,12%, như vậy tăng 4,73%": the rate
        # next to the change is last year's, so the change runs from it to this period's rate
        current = _latest_rate(items, subject, document)
        if current is not None and not _earlier_period(document, current):
            earlier, subject = replace(subject, role="previous"), current
    if subject is None and (_says_points(it) or it.figure.unit == "percentage_point" or _RATE_WORD.search(it.left)):
        subject = _latest_rate(items, it, document)  # "The money rate rose 5.06 percentage points from 46.78%"
    if subject is None or subject.kind in AMOUNT_KINDS:
        previous = _previous_level(items, it, subject)
        if previous is None and subject is not None and subject.role and _earlier_period(document, subject):
            # "So với năm 2024, khi số tiền thi hành xong là 116.531 tỷ đồng, số tiền thu được tăng gần
            # 29%": the amount beside the change is last year's; this year's is the one amount of that
            # role the report gives for its own period ("thu về hơn 150.000 tỷ đồng")
            previous = replace(subject, role="previous")
            current = [o for o in items[:subject.index] if o.role == subject.role and o.kind == subject.kind
                       and not o.figure.change and not _earlier_period(document, o) and _compatible(o, it)
                       and not _about_one_office(o.context)]
            subject = current[-1] if len({o.figure.value for o in current}) == 1 else None
        if subject is None or previous is None:
            what = "relative change" if subject is None else f"relative change of {subject.figure.text}"
            return _unverifiable(document, it, "change_pct", "I8", "the previous period's value (or the change itself)", what)
        now, before = interval_of(subject.figure), interval_of(previous.figure)
        reading = Reading("relative", True, ((now - before) / before).scaled(100 * sign),
                          f"({surface(subject.figure)} − {surface(previous.figure)}) / {surface(previous.figure)} × 100",
                          (subject, previous), (subject.role or "current", "previous"))
        return _judge(document, it, "change_pct", "I8", [reading], sign_expected=1)
    previous = earlier or _previous_level(items, it, subject)
    if previous is None:
        now = interval_of(subject.figure)
        stated = printed_interval(it.figure.value, it.figure.step)
        implied = now - stated if sign > 0 else now + stated
        derived.append(replace(_derived(document, it.figure, subject.figure, implied, "previous", unit="percent"),
                               role="completion_rate" if subject.klass == "rate" else subject.figure.role))
        return _unverifiable(document, it, "change_pp", "I9", "the previous period's rate",
                             f"change of the rate {subject.figure.text} in points")
    readings = _difference_readings(it, subject, previous, interval_of(subject.figure), interval_of(previous.figure),
                                    sign, ("rate", "previous"))
    return _judge(document, it, "change_pp", "I9", readings, sign_expected=1)


def _kind_word(segment: str) -> str | None:
    """``money`` or ``count`` from the plainest words ("the money target", "of enforceable cases")."""
    said = cues.money_or_cases(segment)
    if said:
        return said
    if re.search(r"money|amount|tiền|valeur|montant", segment, re.IGNORECASE):
        return "money"
    return "count" if re.search(r"\bcases?\b|việc|affaires|dossiers", segment, re.IGNORECASE) else None


def _target_change(document: Document, it: Item, items: list[Item], sign: int) -> Check:
    """A change of the target itself, in points, from two targets listed in parallel.

    Corpus en_016: "the 2025 targets ... at 83.90% of enforceable cases and 51.90% of enforceable
    money, up from 83.25% and 46.45% in 2024. The case target therefore rises by 0.65 points":
    the earlier list follows the order of the current one, so 83.25 is the earlier case target and
    83.90 − 83.25 = 0.65. Without two lists of one length, or a word saying cases or money, the
    change stays unverifiable.
    """
    wanted = _kind_word(it.left)
    listed = [o for o in in_paragraph(items, it, it.index) if o.klass == "target"]
    sentence = listed[-1].sentence if listed else None
    listed = [o for o in listed if o.sentence == sentence]
    split = next((k for k, o in enumerate(listed) if _is_earlier_level(o)), None)
    pair = None
    if wanted and split and len(listed) == 2 * split:
        current, earlier = listed[:split], listed[split:]
        position = [k for k, o in enumerate(current) if _kind_word(o.right) == wanted]
        if len(position) == 1:
            pair = (current[position[0]], earlier[position[0]])
    if pair is None:
        return _unverifiable(document, it, "change_pp", "I9", "the two targets compared",
                             "change of a target between periods")
    now, before = pair
    s_now, s_before = surface(now.figure), surface(before.figure)
    reading = Reading("points", True, (Interval.of(now.figure.value) - Interval.of(before.figure.value)).scaled(sign),
                      f"{s_now} − {s_before}" if sign > 0 else f"{s_before} − {s_now}", (now, before), ("target", "previous"))
    return _judge(document, it, "change_pp", "I9", [reading], sign_expected=1)


def _previous_level(items: list[Item], it: Item, subject: Item | None) -> Item | None:
    """The previous period's value stated after the change: "tăng 5,06% so với năm 2023 (78,82%)"."""
    if subject is None:
        return None
    for j in range(it.index + 1, len(items)):
        other = items[j]
        if other.sentence != it.sentence:
            return None
        if other.kind == subject.kind and (other.kind != "percent" or other.klass in ("rate", "other", "share")):
            between = document_slice(it, other)
            if cues.PREVIOUS.search(between) or _FROM.search(between) or "(" in between:
                return replace(other, role="previous")
            return None
    return None


_FROM = re.compile(r"(?<!\w)(?:from|on|since|against|compared|so với|từ|par rapport|contre|depuis)(?!\w)", re.IGNORECASE)
_RATE_WORD = re.compile(r"(?<!\w)(?:rate|tỷ lệ|tỉ lệ|taux)(?!\w)", re.IGNORECASE)


#: A sentence about one office inside the report's area ("Chi cục huyện Lạc Dương còn thấp, mới đạt
#: 48,2%"): its rate is not the area's rate a later gap refers to.
_SUBUNIT = re.compile(r"chi cục|(?<!\w)huyện|(?<!\w)quận|thị xã|district|bureau de|antenne|sub-department", re.IGNORECASE)
#: Offices counted or taken all together are the whole area, not one office: "Cục Thi hành án dân
#: sự TP Hà Nội và 30 chi cục trực thuộc đã thi hành xong 28.036 việc".
_ALL_OFFICES = re.compile(r"(?:(?<!\d)\d+|các|all(?: the)?|its|les|tous les)\s+(?:chi cục|district offices?|bureaux(?: de district)?)",
                          re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _about_one_office(context: str) -> bool:
    """Whether a sentence is about one office inside the report's area (a figure of a part).

    Cached: the candidate loops ask it of the same few sentences for every pair."""
    return bool(_SUBUNIT.search(_ALL_OFFICES.sub(" ", context)))


def _is_earlier_level(it: Item) -> bool:
    """A rate named as the starting point of a change: "up from 6.52%", "on 2023's 79.67%",
    "par rapport aux 82,42 %"."""
    return bool(re.search(r"(?:up|down|rose|fell|tăng|giảm) from\s*(?:the\s*)?$|(?:từ|depuis)\s*$|"
                          r"(?:\bon|\bfrom|so với|par rapport aux?)\s+(?:the\s+)?(?:\d{4}'s\s+)?$", it.left)
                or re.match(r"\s*(?:a year earlier|last year|in \d{4}|năm trước|năm \d{4}|l'an dernier|en \d{4})", it.right))


@_once_per_item
def _percent_kind(document: Document, it: Item) -> str | None:
    """``money`` or ``count`` when the words near a percentage say which ("en valeur", "về tiền")."""
    return cues.money_or_cases(it.left + " " + it.right) or \
        cues.money_or_cases(document.text[it.sentence[0]:it.start])


def _latest_rate(items: list[Item], it: Item, document: Document | None = None, kind: str | None = None) -> Item | None:
    """The last rate stated before ``it`` in its paragraph, else in an earlier one (of cases or
    money only, when ``kind`` says which).

    With ``document``, a rate whose words put it in an earlier period is none ("so với năm 2023,
    khi tỷ lệ chỉ đạt 79,67%": last year's rate is no operand of this year's gap), and when the
    kind is known the last rate of that kind is taken, else the last whose words name no kind.
    """
    def is_rate(o: Item) -> bool:
        return (o.kind == "percent" and o.klass in ("rate", "share") and not _is_earlier_level(o) and _compatible(o, it)
                and (o.sentence == it.sentence or not _about_one_office(o.context) or _about_one_office(it.context))
                and (document is None or not _earlier_period(document, o)))

    def last(also: Callable[[Item], bool]) -> Item | None:
        # searched backwards, so a long report costs the distance to the rate, not its length
        for o in reversed(in_paragraph(items, it, it.index)):
            if is_rate(o) and also(o):
                return o
        for k in range(it.index - 1, -1, -1):
            if is_rate(items[k]) and also(items[k]):
                return items[k]
        return None

    wanted = (kind or _percent_kind(document, it)) if document is not None else None
    if wanted:
        return (last(lambda o: _percent_kind(document, o) == wanted)
                or last(lambda o: _percent_kind(document, o) is None))
    return last(lambda o: True)


def document_slice(a: Item, b: Item) -> str:
    return (a.right + " " + b.left) if a.index + 1 == b.index else b.left


def check_gap(document: Document, it: Item, items: list[Item]) -> Check:
    """I10 gap to a target in points, with the relative reading tried as well.

    Seed 004: "taux ... de 85,49 %, dépassant de 1,85 % l'objectif ... (83,55 %)": 85,49 − 83,55
    = 1,94 points, and 85,49 / 83,55 − 1 = 2,32 %: neither is 1,85.
    """
    rate = None
    for j in range(it.index - 1, -1, -1):
        other = items[j]
        if other.sentence != it.sentence:
            break
        if other.kind == "percent" and other.klass in ("rate", "share", "other") and not _is_earlier_level(other):
            rate = other  # not "up about 2.1 points on 2023's 79.67%, but still 1.45 points short of ..."
            break
    if rate is not None:
        return _gap_to_target(document, it, items, rate)
    # "That is 0.74% above the target of 82.50%." after "... a completion rate of 83.24%."
    rate = _latest_rate(items, it, document)
    lead = _kind_of_sentence_before(items, it)
    if rate is not None and lead is not None and _rate_kinds(rate, items) != [lead]:
        # "En valeur, Hanoï a recouvré 13 874 milliards ... soit 51,57 | %, ce qui dépasse de 5,12 points
        # l'objectif": the gap goes on from amounts of money, so a case rate further up is not its rate
        rate = _latest_rate(items, it, document, lead)
        if rate is not None and _rate_kinds(rate, items) != [lead]:
            rate = None
    if rate is None or _percent_kind(document, it) is not None:
        return _gap_to_target(document, it, items, rate)
    # "Le taux semestriel reste éloigné de l'objectif annuel de 83,25 %, l'écart étant de 34,29 points"
    # after a case rate of 49,96 % and a money rate of 23,08 %: the words name neither, so each
    # kind's latest rate is a reading; they must agree, and the nearest one explains the verdict
    rates = [rate] + [r for r in (_latest_rate(items, it, document, kind) for kind in AMOUNT_KINDS)
                      if r is not None and r.index != rate.index]
    readings = [_gap_to_target(document, it, items, r) for r in rates]
    outcomes = [c for c in readings if c.verdict != "unverifiable"]
    if len(outcomes) <= 1:
        return outcomes[0] if outcomes else readings[0]  # readings[0] is the rate's own
    if len({c.verdict for c in outcomes}) > 1:
        return _ambiguous(document, it, "target_gap", "I10", outcomes)
    outcomes.sort(key=lambda c: abs(c.recomputed - c.stated) if c.recomputed is not None else float("inf"))
    others = "; ".join(f"{c.formula} = {fmt_number(c.recomputed)}" for c in outcomes[1:])
    return replace(outcomes[0], reason=f"{outcomes[0].reason}; the text does not say which rate the gap is of, "
                                       f"and the other reading ({others}) gives the same verdict")


@_once_per_items
def _listed_target_kinds(items: list[Item]) -> dict[int, str]:
    """Targets listed in the order of the rates of their sentence, with no word of their own.

    Corpus fr_003: "un taux d'exécution de 83,25 % en nombre d'affaires et de 46,78 % en valeur,
    dépassant les deux objectifs ... (plus de 82,5 % et plus de 45,5 %)": the targets follow the
    order of the rates, so 82,5 is the case target and 45,5 the money target.
    """
    kinds: dict[int, str] = {}
    sentences_seen = set()
    for first_target in items:
        if first_target.klass != "target" or first_target.sentence in sentences_seen:
            continue
        sentences_seen.add(first_target.sentence)
        here = [o for o in in_sentence(items, first_target) if o.kind == "percent"]
        rates = [o for o in here if o.klass in ("rate", "share") and not _is_earlier_level(o)]
        targets = [o for o in here if o.klass == "target"]
        rate_kinds = [cues.money_or_cases(o.right) for o in rates]
        if len(rates) < 2 or len(rates) != len(targets) or None in rate_kinds or len(set(rate_kinds)) != len(rates) \
                or any(cues.money_or_cases(o.right) for o in targets) or targets[0].start < rates[-1].start:
            continue
        kinds.update({t.index: k for t, k in zip(targets, rate_kinds)})
    return kinds


def _kind_of_sentence_before(items: list[Item], it: Item) -> str | None:
    """``count`` or ``money`` when the sentence just before ``it`` in its paragraph states completed
    or enforceable figures of that one kind and no rate."""
    before = [o for o in in_paragraph(items, it) if o.sentence[1] <= it.sentence[0]]
    if not before:
        return None
    last = [o for o in before if o.sentence == before[-1].sentence]
    kinds = {o.kind for o in last if o.role in ("completed", "enforceable")}
    if len(kinds) != 1 or any(o.kind == "percent" for o in last):
        return None
    return kinds.pop()


@_once_per_item
def _target_kind(document: Document, target: Item, items: Sequence[Item]) -> str | None:
    """``count`` or ``money`` when the text tells which a target is of: listed in the order of
    its sentence's rates (:func:`_listed_target_kinds`), named by its own words, or named with
    a rate in its sentence, whose kind it takes ("Completed: 30,102, i.e. 85.71% of enforceable
    cases, 2.46 percentage points above the 83.25% target").

    Kept per target for the document's final items: every gap after a target asks it again.
    """
    paired = [r for r in in_sentence(items, target) if r.klass in ("rate", "share") and r.start < target.start]
    paired_kinds = _rate_kinds(paired[-1], items) if paired else []
    return _listed_target_kinds(items).get(target.index) or _percent_kind(document, target) or \
        (paired_kinds[0] if len(paired_kinds) == 1 else None)


def _gap_to_target(document: Document, it: Item, items: list[Item], rate: Item | None) -> Check:
    """The gap ``it`` as the distance between ``rate`` and the target it is measured against."""
    # a target stated before the rate belongs to an earlier pair: "81,41 %, dépassant de 1,41 %
    # l'objectif de 80 %, et 40,09 % en valeur, soit 2,09 % de plus que l'objectif de 38 %"
    sentence_targets = [o for o in in_sentence(items, it) if o.klass in ("target", "reference")]
    target = min(sentence_targets, key=lambda o: (rate is not None and o.start < rate.start, abs(o.start - it.start)),
                 default=None)
    if target is None:
        # "Le taux en nombre d'affaires dépasse l'objectif de 0,75 point" after "l'objectif de 82,5 %"
        wanted = _percent_kind(document, it)
        if wanted is None and rate is not None:
            # "Tỷ lệ hiện nay còn cách chỉ tiêu năm khoảng 18 điểm" after "6.275 việc, đạt 65,09%" and
            # "chỉ tiêu trên 83,25% về việc và 46,45% về tiền": the gap is the rate's, so is the target
            rate_kinds = _rate_kinds(rate, items)
            wanted = rate_kinds[0] if len(rate_kinds) == 1 else None
        targets = [o for o in items[:it.index] if o.klass == "target" and _compatible(o, it)]
        listed_kinds = _listed_target_kinds(items)

        named = bool(wanted) and any(_target_kind(document, o, items) == wanted for o in targets)
        if wanted:
            targets = [o for o in targets if _target_kind(document, o, items) == wanted] or \
                [o for o in targets if _target_kind(document, o, items) is None]
        near = [o for o in targets if o.paragraph == it.paragraph] or targets
        target = near[-1] if near else None
        if target is not None and not named and target.index not in listed_kinds:
            # targets listed together with no word saying which is which ("plus de 82,5 % et plus de
            # 45,5 %") are the case and the money target in some order: no guess between them
            listed = [o for o in in_sentence(items, target) if o.klass == "target"]
            if len({o.figure.value for o in listed}) > 1:
                target = None
    if rate is None or target is None:
        missing = " and ".join(w for w, x in (("the rate", rate), ("the target or reference rate", target)) if x is None)
        return _unverifiable(document, it, "target_gap", "I10", missing, "gap in points to a target or reference rate")
    # the gap word may stand before the target ("falling short of the target (80%) by 1.50%")
    span = document.text[min(rate.figure.end, it.sentence[0]) if rate.start < it.sentence[0] else rate.figure.end:
                         it.figure.end] + " " + it.right[:25]
    over, under = cues.last_match_end(cues.GAP_OVER, span), cues.last_match_end(cues.GAP_UNDER, span)
    if over < 0 and under < 0:
        # "a gap of 5.19 points", "l'écart est de 1,28 point": the size of the gap, either way
        sign = 1 if rate.figure.value >= target.figure.value else -1
    else:
        sign = -1 if under > over else 1
    # a target is a number someone set, not a rounded measurement: 80% means 80
    readings = _difference_readings(it, rate, target, interval_of(rate.figure), Interval.of(target.figure.value),
                                    sign, ("rate", "target"))
    return _judge(document, it, "target_gap", "I10", readings, sign_expected=1)


def _in_headline(document: Document, it: Item) -> bool:
    """The figure is in the title: a first block of one short line without a full stop."""
    title = document.text[it.paragraph[0]:it.paragraph[1]].strip()
    return it.paragraph[0] == 0 and "\n" not in title and ". " not in title and len(title) <= 160


def _share_restated_verdicts(document: Document, checks: list[Check], items: list[Item]) -> list[Check]:
    """A headline that repeats a rate checked in the body ("Da Nang: nine-month enforcement rate at
    61.01%") is the same claim: it takes the body's verdict, with a note saying where it was checked."""
    klass_at = {it.start: it.klass for it in items}
    kind_at = {it.start: it.kind for it in items}
    headline = {it.start: it for it in items if _in_headline(document, it)}
    verified = {}
    for c in checks:
        if c.verdict in ("consistent", "inconsistent") and c.start is not None:
            verified.setdefault((c.text, klass_at.get(c.start)), c)
    out = []
    for c in checks:
        source = verified.get((c.text, klass_at.get(c.start)))
        if c.verdict == "unverifiable" and source is not None and klass_at.get(c.start) in ("rate", "share"):
            c = replace(source, start=c.start, end=c.end, page=c.page, sentence=c.sentence,
                        reason=f"the same figure as at offset {source.start}: {source.reason}")
        elif c.verdict == "unverifiable" and klass_at.get(c.start) in ("rate", "share") and c.start in headline:
            c = _headline_from_body(c, checks, klass_at, kind_at, headline[c.start])
        elif c.verdict == "unverifiable" and c.start in headline and _says_points(headline[c.start]):
            c = _headline_rate_change(document, c, headline[c.start], items)
        out.append(c)
    return out


def _headline_rate_change(document: Document, c: Check, it: Item, items: list[Item]) -> Check:
    """"Đà Nẵng: ..., tỷ lệ về việc tăng hơn 2 điểm" over a body giving this year's case rate 81,80%
    and last year's 79,67%: the headline's change in points is held to the body's two rates of its
    kind. As for headline rates, only agreement is reported."""
    wanted = _kind_word(it.left)
    if wanted is None:
        return c
    body = [o for o in items if o.start > it.start and o.kind == "percent" and o.klass in ("rate", "share")
            and _kind_word(o.left + " " + o.right) in (wanted, None) and _rate_kinds(o, items) == [wanted]]
    earlier = [o for o in body if _earlier_period(document, o) or _is_earlier_level(o)]
    current = [o for o in body if o not in earlier and not _about_one_office(o.context)]
    if len({o.figure.value for o in current}) != 1 or len({o.figure.value for o in earlier}) != 1:
        return c
    now, before = current[0], earlier[0]
    sign = -1 if cues.direction(it.left[-45:]) == "decrease" else 1
    reading = Reading("points", True, (interval_of(now.figure) - interval_of(before.figure)).scaled(sign),
                      f"{surface(now.figure)} − {surface(before.figure)}" if sign > 0 else
                      f"{surface(before.figure)} − {surface(now.figure)}", (now, before), ("rate", "previous"))
    check = _judge(document, it, "change_pp", "I9", [reading], sign_expected=1)
    return check if check.verdict == "consistent" else c


def _headline_from_body(c: Check, checks: list[Check], klass_at: dict, kind_at: dict, it: Item) -> Check:
    """"Bảo Lộc: tỷ lệ thi hành án dân sự đạt trên 83%" over a body that computes 1.170 / 1.402: a
    headline rounds or hedges the body's one rate of its class, so it is held to the body's
    operands. Only agreement is reported: a headline that misses may round some other figure, and
    stays unverifiable."""
    klass = klass_at.get(c.start)
    body = [b for b in checks if b is not c and b.rule == "ratio" and b.operands and klass_at.get(b.start) == klass
            and b.low is not None and b.start is not None and b.start > c.start]
    said = cues.money_or_cases(it.context)
    if said:  # "tỷ lệ về tiền đạt 40%" is held to the body's money rate only
        body = [b for b in body if {kind_at.get(o.start) for o in b.operands} == {said}]
    fitting = {}
    for b in body:
        recomputed = Interval(exact(b.low), exact(b.high), exact(b.recomputed))
        comp = compare(recomputed, exact(it.figure.value), stated_step(it.figure), it.figure.qualifier or "exact")
        if comp.consistent:
            fitting.setdefault((b.low, b.high), (b, comp))
    if len(fitting) != 1:  # none, or a headline that fits two different rates: no way to say which
        return c
    source, comp = next(iter(fitting.values()))
    return replace(source, start=c.start, end=c.end, page=c.page, sentence=c.sentence, text=c.text, stated=c.stated,
                   verdict="consistent", severity=None, rounding=comp.rounding,
                   reason=f"the headline gives the body's rate ({source.formula} = {fmt_number(source.recomputed)}, "
                          f"checked at offset {source.start}) as {c.text}: {_ROUNDING_NOTES[comp.rounding]}")


# ---------------------------------------------------------------- rules: counts and amounts
#: (identity, rule, stated role, [(sign, part role)], minimum parts present, default reading)
IDENTITIES = (
    ("I1", "sum", "received_total", (("+", "carried_over"), ("+", "new")), 2),
    ("I2", "difference", "to_enforce", (("+", "received_total"), ("-", "entrusted"), ("-", "withdrawn")), 2),
    ("I3", "sum", "to_enforce", (("+", "enforceable"), ("+", "not_enforceable")), 2),
    ("I6", "difference", "carried_next", (("+", "to_enforce"), ("-", "completed")), 2),
    ("I6", "difference", "carried_next_enforceable", (("+", "enforceable"), ("-", "completed")), 2),
)


def check_identities(document: Document, items: list[Item]) -> list[Check]:
    """Part–whole sums and the deduction chain between counts or amounts of one paragraph.

    Seed 001: 351 = 55 + 296 (I1); 343 = 351 − 8 (I2, nothing withdrawn stated); 343 = 327 + 16 (I3).
    A total is a claim only when its parts are stated too.
    """
    checks = []
    for stated in items:
        if stated.kind not in AMOUNT_KINDS or stated.figure.change:
            continue
        for identity, rule, role, parts, minimum in IDENTITIES:
            if stated.role != role:
                continue
            chosen = []
            # a carried-forward figure often closes the report, after its parts' paragraph
            beyond = identity == "I6"
            for sign, part_role in parts:
                # the parts of a total are stated with it, in its paragraph ("quận 5" far below a
                # caseload paragraph is not a total to be enforced)
                part = _nearest(items, stated, part_role, stated.kind, exclude=[c for _, c in chosen],
                                beyond_paragraph=beyond)
                if part is None and identity == "I3":
                    part = _only_one_elsewhere(items, stated, part_role)
                if part is not None and part.role != "change_abs":
                    chosen.append((sign, part))
            if len(chosen) < minimum or chosen[0][0] != "+":
                continue
            if identity == "I2" and chosen[0][1].role != "received_total":
                continue
            checks.append(_judge_parts(document, stated, rule, identity, chosen, items))
        if stated.role == "to_enforce":
            checks += _to_enforce_from_caseload(document, stated, items)
    return checks


def _to_enforce_from_caseload(document: Document, stated: Item, items: list[Item]) -> list[Check]:
    """"tổng số phải thi hành là 7.214.530.000 đồng; số tiền năm trước chuyển sang là 1.902.115.000
    đồng, thụ lý mới 5.321.415.000 đồng": a total to be enforced given with the carried-over and
    new parts of the caseload, and no total received or deduction stated beside it.

    Carried over + new is the caseload received (I1); the total to be enforced is that less what
    was entrusted or withdrawn (I2). A total larger than its parts is inconsistent whatever was
    deducted; a smaller one is explained by deductions the text does not give, so it is ambiguous
    (checking.md, "a total said to comprise its parts").
    """
    same = [o for o in in_paragraph(items, stated) if o.kind == stated.kind and not o.figure.change]
    if any(o.role in ("received_total", "entrusted", "withdrawn") for o in same):
        return []
    carried = next((o for o in same if o.role == "carried_over"), None)
    new = next((o for o in same if o.role == "new"), None)
    if carried is None or new is None:
        return []
    check = _judge_parts(document, stated, "sum", "I1", [("+", carried), ("+", new)], items)
    if check.verdict == "inconsistent" and check.low is not None and check.low > stated.figure.value:
        deducted = fmt_number(check.recomputed - stated.figure.value)
        check = replace(check, verdict="ambiguous", severity=None,
                        reason=f"{check.formula} = {fmt_number(check.recomputed)}, {deducted} more than the stated "
                               f"total to be enforced {stated.figure.text}: consistent only if that much was entrusted "
                               f"or withdrawn, which the text does not say; as a total received it is inconsistent")
    return [check]


def _only_one_elsewhere(items: list[Item], stated: Item, role: str, kind: str | None = None) -> Item | None:
    """The one figure of ``role`` the document gives for the stated total's unit and period.

    The enforceable split (I3) is often stated apart from the total to be enforced (corpus vi_008:
    "đã thi hành xong 28.036 việc trên tổng số 33.012 việc có điều kiện" in one paragraph, "Tổng số
    việc phải thi hành trong năm là 39.731 việc, trong đó 6.719 việc chưa có điều kiện" in the
    next). A figure found outside the paragraph is a part only when no other figure of that role
    and kind could be: a second value (another period, a district office) leaves the claim alone.
    """
    subunit = bool(_about_one_office(stated.context))
    found = [o for o in (items[k] for k in _role_positions(items).get(role, ()))
             if o.kind == (kind or stated.kind) and o.index != stated.index
             and not o.figure.change and _compatible(o, stated) and bool(_about_one_office(o.context)) == subunit]
    values = {o.figure.value for o in found}
    return found[0] if len(values) == 1 else None


#: I7: the enforceable caseload broken down by outcome. A breakdown follows its total, and names the
#: completed count and at least one of the others.
BREAKDOWN_PARTS = ("completed", "terminated", "in_progress", "postponed")


def check_breakdowns(document: Document, items: list[Item]) -> list[Check]:
    """I7 enforceable = completed + terminated + in progress + postponed (+ suspended, other).

    Corpus fr_014: "6 340 exécutables" then "Affaires achevées : 5 441", "Affaires en cours : 712 ;
    ajournées : 187": 5 441 + 712 + 187 = 6 340. Parts that add up to more than the total are an
    inconsistency; parts that fall short may leave out a category the text does not list
    (tạm đình chỉ, other), so that is unverifiable. Terminated cases stated inside the completed
    count ("Completed: 5,214, of which ... 227 terminated") are part of it (thi hành xong includes
    đình chỉ), not another term.
    """
    checks = []
    for stated in items:
        if stated.role != "enforceable" or stated.kind not in AMOUNT_KINDS or stated.figure.change:
            continue
        chosen: list[Item] = []
        for role in BREAKDOWN_PARTS:
            part = next((o for o in in_paragraph(items, stated) if o.index > stated.index and o.role == role
                         and o.kind == stated.kind and not o.figure.change), None)
            if part is None:
                continue
            if role == "terminated" and any(c.role == "completed" and c.sentence == part.sentence for c in chosen):
                continue
            chosen.append(part)
        if not chosen or chosen[0].role != "completed" or not any(c.role in ("in_progress", "postponed") for c in chosen):
            continue
        check = _judge_parts(document, stated, "sum", "I7", [("+", c) for c in chosen], items)
        if check.verdict == "inconsistent" and check.high is not None and check.high < stated.figure.value:
            check = replace(check, verdict="unverifiable", severity=None,
                            reason=f"{check.formula} = {fmt_number(check.recomputed)}, less than the stated "
                                   f"{stated.figure.text}: categories the text does not list (suspended, other) "
                                   f"may make up the difference; missing operand: the rest of the breakdown")
        checks.append(check)
    return checks


def _judge_parts(document, stated: Item, rule: str, identity: str, chosen, items) -> Check:
    total = None
    formula = ""
    for sign, part in chosen:
        iv = interval_of(part.figure)
        if total is None:
            total, formula = iv, surface(part.figure)
        elif sign == "+":
            total, formula = total + iv, f"{formula} + {surface(part.figure)}"
        else:
            total, formula = total - iv, f"{formula} − {surface(part.figure)}"
    readings = [Reading("identity", True, total, formula, tuple(p for _, p in chosen), tuple(p.role for _, p in chosen))]
    check = _judge(document, stated, rule, identity, readings)
    if check.verdict == "inconsistent" and rule == "sum" and check.recomputed is not None \
            and check.recomputed > stated.figure.value and identity == "I1":
        check = replace(check, reason=check.reason + "; the parts exceed the total: deductions (entrusted, "
                        "withdrawn) explain that only for the total to be enforced, not the total received")
    return check


def check_restatements(document: Document, items: list[Item]) -> list[Check]:
    """The same amount written twice in different scales must agree as intervals.

    "8,35 tỉ đồng" ([8.345e9, 8.36e9)) and "8.350.000.000 đồng" agree; "835 triệu" would be a
    shifted scale word. Only figures with the same role whose values agree within 5% or after a
    shift by a power of ten are taken to be one amount restated; each amount is checked against
    the first earlier one that is.

    Only earlier amounts whose digits lead the same way can be within 5% after a shift (8.35
    and 8.350 both have log10 mantissa 0.92), so each role keeps its amounts sorted by that
    mantissa and tries only the near ones: trying every earlier amount made a report with
    thousands of amounts quadratic.
    """
    checks = []
    by_role: dict[str, _ByMantissa] = {}
    money = [it for it in items if it.kind == "money" and it.role and it.role != "change_abs"]
    for position, later in enumerate(money):
        if later.figure.value <= 0:
            continue  # no amount is a shift of it
        mantissa = math.log10(later.figure.value) % 1.0
        earlier_of_role = by_role.setdefault(later.role, _ByMantissa())
        for earlier in earlier_of_role.near(mantissa):
            if earlier.figure.step == later.figure.step and earlier.figure.scale == later.figure.scale:
                continue
            shift = _power_of_ten_shift(exact(later.figure.value) / exact(earlier.figure.value))
            if shift is None:
                continue
            reading = Reading("restated", True, interval_of(earlier.figure), surface(earlier.figure), (earlier,), (earlier.role,))
            check = _judge(document, later, "restatement", None, [reading])
            if check.verdict == "inconsistent" and shift != 0:
                check = replace(check, reason=check.reason + f"; off by a factor of 10^{shift}: a shifted scale word")
            checks.append(check)
            break
        earlier_of_role.add(mantissa, position, later)
    return checks


class _ByMantissa:
    """Amounts kept sorted by the mantissa of their log10, to find those within 5% of a shift."""

    #: How far apart two mantissas may be for the amounts to be within 5% after a shift:
    #: log10(1 / 0.95) = 0.0223, with room for the rounding of floats (the exact test follows).
    REACH = 0.0224

    def __init__(self) -> None:
        self.mantissas: list[float] = []
        self.entries: list[tuple[int, Item]] = []  # (position stated, item), in mantissa order

    def add(self, mantissa: float, position: int, item: Item) -> None:
        at = bisect.bisect_right(self.mantissas, mantissa)
        self.mantissas.insert(at, mantissa)
        self.entries.insert(at, (position, item))

    def near(self, mantissa: float) -> list[Item]:
        """The amounts whose mantissa is within :attr:`REACH` of ``mantissa``, going round from
        0.99 to 0.01 (990 and 1,010 are 2% apart), in the order they were stated."""
        found: list[tuple[int, Item]] = []
        for centre in (mantissa - 1.0, mantissa, mantissa + 1.0):
            low = bisect.bisect_left(self.mantissas, centre - self.REACH)
            high = bisect.bisect_right(self.mantissas, centre + self.REACH)
            found.extend(self.entries[low:high])
        found.sort(key=lambda entry: entry[0])
        return [item for _, item in found]


def _power_of_ten_shift(ratio: Fraction) -> int | None:
    """The power of ten (−6…6) that ``ratio`` is within 5% of, if any."""
    if ratio <= 0:
        return None
    # Only the power nearest log10(ratio) can be within 5%: try it alone, exactly.
    shift = round(math.log10(ratio))
    if -6 <= shift <= 6 and abs(ratio / Fraction(10) ** shift - 1) <= Fraction(5, 100):
        return shift
    return None


# ---------------------------------------------------------------- implied values
def _derived(document: Document, source: Figure, base: Figure, value: Interval, period: str,
             unit: str | None = None) -> Figure:
    return Figure(doc=document.doc, kind=base.kind, text=source.text, start=source.start, end=source.end,
                  value=float(value.point), unit=unit or base.unit,
                  qualifier="exact" if value.is_exact else "about", page=source.page, lang=source.lang,
                  period=period, step=float(value.high - value.low) or None, role=base.role,
                  sent_start=source.sent_start, sent_end=source.sent_end, source="derived")


def _imply_base_from_change(document, pct: Item, change: Item, way: str, derived: list[Figure]) -> None:
    """A change and its percentage imply the previous value: seed 001's "increased by 9 ...
    (8.18%)" admits only a previous count of 110 (9 / 110 = 8.18%)."""
    stated = printed_interval(pct.figure.value, pct.figure.step)
    if stated.low <= 0:
        return
    delta = interval_of(change.figure)
    lo, hi = delta.low * 100 / stated.high, delta.high * 100 / stated.low
    if change.kind == "count":
        whole = [n for n in range(int(lo), int(hi) + 2) if lo < n <= hi]
        if len(whole) == 1:
            derived.append(_derived(document, change.figure, change.figure, Interval.of(whole[0]), "previous"))
        return
    mid = (lo + hi) / 2
    derived.append(_derived(document, change.figure, change.figure, Interval(lo, hi, mid), "previous"))


def back_solve_denominator(numerator: int, rate: float, decimals: int) -> Sequence[int]:
    """Whole denominators N for which ``numerator / N × 100`` prints as ``rate`` (GRIM-style).

    Baogialai: 2,095 completed at 83.57% admits only N = 2,507.

    ``numerator / N`` falls as N grows, so the N that print as ``rate`` form one run of
    whole numbers: its two ends are found by bisection from an N near ``numerator × 100 /
    rate``, never by trying every N (a 9-month report's 1,4 million cases at 1 decimal
    leaves about 17,000 candidates, each an exact comparison).
    """
    x, u = exact(rate), Fraction(1, 10 ** decimals)
    low, high = x - u / 2, x + u
    if low <= 0 or numerator <= 0:
        return range(0)
    n_low, n_high = int(Fraction(numerator * 100) / high), int(Fraction(numerator * 100) / low) + 1

    def prints_as_rate(n: int) -> bool:
        return n > 0 and compare(Interval.of(Fraction(numerator * 100, n)), x, u).consistent

    guess = round(Fraction(numerator * 100) / x)
    inside = next((n for n in (guess, guess - 1, guess + 1) if prints_as_rate(n)), None)
    if inside is None:
        # No N near the exact quotient prints as the rate: the run is empty or one N at an
        # edge of the window, which is narrow whenever the guess fails; try it all.
        return [n for n in range(max(n_low, 1), n_high + 1) if prints_as_rate(n)]
    first = _edge_of_run(outside=n_low, inside=inside, holds=prints_as_rate)
    last = _edge_of_run(outside=n_high + 1, inside=inside, holds=prints_as_rate)
    return range(first, last + 1)


def _edge_of_run(outside: int, inside: int, holds) -> int:
    """The N nearest ``outside`` for which ``holds`` is true, by bisection between an N where
    it fails (``outside``) and one where it holds (``inside``), on either side."""
    while abs(inside - outside) > 1:
        middle = (inside + outside) // 2
        if holds(middle):
            inside = middle
        else:
            outside = middle
    return inside


def _imply_denominators(document: Document, items: list[Item], checks: list[Check], derived: list[Figure]) -> None:
    percent_at: dict[int, Item] = {}  # the first percentage at each offset
    for it in items:
        if it.kind == "percent":
            percent_at.setdefault(it.figure.start, it)
    for check in checks:
        if check.rule != "ratio" or check.verdict != "unverifiable":
            continue
        rate = percent_at.get(check.start)
        if rate is None:
            continue  # not a prose percentage (every prose ratio check starts at one)
        for kind in ("count",):
            num = _nearest(items, rate, "completed", kind)
            if num is None or num.figure.qualifier != "exact" or rate.figure.decimals is None:
                continue
            solutions = back_solve_denominator(int(num.figure.value), rate.figure.value, rate.figure.decimals)
            if len(solutions) == 1:
                derived.append(replace(_derived(document, rate.figure, num.figure, Interval.of(solutions[0]), "same"),
                                       role="enforceable", unit="case"))


# ---------------------------------------------------------------- entry point
def check_document(document: Document, figures: list[Figure]) -> tuple[list[Check], list[Figure]]:
    """Every claim of ``document`` recomputed from its other figures.

    Args:
        document: the document as read (its ``text`` and ``tables``).
        figures: the figures extracted from it (``Figure.role`` is used when set).

    Returns:
        (checks sorted by position, derived figures: previous-period values implied by stated
        changes and denominators implied by a rate and its numerator).
    """
    items = understand(document, figures)
    derived: list[Figure] = []
    checks: list[Check] = []
    for it in items:
        if it.kind != "percent" or it.klass == "target":
            continue
        if it.klass == "reference":
            checks.append(_unverifiable(document, it, "ratio", "I5", "the counts of the unit it belongs to",
                                        "a reference rate of another unit, quoted for comparison"))
            continue
        if it.klass in ("rate", "share") and _earlier_period(document, it):
            checks.append(_unverifiable(document, it, "ratio", "I4" if it.klass == "share" else "I5",
                                        "the counts of that earlier period",
                                        "a rate of an earlier period than the report's"))
        elif it.klass in ("rate", "share"):
            checks.append(check_ratio(document, it, items))
        elif it.klass == "change":
            checks.append(check_change(document, it, items, derived))
        elif it.klass == "gap":
            checks.append(check_gap(document, it, items))
        elif _stated_fraction(it, items) is not None:
            checks.append(check_ratio(document, it, items))  # "VND 38,215 billion out of VND 121,540 billion, or 31.44%"
        else:
            checks.append(_named_share(document, it, items) or
                          _unverifiable(document, it, "ratio", None, "the figures it is a share of",
                                        "a percentage with no stated operands"))
    checks = _share_restated_verdicts(document, checks, items)
    checks += check_identities(document, items)
    checks += check_breakdowns(document, items)
    checks += check_restatements(document, items)
    if document.tables:
        from recount.pipeline.tables_check import check_tables

        checks += check_tables(document, items)
    _imply_denominators(document, items, checks, derived)
    if document.ocr_pages:
        checks = [_with_ocr_caveat(document, c) for c in checks]
    checks.sort(key=lambda c: (c.start if c.start is not None else -1, c.rule, c.formula))
    derived.sort(key=lambda f: (f.start, f.role or ""))
    return checks, derived


def _with_ocr_caveat(document: Document, check: Check) -> Check:
    """An inconsistency whose stated figure or an operand was read off a scan says so.

    OCR misreads digits the way a typist slips ("8" for "3", "1" for "7"), and a misread operand
    gives the same flag as a wrong total. The verdict stands (the report may be wrong too), but
    the reason tells the inspector to compare those figures with the scan before reporting it.
    """
    if check.verdict != "inconsistent":
        return check
    pages = {o.page for o in check.operands if o.source == "ocr"}
    if check.page in document.ocr_pages:
        pages.add(check.page)
    if not pages:
        return check
    listed = ", ".join(str(p) for p in sorted(pages))
    return replace(check, reason=f"{check.reason}; read by OCR on page {listed}: a misread digit gives "
                                 f"the same flag, compare these figures with the scan")


# ---------------------------------------------------------------- output
def check_row(check: Check) -> dict:
    row = check.to_dict()
    return {k: row[k] for k in CHECK_FIELDS}


def sort_for_reading(checks: list[Check]) -> list[Check]:
    """Inconsistencies first (major before minor), then ambiguous, unverifiable, consistent."""
    return sorted(checks, key=lambda c: (VERDICT_ORDER.get(c.verdict, 9), c.severity != "major",
                                         c.doc, c.start if c.start is not None else -1))


def format_table(checks: list[Check], width: int = 160) -> str:
    """One line per claim for a terminal: verdict, stated, recomputed, formula, sentence."""
    lines = []
    for c in sort_for_reading(checks):
        verdict = c.verdict + (f" ({c.severity})" if c.severity else "")
        recomputed = fmt_number(c.recomputed) if c.recomputed is not None else "—"
        note = f" [{c.rounding}]" if c.rounding and c.rounding not in ("exact", "half_up") else ""
        head = f"{verdict:<22} {c.text:>20} vs {recomputed:<16} {c.formula or c.reason}{note}"
        sentence = c.sentence if len(c.sentence) < 90 else c.sentence[:87] + "..."
        line = f"{head} | {c.doc}:{c.page or ''}{':' if c.page else ''}{c.start} {sentence}"
        lines.append(line[:width] if width else line)
    return "\n".join(lines) + ("\n" if lines else "")


def write_checks(checks: list[Check], fmt: str, stream: IO[str]) -> None:
    """Write checks as ``table`` (for people), ``jsonl`` or ``csv`` (operands as JSON)."""
    if fmt == "table":
        stream.write(format_table(checks))
    elif fmt == "jsonl":
        for c in checks:
            stream.write(json.dumps(check_row(c), ensure_ascii=False, sort_keys=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=CHECK_FIELDS, lineterminator="\n")
        writer.writeheader()
        for c in checks:
            row = check_row(c)
            row["operands"] = json.dumps(row["operands"], ensure_ascii=False)
            writer.writerow(row)
    else:
        raise ValueError(f"unknown format {fmt!r}: use table, jsonl or csv")


def checks_to_string(checks: list[Check], fmt: str) -> str:
    buffer = io.StringIO()
    write_checks(checks, fmt, buffer)
    return buffer.getvalue()
