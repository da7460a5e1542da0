"""The rule labeller: a figure's role from the cue words of its clause (the fallback model).

Counts and money amounts take the role of the nearest indicator cue in their clause
(:func:`recount.pipeline.cues.amount_role`: "thụ lý mới 7.553 việc" -> new, "55 cases carried
over" -> carried_over), a change cue right before them ("tăng 220 việc", "an increase of 43
cases") making them a ``change_abs``. Some phrases settle the role before any cue is weighed
(confidence :data:`SURE_P`): the part after "dont / of which / trong đó" of a stock carried to
the next period is carried forward too; money "still to be recovered" or "ordered returned" is
to be enforced, money "set as the aim" a target, money "repaid to the State budget" recovered;
"needs 900 more cases to reach the target" and "dossiers de plus de 10 milliards" are other.
In a report whose headline is about corruption cases, the money collected is ``recovered``.

Percentages are read in order, because a percentage's role often depends on the figure before
it:

- right after a change ("an increase of 43 cases (16.99% compared to 2021)", "tăng 418 việc,
  tức 7,08%") it is the relative change, ``change_pct``;
- after a change word it is a change too, in points when a rate changed ("tỷ lệ tăng 1,19%",
  "đạt 23,08%, tăng 4,6% so với cùng kỳ") and relative when a count or amount did;
- next to a target word it is the target ("vượt chỉ tiêu 46,45%", "the 45.50% target"), and
  after a gap word or a stated target it is the gap ("vượt 0,74% so với chỉ tiêu",
  "thấp hơn chỉ tiêu 45,50% là 2,89%"); a gap to another unit's rate ("cao hơn mức chung toàn
  quốc (83,88%) khoảng 0,3 điểm") is a change in points;
- "chiếm 76,16%" / "accounted for 76.16%" is the enforceable share (so is "579 413 étaient
  exécutables, soit 79,56 %"), unless the whole it is a share of is the enforceable cases
  themselves ("credit cases make up 45% of the enforceable amounts": other), and "đạt tỷ lệ
  83,24%" / "a rate of 88.38%" the completion rate;
- a second measure joined to the first ("84,10 % en nombre d'affaires … et 47,20 % en valeur")
  takes the first one's role, and a percentage after "vượt chỉ tiêu" right after a rate is the
  target when near that rate and the gap when it is a few points.

Anything else is ``other``. ``role_p`` is a fixed confidence per rule, lower for defaults.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from recount.models.roles import ROLE_KINDS
from recount.pipeline import cues
from recount.pipeline.records import Figure

#: Confidence of a role read from a phrase that names it whatever the other cues say ("dont
#: 210 041 exécutables" after the stock carried forward, "đặt mục tiêu thu hồi trên 50.000 tỷ
#: đồng", "27 dossiers de plus de 10 milliards"): the model does not overrule these.
SURE_P = 0.95
#: Confidence of a role found by a cue next to the figure, by a cue further away, by default.
CUE_P = 0.9
WEAK_P = 0.6
DEFAULT_P = 0.3

_RATE_NOUN = re.compile(r"tỷ lệ|tỉ lệ|\brates?\b|\btaux\b", re.IGNORECASE)
_TARGET = re.compile(
    r"chỉ tiêu|mục tiêu|kế hoạch|phấn đấu|\btargets?\b|\baim(?:s|ing)? (?:for|at|to)|\bgoal\b|objectifs?|\bcible\b|"
    r"\bvis(?:e|er|ant|ent)\b",
    re.IGNORECASE,
)
_GAP = re.compile("|".join(f"(?:{p})" for p in cues.GAP_OVER_CUES + cues.GAP_UNDER_CUES + (
    r"beat(?:ing|s)?", r"còn cách", r"gần chạm", r"miss(?:ing|ed)?", r"en retrait",
)), re.IGNORECASE)
#: Words that say a number restates the change before it: "tăng 418 việc, tức 7,08%".
_RESTATES = re.compile(r"^\W*(?:\(|tương đương|tức là|tức|hay|equivalent to|or|i\.e\.|soit|de)\W*", re.IGNORECASE)
#: A money threshold, not an indicator: "vụ việc có giá trị trên 1.000 tỷ đồng", "assets worth
#: more than VND 1 billion".
_THRESHOLD = re.compile(
    r"giá trị|trị giá|vụ việc|\bworth\b|valued at|d'une valeur|de plus de|dont le montant|above|exceeding",
    re.IGNORECASE,
)
_RECOVERED = re.compile(r"thu hồi được|thu hồi (?:cho nhà nước|tài sản)|recover(?:ed|y)|recouvr|récupér", re.IGNORECASE)
#: Money "thu hồi" in corruption and economic cases is recovered, not a withdrawn decision.
_CORRUPTION = re.compile(r"tham nhũng|kinh tế|corruption|economic|économiques?", re.IGNORECASE)
#: Headlines of reports on the corruption cases' asset recovery ("Thu hồi tài sản tham nhũng",
#: "Corruption cases: more money back", "Affaires de corruption : le recouvrement des avoirs").
_CORRUPTION_HEADLINE = re.compile(r"tham nhũng|corruption|asset recovery|recouvrement des avoirs", re.IGNORECASE)
#: Money handed back from a criminal case: "rembourser 400 milliards de VND au budget de
#: l'État", "la restitution de 1 000 milliards aux porteurs d'obligations", "returned to the
#: State budget", "nộp ngân sách nhà nước", "hoàn trả cho bị hại".
_RETURNED = re.compile(r"rembours|restitu|au budget de l'[ée]tat|returned to (?:the )?state|refunded to|"
                       r"nộp (?:vào )?ngân sách|hoàn trả", re.IGNORECASE)
#: Money still to be recovered is the amount to enforce: "số tiền phải thu hồi khoảng 2.800
#: tỷ đồng", "le montant total à recouvrer … plus de 500 000 milliards", "VND 3,100 billion is
#: unlikely to be recovered", "out of VND 96,412 billion due", "a court ordered the return of VND
#: 2,305 billion".
_TO_RECOVER_LEFT = re.compile(r"(?:phải thu hồi|còn phải thu|à recouvrer|restant dû|yet to be recovered|"
                              r"ordered (?:the )?(?:return|repayment|payment) of|condamnée? à (?:rembourser|restituer|payer)|"
                              r"buộc (?:phải )?(?:trả|nộp|hoàn trả)|"
                              r"still (?:owed|due|outstanding)|remaining amount)\b", re.IGNORECASE)
_TO_RECOVER_RIGHT = re.compile(r"^\W*(?:due|still (?:owed|due)|outstanding|(?:is |are |was )?(?:unlikely|yet|still) to be recovered)\b",
                               re.IGNORECASE)
#: An amount set as an aim: "đặt mục tiêu thu hồi trên 50.000 tỷ đồng", "aims to recover over
#: VND 50,000 billion", "l'objectif de recouvrer 50 000 milliards".
_TARGET_AMOUNT = re.compile(r"(?:mục tiêu|chỉ tiêu|aims? to|target(?:s|ing)? (?:of )?|objectif (?:de|d'))\s*"
                            r"(?:\w+\s+){0,2}(?:trên|hơn|khoảng|over|more than|about|around|plus de|environ)?\s*$",
                            re.IGNORECASE)
#: What is still missing to reach a target is no indicator: "the city needs roughly 1,550 more
#: completed cases to reach the 82.5% target", "phải thi hành xong thêm khoảng 30 nghìn tỷ".
_STILL_NEEDED_LEFT = re.compile(r"(?:needs?|need to|cần|phải (?:thi hành xong|giải quyết xong|thu) thêm|"
                                r"reste à|doivent encore)\s*(?:\w+\s+)?(?:roughly|about|around|some|khoảng|environ|"
                                r"près de|nearly)?\s*$", re.IGNORECASE)
_STILL_NEEDED_RIGHT = re.compile(r"^\W*(?:\w+\s+){0,2}more\b[^.;]{0,40}\bto (?:reach|meet|hit|achieve)\b",
                                 re.IGNORECASE)
#: Part of the figure before it: "358 855 affaires sont reportées sur l'exercice suivant, dont
#: 210 041 exécutables", "chuyển kỳ sau là 11.869 việc, trong đó có điều kiện 5.190 việc",
#: "358,855 cases were carried over to the next year, 210,041 of them enforceable".
_PART_OF_PREVIOUS = re.compile(r"(?:\bdont|of which|trong đó|among them|including)\s*(?:(?:có điều kiện|enforceable)"
                               r"(?: thi hành)?\s*)?(?:là\s*)?(?:more than|over|nearly|about|plus de|près de|environ|"
                               r"hơn|trên|khoảng)?\s*$", re.IGNORECASE)
#: The level a figure is compared with (a bare "from" also starts ranges: "rose from … to").
_EARLIER = re.compile(r"\b(?:contre|compared with|compared to|up from|down from|so với)\s*"
                      r"(?:about|around|roughly|environ|khoảng)?\s*$", re.IGNORECASE)
_LEVELS = frozenset(("received_total", "carried_over", "new", "to_enforce", "enforceable", "completed",
                     "recovered", "carried_next", "not_enforceable"))
_OF_THEM = re.compile(r"^\W*of them\b", re.IGNORECASE)
#: A bound before the number is no change: "la restitution de plus de 1 000 milliards",
#: "27 dossiers de plus de 10 milliards de VND" (the change reads "1 000 de plus qu'en 2022").
_BOUND_BEFORE = re.compile(r"\bde (?:plus|moins) de\s*$", re.IGNORECASE)
#: A money threshold naming a class of cases: "27 dossiers de plus de 10 milliards de VND",
#: "cases worth more than VND 1 billion", "vụ việc có giá trị trên 1.000 tỷ đồng".
_CASES_ABOVE = re.compile(r"(?:dossiers|affaires|cases|việc|vụ)\s+(?:de|of|worth|valued at|có giá trị)\s+"
                          r"(?:plus de|over|more than|above|trên|hơn)\s*$", re.IGNORECASE)
#: A present-tense headline verb or a payment: "Hanoi enforcement agencies complete over 28,000
#: cases", "the department had paid out more than VND 180 billion to workers".
_COMPLETED_EXTRA = re.compile(r"\bcomplete[sd]?\b|\bpaid out\b|\bdisbursed\b|\bversé(?:e|s|es)?\b|chi trả",
                              re.IGNORECASE)
#: "số mới thụ lý 7.318 việc": newly received ("thụ lý" alone is the total received).
_NEW_RECEIVED = re.compile(r"mới thụ lý(?: trong kỳ)?\s*(?:là\s*)?$", re.IGNORECASE)
_ENFORCEABLE_WORD = re.compile(r"có điều kiện|enforceable|exécutables?|en état", re.IGNORECASE)
#: Indicator cues the shared lexicon leaves to context: a bare "thụ lý 1.864 việc" is the
#: year's total caseload, "đã thu được 9.845 tỷ đồng" the money completed.
_EXTRA_AMOUNT_CUES = {
    "carried_next": re.compile(
        r"carried (?:over |forward )?to (?:\d{4}|the next)|move[sd]? on to|"
        r"reporté(?:e|es|s)? sur (?:l'exercice suivant|\d{4})|exercice suivant", re.IGNORECASE),
    "received_total": re.compile(
        r"(?<!mới )thụ lý(?! mới)|tổng cộng|tổng số|a total of|\bhandled\b|\breceived\b|au total|"
        r"reçu(?:e|s|es)?\b|saisis de", re.IGNORECASE),
    "completed": re.compile(r"thu được|thu về|hoàn thành|\bcollected\b|\bresolved\b|réglés?|recouvrés?|"
                            + _COMPLETED_EXTRA.pattern, re.IGNORECASE),
    "carried_over": re.compile(r"^\W*report(?:é|ée|és|ées)\b", re.IGNORECASE),
    "entrusted": re.compile(r"confié(?:e|s|es)?\b", re.IGNORECASE),
    "terminated": re.compile(r"^\W*(?:\w+\s+){0,3}clôturé(?:e|s|es)? par (?:une )?décision|cessation",
                             re.IGNORECASE),
    "not_enforceable": re.compile(r"^\W*ne l'(?:étaient|était) pas|^\W*were not\b", re.IGNORECASE),
    "new": re.compile(r"^\W*(?:new|mới|nouveaux|nouvelles)\b", re.IGNORECASE),
    "enforceable": re.compile(r"(?:could|can) be enforced|enforceable (?:amount|cases)|pouvant être exécutés?",
                              re.IGNORECASE),
    "to_enforce": re.compile(r"^\W*(?:cases )?(?:left |still )?to (?:be )?enforced?\b|\bleaving\s*$", re.IGNORECASE),
}
#: A target stated as a floor: "s'est fixé pour 2024 l'objectif de dépasser 83,25 %".
_TARGET_FLOOR = re.compile(r"(?:objectif de|aims? to|phấn đấu(?: đạt)?|strive to|viser à)\s+(?:dépasser|exceed|vượt)"
                           r"(?: chỉ tiêu)?\s*(?:trên\s*)?$", re.IGNORECASE)
#: A percentage after "X of Y": ", or", "soit", "i.e.", "so", a bare comma or a bracket.
_RESTATES_OUT_OF = re.compile(
    r"^[^.;]{0,30}?(?:(?:,\s*|\s)(?:or|i\.e\.|soit|so|tức|bằng|tức là|đạt)\s*(?:about|around|khoảng|environ)?|,|\()\s*$",
    re.IGNORECASE)
#: "… of enforceable cases", "… of the 10,377 cases that could be enforced".
_OF_ENFORCEABLE = re.compile(
    r"\s*(?:of|des|du|của)\s+(?:the\s+|số\s+|les\s+)?(?:\w+\s+)?(?:enforceable|exécutables|có điều kiện|"
    r"\d[\d.,\u00a0\u202f]*\s+(?:cases|affaires)\s+(?:that|which|qui)\s+(?:could|can|pouvaient)\s+(?:be|être))",
    re.IGNORECASE)
#: The amount a completed amount is out of: "recouvré 116 531 milliards sur 224 775 milliards".
_OUT_OF = re.compile(r"\b(?:sur|out of|of the|of|trên(?: tổng số)?)\s*(?:about|around|khoảng|environ)?\s*$",
                     re.IGNORECASE)
_COMPLETED_WORD = re.compile("|".join(cues.AMOUNT_ROLE_CUES["completed"]) + r"|recouvr|collected|thu được",
                             re.IGNORECASE)
#: A figure restating the completed one as a share: "completed 28,036 cases, or 84.93%".
_RESTATES_RATE = re.compile(
    r"^[^.;]{0,25}?(?:,\s*|\s)(?:or|i\.e\.|soit|tức|bằng|reaching|đạt)\s*(?:about|around|khoảng|environ)?\s*$",
    re.IGNORECASE)
#: A change given after the number: "17,190 cases more than in 2020", "12% fewer than in 2023",
#: "119 de moins qu'en 2022".
_CHANGE_AFTER = re.compile(
    r"^\W*(?:\w+\s+){0,2}(?:more|fewer|less|higher|lower) than (?:in|the same|a year|last|the year)|"
    r"^\W*(?:\w+\s+){0,2}de (?:plus|moins) qu|^\W*(?:more|fewer|less)\s+(?:\w+\s+){0,2}than\b", re.IGNORECASE)
#: Change verbs the shared lexicon lacks: "progresse de 2 066", "fell by roughly 18 points".
_CHANGE_VERB = re.compile(
    r"progress(?:e|é|ant|ent) (?:ainsi |encore )?de|recul(?:e|é|ant|ent)? de|\brises? by|\bgrew by|\bimprovement of|"
    r"\bgagn(?:e|é|ant|ent)\b|\bperd(?:u|ant|ent)?\b|\bgain(?:ed|s)?\b|\blost\b",
    re.IGNORECASE)
#: The change restated right after it: "rose by 1,084 on 2021, or 9.75%", "tăng 71.980 việc,
#: tương ứng 16,13%".
_RESTATED_AT_END = re.compile(
    r"(?:^|[,(]\s*|\s)(?:or|soit|tức là|tức|i\.e\.|equivalent to|tương đương(?: với)?|tương ứng|hay)\s*$",
    re.IGNORECASE)
_NOT_YET = re.compile(r"^\W*(?:non|pas|not)\s+(?:encore\s+|yet\s+)?(?:exécut|enforce)", re.IGNORECASE)
#: "made up of 299,096 cases" is a part, not a rise ("up").
_NOT_A_CHANGE = re.compile(r"(?:made up|consist(?:s|ing|ed)?) of\s*$", re.IGNORECASE)
#: A figure joined to the one before it: "trên 83,9% về việc và 51,9% về tiền".
_COORDINATED = re.compile(
    r"^\s*(?:(?:về (?:việc|tiền)|(?:for|in|of) (?:cases|money)|\((?:cases|money)\)|en (?:dossiers|valeur|montant)|"
    r"pour les dossiers|en nombre (?:de dossiers|d'affaires)|des affaires)\s*)?(?:,|và|and|et)(?:\s+de)?"
    r"(?:\s+(?:trên|hơn|over|plus de))?\s*$",
    re.IGNORECASE)
#: A second measure joined to the first: "81,41 % en nombre d'affaires, dépassant de 1,41 %
#: l'objectif de 80 %, et 40,09 % en valeur", "83.90% of enforceable cases and 51.90% of
#: enforceable money", "đạt 83,9% về việc và 51,9% về tiền": it has the first one's role.
_JOINED = re.compile(r"(?:(?:of (?:the )?enforceable cases|in cases|en nombre d'affaires|về việc) ?)?,? ?(?:and|et|và)",
                     re.IGNORECASE)  # matched in full against the stripped words between the two figures
_OTHER_MEASURE = re.compile(r"^\s*(?:en valeur|en montant|về tiền|in money|in value|for money|"
                            r"of (?:the )?enforceable (?:money|amounts?)|des montants)\b", re.IGNORECASE)
#: The earlier level a figure is compared with: "up from 83.25% in 2024", "contre 7 816
#: milliards de VND en 2023".
_FROM = re.compile(r"\b(?:up from|down from|from|contre|compared with|so với|par rapport à)\s*(?:the\s*|les?\s*)?"
                   r"(?:about|around|roughly|environ|khoảng)?\s*$", re.IGNORECASE)
#: The whole a share is of, when it is the enforceable or not-enforceable cases: then the share
#: is some category's part of them, not the enforceable share ("credit cases make up about 45%
#: of the enforceable amounts", "mountain districts account for 30% of the cases that are not
#: yet enforceable").
_PART_OF_ENFORCEABLE = re.compile(
    r"^\W*(?:of|des|du|của)\s+(?:the\s+|les\s+|số\s+)?(?:\w+\s+){0,3}?(?:(?:that|which|qui)\s+(?:are|were|sont|étaient)\s+)?"
    r"(?:not (?:yet )?enforceable|non (?:encore )?exécutables|chưa có điều kiện|enforceable|exécutables|có điều kiện)",
    re.IGNORECASE)
_POINTS = re.compile(r"điểm|(?:percentage )?points?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Context:
    """The text around one figure that its role is read from.

    ``left`` runs back to the previous figure or the clause start, ``right`` forward to the
    next figure, comma or clause end; ``sentence`` is the whole sentence; ``previous`` is the
    figure before it in the same sentence and ``previous_role`` the role given to it;
    ``corruption_report`` says the document's headline is about asset recovery in corruption
    and economic cases (:data:`_CORRUPTION_HEADLINE`); ``first_percent_role`` is the role given
    to the first percentage of the sentence (what a second measure pairs with).
    """

    left: str
    right: str
    sentence: str
    previous: Figure | None
    previous_role: str | None
    corruption_report: bool = False
    first_percent_role: str | None = None


def figure_contexts(figures: list[Figure], text: str) -> list[Context]:
    """The :class:`Context` of each figure (``previous_role`` left empty)."""
    out = []
    corruption_report = is_corruption_report(text)
    for i, figure in enumerate(figures):
        previous = figures[i - 1] if i else None
        following = figures[i + 1] if i + 1 < len(figures) else None
        sent_start, sent_end = cues.sentence_bounds(text, figure)
        _, left = cues.left_context(text, figure, previous, sent_start)
        right = cues.right_context(text, figure, following, sent_end)
        same_sentence = previous if previous is not None and previous.end > sent_start else None
        out.append(Context(left, right, text[sent_start:sent_end], same_sentence, None, corruption_report))
    return out


def is_corruption_report(text: str) -> bool:
    """The document's headline (its first non-blank line) is about corruption cases.

    In such a report every sum collected is the corruption cases' recovered money, even in a
    sentence that names only one company: under "Affaires de corruption : le recouvrement des
    avoirs progresse", "les organes ont recouvré 418 milliards de VND dans l'affaire de la
    société Advance" is recovered, not the year's completed money.
    """
    headline = next((line for line in text.splitlines() if line.strip()), "")
    return len(headline) < 200 and bool(_CORRUPTION_HEADLINE.search(headline))


def amount_rule(figure: Figure, context: Context) -> tuple[str, float]:
    """Role of a count or money amount."""
    left, right = context.left, context.right
    tail = left[-40:]
    if _NOT_A_CHANGE.search(tail):
        left, tail = "", ""
    if figure.group_kind == "range":
        # "les lots vendus entre 3 et 8 millions de VND": a bracket, not an indicator.
        return "other", WEAK_P
    said_before = _text_before(context, figure)
    if _CASES_ABOVE.search(said_before[-40:]):
        return "other", SURE_P
    bound = _BOUND_BEFORE.search(left)
    if bound:
        left = left[:bound.start()]
        tail = left[-40:]
    clause_left = left[left.rfind(",") + 1:]
    if _NEW_RECEIVED.search(clause_left):
        return "new", SURE_P
    if context.previous_role == "carried_next" and context.previous.kind == figure.kind \
            and (_PART_OF_PREVIOUS.search(left) or _OF_THEM.match(right)):
        # The enforceable part of the stock carried forward is still carried forward.
        return "carried_next", SURE_P
    if context.previous_role in _LEVELS and context.previous.kind == figure.kind and _EARLIER.search(left):
        # "22 000 milliards de VND en 2024 … contre environ 7 816 milliards de VND en 2023": the
        # same indicator a year before.
        return context.previous_role, CUE_P
    if _STILL_NEEDED_LEFT.search(left) or _STILL_NEEDED_RIGHT.match(right):
        return "other", SURE_P
    if figure.kind == "money":
        if _TARGET_AMOUNT.search(left):
            return "target", SURE_P
        if _TO_RECOVER_LEFT.search(left) or _TO_RECOVER_RIGHT.match(right):
            return "to_enforce", SURE_P
        if _RETURNED.search(left[-50:]):
            return "recovered", SURE_P
    # A cue after the figure beats one across a comma before it: in "(12.406 việc năm trước
    # chuyển sang, 27.318 việc thụ lý mới)" the 27.318 is new, not carried over.
    role = cues.amount_role(clause_left, right) or cues.amount_role(left, right)
    # The cue nearest after the figure, looked for in the whole right context: cut to 20
    # characters, "sont reportées sur l'exercice suivant" reads as "reportées" (carried over).
    near_right = [h for h in cues.cue_hits("", right) if h.start < 20]
    right_role = ("terminated" if _EXTRA_AMOUNT_CUES["terminated"].search(right[:60]) else None) \
        or (min(near_right, key=lambda h: h.distance).role[2:] if near_right else None) \
        or next((r for r, pattern in _EXTRA_AMOUNT_CUES.items() if pattern.search(right[:20])), None)
    if right_role and right_role != "change_abs" and re.search(r"(?:\band|\bvà|\bet|,)\s*$|^\s*$", clause_left):
        # "6,697 brought forward and 17,204 new": the word after a coordinated figure is its own.
        role = right_role
    if figure.kind == "count" and role == "recovered":
        # "ont achevé près de 2,8 millions d'affaires et recouvré …": cases are completed;
        # only money is recovered.
        role = cues.amount_role(clause_left, "") or "completed"
    if role == "change_abs" or (role is None and figure.change and tail) or _CHANGE_AFTER.match(right) \
            or re.search(r"(?:" + _CHANGE_VERB.pattern + r")\s*$", tail, re.IGNORECASE):
        return "change_abs", CUE_P
    if _NOT_YET.match(right):
        return "not_enforceable", CUE_P
    if context.previous_role in ("completed", "recovered") and _OUT_OF.search(left):
        # In a corruption report the recovery is measured against all that is due: "recovered
        # VND 7,816 billion … out of VND 96,412 billion".
        if context.corruption_report and context.previous_role == "recovered":
            return "to_enforce", WEAK_P
        return "enforceable", WEAK_P
    recovery_word = _RECOVERED.search(left + right[:30])
    if figure.kind == "money" and (recovery_word or role == "withdrawn") and _CORRUPTION.search(context.sentence):
        # Recovered money is the corruption and economic cases' own indicator; elsewhere
        # "recovered VND 111,368 billion out of VND 239,812 billion enforceable" is completed.
        return "recovered", CUE_P
    if figure.kind == "money" and context.corruption_report \
            and (recovery_word or role in ("withdrawn", "completed") or _COMPLETED_WORD.search(said_before[-80:])):
        # "Hải Phòng đã thi hành xong 27 việc/1.215 tỷ đồng" in a report on corruption cases.
        return "recovered", WEAK_P
    if figure.kind == "money" and recovery_word and role in (None, "recovered"):
        return "completed", WEAK_P
    if figure.qualifier == "over" and _THRESHOLD.search(tail) and role is None:
        return "other", WEAK_P
    if role is None and context.previous_role in ("recovered", "completed", "to_enforce") \
            and context.previous.kind == figure.kind and _PART_OF_PREVIOUS.search(left):
        # "recovered over VND 22,000 billion, of which more than VND 9,000 billion came from 4
        # cases": a part with no word of its own measures what the whole does.
        return context.previous_role, WEAK_P
    if role is not None:
        return role, CUE_P
    for extra_role, pattern in _EXTRA_AMOUNT_CUES.items():
        if pattern.search(clause_left or tail) or pattern.search(right[:40]):
            return extra_role, WEAK_P
    return "other", DEFAULT_P


def percent_rule(figure: Figure, context: Context) -> tuple[str, float]:
    """Role of a percentage, given the role of the figure before it in the sentence."""
    left, right = context.left, context.right
    tail = left[-30:]
    near_right = right[:40]
    before = context.previous_role
    in_points = bool(_POINTS.match(figure.text.lstrip("0123456789.,%  ")) or _POINTS.match(right.lstrip()))
    if before == "change_abs" and len(left) < 60 and (_RESTATES.match(left) or "(" in left
                                                       or _RESTATED_AT_END.search(left)) \
            and not _RATE_NOUN.search(left) and not _TARGET.search(left):
        return ("change_pp" if in_points else "change_pct"), CUE_P
    if context.first_percent_role in ("completion_rate", "target") and _JOINED.fullmatch(" ".join(left.split())) \
            and _OTHER_MEASURE.match(right):
        return context.first_percent_role, WEAK_P
    if before == "target" and _FROM.search(left) and not in_points:
        # "targets … at 83.90% and 51.90%, up from 83.25% and 46.45% in 2024": last year's targets.
        return "target", WEAK_P
    if before == "completion_rate" and context.previous.kind == "percent" and _GAP.search(tail) \
            and _TARGET.search(tail) and not in_points and figure.value is not None \
            and context.previous.value:
        # "đạt 86,02%, vượt chỉ tiêu 2,77%" (the gap) but "đạt 47,39%, vượt chỉ tiêu 46,45%" (the
        # target): a target is near the rate it is compared with, a gap is a few points.
        return ("target_gap" if figure.value < context.previous.value / 2 else "target"), CUE_P
    if (cues.SHARE.search(tail) or re.search(r"made up|représent", tail, re.IGNORECASE)) \
            and _PART_OF_ENFORCEABLE.match(right):
        return "other", WEAK_P
    if left.rstrip().endswith("(") and (cues.PREVIOUS.search(left) or cues.REFERENCE.search(left)) \
            and not _TARGET.search(left):
        # "tăng 5,06% so với năm 2023 (46,78%)": the rate compared with, not a change.
        return "completion_rate", WEAK_P
    if before in ("completed", "recovered") and _RESTATES_RATE.match(left) and not in_points:
        return "completion_rate", CUE_P
    said_before = _text_before(context, figure)
    if before in ("enforceable", "to_enforce", "received_total") and _RESTATES_OUT_OF.match(left) \
            and _COMPLETED_WORD.search(said_before) and not in_points:
        # "collected VND 1,402 billion of VND 2,936 billion enforceable, or 47.75%": the
        # completed amount over the one after "of" is the completion rate.
        return "completion_rate", CUE_P
    if _OF_ENFORCEABLE.match(right):
        if _TARGET.search(left[left.rfind(",") + 1:]):
            return "target", CUE_P  # "set the 2025 targets … at 83.90% of enforceable cases"
        # "completed 81.41% of enforceable cases", "reaching 82.02% of the 10,377 cases that…".
        share = cues.SHARE.search(tail) and not _COMPLETED_WORD.search(said_before)
        return ("enforceable_share" if share else "completion_rate"), CUE_P
    if re.search(r"(?:results?|kết quả|résultats?),?\s*$", left, re.IGNORECASE):
        return "completion_rate", WEAK_P
    if before == "enforceable" and (re.match(r"^\W*(?:soit|or|i\.e\.|tức|\()\W*$", left[left.rfind(",") + 1:], re.IGNORECASE)
                                    or left.rstrip().endswith("(")) \
            and not cues.RATE.search(left) and not _COMPLETED_WORD.search(_text_before(context, figure)):
        return "enforceable_share", CUE_P
    if _CHANGE_AFTER.match(right):
        if _TARGET.search(right):
            return "target_gap", CUE_P
        about_rate = _RATE_NOUN.search(left) or before in ("completion_rate", "enforceable_share")
        return ("change_pp" if in_points or about_rate else "change_pct"), CUE_P
    if before in ("change_pp", "change_pct", "completion_rate") and re.search(r"\b(?:from|so với|par rapport à|contre)\s*(?:the\s*|les?\s*)?$", left):
        # "the money rate rose 5.06 percentage points from 46.78%": the earlier rate.
        return "completion_rate", WEAK_P
    if before and context.previous.kind == "percent" and _COORDINATED.match(left):
        return before, WEAK_P
    if re.match(r"\W*(?:targets?|objectifs?)\b", right, re.IGNORECASE):
        return "target", CUE_P
    if before == "target" and len(left.strip(" ,")) < 15 and not _is_change(left):
        return "target_gap", CUE_P
    if _TARGET_FLOOR.search(left):
        return "target", CUE_P
    if _GAP.match(near_right.lstrip()) and not _is_change(tail):
        if cues.PREVIOUS.search(near_right) and not _TARGET.search(near_right):
            return ("change_pp" if in_points or _RATE_NOUN.search(left) else "change_pct"), CUE_P
        return "target_gap", CUE_P
    if re.search(r"(?:objectifs?|targets?|chỉ tiêu)[^,.;]{0,20},\s*$", left, re.IGNORECASE):
        # "L'objectif en valeur, 46,45 %, reste plus incertain".
        return "target", CUE_P
    if _RATE_NOUN.search(tail) and not _is_change(tail) and not _GAP.search(tail) \
            and not _TARGET.search(left[left.rfind(",") + 1:]):
        return "completion_rate", CUE_P
    if figure.qualifier == "over" and _TARGET.search(left) and not in_points:
        # "Quốc hội dự kiến giao chỉ tiêu cao hơn, trên 83,9%": targets are floors.
        return "target", CUE_P
    if _is_change(tail):
        # After a rate or its target the change is the rate's: "vượt 3,75% so với chỉ tiêu 46,45% và
        # tăng 4,10% so với năm 2024" is in points.
        about_rate = _RATE_NOUN.search(left) or (before in ("completion_rate", "enforceable_share", "target")
                                               and not cues.CASES.search(left) and not cues.MONEY.search(left))
        return ("change_pp" if in_points or about_rate else "change_pct"), CUE_P
    if figure.qualifier != "exact" and re.search(r"(?:below|above|under|over|dưới|trên|moins de|plus de)\s*$", tail,
                                                 re.IGNORECASE) and not _TARGET.search(left):
        # "Binh Duong and Dong Nai finished below 50%": the hedge bounds a rate, it is no gap.
        return "completion_rate", WEAK_P
    if _GAP.search(tail) or _GAP.match(near_right.lstrip()):
        if cues.PREVIOUS.search(near_right) and not _TARGET.search(tail + near_right):
            # "3.2 percentage points higher than in the same period last year": a change.
            return ("change_pp" if in_points or _RATE_NOUN.search(left) else "change_pct"), CUE_P
        if _TARGET.search(tail) and not _GAP.search(tail[_last_end(_TARGET, tail):]) and not in_points:
            return "target", CUE_P
        if cues.REFERENCE.search(left + near_right) and not _TARGET.search(left + near_right):
            return "change_pp", WEAK_P
        return "target_gap", CUE_P
    if _TARGET.search(left[left.rfind(",") + 1:]) or re.match(r"\W*(?:targets?|objectifs?)\b", right, re.IGNORECASE):
        return ("target_gap" if in_points else "target"), CUE_P
    if (cues.SHARE.search(tail) or re.search(r"made up|représent", tail, re.IGNORECASE)) and (_ENFORCEABLE_WORD.search(context.sentence) or not left.strip()):
        return "enforceable_share", CUE_P
    if cues.RATE.search(left) or cues.REFERENCE.search(left):
        return "completion_rate", CUE_P
    if in_points:
        return ("target_gap" if _TARGET.search(context.sentence) else "change_pp"), WEAK_P
    return "other", DEFAULT_P


def _is_change(tail: str) -> bool:
    """A change word right before the number: "tăng 4,6%", "an increase of 5.09%"."""
    for pattern in (cues.INCREASE, cues.DECREASE, _CHANGE_VERB):
        for m in pattern.finditer(tail):
            if re.search(r"made\s*$", tail[:m.start()], re.IGNORECASE):
                continue  # "Enforceable cases made up 79.40% of the caseload"
            rest = tail[m.end():]
            if re.fullmatch(r"\s*(?:thêm|hơn|by|de|of|là|khoảng|about|roughly|around|nearly|some|environ|près de|more than|over|plus de)?\s*", rest):
                return True
    return False


def _text_before(context: Context, figure: Figure) -> str:
    """The sentence up to the figure."""
    return context.sentence[:max(0, len(context.sentence) - len(context.right) - (figure.end - figure.start))]


def _last_end(pattern: re.Pattern, segment: str) -> int:
    return max((m.end() for m in pattern.finditer(segment)), default=0)


def rule_roles(figures: list[Figure], text: str) -> list[tuple[str | None, float | None]]:
    """``(role, confidence)`` of every figure, ``(None, None)`` for directives.

    Args:
        figures: the figures of one document, sorted by ``start``.
        text: the document text the offsets point into.
    """
    quantities = [f for f in figures if f.kind in ROLE_KINDS]
    contexts = figure_contexts(quantities, text)
    found: dict[int, tuple[str, float]] = {}
    previous_role = None
    first_percent: dict[str, str] = {}
    for figure, context in zip(quantities, contexts):
        if context.previous is None:
            first_percent.pop(context.sentence, None)  # a new sentence (maybe the same words again)
        context = replace(context, previous_role=previous_role if context.previous is not None else None,
                          first_percent_role=first_percent.get(context.sentence))
        rule = percent_rule if figure.kind == "percent" else amount_rule
        found[id(figure)] = rule(figure, context)
        previous_role = found[id(figure)][0]
        if figure.kind == "percent":
            first_percent.setdefault(context.sentence, previous_role)
    return [found.get(id(f), (None, None)) for f in figures]


def label_roles_by_rules(figures: list[Figure], text: str) -> list[Figure]:
    """The figures with ``role`` and ``role_p`` set by the rules."""
    return [replace(f, role=role, role_p=p) if role else f
            for f, (role, p) in zip(figures, rule_roles(figures, text))]
