"""Cue words that say what a figure measures, in Vietnamese, English and French.

The checker finds the operands of a claim by what they measure, never by position: in seed
001 "289 were completed" is the numerator of "a rate of 88.38%" because of "completed", and
"327 were enforceable" its denominator because of "enforceable". The lexicons follow the
cue column of checking.md (identities I1–I11). Each role's cues are regular expressions
matched case-insensitively; when two cues overlap the longer one wins, so "chưa có điều
kiện" (not yet enforceable) beats the "có điều kiện" (enforceable) inside it, and "carried
over to the next period" beats "carried over".

A cue counts for the figure it is nearest to within the figure's clause: on its left up to the
previous figure (vi and fr put the noun first: "thụ lý mới 7.553 việc"), or on its right up to
the next figure or comma (en often puts it after: "55 cases carried over").
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from recount.pipeline.records import Figure

# Roles of counts and amounts, as in docs/CONTRACTS.md. The order only breaks exact ties.
AMOUNT_ROLE_CUES: dict[str, tuple[str, ...]] = {
    "carried_next": (
        r"chuyển (?:sang )?kỳ sau", r"chuyển sang năm (?:sau|\d{4})", r"chuyển kỳ tiếp theo",
        r"carried (?:over|forward) to the next", r"carried over to \d{4}", r"to the next period",
        r"prochaine période", r"reporté(?:e|s|es)? sur l'(?:année|exercice)", r"transférés? en \d{4}", r"période suivante",
        r"exercice suivant", r"reporté(?:e|s|es)? sur \d{4}", r"carried to (?:the next|\d{4})", r"moves? on to", r"chuyển sang năm \d{4}",
    ),
    "received_total": (
        r"tổng số (?:việc |tiền )?(?:phải giải quyết|thụ lý|đã thụ lý|giải quyết)", r"tổng (?:số )?thụ lý",
        r"total (?:number of cases|amount|caseload)(?: \w+){0,2} (?:resolved|received|handled|accepted|to be resolved)",
        r"total (?:number of cases|amount) (?:resolved|received|handled)", r"total caseload", r"total cases received",
        r"(?<!\w)thụ lý(?! mới)",
        r"total (?:number of cases|amount) to (?:be )?(?:resolve|handle)d?",
        r"total des (?:dossiers|affaires|montants) (?:reçus|à traiter|traités)", r"nombre total de dossiers(?: reçus| à traiter)?",
        r"montant total (?:reçu|à traiter)", r"total received", r"handled(?: a total of)?", r"received",
        r"(?:a |in )total(?: of)?", r"saisis de", r"traité(?:e|s|es)? au total", r"nombre total d'affaires(?: reçues)?",
        r"total des affaires(?: reçues)?", r"(?<!nouvellement )reçu(?:e|s|es)?(?! de)",
    ),
    "carried_over": (
        r"(?:số )?cũ chuyển sang", r"chuyển sang", r"(?<!\w)cũ\b", r"(?:năm|kỳ) trước chuyển sang", r"chuyển từ (?:năm|kỳ) trước", r"việc cũ", r"số cũ",
        r"carried over(?: from (?:the )?(?:previous|last|prior) (?:year|period))?", r"brought forward", r"backlog(?: from)?",
        r"reporté(?:e|s|es)? de l'(?:année|exercice) (?:précédente?|antérieure?)", r"(?:dossiers|montants?) antérieurs?",
        r"reporté(?:e|s|es)?(?! sur)(?: de \d{4})?",
        r"report(?:és?)? de la période précédente", r"de l'année précédente",
    ),
    "new": (
        r"thụ lý mới", r"(?<!đổi )(?<!\w)mới\b", r"mới thụ lý", r"số mới", r"việc mới",
        r"newly (?:received|accepted|processed|opened|filed)", r"new(?:ly)? cases?", r"new (?:amount|money)", r"newly",
        r"nouveaux dossiers", r"nouvellement (?:reçus|reçues|enregistrés)", r"nouvelles affaires", r"nouveaux montants", r"nouveaux",
        r"nouvelles?", r"(?<!\w)new(?: ones)?(?!\w)",
    ),
    "entrusted": (
        r"ủy thác", r"uỷ thác", r"entrusted", r"transferred to other (?:agencies|offices|provinces)",
        r"confié(?:e|s|es)?(?: à d'autres)?", r"délégués?", r"transférés? à d'autres",
    ),
    "withdrawn": (
        r"thu hồi(?:, hủy| quyết định)?", r"h[ủu]ỷ? quyết định", r"rút (?:quyết định|lên)", r"withdrawn", r"cancell?ed", r"revoked",
        r"retiré(?:e|s|es)?", r"annulé(?:e|s|es)?", r"révoqué(?:e|s|es)?",
    ),
    "to_enforce": (
        r"(?:tổng )?số (?:việc |tiền )?phải thi hành", r"phải thi hành", r"to be enforced", r"(?:cases )?to enforce\b",
        r"(?:amount|cases) subject to enforcement", r"à exécuter", r"devant être exécutés?",
    ),
    "not_enforceable": (
        r"chưa có điều kiện(?: thi hành)?", r"không có điều kiện(?: thi hành)?",
        r"not (?:yet )?enforceable", r"unenforceable", r"were not\b", r"without (?:the )?conditions?(?: for enforcement)?",
        r"not yet eligible", r"non (?:encore )?exécutables?", r"pas (?:encore )?en état d'être exécutés?", r"inexécutables?",
        r"sans conditions? d'exécution", r"ne l'étaient pas(?: encore)?",
    ),
    "enforceable": (
        r"có điều kiện(?: thi hành)?", r"enforceable", r"with (?:the )?conditions?(?: for enforcement)?",
        r"(?:that |which )?could be enforced",
        r"eligible for enforcement", r"exécutables?", r"en état d'être exécutés?", r"sous conditions? d'exécution",
    ),
    "completed": (
        r"(?:đã )?thi hành xong", r"giải quyết xong", r"(?:were |was |been |have )?completed", r"(?<!\w)fully enforced",
        r"collected", r"terminés?", r"achevé(?:e|s|es)?", r"exécutés? intégralement", r"clôturés?", r"menés? à terme",
    ),
    "terminated": (r"(?<!tạm )đình chỉ", r"(?<!temporarily )terminated", r"(?<!temporairement )abandonnés?"),
    "in_progress": (r"đang (?:tổ chức )?thi hành", r"in progress", r"being enforced", r"en cours(?: d'exécution)?"),
    "postponed": (r"hoãn(?: thi hành)?", r"postponed", r"ajournés?", r"différés?"),
    "recovered": (r"thu hồi (?:được )?tài sản", r"recovered", r"recouvrés?"),
}

#: A count or amount right after one of these is a change, not a level ("tăng 1.151 việc").
INCREASE_CUES = (
    r"(?<!\w)tăng(?! cường)(?: thêm)?", r"an increase of", r"increased? by", r"(?<!made )(?<!make )(?<!makes )\bup(?: by)?\b(?! to\b)", r"\brose(?: by)?\b",
    r"\brise of", r"more than (?:in|the same period)", r"une (?:hausse|augmentation) de", r"en (?:hausse|augmentation) de",
    r"augment(?:é|ation)(?: de)?", r"\bhausse de", r"\bde plus\b", r"progress(?:e|ent|é) de", r"rose by", r"rises? by", r"risen by",
)
DECREASE_CUES = (
    r"(?<!\w)giảm(?: đi)?", r"a decrease of", r"decreased? by", r"\bdown(?: by)?\b", r"\bfell(?: by)?\b", r"\bdrop(?:ped)? (?:of|by)",
    r"une (?:baisse|diminution) de", r"en (?:baisse|diminution) de", r"diminu(?:é|tion)(?: de)?", r"\bbaisse de",
    r"\brecul de", r"\bde moins\b", r"reculé", r"fewer", r"falls? by", r"fallen by",
)
#: Gap to a target or to another rate: "vượt 0,61% so với chỉ tiêu", "dépassant de 1,85 %".
GAP_OVER_CUES = (
    r"(?<!\w)vượt(?: mức)?", r"cao hơn", r"exceed(?:ing|ed|s)?(?: by)?", r"above", r"higher than", r"surpass(?:ing|ed)?",
    r"beat(?:ing|s)?", r"clear(?:ing|ed|s)?", r"overshoot(?: of)?", r"(?:an )?excess of", r"surplus of",
    r"dépass(?:ant|e|é)(?: de)?", r"au-dessus", r"supérieur(?:e)? de", r"de plus que",
)
GAP_UNDER_CUES = (
    r"thấp hơn", r"còn thiếu", r"chưa đạt", r"còn cách", r"(?:fall(?:ing|s)?|fell) short of(?: the target)? by", r"short of",
    r"below", r"lower than", r"shortfall of", r"en dessous", r"inférieur(?:e)? de", r"en deçà", r"éloigné",
)
#: A gap named without its direction: "a gap of 5.19 points", "l'écart est de 1,28 point".
GAP_NEUTRAL_CUES = (r"a gap of", r"the gap (?:is|was)", r"l'écart (?:est|étant)(?: encore)? de", r"khoảng cách", r"chênh lệch")
TARGET_CUES = (
    r"chỉ tiêu", r"mục tiêu", r"kế hoạch", r"target", r"objectif", r"cible",
)
#: Another rate a gap can be measured against ("1.43% higher than the national results").
REFERENCE_CUES = (r"toàn quốc", r"cả nước", r"bình quân", r"national", r"nationale?", r"average", r"moyenne")
RATE_CUES = (
    r"tỷ lệ", r"tỉ lệ", r"(?<!\w)đạt", r"(?:completion |enforcement |recovery |success )?rate", r"achiev(?:ing|ed)",
    r"reached", r"taux", r"atteignant", r"atteint",
)
SHARE_CUES = (r"chiếm", r"account(?:s|ing|ed)? for", r"represent(?:s|ing)", r"représent(?:e|ant)",
              r"ma(?:de|kes?|king) up(?! of)")  # "Enforceable cases made up 79.40% of the caseload"
PREVIOUS_CUES = (
    r"cùng kỳ", r"năm trước", r"năm \d{4}", r"the same period", r"last year", r"previous year", r"in \d{4}",
    r"l'an dernier", r"l'année précédente", r"en \d{4}", r"même période",
)
MONEY_CUES = (r"về tiền", r"tính bằng tiền", r"số tiền", r"in money", r"in value", r"in terms of money", r"amount",
              r"money rate", r"money result",
              r"en valeur", r"en montant", r"recouvrement", r"créances", r"en argent")
CASE_CUES = (r"về việc", r"tính bằng việc", r"số việc", r"in cases", r"in terms of cases", r"case rate",
             r"en nombre (?:de dossiers|d'affaires)", r"en dossiers", r"dossiers", r"affaires")
PARTS_CUES = (r"(?<!\w)gồm", r"bao gồm", r"trong đó", r"including", r"of which", r"comprising", r"dont", r"comprenant")

# a single newline is a wrapped PDF line or a list line whose end the sentence bounds already mark
_CLAUSE_BREAK = re.compile(r"[;\f]|\n[ \t]*\n|\.\s")
_CONJUNCTION = re.compile(r"(?<!\w)(?:và|and|et)(?!\w)", re.IGNORECASE)


def _compile(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# longer cues first, so that at one position "mới thụ lý" (new) is tried before "mới"
_ROLE_PATTERNS = {role: _compile(tuple(sorted(cues, key=len, reverse=True))) for role, cues in AMOUNT_ROLE_CUES.items()}
INCREASE = _compile(INCREASE_CUES)
DECREASE = _compile(DECREASE_CUES)
GAP_OVER = _compile(GAP_OVER_CUES)
GAP_UNDER = _compile(GAP_UNDER_CUES)
GAP_NEUTRAL = _compile(GAP_NEUTRAL_CUES)
TARGET = _compile(TARGET_CUES)
REFERENCE = _compile(REFERENCE_CUES)
RATE = _compile(RATE_CUES)
SHARE = _compile(SHARE_CUES)
PREVIOUS = _compile(PREVIOUS_CUES)
#: Words that put a rate in an earlier period than the report's: "Cùng kỳ năm trước, tỷ lệ này là
#: 50,12%", "so với năm 2023, khi tỷ lệ chỉ đạt 79,67%", "the 81.41% achieved in 2020".
EARLIER_PERIOD = re.compile(r"cùng kỳ(?: năm trước)?|năm trước|kỳ trước|năm ngoái|last year|previous year|a year earlier|"
                            r"l'an dernier|l'année précédente|(?:năm|in|en) (\d{4})", re.IGNORECASE)
MONEY = _compile(MONEY_CUES)
CASES = _compile(CASE_CUES)
PARTS = _compile(PARTS_CUES)


@dataclass(frozen=True, slots=True)
class CueHit:
    role: str
    start: int
    end: int
    distance: int


def sentence_bounds(text: str, figure: Figure) -> tuple[int, int]:
    """The sentence holding ``figure``: the extractor's bounds, or a split on ". ", ";"-free."""
    if figure.sent_start is not None and figure.sent_end is not None:
        return figure.sent_start, figure.sent_end
    start = max(text.rfind(". ", 0, figure.start) + 2, text.rfind("\n", 0, figure.start) + 1, 0)
    if text.rfind(". ", 0, figure.start) < 0:
        start = text.rfind("\n", 0, figure.start) + 1
    candidates = [i for i in (text.find(". ", figure.end), text.find("\n", figure.end)) if i >= 0]
    end = min(candidates) + 1 if candidates else len(text)
    return start, end


def paragraph_break_ends(text: str) -> list[int]:
    """Where each paragraph break of ``text`` ends, in order (see :func:`paragraph_bounds`)."""
    return [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]


def paragraph_bounds(text: str, offset: int, break_ends: list[int]) -> tuple[int, int]:
    """The block of text around ``offset`` between blank lines or page breaks (a single newline is a
    line of a list or a wrapped PDF line, not a new paragraph).

    ``break_ends`` is :func:`paragraph_break_ends` of ``text``, worked out once for all the
    figures of a document: searching from the top for each made a 200-page report quadratic.
    """
    before = bisect.bisect_right(break_ends, offset)  # the breaks that end at or before offset
    start = break_ends[before - 1] if before else 0
    m = _PARAGRAPH_BREAK.search(text, offset)
    return start, (m.start() if m else len(text))


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\f")


def left_context(text: str, figure: Figure, previous: Figure | None, sentence_start: int) -> tuple[int, str]:
    """Text on the left of a figure back to the previous figure or the start of its clause."""
    start = sentence_start
    if previous is not None and previous.end > start:
        start = previous.end
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, start, figure.start)]
    if breaks:
        start = breaks[-1]
    return start, text[start:figure.start]


def right_context(text: str, figure: Figure, following: Figure | None, sentence_end: int) -> str:
    """Text on the right of a figure up to the next figure, comma, bracket or clause end."""
    end = sentence_end
    if following is not None and following.start < end:
        end = following.start
    stop = re.compile(r"[,;:()\f]|\n[ \t]*\n|\.\s|\.$")
    m = stop.search(text, figure.end, end)
    if m:
        end = m.start()
    return text[figure.end:end]


def cue_hits(left: str, right: str, left_after_figure: bool = False) -> list[CueHit]:
    """Every role cue in the two contexts; where cues overlap on one side the longer one wins.

    ``CueHit.role`` is prefixed ``L:`` or ``R:`` for the side it was found on; ``distance``
    counts characters between the cue and the figure.
    """
    hits = [("L:", start, end, role) for start, end, role in _cues_in_segment(left)]
    hits += [("R:", start, end, role) for start, end, role in _cues_in_segment(right)]
    kept: list[CueHit] = []
    for side, start, end, role in sorted(hits, key=lambda h: (h[1] - h[2], h[0], h[1])):
        if any(k.role.startswith(side) and start < k.end and end > k.start for k in kept):
            continue
        distance = len(left) - end if side == "L:" else start
        if side == "L:" and left_after_figure and start + end <= len(left):
            continue  # nearer the figure before: "3 999 reportés de l'année précédente et 5 494 de nouveaux"
        kept.append(CueHit(side + role, start, end, distance))
    return kept


@functools.lru_cache(maxsize=4096)
def _cues_in_segment(segment: str) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, role)`` of every role cue in ``segment``, role by role in the order of
    ``_ROLE_PATTERNS``. Kept for the segments seen last: the role rules and the role model's
    features read the same clause of a figure, so about half the calls repeat one."""
    return tuple((start, end, role) for role, pattern in _ROLE_PATTERNS.items()
                 for start, end in _overlapping(pattern, segment))


def _overlapping(pattern: re.Pattern, segment: str) -> list[tuple[int, int]]:
    """Matches starting at every position, so "số mới thụ lý" yields "mới thụ lý" (new) as well as
    "số mới", and the longest cue can win."""
    found, pos = [], 0
    while True:
        m = pattern.search(segment, pos)
        if not m:
            return found
        if m.end() > m.start():
            found.append((m.start(), m.end()))
        pos = m.start() + 1


def amount_role(left: str, right: str, left_after_figure: bool = False) -> str | None:
    """The role of a count or amount from the cues around it (``None`` when there are none).

    A change cue adjacent on the left wins: in "an increase of 43 cases" the 43 is a change
    whatever else the clause says.
    """
    # A cue before a comma or bracket belongs to the figure before it: in "Sur 54 681 dossiers
    # exécutables, 26 515 ont été terminés" the 26 515 is the completed count. The clause before
    # the comma is used only when nothing nearer says what the figure is.
    cut = max(left.rfind(","), left.rfind("("), left.rfind(":"))
    if cut >= 0 and (cues_in(left[cut + 1:]) or cues_in(right)):
        left = left[cut + 1:]
        left_after_figure = False
    # Between two figures joined by a conjunction, the words before it describe the first one:
    # "3 999 reportés de l'année précédente et 5 494 de nouveaux montants", "327 were enforceable
    # and 16 were not"; the words after it the second: "341 việc và chưa có điều kiện 25 việc".
    if left_after_figure:
        joins = list(_CONJUNCTION.finditer(left))
        if joins:
            left = left[joins[-1].end():]
            left_after_figure = False
    tail = left[-28:]
    for pattern in (INCREASE, DECREASE):
        for m in pattern.finditer(tail):
            if not tail[m.end():].strip(" :") or re.fullmatch(r"\s*(?:thêm|by|de|of|là)?\s*", tail[m.end():]):
                return "change_abs"
    hits = cue_hits(left, right, left_after_figure)
    if not hits:
        return None
    best = min(hits, key=lambda h: (h.distance + (2 if h.role.startswith("R:") else 0)))
    return best.role[2:]


def cues_in(segment: str) -> bool:
    return any(p.search(segment) for p in _ROLE_PATTERNS.values())


def direction(left: str, right: str = "") -> str | None:
    """``increase`` / ``decrease`` from the nearest change word on the left (or right)."""
    last_up = max((m.end() for m in INCREASE.finditer(left)), default=-1)
    last_down = max((m.end() for m in DECREASE.finditer(left)), default=-1)
    if last_up < 0 and last_down < 0:
        if INCREASE.search(right):
            return "increase"
        if DECREASE.search(right):
            return "decrease"
        return None
    return "increase" if last_up > last_down else "decrease"


def last_match_end(pattern: re.Pattern, segment: str) -> int:
    return max((m.end() for m in pattern.finditer(segment)), default=-1)


def money_or_cases(segment: str) -> str | None:
    """``money`` or ``count`` when the words say which a rate is about ("52,06% về tiền")."""
    money = last_match_end(MONEY, segment)
    cases = last_match_end(CASES, segment)
    if money < 0 and cases < 0:
        return None
    return "money" if money > cases else "count"
