"""Find case counts, money amounts and percentages in a sentence.

The extractor walks the printed numbers of a sentence left to right and decides for each one,
from the words glued to it, what it measures:

* a percent sign or word makes a percentage ("85,49 %", "16.99%", "12 phần trăm");
* a scale word and/or a currency makes money ("VND 1,059 billion", "8,35 tỉ đồng",
  "418 milliards 52 millions de VND", "512.604.117.000VND"), compound amounts are one figure
  ("2.305 tỷ 118 triệu 702 nghìn đồng");
* a case noun makes a count ("14,000 cases", "52 nghìn việc");
* a bare integer is a count only in a sentence about cases and when nothing else is counted
  right after it ("the number of cases to be enforced was 343, of which 327 were
  enforceable"), never "5 specialized departments" or "130 communes".

Years, dates, times, ranks ("13/13"), article numbers and numbers glued to letters
("Covid-19") are never quantities; directive numbers are masked before this runs.
"""
from __future__ import annotations

import re
from typing import NamedTuple
from decimal import Decimal

from recount.extractors import lexicon as lx
from recount.extractors.directives import first_letter_branches
from recount.extractors.numbers import ParsedNumber, parse_number

_WS = r"[ \t\u00a0\u202f\u2009]"

#: A printed number, per language: only French groups thousands with a plain space ("2 609").
#: Each form is written after its first digit, which the pattern matches first: a pattern that
#: starts with a digit lets the regex engine skip to the next digit of the text, where one that
#: starts with a look-behind is tried at every character (about five times slower over a
#: report). The look-behinds, moved after that digit, still test the character before it.
_NUM_CORE = r"\d{0,2}(?:[.,][0-9]{3})+(?:[.,][0-9]+)?|{space}|\d*(?:[.,][0-9]+)?"
_SPACE_GROUPED = {
    "fr": r"\d{0,2}(?:[ \u00a0\u202f\u2009][0-9]{3})+(?:,[0-9]+)?",
    "other": r"\d{0,2}(?:[\u00a0\u202f\u2009][0-9]{3})+(?:,[0-9]+)?",
}
NUMBER_RES = {
    key: re.compile(r"\d(?:(?<![\w.,]\d)|(?<=VND\d)|(?<=VNĐ\d)|(?<=USD\d))(?:"
                    + _NUM_CORE.replace("{space}", sp) + r")(?![0-9])")
    for key, sp in _SPACE_GROUPED.items()
}


def number_re(lang: str) -> re.Pattern:
    return NUMBER_RES["fr" if lang == "fr" else "other"]


_ALT = lx.phrase_alternation
#: The characters of ``_WS``.
_BLANK_CHARS = " \t\u00a0\u202f\u2009"

def _first_char_alternation(phrases) -> str:
    """:func:`lexicon.phrase_alternation` of ``phrases`` for a pattern compiled with
    ``re.IGNORECASE``, branched on each phrase's first character.

    Each branch opens with one exact character ("(?-i:n)" then "(?:ovembre|ovember|ov)"), so
    the regex engine drops a branch after comparing one character instead of entering it: a
    miss costs a third of trying some 60 phrases in turn (1.2 -> 0.4 µs). At any place only
    the branch of the character there can match, and it keeps the phrases' longest-first
    order, so the pattern finds the same matches with the same groups.
    """
    return first_letter_branches(phrases, lambda rests: f"(?:{_ALT(rests)})", word_start=False, exact_first=True)


PERCENT_RE = re.compile(
    rf"{_WS}?(?:%|(?:percent|per{_WS}+cent|pour{_WS}?cent|phần{_WS}+trăm)(?![\w]))", re.I
)
POINTS_RE = re.compile(
    rf"{_WS}*(?:percentage{_WS}+points?|points?{_WS}+de{_WS}+pourcentage|điểm{_WS}+phần{_WS}+trăm"
    rf"|điểm{_WS}?%|pp(?![\w]))",
    re.I,
)
POINTS_AFTER_PERCENT_RE = re.compile(rf"{_WS}+(?:points?|điểm)(?![\w])", re.I)
#: A bare "points"/"điểm" after a number ("5.11 points above the 46.45% target", "cao hơn
#: khoảng 0,3 điểm"); only read as percentage points in a sentence about rates, because
#: "63 điểm cầu" are 63 bridge locations.
BARE_POINTS_RE = re.compile(rf"{_WS}+(?:points?|điểm(?!{_WS}+cầu))(?![\w])", re.I)
SCALE_RES = {
    lang: re.compile(rf"{_WS}*({_first_char_alternation(scales)})(?![\w])", re.I)
    for lang, scales in lx.SCALES.items()
}
_CURRENCY_WORDS = r"VNĐ|VND|VNđ|vnđ|vnd|đồng|dongs|dong|USD|US\$|dollars|dollar"
CURRENCY_AFTER_RE = re.compile(
    rf"(?:{_WS}*(?:de{_WS}+|d')?({_CURRENCY_WORDS})(?![\w])|{_WS}?(đ)(?![\w]))"
)
CURRENCY_BEFORE_RE = re.compile(rf"(VNĐ|VND|USD|US\$){_WS}?$")
CASE_RES = {
    lang: re.compile(rf"{_WS}+({_first_char_alternation(nouns)})(?![\w])", re.I)
    for lang, nouns in lx.CASE_NOUNS.items()
}
#: Up to three lower-case words between a bare number and its case noun:
#: "9,200 corruption and economic cases".
SCALED_CASE_RES = {
    lang: re.compile(rf"(?:{_WS}+(?:de{_WS}+|of{_WS}+)|{_WS}*d['’]|{_WS}+)({_ALT(nouns)})(?![\w])", re.I)
    for lang, nouns in lx.CASE_NOUNS.items()
}
CASE_AFTER_WORDS_RES = {
    lang: re.compile(rf"(?:{_WS}+[a-zà-ỹđ'’-]+){{1,3}}?{_WS}+({_ALT(nouns)})(?![\w])")
    for lang, nouns in lx.CASE_NOUNS.items()
}
CASE_IN_TEXT_RES = {
    lang: re.compile(rf"(?<![\w])({_first_char_alternation(nouns)})(?![\w])", re.I)
    for lang, nouns in lx.CASE_NOUNS.items()
}
#: An article or demonstrative opens a new noun phrase: in "including 3,163 the department
#: classed as not yet enforceable" the department counts nothing, the 3,163 are cases.
_DETERMINER = r"(?:the|this|that|these|those|its|their|le|la|les|l'|ce|cet|cette|ces|son|sa|ses|leur|leurs)"
NON_CASE_AFTER_RE = re.compile(
    rf"(?:{_WS}+(?!{_DETERMINER}(?![\w]))[a-zà-ỹđ'’-]+){{0,2}}?{_WS}+({_first_char_alternation(lx.NON_CASE_NOUNS)})(?![\w])",
    re.I,
)
#: One pattern for all hedges, each bound in its own named group, anchored at the end of the
#: text before a number.
QUALIFIER_RE = re.compile(
    "(?<![\\w])(?:" + "|".join(f"(?P<{q}>{_ALT(words)})" for q, words in lx.QUALIFIERS.items())
    + rf"){_WS}*(?:de{_WS}+)?$",
    re.I,
)
#: Hedges between a change word and its number ("increased by more than", "tăng thêm khoảng").
_CHANGE_HEDGES = ("of", "by", "de", "thêm", "là", "khoảng", "hơn", "gần", "over", "more than",
                  "nearly", "about", "plus de", "près de", "environ")
CHANGE_RES = {
    d: re.compile(
        rf"(?<![\w])({_ALT(words)})(?:{_WS}+(?:"
        + "|".join(h.replace(" ", f"{_WS}+") for h in _CHANGE_HEDGES)
        + rf"))*{_WS}*(?:VND|VNĐ|USD)?{_WS}*$",
        re.I,
    )
    for d, words in lx.CHANGE_WORDS.items()
}
GAP_BEFORE_RE = re.compile(
    rf"(?<![\w])({_ALT(lx.GAP_WORDS)})(?:{_WS}+(?:by|de|là|khoảng|hơn))?{_WS}*$", re.I
)
#: A number right after a target word, or right before one, is the target itself.
TARGET_BEFORE_RE = re.compile(
    rf"(?:(?:target|chỉ{_WS}+tiêu|objectif|kế{_WS}+hoạch)"
    rf"(?:{_WS}+(?:national|nationale|annual|annuel|annuelle|Quốc{_WS}+hội{_WS}+giao|được{_WS}+giao|giao))?"
    rf"(?:{_WS}+(?:of|là|de|fixé{_WS}+à|set{_WS}+at|đề{_WS}+ra))?"
    rf"|(?:aims?|aiming|plans?|strives?|seeks?)\s+to\s+(?:exceed|reach|achieve|surpass)|phấn{_WS}+đấu(?:{_WS}+đạt)?|vise)"
    rf"{_WS}*(?:\(|:)?{_WS}*(?:trên|hơn|more{_WS}+than|plus{_WS}+de|over)?{_WS}*$",
    re.I)
#: "vượt chỉ tiêu 2,77%": a gap verb before the target word makes the number the gap, unless
#: another number follows as the gap ("vượt chỉ tiêu 83,9% là 0,4%").
GAP_VERB_BEFORE_TARGET_RE = re.compile(
    rf"(?:vượt|thấp{_WS}+hơn|cao{_WS}+hơn|exceed\w*|beat\w*|dépass\w*){_WS}+(?:the{_WS}+)?(?:chỉ{_WS}+tiêu|target|objectif){_WS}*$",
    re.I)
GAP_FOLLOWS_RE = re.compile(rf"^{_WS}*(?:là|tới|đến|by|de|of){_WS}*\d", re.I)
TARGET_AFTER_RE = re.compile(rf"^{_WS}*(?:annual{_WS}+|case{_WS}+|money{_WS}+)?(?:target|objectif)", re.I)
#: A gap word earlier in the clause ("beating the 45.50% target by 0.94%", "thấp hơn chỉ
#: tiêu 45,50% là 2,89%", "21.49% below that target").
GAP_IN_CLAUSE_RE = re.compile(
    r"(?:beat\w*|exceed\w*|above|below|short|thấp\s+hơn|cao\s+hơn|vượt|dépass\w*|au-dessus|en\s+dessous)"
    r"[^;]{0,60}(?:by|là|tới|đến|khoảng|de|of)\s*$",
    re.I)
GAP_AFTER_RE = re.compile(
    rf"^{_WS}*(?:({_ALT(lx.GAP_AFTER)})(?![\w])|(?:higher|lower|above|below|over|under)"
    rf"(?=[^.;]{{0,30}}(?:target|chỉ{_WS}+tiêu|objectif|national|toàn{_WS}+quốc|rate|average)))",
    re.I)
TARGET_IN_TEXT_RE = re.compile(rf"(?<![\w])({_ALT(lx.TARGET_WORDS)})(?![\w])", re.I)
RATE_IN_TEXT_RE = re.compile(rf"(?<![\w])({_first_char_alternation(lx.RATE_WORDS)})(?![\w])", re.I)
LABEL_BEFORE_RE = re.compile(rf"(?<![\w])({_ALT(lx.LABEL_BEFORE)}){_WS}*[:]?{_WS}*$", re.I)
MONTH_RE = re.compile(
    rf"(?<![\w])({_ALT(lx.MONTHS['en'] + lx.MONTHS['fr'])})\.?{_WS}*$", re.I
)
#: :data:`LABEL_BEFORE_RE` or :data:`MONTH_RE`, in one pattern: a number after either is no
#: quantity, and most numbers follow neither, so one search settles both.
LABEL_OR_MONTH_RE = re.compile(
    rf"(?<![\w])(?:(?P<label>{_ALT(lx.LABEL_BEFORE)}){_WS}*[:]?{_WS}*"
    rf"|(?P<month>{_ALT(lx.MONTHS['en'] + lx.MONTHS['fr'])})\.?{_WS}*)$",
    re.I,
)


def _reversed_alternation(phrases) -> str:
    """:func:`_first_char_alternation` of ``phrases`` written backwards."""
    return _first_char_alternation([p[::-1] for p in phrases])


# End-anchored patterns are searched at every word of the text before a number, and each
# search tries every phrase of a long alternation at every word start: about 10 µs for the
# 30 to 40 characters before each number, and most numbers follow no label, month or hedge.
# Each pattern below is the mirror image of one of them, matched once at the start of the
# reversed text: it matches whenever the pattern it mirrors has a match anywhere, so a miss
# (most numbers) skips the search, and a hit runs the original search for the exact match.
# Example: before "…tổng số 343" the reversed "… ốs gnổt" starts with no label, month or hedge
# written backwards, so neither the label search nor the hedge search runs.
#: Mirror of :data:`LABEL_OR_MONTH_RE` (":" after a label, "." after a month, then blanks).
LABEL_OR_MONTH_MIRROR_RE = re.compile(
    rf"\n?(?:(?:{_WS}*:)?{_WS}*(?:{_reversed_alternation(lx.LABEL_BEFORE)})"
    rf"|{_WS}*\.?(?:{_reversed_alternation(lx.MONTHS['en'] + lx.MONTHS['fr'])}))(?![\w])",
    re.I,
)
#: Mirror of :data:`QUALIFIER_RE` ("de" and blanks after a hedge).
QUALIFIER_MIRROR_RE = re.compile(
    rf"\n?(?:{_WS}+ed)?{_WS}*(?:{_reversed_alternation(sum(lx.QUALIFIERS.values(), []))})(?![\w])",
    re.I,
)
#: Mirror of both :data:`CHANGE_RES` (hedges, a currency code and blanks after a change word).
CHANGE_MIRROR_RE = re.compile(
    rf"\n?(?:{_WS}*(?:DNV|ĐNV|DSU))?{_WS}*"
    rf"(?:(?:" + "|".join(h[::-1].replace(" ", f"{_WS}+") for h in _CHANGE_HEDGES) + rf"){_WS}+)*"
    rf"(?:{_reversed_alternation(sum(lx.CHANGE_WORDS.values(), []))})(?![\w])",
    re.I,
)
#: Mirror of :data:`GAP_VERB_BEFORE_TARGET_RE`: the clause ends in a target word.
GAP_VERB_BEFORE_TARGET_MIRROR_RE = re.compile(
    rf"\n?{_WS}*(?:uêit{_WS}+ỉhc|tegrat|fitcejbo)", re.I)
#: Mirror of :data:`TARGET_BEFORE_RE`: after blanks, "(" or ":" and a hedge, the clause ends in
#: a target word ("chỉ tiêu", "target"), maybe followed by words that qualify it ("annual",
#: "Quốc hội giao") and a linking word ("of", "là", "set at", "đề ra"); or in an aim ("aims to exceed"),
#: "phấn đấu (đạt)" or "vise". The linking words are short and common ("a rate of", "un taux
#: de", "việc, đạt"): the mirror asks for the target word before them, as the pattern does.
#: Written without the word boundary before the target word that the pattern lacks too.
TARGET_BEFORE_MIRROR_RE = re.compile(
    rf"\n?[ \t\u00a0\u202f\u2009(:]*(?:(?:nêrt|nơh|naht{_WS}+erom|ed{_WS}+sulp|revo)[ \t\u00a0\u202f\u2009(:]*)?"
    rf"(?:(?:(?:fo|àl|ed|à{_WS}+éxif|ta{_WS}+tes|ar{_WS}+ềđ){_WS}+)?"
    rf"(?:(?:lanoitan|elanoitan|launna|leunna|elleunna|oaig(?:{_WS}+iộh{_WS}+cốuq|{_WS}+cợưđ)?){_WS}+)?"
    rf"(?:tegrat|uêit|fitcejbo|hcạoh)"
    rf"|(?:deecxe|hcaer|eveihca|ssaprus)\s+ot\s|tạđ{_WS}+uấđ|uấđ|esiv)",
    re.I)
#: Mirror of :data:`GAP_BEFORE_RE` (a linking word and blanks after a gap word).
GAP_BEFORE_MIRROR_RE = re.compile(
    rf"\n?{_WS}*(?:(?:yb|ed|àl|gnảohk|nơh){_WS}+)?(?:{_reversed_alternation(lx.GAP_WORDS)})(?![\w])",
    re.I)
#: Mirror of :data:`GAP_IN_CLAUSE_RE`: the clause ends in the word that leads to the gap.
GAP_IN_CLAUSE_MIRROR_RE = re.compile(r"\s*(?:yb|àl|iớt|nếđ|gnảohk|ed|fo)", re.I)
MONTH_AFTER_RE = re.compile(
    rf"^{_WS}*({_first_char_alternation(lx.MONTHS['en'] + lx.MONTHS['fr'])})(?![\w])", re.I)
ORDINAL_AFTER_RE = re.compile(r"^(?:st|nd|rd|th|er|ère|e|ème|eme)(?![\w])", re.I)
RANGE_JOIN_RE = re.compile(rf"^{_WS}*(?:à|to|đến|tới|-|–|and|et){_WS}*$", re.I)
#: "and"/"et" join a range only after "between"/"entre"/"từ" ("between 3 and 8 million").
RANGE_OPEN_RE = re.compile(rf"(?:between|entre|từ|from){_WS}*$", re.I)
#: A number followed by a noun that counts things other than cases ("1,184 complaints").
#: Units of time and years are left out: "567,700 cases in the 2022 statistical year,
#: 198,328 more", "In 2023 the offices completed 3,917".
_TIME_NOUNS = {"years", "year", "months", "month", "days", "day", "hours", "năm", "tháng", "ngày",
               "ans", "an", "mois", "jours", "times", "lần", "fois"}
_COUNTS_OTHER_THINGS_RE = re.compile(
    rf"(?<![\d.,])(?!(?:19|20)\d\d(?![\d.,]))\d[\d.,]*(?:{_WS}+[a-zà-ỹđ'’-]+){{0,2}}?{_WS}+"
    rf"({_first_char_alternation([n for n in lx.NON_CASE_NOUNS if n not in _TIME_NOUNS])})(?![\w])", re.I)
#: A range word and the number it leads to, right after a bare number ("3 à 8 lots").
_RANGE_TO_NUMBER_RE = re.compile(r"[ \t]*(?:à|to|đến|tới|-|–|and|et)[ \t]*\d[\d.,]*", re.I)
#: Words after a bare number that keep a case reading open ("327 were enforceable").
_BARE_NEXT_OK = {
    "were", "was", "are", "is", "have", "has", "had", "compared", "in", "during", "and", "or",
    "of", "from", "than", "with", "at", "by", "to", "on", "for", "while", "but", "so", "đã",
    "được", "là", "và", "trong", "với", "của", "từ", "đến", "tăng", "giảm", "et", "ou", "en",
    "par", "contre", "dont", "sont", "ont", "à", "au", "pour", "sur", "chiếm", "đạt", "còn",
    "vs", "versus", "year", "new", "completed", "enforceable", "remaining", "pending", "that",
    "which", "remained", "fully", "newly", "brought", "carried", "individual", "claims",
    # French status words after a bare count: "16 301 affaires sur 18 870 exécutables"
    "exécutables", "achevées", "terminées", "nouvelles", "reportées", "restantes",
}
_LINK_BEFORE_OK = re.compile(
    rf"(?:was|were|is|are|of|by|which|and|và|et|to|at|reached|totalled|totaled|totaling|including|includes|"
    rf"là|gồm|có|đạt|còn|tăng|giảm|trong\s+đó|à|de|dont|avec|soit|s'élève\s+à|atteint|"
    rf"reaching|with|or|new|forward|the|these|those|received|entrusted|withdrawn|completed|enforceable|"
    rf"carried\s+to\s+\d{{4}}|,|:|;|\(){_WS}*(?:{_ALT(sum(lx.QUALIFIERS.values(), []))})?{_WS}*$",
    re.I,
)


# Small patterns used inside the scan, compiled once here rather than looked up in the ``re``
# module's cache (or rebuilt from the lexicon) for every number.
_WORD_CHAR_RE = re.compile(r"[\w@]")
_TREN_HON_END_RE = re.compile(r"(?:trên|hơn)\s*$")
_AND_ET_RE = re.compile(r"and|et")
_NEXT_TOKEN_RE = re.compile(rf"{_WS}*([^\W\d_]+|[^\w\s]|$)")
_OPEN_PAREN_END_RE = re.compile(r"\(\s*$")
_LINE_START_END_RE = re.compile(r"(?:^|\n)\s*$")
_DONG_RE = re.compile(r"(?<![\w])(VND|VNĐ|đồng|dong|dongs)(?![\w])")
_BLANKS_RE = re.compile(rf"{_WS}+")
# Both figure patterns start only where a run of digits and separators starts: searched from
# every digit of "1.234.567..." each would rescan the rest of the run (quadratic).
_COUNT_OR_AMOUNT_RE = re.compile(
    r"(?<![\d.,])\d[\d.,]*\s*(?:" + _ALT(sum(lx.CASE_NOUNS.values(), [])) + r"|VND|đồng|tỷ|triệu)", re.I)
_TREN_END_RE = re.compile(r"trên\s*$", re.I)
_FIGURE_TREN_END_RE = re.compile(r"(?<![\d.,])\d[\d.,]*\s*%?\s*(?:[^\W\d_]+\s+){0,2}trên\s*$", re.I)
_MADE_END_RE = re.compile(r"made\s+$", re.I)
_LIST_JOIN_RE = re.compile(r"[^\d;.]*(?:,|\band\b|\bvà\b|\bet\b)[^\d;.]*")
_SLASH_RE = re.compile(rf"{_WS}*/{_WS}*")
#: A relative pronoun right after a count: "12 provinces that…", "3 qui…", "5 tỉnh mà…".
_RELATIVE_AFTER_RE = re.compile(rf"{_WS}+(that|which|who|qui|mà)(?![\w])", re.I)
#: What joins the items of a list of labelled numbers ("thứ 5, 6", "articles 48 et 49") and
#: what may follow an item: a clause end, another joiner, another label ("khoản 1, 2 và 3
#: Điều 44") or the "of" naming the text they belong to ("articles 48 and 49 of the law"),
#: never the noun of a count.
_LABEL_LIST_JOIN_RE = re.compile(rf"{_WS}*(?:,{_WS}*(?:(?:và|and|et|or|ou|hoặc){_WS}+)?|(?:và|and|et|or|ou|hoặc){_WS}+)")
_LIST_ITEM_END_RE = re.compile(
    rf"{_WS}*(?:[,.;:)\n]|$|(?:và|and|et|or|ou|hoặc|of|de|du|des|của|{_ALT(lx.LABEL_BEFORE)})(?![\w]))", re.I)


def _nonblank_length(phrases) -> int:
    """The most non-whitespace characters any of ``phrases`` holds."""
    return max(len("".join(p.split())) for p in phrases)


#: The most non-whitespace characters a match of each end-anchored pattern can hold: the
#: longest phrase plus the fixed tail (":" after a label, "." after a month, "de" after a hedge).
_LABEL_LONGEST = _nonblank_length(lx.LABEL_BEFORE) + 1
_MONTH_LONGEST = _nonblank_length(lx.MONTHS["en"] + lx.MONTHS["fr"]) + 1
_LABEL_OR_MONTH_LONGEST = max(_LABEL_LONGEST, _MONTH_LONGEST)
_QUALIFIER_LONGEST = _nonblank_length(sum(lx.QUALIFIERS.values(), [])) + 2


def _search_at_end(rx: re.Pattern, left: str, longest: int, breaks: re.Pattern | None = None):
    """``rx.search(left)`` for a pattern anchored at the end of ``left`` whose matches hold at
    most ``longest`` non-whitespace characters.

    ``search`` tries the pattern at every position of ``left``; no match can start further
    back than ``longest`` characters plus every blank in ``left``, so the search starts
    there. The look-behind at the start of the pattern still sees the character before.
    Example: in "...thi hành xong trong tháng " only the last 11 characters plus blanks are
    tried for a month name, not all 30. ``breaks`` finds the last character of ``left`` that
    no match can hold (see ``_PHRASE_BREAK_RE``); the search starts after it too.
    """
    n = len(left)
    start = 0
    if breaks is not None:
        start = _after_break(breaks, left)
        if start >= n - longest:
            return rx.search(left, start)  # the break is the later bound: no blanks to count
    blanks = n - len("".join(left.split()))
    return rx.search(left, max(start, n - longest - blanks))


#: The last character before a number that no change, gap or hedge phrase holds (they are
#: words, blanks and currency codes): such a phrase starts after it. Labels and months may
#: end in "." or be followed by ":" ("art.", "Sept.", "Điều:"): those two are left out of
#: their set. Written as "a break, then none up to the end" so a search stays linear.
_PHRASE_BREAK_RE = re.compile(r"[0-9,;.()%:/][^0-9,;.()%:/]*$")
_LABEL_BREAK_RE = re.compile(r"[0-9,;()%/][^0-9,;()%/]*$")


def _after_break(breaks: re.Pattern, left: str) -> int:
    """Where a phrase that cannot hold a ``breaks`` character can start in ``left``."""
    brk = breaks.search(left)
    return brk.start() + 1 if brk else 0


def _search_after_break(rx: re.Pattern, left: str):
    """``rx.search(left)`` for a change or gap pattern anchored at the end of ``left``,
    started after the last digit or punctuation mark: a match cannot hold one.

    Example: in "tăng 17.190 việc (tăng " only "tăng " after the "(" is tried, not the 60
    characters before.
    """
    return rx.search(left, _after_break(_PHRASE_BREAK_RE, left))


class RawFigure(NamedTuple):
    """A figure found in one sentence, before document-level attributes are attached.

    A named tuple: one is built for every figure, in a third of a frozen dataclass's time.
    """

    kind: str
    start: int
    end: int
    value: Decimal
    unit: str
    step: Decimal
    decimals: int
    scale: str | None = None
    qualifier: str = "exact"
    change: str | None = None
    group: int | None = None
    group_kind: str | None = None


def _scale_of(word: str, lang: str) -> int:
    table = lx.SCALES.get(lang, lx.SCALES["en"])
    key = re.sub(r"\s+", " ", word.lower())
    if key in table:
        return table[key]
    for other in lx.SCALES.values():  # a Vietnamese scale word inside an English sentence
        if key in other:
            return other[key]
    raise KeyError(word)


def _is_year(num: str, value: Decimal) -> bool:
    return num.isdigit() and len(num) == 4 and 1900 <= value <= 2100


class SentenceScanner:
    """Scan one sentence of ``text`` between ``start`` and ``end`` for quantities.

    The scanner needs the whole document text so that look-behind windows can see the
    currency before a number, and a set of masked spans (directives, dates, URLs) that no
    quantity may overlap.
    """

    def __init__(self, text: str, start: int, end: int, lang: str, masked: list[tuple[int, int]]):
        self.text = text
        self.start = start
        self.end = end
        self.lang = lang if lang in lx.SCALES else "en"
        self.masked = masked
        self.sentence = text[start:end]
        self._has_case_word: bool | None = None

    @property
    def has_case_word(self) -> bool:
        """Whether the sentence names cases at all (computed only when a bare number needs it)."""
        if self._has_case_word is None:
            self._has_case_word = bool(CASE_IN_TEXT_RES[self.lang].search(self.sentence))
        return self._has_case_word

    # -- helpers ---------------------------------------------------------------------------
    def _masked(self, s: int, e: int) -> bool:
        # only the few masks near this sentence are passed in (see MaskIndex)
        return any(ms < e and s < me for ms, me in self.masked)

    def _left(self, pos: int, width: int = 60) -> str:
        return self.text[max(self.start, pos - width):pos]

    def _right(self, pos: int, width: int = 60) -> str:
        return self.text[pos:min(self.end, pos + width)]

    def _parse(self, surface: str) -> ParsedNumber | None:
        try:
            return parse_number(surface, self.lang)
        except ValueError:
            return None

    def _not_a_quantity(self, s: int, e: int, surface: str, value: Decimal) -> bool:
        """Years, dates, times, ranks, labels and numbers glued to words are not quantities."""
        before = self.text[s - 1] if s > 0 else ""
        after = self.text[e] if e < len(self.text) else ""
        after2 = self.text[e:e + 2]
        if before and (before.isalpha() or before == "_"):
            # glued to a word ("H5N1", "DNUM_..."), except a currency: "VND22,000 billion"
            if not CURRENCY_BEFORE_RE.search(self.text[max(0, s - 4):s]):
                return True
        if before == "-" and s >= 2 and self.text[s - 2].isalnum():
            return True  # "Covid-19", "9-2021"
        if before == "/" and s >= 2 and self.text[s - 2].isdigit():
            return True  # "13/13", "21/7/2019"; but "12,841 cases/15,007 cases" is a pair
        if after in "/" and e + 1 < len(self.text) and self.text[e + 1].isdigit():
            return True  # "13/13", "7/63", "21/7/2019"
        if after == "/" and e + 1 < len(self.text) and self.text[e + 1].isupper():
            return True  # a document number of a type recount does not list: "12/QCPH-BCĐ"
        if after == "-" and e + 1 < len(self.text) and self.text[e + 1].isdigit():
            return True  # "2020-2025", "9-2021"
        if after == ":" and e + 1 < len(self.text) and self.text[e + 1].isdigit():
            return True  # "11:43"
        if after2[:1] == "." and e + 1 < len(self.text) and self.text[e + 1].isdigit():
            return True
        if after.isalpha() and ORDINAL_AFTER_RE.match(self.text[e:e + 4]):
            return True  # "75th", "4th", "1er"
        if (_WORD_CHAR_RE.match(after or " ") and after not in "%đ"
                and not CURRENCY_AFTER_RE.match(self.text, e, self.end)):
            return True  # glued to letters after: "10225061912052997.htm" handled by mask
        left = self.text[max(self.start, s - 30):s]
        # One search for a label ("Điều 48", "No. 5", "ngày 12") or a month ("July 19, 1946",
        # "24 octobre 2024") right before the number, instead of one search for each.
        m = LABEL_OR_MONTH_MIRROR_RE.match(left[::-1]) and _search_at_end(
            LABEL_OR_MONTH_RE, left, _LABEL_OR_MONTH_LONGEST, _LABEL_BREAK_RE)
        if m:
            if m.group("month") or not _TREN_HON_END_RE.search(left):
                return True
            if _search_at_end(MONTH_RE, left, _MONTH_LONGEST, _LABEL_BREAK_RE):
                return True
        # a month name after the number starts with a letter, after blanks or none
        return bool((after.isalpha() or after in _BLANK_CHARS)
                    and MONTH_AFTER_RE.match(self.text[e:min(self.end, e + 20)]))

    # -- classification ---------------------------------------------------------------------
    def scan(self) -> list[RawFigure]:
        figures: list[RawFigure] = []
        pending_range: list[tuple[int, int, ParsedNumber, str]] = []
        consumed = self.start
        # (first start, last end) of the latest run of numbers that were no quantity, joined
        # by commas or "và"/"and": "lần thứ 5, 6", "khoản 1, 2, 3"
        excluded = None
        rx = number_re(self.lang)
        for m in rx.finditer(self.text, self.start, self.end):
            s, e, surface = m.start(), m.end(), m.group()
            if s < consumed or self._masked(s, e):
                continue
            parsed = self._parse(surface)
            if parsed is None:
                continue
            if self._not_a_quantity(s, e, surface, parsed.value):
                pending_range = []  # "từ 3 đến 2024": a range ending in a label is no figure
                excluded = (s, e)
                continue
            fig = self._classify(s, e, surface, parsed)
            listed = excluded is not None and _LABEL_LIST_JOIN_RE.fullmatch(self.text, excluded[1], s)
            if listed and fig is not None and self._labelled_list_item(fig, e, excluded[0]):
                # "giảm giá đến lần thứ 5, 6.": a bare number listed after a labelled one is
                # labelled too (a sixth round of price cuts, not six cases)
                excluded = (excluded[0], e)
                pending_range = []
                continue
            excluded = (excluded[0], e) if listed and fig is None else None
            if fig is None:
                # "3 à 8 millions de VND": a bare number joined to the next by a range word
                # takes the next number's scale and unit once that one is classified.
                nxt = rx.search(self.text, e, self.end)
                joiner = self.text[e:nxt.start()] if nxt else ""
                if (nxt and RANGE_JOIN_RE.match(joiner) and not _is_year(surface, parsed.value)
                        and self._opens_range(s, joiner)):
                    pending_range.append((s, e, parsed, surface))
                else:
                    # "3 à 8 lots": the range ends in a number that is no figure, so its
                    # start is none either (it must not wait for "40 affaires" further on)
                    pending_range = []
                continue
            if pending_range:
                figures.extend(self._spread_range(pending_range, fig))
                fig = _with_group(fig, pending_range[0][0], "range")
                pending_range = []
            figures.append(fig)
            consumed = fig.end
        return self._link_pairs(self._rate_changes_in_points(self._points_in_lists(figures)))

    def _classify(self, s: int, e: int, surface: str, p: ParsedNumber) -> RawFigure | None:
        right = self._right(e, 80)
        # the text before the number, for its hedge and change once a figure is found (a
        # quarter of the numbers are none)
        left = self._left(s, 60)
        # a number followed (after blanks) by none of the characters a percent sign, point,
        # scale, currency or case word starts with ("343, of which", "năm 2024.") skips the
        # seven patterns below that look for them
        marked = _MARK_AFTER_RE.match(self.text, e, self.end) is not None
        # ---- percentages ------------------------------------------------------------------
        m = marked and POINTS_RE.match(right)
        if m:
            return self._percent(s, e + m.end(), p, "percentage_point", left)
        m = marked and BARE_POINTS_RE.match(right)
        if m and (RATE_IN_TEXT_RE.search(self.sentence) or TARGET_IN_TEXT_RE.search(self.sentence)
                  or "%" in self.sentence):
            return self._percent(s, e + m.end(), p, "percentage_point", left)
        m = marked and PERCENT_RE.match(right)
        if m:
            end = e + m.end()
            pm = POINTS_AFTER_PERCENT_RE.match(self.text, end, self.end)
            if pm:
                return self._percent(s, pm.end(), p, "percentage_point", left)
            return self._percent(s, end, p, None, left)
        # ---- money: currency before ("VND 1,059 billion", "VND22,000 billion") -------------
        cur_before = CURRENCY_BEFORE_RE.search(self.text[max(self.start, s - 5):s])
        scale_m = marked and (SCALE_RES[self.lang].match(right) or _any_scale(right))
        if cur_before:
            fs = s - (len(cur_before.group()))
            unit = lx.CURRENCIES.get(cur_before.group(1), "VND")
            fend, value, step, scale = self._money_tail(e, p, scale_m)
            return self._figure("money", fs, fend, value, unit, step, p.decimals, scale,
                                self._left(fs, 60))
        if scale_m:
            after_scale = e + scale_m.end()
            word = scale_m.group(1)
            # "52 nghìn việc", "2,3 triệu việc", "2,8 millions d'affaires": a scaled count
            cm = SCALED_CASE_RES[self.lang].match(self.text, after_scale, self.end)
            if cm and not CURRENCY_AFTER_RE.match(self.text, after_scale, self.end):
                mult = _scale_of(word, self.lang)
                return self._figure("count", s, cm.end(), p.value * mult, "case", p.step * mult,
                                    p.decimals, word, left)
            fend, value, step, scale = self._money_tail(e, p, scale_m)
            cur = CURRENCY_AFTER_RE.match(self.text, fend, self.end)
            if cur:
                unit = lx.CURRENCIES.get(cur.group(1) or cur.group(2), "VND")
                return self._figure("money", s, cur.end(), value, unit, step,
                                    p.decimals, scale, left)
            if self._money_context(word):
                return self._figure("money", s, fend, value, "VND", step, p.decimals, scale,
                                    left)
            return None
        # ---- money: currency after ("6,683,476,000 VND", "512.604.117.000VND") --------------
        cur = marked and CURRENCY_AFTER_RE.match(self.text, e, self.end)
        if cur:
            unit = lx.CURRENCIES.get(cur.group(1) or cur.group(2), "VND")
            return self._figure("money", s, cur.end(), p.value, unit, p.step, p.decimals, None,
                                left)
        # ---- counts ------------------------------------------------------------------------
        cm = marked and CASE_RES[self.lang].match(self.text, e, self.end)
        if cm:
            return self._figure("count", s, cm.end(), p.value, "case", p.step, p.decimals, None,
                                left)
        if p.decimals or surface.startswith("0") or _is_year(surface, p.value):
            return None
        if CASE_AFTER_WORDS_RES[self.lang].match(self.text, e, self.end) and not NON_CASE_AFTER_RE.match(self.text, e, self.end):
            return self._figure("count", s, e, p.value, "case", p.step, 0, None, left)
        if self._bare_count(s, e, left, right):
            return self._figure("count", s, e, p.value, "case", p.step, 0, None, left)
        return None

    def _bare_count(self, s: int, e: int, left: str, right: str) -> bool:
        """A bare integer is a count when the text around it is about cases and nothing else
        is counted right after it: "the total number of cases resolved was 351", "of which
        327 were enforceable and 16 were not", "s'élève à 2 609". The case noun may stand in
        the sentence before ("923,541 cases remained to be enforced. Of these, 703,412 were
        enforceable") or in a heading line ("1. Cases / Total received: 43,201")."""
        if NON_CASE_AFTER_RE.match(right):
            return False
        ranged = _RANGE_TO_NUMBER_RE.match(right)
        if ranged and NON_CASE_AFTER_RE.match(right, ranged.end()):
            return False  # "3 à 8 lots": the range counts what its end counts
        if ranged and self._opens_range(s, ranged.group()):
            # "les lots vendus entre 3 et 8 millions de VND": the start of a range is what its
            # end is, money here; the scan gives it the end's scale and unit once it is read
            return False
        other = None
        for other in _COUNTS_OTHER_THINGS_RE.finditer(self.text, self.start, s):
            pass
        if other is not None and not CASE_IN_TEXT_RES[self.lang].search(self.text, other.end(), s):
            # "received 1,184 complaints and denunciations, resolved 1,102 of them": the
            # sentence last counted something else, and a bare number after it counts that too
            return False
        relative = other is not None and _RELATIVE_AFTER_RE.match(right)
        other_relative = relative and _RELATIVE_AFTER_RE.match(self.text, other.end())
        if other_relative and other_relative.group(1).lower() == relative.group(1).lower():
            # "12 provinces that completed more than 90% of their cases and 3 that stayed
            # below 75%": the 3 repeats the clause of the 12, and counts provinces too
            return False
        nxt = _NEXT_TOKEN_RE.match(right)
        token = nxt.group(1).lower() if nxt else ""
        if token and token[0].isalpha() and token not in _BARE_NEXT_OK and not _LINK_BEFORE_OK.search(left):
            # "636,950 newly received" follows "and"; "13 groups" follows nothing that links it
            return False
        if token in {"(", ")"} and _OPEN_PAREN_END_RE.search(left):
            return False  # "(1)", "(2)": list markers
        if _LINE_START_END_RE.search(left) and token in {".", ")"}:
            return False  # "1." or "2)" at the start of a line
        if self.has_case_word:
            return True
        window = self.text[max(0, s - 200):min(len(self.text), e + 60)]
        return bool(CASE_IN_TEXT_RES[self.lang].search(window))

    def _money_context(self, word: str) -> bool:
        """Whether a bare scaled number is money: Vietnamese "tỷ"/"triệu" alone almost always
        means đồng ("thu hồi hơn 22.000 tỷ"); elsewhere the sentence must name the currency."""
        if word.lower() in ("tỷ", "tỉ", "nghìn tỷ", "ngàn tỷ", "nghìn tỉ", "ngàn tỉ", "triệu"):
            return True
        return bool(_DONG_RE.search(self.sentence))

    def _money_tail(self, e: int, p: ParsedNumber, scale_m):
        """Value of a money amount with an optional scale and compound tail.

        "2.305 tỷ 118 triệu 702 nghìn đồng" adds up to 2,305,118,702,000 and its step is
        one nghìn; "418 milliards 52 millions de VND" is 418,052,000,000.
        """
        if not scale_m:
            return e, p.value, p.step, None
        mult = _scale_of(scale_m.group(1), self.lang)
        value = p.value * mult
        step = p.step * mult
        fend = e + scale_m.end()
        scale_word = scale_m.group(1)
        rx = number_re(self.lang)
        while True:
            nm = _BLANKS_RE.match(self.text, fend, self.end)
            if not nm:
                break
            num = rx.match(self.text, nm.end(), self.end)
            if not num:
                break
            sm = (SCALE_RES[self.lang].match(self.text, num.end(), self.end)
                  or _ALL_SCALES_RE.match(self.text, num.end(), self.end))
            if not sm:
                break
            nxt_mult = _scale_of(sm.group(1), self.lang)
            if nxt_mult >= mult:
                break
            part = self._parse(num.group())
            if part is None:
                break
            value += part.value * nxt_mult
            step = part.step * nxt_mult
            mult = nxt_mult
            fend = sm.end()
        return fend, value, step, scale_word

    def _percent(self, s, end, p, unit, left_60: str) -> RawFigure:
        """A percentage; ``left_60`` is the text before it that its hedge is read from."""
        left = self._left(s, 80)
        change = self._change(left)
        if unit is None:
            unit = "percentage_point" if self._is_points(s, end, left, change) else "percent"
        return RawFigure("percent", s, end, p.value, unit, p.step, p.decimals, None,
                         self._qualifier(left_60), change)

    def _is_points(self, s: int, end: int, left: str, change: str | None) -> bool:
        """A percentage is in points when it is a gap to a target or to another rate, or the
        change of a rate: "vượt 1,46% so với chỉ tiêu", "dépassant de 1,85 % l'objectif",
        "1.43% higher than the national results", "thấp hơn chỉ tiêu 45,50% là 2,89%".
        The target itself ("chỉ tiêu 45,50%", "the 83.25% target") stays a percentage."""
        clause = _clause_before(left)
        after = self.text[end:min(self.end, end + 60)]
        mirrored = clause[::-1]  # see the mirrored patterns: a miss skips a search
        if (GAP_VERB_BEFORE_TARGET_MIRROR_RE.match(mirrored) and GAP_VERB_BEFORE_TARGET_RE.search(clause)
                and not GAP_FOLLOWS_RE.match(after)):
            return True
        if _target_before(clause, mirrored) or TARGET_AFTER_RE.match(after):
            return False
        if GAP_BEFORE_MIRROR_RE.match(mirrored) and _search_after_break(GAP_BEFORE_RE, clause):
            return True
        if GAP_AFTER_RE.match(after) and (RATE_IN_TEXT_RE.search(self.sentence)
                                          or TARGET_IN_TEXT_RE.search(after)):
            return True
        if (GAP_IN_CLAUSE_MIRROR_RE.match(mirrored) and GAP_IN_CLAUSE_RE.search(clause)
                and TARGET_IN_TEXT_RE.search(self.sentence)):
            return True
        if change is not None:
            # a change of a rate: the clause names a rate and no count or amount stands
            # between the rate word and this change
            rate = None
            for rate in RATE_IN_TEXT_RE.finditer(clause):
                pass
            if rate is not None:
                between = clause[rate.end():]
                if not _COUNT_OR_AMOUNT_RE.search(between):
                    return True
        return False

    def _opens_range(self, s: int, joiner: str) -> bool:
        """Whether the number at ``s``, joined to the next number by the range word ``joiner``
        ("à", "to", "đến", "and"), starts a range: "and" and "et" join one only after a word
        that opens it ("entre 3 et 8 millions", "between 3 and 8"); elsewhere they list two
        figures."""
        return not _AND_ET_RE.search(joiner) or bool(RANGE_OPEN_RE.search(self._left(s, 20)))

    def _labelled_list_item(self, fig: RawFigure, e: int, list_start: int) -> bool:
        """Whether ``fig``, listed after the numbers from ``list_start`` that were none, is
        one more item of a list a label opens: a bare count with nothing after it but a
        clause end, a joiner or another label."""
        return (fig.end == e and fig.kind == "count" and _LIST_ITEM_END_RE.match(self.text, e, self.end)
                and self._label_before(list_start))

    def _label_before(self, s: int) -> bool:
        """Whether a label ("thứ", "Điều", "khoản", "article") stands right before ``s``."""
        left = self.text[max(self.start, s - 30):s]
        return bool(LABEL_OR_MONTH_MIRROR_RE.match(left[::-1])
                    and _search_at_end(LABEL_BEFORE_RE, left, _LABEL_LONGEST, _LABEL_BREAK_RE))

    def _qualifier(self, left: str) -> str:
        near = left[-40:]
        m = QUALIFIER_MIRROR_RE.match(near[::-1]) and _search_at_end(
            QUALIFIER_RE, near, _QUALIFIER_LONGEST, _PHRASE_BREAK_RE)
        if not m:
            return "exact"
        q = m.lastgroup
        # "trên" is "on" or "out of" as often as "over": only a hedge right before the
        # number, and not between two figures ("116.531 tỷ đồng trên 224.775 tỷ đồng")
        if m.group(q).lower() == "trên" and (
                not _TREN_END_RE.search(left)
                or _FIGURE_TREN_END_RE.search(left)):
            return "exact"
        return q

    def _change(self, left: str) -> str | None:
        if not CHANGE_MIRROR_RE.match(left[::-1]):
            return None  # no change word ends the text before the number (most figures)
        start = _after_break(_PHRASE_BREAK_RE, left)  # the same for both directions
        for d, rx in CHANGE_RES.items():
            m = rx.search(left, start)
            # "made up of 299,096 cases" is a composition, not a rise
            if m and not (m.group(1).lower() == "up" and _MADE_END_RE.search(left[:m.start(1)])):
                return d
        return None

    def _figure(self, kind, s, e, value, unit, step, decimals, scale, left: str) -> RawFigure:
        """A count or an amount starting at ``s``; ``left`` is the 60 characters before it,
        where its hedge and its change are read."""
        return RawFigure(kind, s, e, value, unit, step, decimals, scale, self._qualifier(left),
                         self._change(left))

    def _spread_range(self, members, last: RawFigure) -> list[RawFigure]:
        out = []
        group = members[0][0]
        mult = Decimal(_scale_of(last.scale, self.lang)) if last.scale else Decimal(1)
        for s, e, parsed, _surface in members:
            out.append(RawFigure(last.kind, s, e, parsed.value * mult, last.unit, parsed.step * mult,
                                 parsed.decimals, last.scale, self._qualifier(self._left(s)),
                                 None, group, "range"))
        return out

    def _points_in_lists(self, figures: list[RawFigure]) -> list[RawFigure]:
        """In "exceeding 1.70% in cases, 2.17% in money compared to the assigned target" the
        second gap shares the first one's reading: a percentage listed right after a point
        gap, with no signal of its own, is in points too."""
        out = []
        prev = None
        for f in figures:
            if (prev is not None and f.kind == "percent" and f.unit == "percent"
                    and prev.kind == "percent" and prev.unit == "percentage_point"
                    and f.change is None):
                between = self.text[prev.end:f.start]
                if len(between) <= 30 and _LIST_JOIN_RE.fullmatch(between):
                    f = f._replace(unit="percentage_point")
            out.append(f)
            prev = f
        return out

    def _rate_changes_in_points(self, figures: list[RawFigure]) -> list[RawFigure]:
        """A change stated right after a rate is a change of that rate, in points: in "đạt
        51,84%, vượt 5,39% so với chỉ tiêu 46,45% và tăng 5,06% so với năm 2023" the 5,06% is
        51.84 - 46.78 points. The subject is the nearest earlier figure that is neither a
        gap nor a target; a count or an amount there makes the change relative ("tăng 17.190
        việc (tăng 4,88%)")."""
        out = list(figures)
        for i, f in enumerate(out):
            if f.kind != "percent" or f.unit != "percent" or f.change is None:
                continue
            subject = None
            for prev in reversed(out[:i]):
                if prev.kind == "percent" and (prev.unit == "percentage_point" or prev.change):
                    continue
                if prev.kind == "percent" and _target_before(_clause_before(self._left(prev.start, 60))):
                    continue
                subject = prev
                break
            if subject is not None and subject.kind == "percent":
                out[i] = f._replace(unit="percentage_point")
        return out

    def _link_pairs(self, figures: list[RawFigure]) -> list[RawFigure]:
        """"41 việc/8,35 tỉ đồng", "15,718 cases/VND 1,059 billion": two figures joined by a
        slash describe one thing (a count and its amount); they share a group id."""
        out = list(figures)
        for i in range(len(out) - 1):
            a, b = out[i], out[i + 1]
            if _SLASH_RE.fullmatch(self.text[a.end:b.start]):
                gid = a.start
                out[i] = _with_group(a, gid, "pair")
                out[i + 1] = _with_group(b, gid, "pair")
        return out


class MaskIndex:
    """Spans no quantity may overlap, indexed so a sentence gets only the ones near it."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.longest = max((e - s for s, e in self.spans), default=0)

    def near(self, start: int, end: int) -> list[tuple[int, int]]:
        import bisect

        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return [(s, e) for s, e in self.spans[lo:hi] if e > start]


def _with_group(f: RawFigure, gid: int, kind: str) -> RawFigure:
    return f._replace(group=gid, group_kind=kind)


_ALL_SCALES_RE = re.compile(
    rf"{_WS}*({_ALT(sum((list(v) for v in lx.SCALES.values()), []))})(?![\w])", re.I
)


#: The first character (after blanks) of whatever can follow a percentage, an amount or a
#: count: "%", the points and percent words (p, đ), every scale word of every language, the
#: currency words (and "de"/"d'" before them) and the case nouns, in either case.
_MARK_AFTER_RE = re.compile(
    rf"{_WS}*[" + re.escape("".join(sorted(
        {"%", "p", "đ", "d"}
        | {w[0] for scales in lx.SCALES.values() for w in scales}
        | {w[0] for w in _CURRENCY_WORDS.split("|")}
        | {w[0] for nouns in lx.CASE_NOUNS.values() for w in nouns}))) + "]",
    re.I,
)


def _any_scale(right: str):
    """A scale word of another language (Vietnamese "tỷ" in an English caption)."""
    return _ALL_SCALES_RE.match(right)


def _target_before(clause: str, mirrored: str | None = None):
    """``TARGET_BEFORE_RE.search(clause)``, skipped when its mirror misses ``mirrored``
    (``clause`` reversed)."""
    if not TARGET_BEFORE_MIRROR_RE.match(clause[::-1] if mirrored is None else mirrored):
        return None
    return TARGET_BEFORE_RE.search(clause)


def _clause_before(left: str) -> str:
    """The part of ``left`` after the last clause break (";", ".", or a sentence start)."""
    cut = max(left.rfind(";"), left.rfind(". "))
    return left[cut + 1:] if cut >= 0 else left
