"""What a figure is about: its reporting period and its jurisdiction; and what is not a figure.

Periods are normalized to ``YYYY`` (a statistical year, 1 Oct of the year before to 30 Sep),
``YYYY/Nm`` (the first N months of statistical year YYYY: "9 tháng năm 2017" ends on
30 Jun 2017) or ``YYYY-YYYY`` (a multi-year term: "giai đoạn 2016-2020"). Which period a
figure has is decided by :func:`attach` from the mentions :func:`find_periods` finds, with
:func:`document_period` (the headline's) as the default. Jurisdictions are ``national``, ``province:<Vietnamese name>`` or
``district:<name as written>``. Provinces come from a gazetteer of the 63 provinces before
the 2025 merger and the names kept after it, in Vietnamese, ASCII and French spellings.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
import functools

from recount.extractors.directives import ascii_fold, case_variants, first_letter_branches

PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
    "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai",
    "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên",
    "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
    "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang",
    "Hồ Chí Minh", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]
#: Other spellings: English/French exonyms, one-word ASCII forms, the post-2025 name of Huế.
ALIASES = {
    "Hanoi": "Hà Nội", "Hanoï": "Hà Nội", "Da Nang": "Đà Nẵng", "Haïphong": "Hải Phòng",
    "Hai Phong": "Hải Phòng", "Hué": "Thừa Thiên Huế", "Can Tho": "Cần Thơ", "Ho Chi Minh City": "Hồ Chí Minh", "HCMC": "Hồ Chí Minh",
    "TP.HCM": "Hồ Chí Minh", "TP HCM": "Hồ Chí Minh", "Hô Chi Minh-Ville": "Hồ Chí Minh",
    "Hô-Chi-Minh-Ville": "Hồ Chí Minh", "Saigon": "Hồ Chí Minh", "Sài Gòn": "Hồ Chí Minh",
    "Huế": "Thừa Thiên Huế", "Hue": "Thừa Thiên Huế", "Danang": "Đà Nẵng", "Haiphong": "Hải Phòng",
    "Thanh Hoá": "Thanh Hóa", "Khánh Hoà": "Khánh Hòa", "Hoà Bình": "Hòa Bình",
    "Dak Lak": "Đắk Lắk", "Daklak": "Đắk Lắk", "Dak Nong": "Đắk Nông", "Ba Ria - Vung Tau": "Bà Rịa - Vũng Tàu",
    "Bà Rịa-Vũng Tàu": "Bà Rịa - Vũng Tàu", "Ba Ria-Vung Tau": "Bà Rịa - Vũng Tàu",
}
#: Words that put a figure at the national level. Bare "national" is left out: "1.43% higher
#: than the national results" is a provincial figure compared with the nation.
_NATIONAL = [
    "toàn quốc", "cả nước", "toàn ngành", "nationwide", "whole country", "across the country",
    "national total", "national level", "à l'échelle nationale", "dans tout le pays",
    "au niveau national", "dans l'ensemble du pays",
]


def _names():
    out = {}
    for p in PROVINCES:
        out[p] = p
        out[ascii_fold(p)] = p
    for alias, p in ALIASES.items():
        out[alias] = p
    return out


_PROVINCE_NAMES = _names()
_PROVINCE_NAMES.update({name.upper(): canon for name, canon in list(_PROVINCE_NAMES.items())})
_PROVINCE_RE = re.compile(
    r"(?<![\w])(" + "|".join(re.escape(n) for n in sorted(_PROVINCE_NAMES, key=len, reverse=True))
    + r")(?![\w])"
)
#: A dateline ("HANOI - The ministry said...") names where a story was filed, not what it is about.
# The optional comma part carries its own leading blanks so that two runs of blanks never
# sit side by side (that would try every split of a long run of spaces).
_DATELINE_AFTER_RE = re.compile(r"(?:[ \t]*,[^\n]{0,30})?[ \t]+[-–—][ \t]")
#: Words that say a document reports on the whole country when it names no place early on.
_NATIONAL_CUES_RE = re.compile(
    r"(?<![\w])(?:toàn quốc|cả nước|toàn ngành|nationwide|national|nationale|the country|"
    r"le pays|Ministry of Justice|Bộ Tư pháp|ministère de la Justice|Tổng cục Thi hành án|"
    r"General Department|Département général|Vietnam|Việt Nam)(?![\w])",
    re.I,
)
#: Capitalized words only: "Hà Nội đã" is "Hà Nội" followed by a verb.
_STOP_NAMES = {"The", "In", "At", "Of", "For", "From", "By", "Le", "La", "Les", "Du", "De", "It",
               "Each", "This", "That", "Analysts", "Officials", "Its", "Their", "Ce", "Cette"}
_NATIONAL_RE = re.compile(
    r"(?<![\w])(" + "|".join(re.escape(n) for n in sorted(set(_NATIONAL), key=lambda n: (-len(n), n))) + r")(?![\w])",
    re.I,
)
_CAP = r"[^\W\d_][\w]+"
_DISTRICT_RE = re.compile(
    rf"(?<![\w])(?:(?:huyện|quận|thị xã|thành phố|TP\.?)[ ]+(?P<vi>{_CAP}(?:[ ]+{_CAP}){{0,2}})"
    rf"|(?P<en>{_CAP}(?:[ ]+{_CAP}){{0,2}})[ ]+(?:District|Town)(?![\w])"
    rf"|district[ ]+(?:de|d')[ ]*(?P<fr>{_CAP}(?:[ ]+{_CAP}){{0,2}}))"
)

#: A district written the Vietnamese or French way starts with one of these words (the word
#: start is left to ``_DISTRICT_RE``). Found by ``str.find``, they are a few places a page;
#: the same words as a pattern stop the engine at every "t", "h" and "d" of English text.
_DISTRICT_VI_FR_WORDS = ("huyện", "quận", "thị xã", "thành phố", "TP", "district")


def _word_start_re(phrases, width: int = 3) -> re.Pattern:
    """Where one of ``phrases`` can start, for :func:`_finditer_at`: a word start, then the
    phrases' first ``width`` characters as classes of their case variants.
    Written without ``re.I`` so the engine can skip to a possible first letter; a few
    characters rule out most words ("toàn", "cả nư", "natio" for the national phrases, not
    every word in "t", "c" or "n"). A blank in a phrase stands for any run of whitespace,
    which shifts what follows it: past a phrase's first blank, a class admits whitespace and
    every later letter of the phrase up to its place ("năm trước" puts "t" and whitespace in
    the fifth class, which "năm  trước" passes). Every phrase has ``width`` characters or more."""
    classes = []
    for k in range(width):
        chars: set[str] = set()
        blank = False
        for phrase in phrases:
            first_blank = phrase.find(" ")
            if 0 <= first_blank <= k:
                blank = True
                letters = phrase[first_blank:k + 1].replace(" ", "")
            else:
                letters = phrase[k]
            for letter in letters:
                chars |= case_variants(letter)
        classes.append("[" + re.escape("".join(sorted(chars))) + (r"\s" if blank else "") + "]")
    return re.compile(classes[0] + r"(?<![\w].)" + "".join(classes[1:]))


def _finditer_at(rx: re.Pattern, starts: re.Pattern, text: str, pos: int = 0, endpos: int | None = None):
    """``rx.finditer(text, pos, endpos)``, trying ``rx`` only where ``starts`` matches.

    The same matches as ``finditer`` when every match of ``rx`` begins where ``starts``
    matches: the scan takes the leftmost match from each position on and resumes at its end.
    """
    if endpos is None:
        endpos = len(text)
    search, match = starts.search, rx.match
    while True:
        c = search(text, pos, endpos)
        if c is None:
            return
        m = match(text, c.start(), endpos)
        if m is None:
            pos = c.start() + 1
        else:
            yield m
            pos = m.end()


def _finditer_near(rx: re.Pattern, anchors: tuple[str, ...], first: int, last: int, text: str,
                   pos: int = 0, endpos: int | None = None, lowered: bool = False):
    r"""``rx.finditer(text, pos, endpos)`` for a pattern whose every match holds one of the
    plain strings ``anchors`` starting ``first`` to ``last`` characters after the match
    start: ``rx`` is tried only there, in order, and the anchors are found by ``str.find``
    (once a document: see _anchor_places). With ``lowered``, the pattern is case-insensitive
    and the anchors are lowered spellings (see _lowered_spellings), found in the lowered
    text: "october" stands for "October", "OCTOBER" and every other way of writing it.

    Example: in a 200-page report "\d\d?[/.-]\d{1,2}[/.-](?:19|20)..." is tried 4 to 6
    characters before each of a thousand "19" and "20", not at each of 18,000 digits.
    """
    if endpos is None:
        endpos = len(text)
    anchors_in = _lowered(text) if lowered else text
    if anchors_in is None:
        yield from rx.finditer(text, pos, endpos)
        return
    places = _anchor_places(anchors_in, anchors)
    for at in itertools.islice(places, bisect.bisect_left(places, pos + first), None):
        if at - last >= endpos:
            return
        # starts before at - last were tried from earlier anchors, those before pos are taken
        for start in range(max(pos, at - last), at - first + 1):
            m = rx.match(text, start, endpos)
            if m is not None:
                yield m
                pos = m.end()
                break


def _once_per_text(fn):
    """``fn(text, *args)`` worked out once for each text and shared by every pass over it:
    periods, places, masks and the document's own period and place all need a document's
    paragraphs, its lowered copy and where "19" and "20" stand.

    A text is recognised by identity, not by equality, and only the two seen last are kept (a
    document's text and its lowered copy): an equal text read again, as the same file in the
    next round of a benchmark, is worked out afresh like every new document of an archive,
    and no worker keeps old documents alive.
    """
    recent: list[tuple[str, dict]] = []  # (text, results by the other arguments), newest last

    @functools.wraps(fn)
    def shared(text, *args):
        for seen, results in recent:
            if seen is text:
                break
        else:
            results = {}
            recent.append((text, results))
            del recent[:-2]
        if args not in results:
            results[args] = fn(text, *args)
        return results[args]

    return shared


@_once_per_text
def _anchor_places(text: str, anchors: tuple[str, ...]) -> tuple[int, ...]:
    """Where each of ``anchors`` starts in ``text``, in order. Kept for the few anchor sets a
    document is scanned for: the years of :func:`find_periods` and three masks all look for
    "19" and "20", found once (a pass of ``str.find`` over a 200-page text costs about as
    much as trying a pattern at a thousand places)."""
    places = set()
    for anchor in anchors:
        at = text.find(anchor)
        while at >= 0:
            places.add(at)
            at = text.find(anchor, at + 1)
    return tuple(sorted(places))


@_once_per_text
def _lowered(text: str) -> str | None:
    """``text.lower()`` when it keeps every offset, else None ("İ" lowers to two characters)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def _lowered_spellings(words: tuple[str, ...]) -> tuple[str, ...]:
    """Every way ``words`` can be written in a lowered text where they match case-insensitively:
    "nation" and "natıon" (the dotless "ı" matches "i" and lowers to itself)."""
    return tuple("".join(letters) for word in words for letters in itertools.product(
        *(sorted({v.lower() for v in case_variants(c) if len(v.lower()) == 1}) for c in word)))


#: What no national phrase nor relative base holds: anything but letters, whitespace and
#: apostrophes ("across the country", "à l'échelle nationale", "a year earlier").
_PHRASE_BREAK_RE = re.compile(r"[^\w\s'’]|[\d_]")


def _finditer_in_runs(rx: re.Pattern, starts: re.Pattern, spellings: tuple[str, ...], text: str):
    """``_finditer_at(rx, starts, text)`` for a pattern whose every match is made of letters,
    whitespace and apostrophes and holds one of the lowered ``spellings``: it is tried only on
    the runs of such characters that hold one, found by ``str.find`` in the lowered text.

    Example: on the seed-article pages the national phrases are looked for around 90 places
    of "country", "national", "pay" and the like, from the digit or punctuation mark before
    each to the one after, not at each of 500 words whose first letters fit.
    """
    lowered = _lowered(text)
    if lowered is None:
        yield from _finditer_at(rx, starts, text)
        return
    run_end = 0
    for at in _anchor_places(lowered, spellings):
        if at < run_end:
            continue  # in the run just searched
        run_start, after = _between_breaks(text, at, _PHRASE_BREAK_RE)
        # the break itself is searched too, so that "(?![\w])" sees the digit of "last year2"
        # as a whole-text search does, not the end of the searched stretch
        run_end = after.end() if after else len(text)
        yield from _finditer_at(rx, starts, text, run_start, run_end)


def _between_breaks(text: str, at: int, breaks: re.Pattern) -> tuple[int, re.Match | None]:
    """Where the stretch of ``text`` holding ``at`` that no match of ``breaks`` (one
    character) interrupts starts, and the break that ends it (None at the text's end)."""
    before = breaks.search(_reversed(text), len(text) - at)
    return (len(text) - before.start() if before else 0), breaks.search(text, at)


@_once_per_text
def _reversed(text: str) -> str:
    """``text`` backwards, for searching back from a place (the break before it) with a
    forward search; made once for the passes of a document that need it."""
    return text[::-1]


def _first_letter_re(alternatives: list[str], tail: str = "", word_start: bool = True) -> re.Pattern:
    r"""``re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + ")" + tail, re.I)``, written
    so the regex engine skips ahead to a possible first letter (as directives' typed
    references are): "s(?<![\w].)(?i:ince)|S(?<![\w].)(?i:ince)|...". Opening with a
    look-behind, the plain form is tried at every character of the 80 characters before each
    year; this one is tried at the few words that start with one of its letters, and finds
    the same matches: at a given place only the branch of the letter there can match, and it
    keeps the alternatives in their order. Without ``word_start`` the "(?<![\w])" is left out.

    Every alternative opens with a plain letter that no quantifier follows ("moved?" is fine,
    "s?ince" is not), and holds no group to be read: it is written once per case of its letter.
    """
    branches = first_letter_branches(alternatives, lambda rests: f"(?i:{'|'.join(rests)})", word_start)
    return re.compile(rf"(?:{branches})(?i:{tail})")


def _name_start_re(names, width: int = 4) -> re.Pattern:
    r"""Where one of ``names`` (matched case-sensitively) can start, for :func:`_finditer_at`:
    a word start, then the first ``width`` characters of a name (the whole of a shorter one),
    grouped by first letter: "A(?<![\w].)(?:N G|n G)|B(?<![\w].)(?:à R|ắc |...)|...". Opening
    each branch with a plain letter lets the engine skip to a possible first letter; the
    prefixes written out in full rule out, without leaving the engine, what classes of each
    position's letters let through ("THADS" passes "[T][H][A]" since "THANH HÓA" does).
    """
    rests_by_first: dict[str, set[str]] = {}
    for name in names:
        rests_by_first.setdefault(name[0], set()).add(re.escape(name[1:width]))
    return re.compile("|".join(rf"{re.escape(first)}(?<![\w].)(?:{'|'.join(sorted(rests))})"
                               for first, rests in sorted(rests_by_first.items())))


#: Where a province name can start. ``_PROVINCE_RE``, like ``_DISTRICT_RE``, begins with a
#: look-behind and a long alternation, which the regex engine tries at every character; a
#: pattern of where a match can start lets it jump to the few places worth trying. The first
#: four characters of the names leave 343 places on the seed-article pages, where classes of
#: their first three letters left 4,696 ("Comm", "Peop", "THAD"): 0.042 -> 0.019 ms a page.
_PROVINCE_START_RE = _name_start_re(_PROVINCE_NAMES)
#: Where a national phrase can start: tried at a few hundred places of a 200-page report
#: instead of at every character, 3x faster.
_NATIONAL_START_RE = _word_start_re(_NATIONAL, width=5)
#: What every national phrase holds ("toàn quốc", "cả nước", "nationwide", "au niveau
#: national", "across the country", "dans tout le pays"), in any case: see _finditer_in_runs.
_NATIONAL_SPELLINGS = _lowered_spellings(("toàn", "nước", "national", "nationw", "country", "pay"))


# ---- paragraphs ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Mention:
    """A period or place named in the text.

    ``kind`` is ``stated`` (the period or place the surrounding figures are about),
    ``target`` (a year a plan or target is set for: "targets for 2025"; it governs its
    sentence like a stated one but is not the document's own period) or ``compare`` (the
    base of a comparison, "so với năm 2023": it governs no figure but those it binds).
    ``bind`` is the (low, high) range of offsets where a figure that starts belongs to this
    mention whatever else the sentence says ("from 46.78% in 2023", "2023's 79.67%").
    ``until`` is how far a stated mention carries past its sentence (the end of its paragraph,
    of the answer after a question, of the section after a heading); ``None`` is unlimited.
    ``reach`` is the earliest offset of a figure it may govern from after it in the sentence:
    the start of its clause ("rose to 518,203, an increase of 16.13%, as courts worked through
    suits delayed in 2021": 2021 dates the suits, not the 518,203).
    """

    start: int
    end: int
    value: str
    kind: str = "stated"
    bind: tuple[int, int] | None = None
    until: int | None = None
    reach: int = 0


#: Paragraphs end at a blank line or a page break: a PDF's table page ("\x0cTableau 1 ...")
#: does not continue the sentence ending the page before ("Pour 2025, la capitale vise ...").
#: Every break holds a page break or a blank line.
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_BLANKS_RE = re.compile(r"\s*")


def _paragraph_breaks(text: str):
    r"""(start, end) of each paragraph break: the run of whitespace holding a page break, or a
    blank line and the whitespace after it ("text.\n \n\nNext" breaks at ".\n \n\n", from its
    first newline). These are the matches of ``\n[ \t]*\n\s*|(?<!\s)\s*\x0c\s*``; that pattern
    opens with a look-behind, which the regex engine tries at every character (a tenth of
    the context passes' time on a 200-page PDF), while a search for the marks skips from one
    newline or page break to the next. The two marks are looked for apart: a pattern of both
    ("\n[ \t]*\n|\x0c") has the engine test every character against the pair, ten times as
    slow as its skipping to the next newline.
    """
    pos = 0
    # each mark's next place, looked for again only once a break has passed it
    blank_line = _BLANK_LINE_RE.search(text)
    page_break = text.find("\x0c")
    while blank_line is not None or page_break >= 0:
        if blank_line is not None and (page_break < 0 or blank_line.start() < page_break):
            start = blank_line.start()
        else:
            start = page_break
        end = _BLANKS_RE.match(text, start).end()
        # the first mark of its run: a page break later in the run still takes the whole run
        if text.find("\x0c", start, end) >= 0:
            while start > pos and text[start - 1].isspace():  # isspace() is what "\s" matches
                start -= 1
        yield start, end
        pos = end
        if blank_line is not None and blank_line.start() < pos:
            blank_line = _BLANK_LINE_RE.search(text, pos)
        if 0 <= page_break < pos:
            page_break = text.find("\x0c", pos)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block of text between blank lines or page breaks."""
    return list(_paragraphs(text))


@_once_per_text
def _paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    # periods, places and both defaults all need them: one scan per document
    out, pos = [], 0
    for start, end in _paragraph_breaks(text):
        if text[pos:start].strip():
            out.append((pos, start))
        pos = end
    if text[pos:].strip():
        out.append((pos, len(text)))
    return tuple(out)


def _is_heading(block: str) -> bool:
    """A one-line block without a closing full stop: "II. Montants", "Directions for 2022:"."""
    block = block.strip()
    return "\n" not in block and len(block) <= 100 and not block.endswith((".", "?", "!", ";", ",", ")"))


def carry_limits(text: str) -> list[tuple[int, int, int]]:
    """(start, end, until) per paragraph: a mention in the paragraph governs the sentences
    after it up to ``until``. That is the paragraph's end, except that a question carries into
    the answer after it (an interview's "Q: What changes in 2025?" dates the answer's "targets
    rise to 83.9%") and a heading after the title carries to the next heading ("III. Nhiệm vụ
    năm 2025" dates the targets listed under it)."""
    return list(_carry_limits(text))


@_once_per_text
def _carry_limits(text: str) -> tuple[tuple[int, int, int], ...]:
    paras = _paragraphs(text)
    out = []
    heads = [i for i, (s, e) in enumerate(paras) if i > 0 and _is_heading(text[s:e])]
    for i, (s, e) in enumerate(paras):
        until = e
        if i > 0 and text[s:e].rstrip().endswith("?") and i + 1 < len(paras):
            until = paras[i + 1][1]
        else:
            h = bisect.bisect_left(heads, i)
            if h < len(heads) and heads[h] == i:
                until = paras[heads[h + 1]][0] if h + 1 < len(heads) else len(text)
        out.append((s, e, until))
    return tuple(out)


# ---- periods -------------------------------------------------------------------------------
_SPAN_N = {
    "three": 3, "six": 6, "nine": 9, "ten": 10, "eleven": 11, "trois": 3, "neuf": 9, "dix": 10,
    "onze": 11, "ba": 3, "sáu": 6, "chín": 9, "mười": 10, "mười một": 11,
}
#: "9 tháng", "sáu tháng đầu năm", "first nine months", "nine-month", "neuf premiers mois",
#: "first half", "premier semestre": the first N months of a statistical year.
_SPAN_RE = re.compile(
    r"(?<![\w])(?:(?P<n>\d{1,2}|three|six|nine|ten|eleven|trois|six|neuf|dix|onze|sáu|chín|mười(?:\s+một)?)"
    r"(?:\s+|-)(?:tháng(?:\s+đầu\s+năm)?|months?|premiers\s+mois|mois)(?![\w])"
    r"|(?P<half>first\s+half|premier\s+semestre|H1|sáu\s+tháng\s+đầu\s+năm))",
    re.I,
)
#: What every span holds: before most years there is none, which this tells faster.
_SPAN_WORD_RE = _first_letter_re(["tháng", "month", "mois", "half", "semestre", "h1"], word_start=False)
#: Words allowed between a span and its year: "first nine months of the 2023 statistical
#: year", "neuf premiers mois de l'exercice 2024", "6 tháng đầu năm 2024".
_GAP_RE = re.compile(
    r"(?:[\s,:(–-]+|l['’]|(?:of|the|năm|công|tác|thống|kê|statistical|fiscal|reporting|year|de|du|des"
    r"|exercice|année|in|en|for|trong|pour)(?![\w]))*",
    re.I,
)
_YEAR_RE = re.compile(r"(?:19|20)(?<![\d]..)\d{2}(?![\d])")
#: What every year starts with: ``_YEAR_RE`` is tried only where one does (see _finditer_near).
_CENTURIES = ("19", "20")
_RANGE_RE = re.compile(r"(?<![\d])((?:19|20)\d{2})[ \t]*[-–][ \t]*((?:19|20)\d{2})(?![\d])")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
    "|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
)
#: A year that ends a date is no period: "30/9/2023", "October 1, 2022", "1er octobre 2023",
#: "tháng 10 năm 2024"; nor is one inside a number ("1,2024"). Two patterns, so that the one
#: of words can be written by :func:`_first_letter_re`.
_NUMBER_DATE_BEFORE_RE = re.compile(r"\d[/.,-]$")
_WORD_DATE_BEFORE_RE = _first_letter_re(
    [rf"{month}\.?[ \t]*(?:\d{{1,2}}(?:er|st|nd|rd|th)?[ \t]*,?[ \t]*)?" for month in _MONTHS.split("|")]
    + [r"tháng[ \t]+\d{1,2}[ \t]*,?[ \t]*(?:năm[ \t]+)?"],
    tail="$")
#: A year inside a document number ("05/2024/TT-BTP", "2019/QH14") or a decimal.
_NUMBER_AFTER_RE = re.compile(r"/|-[A-ZĐ]|[.,]\d")
#: The year of a law or directive: "Directive No. 04-CT/TW of 2011", "Luật Thi hành án dân
#: sự năm 2008", "the Law of 2008".
_LEGAL_BEFORE_RE = _first_letter_re(
    [rf"{number}[ \t]*\S+[ \t]+(?:of|de|du|năm|dated)?[ \t]*" for number in (r"No\.?", "n°", "số")]
    + [rf"{law}(?![\w])[^.;:\d\n]{{0,40}}?" for law in ("Law", "Luật", "loi", "Code", "Bộ luật", "Constitution",
                                                        "Hiến pháp")],
    tail="$")
#: "since 2013", "kể từ năm 2009", "depuis 2013", "before 2023": a start or a bound, no period.
_SINCE_BEFORE_RE = _first_letter_re(
    ["since", "depuis", "kể từ", "before", "avant", "trước năm", "until", "jusqu['’]en"], tail=r"(?![\w])[^.;\n]{0,60}$")
#: Words naming a comparison base directly before its year: "compared with 2023", "so với
#: cùng kỳ năm 2023", "par rapport à 2023", "than in 2020", "on 2023's"; and "qu'en 2022",
#: apart since it has no blank after the cue.
_CMP = [r"compared\s+(?:to|with)", r"in\s+comparison\s+with", r"so\s+với", r"par\s+rapport\s+(?:à|au)", "than",
        "qu['’]", "que", "from", "on", "over", "versus", r"vs\.?", "against", "contre", r"cùng\s+kỳ",
        "year[- ]on[- ]year"]
#: Between a comparison cue and its year; "so với giai đoạn 2011-2015" and "par rapport à la
#: période 2011-2015" compare with a whole term (English has no such filler here: "over the
#: 2016-2020 term" is the term itself, not a base).
_FILLER = (r"(?:the\s+same\s+period\s+(?:of\s+|in\s+|last\s+year\s+)?|la\s+même\s+période\s+(?:de\s+|en\s+)?"
           r"|cùng\s+kỳ\s+(?:năm\s+)?|năm\s+|l['’]année\s+|l['’]exercice\s+|in\s+|en\s+|of\s+|de\s+"
           r"|giai\s+đoạn\s+|la\s+période\s+)?")
_CMP_DIRECT_RE = _first_letter_re(_CMP, tail=rf"\s+{_FILLER}$")
_QU_EN_BEFORE_RE = re.compile(r"(?<=qu['’])en\s+$", re.I)
#: A comparison with its base figure between the cue and the year: "from 46.78% in 2023",
#: "contre environ 7 816 milliards de VND en 2023", "up from 83.25% and 46.45% in 2024". The
#: figures in between belong to that year; the ones before the cue do not.
_BOUND_CUE_RE = _first_letter_re(
    ["from", r"compared\s+(?:to|with)", r"so\s+với", r"par\s+rapport\s+(?:à|aux?)", "contre", "against", "versus",
     "than"], tail=r"\s+")
_BOUND_MID_RE = re.compile(
    r"(?P<mid>(?:(?!\.\s|[;\n]).){0,60}?\d(?:(?!\.\s|[;\n]).){0,30}?)"
    r"\s*(?:,\s*)?(?:in|en|of|năm|của\s+năm|trong\s+năm|au\s+cours\s+de|de|du)?\s*$",
    re.I,
)


def _bound_base(window: str, need_tail: bool = True) -> int | None:
    """Offset in ``window`` where a comparison's base figure starts when the window ends
    "from 46.78% in " or "so với chỉ tiêu 46,45% và tăng 5,06% so với năm " (only the last
    cue counts: the 46,45% belongs to the target, not to 2023)."""
    cues = list(_BOUND_CUE_RE.finditer(window))
    if not cues:
        return None
    rest = window[cues[-1].end():]
    m = _BOUND_MID_RE.fullmatch(rest)
    if not m or (need_tail and rest.rstrip() == m.group("mid").rstrip()):
        return None
    return cues[-1].end()
#: Where cases go or come from: "Carried to 2025: 11,700", "move on to the 2024 statistical
#: year", "reportées de 2023", "chuyển sang năm 2025". The figure is this period's.
_CARRY_BEFORE_RE = _first_letter_re(
    [rf"{verb}\s+(?:over\s+|forward\s+|on\s+)?(?:to|into)\s+(?:the\s+)?" for verb in ("carried", "moved?", "brought",
                                                                                    "passed")]
    + [r"chuyển\s+(?:sang|tiếp\s+sang|từ)\s+(?:năm\s+)?",
       r"report(?:é|ée|és|ées)\s+(?:sur|à|en|de|vers)\s+(?:l['’]année\s+|l['’]exercice\s+)?"],
    tail="$")
#: Words opening a clause of cause or time: what they date is not the main clause's figure.
_SUBORDINATE_RE = _first_letter_re(
    ["as", "because", "when", "while", "after", "since", "vì", "do", "khi", "sau khi", "car", r"parce\s+que", "lorsque",
     r"alors\s+que"], tail=r"(?![\w])")
#: "the same period of 2023", "cùng kỳ năm 2023", "la même période de 2023".
_SAME_PERIOD_RE = re.compile(r"(?:same\s+period|cùng\s+kỳ|même\s+période)\s+(?:\S+\s+){0,2}$", re.I)
#: Cues of a plan or target year: "targets for 2025", "nhiệm vụ năm 2025", "prévue en 2025".
_TARGET_BEFORE_RE = _first_letter_re(
    ["targets?", "goals?", "objectifs?", r"chỉ\s+tiêu", r"nhiệm\s+vụ", r"phương\s+hướng", r"kế\s+hoạch", "plans?",
     "prévue?s?", "directions?", "orientations?", "for", "pour"], tail=r"(?![\w])[^\d.;\n]{0,30}$")
#: What binds the next figure to a year: "2023's 79.67%", "par rapport à 2023 (85,44 %)", and
#: a clause of time naming that year's figure: "so với năm 2023, khi tỷ lệ chỉ đạt 79,67%"
#: (79.67% is 2023's rate, the year compared with).
_BIND_AFTER_RE = re.compile(
    r"(?:['’]s\s+|\s*\(\s*(?:[^\W\d_]+\s+){0,2}|,\s*(?:khi|when|où|lorsque)\s+[^\d.;:\n]{0,40})", re.I)
#: A year-long comparison base named without its year: "from 6.52% a year earlier".
_RELATIVE_RE = re.compile(
    r"(?<![\w])(?:a\s+year\s+(?:earlier|before|ago)|the\s+(?:previous|prior)\s+year|the\s+year\s+before"
    r"|last\s+year|cùng\s+kỳ\s+năm\s+trước|năm\s+trước|l['’]année\s+(?:précédente|dernière)|un\s+an\s+plus\s+tôt)(?![\w])",
    re.I,
)
#: Where a relative base can start: the openings of the alternatives above, five characters
#: long so that "năm trước" is tried but not every "năm 2024".
_RELATIVE_START_RE = _word_start_re(
    ["a year", "the previous", "the prior", "the year", "last year", "cùng kỳ", "năm trước", "l'année",
     "l’année", "un an"], width=5)
#: What every relative base holds ("a year earlier", "năm trước", "l'année précédente", "un an
#: plus tôt"), in any case: see _finditer_in_runs.
_RELATIVE_SPELLINGS = _lowered_spellings(("year", "trước", "année", "tôt"))
#: A statistical year written as its dates: "từ ngày 01/10/2023 đến ngày 30/6/2024",
#: "October 1, 2023 - September 30, 2024", "du 1er octobre 2023 au 31 mars 2024".
_MONTH_NUM = {name: i % 12 + 1 for i, name in enumerate(
    ("january february march april may june july august september october november december").split())}
_MONTH_NUM.update({name: i % 12 + 1 for i, name in enumerate(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split())})
_FULL_MONTHS = "|".join(_MONTH_NUM)
#: The French form is found from its "1": a pattern starting with a digit lets the engine
#: jump from one "1" to the next, while an optional "du " in front made it try the pattern at
#: every character (a sixth of find_periods' time on a 200-page report). The "du " is added
#: back by :func:`_with_du_before`.
_DATE_RANGE_FR_RE = re.compile(
    rf"1(?:er)?\s+octobre\s+(?P<y0>\d{{4}})\s*(?:au|-|–)\s*\d{{1,2}}\s+(?P<mn>{_FULL_MONTHS})\s+(?P<y>\d{{4}})", re.I)
_DATE_RANGE_VI_RE = re.compile(
    r"từ\s+(?:ngày\s+)?0?1/10/(?P<y0>\d{4})\s+(?:đến|-|–)\s+(?:ngày\s+)?\d{1,2}/(?P<m>\d{1,2})/(?P<y>\d{4})", re.I)
_DATE_RANGE_EN_RE = re.compile(
    rf"October\s+1,?\s+(?P<y0>\d{{4}})\s*(?:to|-|–|through)\s*(?P<mn>{_FULL_MONTHS})\s+\d{{1,2}},?\s+(?P<y>\d{{4}})",
    re.I)
_DATE_RANGE_RES = [_DATE_RANGE_VI_RE, _DATE_RANGE_EN_RE, _DATE_RANGE_FR_RE]
#: The word the Vietnamese and English forms start with, in any case: each is tried only where
#: the lowered text holds it (see _finditer_near). Case-insensitive and opening with a letter,
#: "October\s+1..." would be tried at every character (0.014 ms a page of an English report).
_DATE_RANGE_FIRST_WORDS = {
    _DATE_RANGE_VI_RE: _lowered_spellings(("từ",)),
    _DATE_RANGE_EN_RE: _lowered_spellings(("october",)),
}


def _with_du_before(text: str, start: int) -> int:
    r"""Where a French date range found at its "1er octobre" starts: at the "du" before it when
    there is one ("du 1er octobre 2023 au 31 mars 2024"), as a leading "(?:du\s+)?" would have
    matched it (any case, any run of whitespace, even at the end of a longer word)."""
    i = start
    while i > 0 and text[i - 1].isspace():  # the characters "\s" matches are those isspace() accepts
        i -= 1
    return i - 2 if i < start and i >= 2 and text[i - 2:i].lower() == "du" else start


def _line_start(text: str, pos: int, look: int = 100) -> int:
    """Start of the line holding ``pos``, looking back at most ``look`` characters (a PDF's
    text may hold no newline for pages: a full scan per year would be quadratic)."""
    lo = max(0, pos - look)
    i = text.rfind("\n", lo, pos)
    return i + 1 if i >= 0 else lo


#: Words each date-range pattern needs: "10/" (từ 01/10/2023), "ctober", "ctobre".
_DATE_RANGE_HINTS = (("10/",), ("ctober", "CTOBER"), ("ctobre", "CTOBRE"))
#: Words every relative base contains ("a year earlier", "năm trước", "l'année précédente").
_RELATIVE_HINTS = ("year", "Year", "YEAR", "trước", "TRƯỚC", "année", "ANNÉE", "un an", "Un an")


def _span_months(m: re.Match) -> int | None:
    if m.group("half"):
        return 6
    token = " ".join(m.group("n").lower().split())
    n = int(token) if token.isdigit() else _SPAN_N.get(token)
    return n if n and 1 <= n <= 12 else None


def _label(year: int, months: int | None) -> str:
    return f"{year}/{months}m" if months and months < 12 else str(year)


def _months_before(text: str, lo: int, year_start: int) -> int | None:
    """N when a span ends in the connector words just before the year ("9 tháng năm 2024")."""
    window = text[lo:year_start]
    if not _SPAN_WORD_RE.search(window):
        return None
    last = None
    for last in _SPAN_RE.finditer(window):
        pass
    if last is not None and _GAP_RE.fullmatch(window[last.end():]):
        return _span_months(last)
    return None


def _stat_label(y0: int, end_month: int, end_year: int) -> str | None:
    """The statistical period from 1 October ``y0`` to the end of ``end_month``/``end_year``."""
    months = (end_month - 10) % 12 + 1
    year = end_year if end_month <= 9 else end_year + 1
    return _label(year, months) if year == y0 + 1 else None


def find_periods(text: str) -> list[Mention]:
    """Period mentions, each with its kind (see :class:`Mention`), sorted by start.

    Every year in the text is looked at once, with a short window before and after it: years
    of dates, document numbers and laws are dropped; "compared with / so với / par rapport à
    <year>" makes a comparison base; "targets for <year>" a target year; a span before the year
    ("9 tháng năm 2024", "first six months of the 2024 statistical year") a part-year
    "YYYY/Nm"; "2016-2020" a multi-year term; "từ 01/10/2023 đến 30/6/2024" the statistical
    period those dates bound ("2024/9m"). "From 6.52% a year earlier" is the year before the
    period governing it.
    """
    out: list[Mention] = []
    limits = carry_limits(text)
    bounds = [s for s, _, _ in limits]

    def until_of(pos: int) -> int | None:
        i = bisect.bisect_right(bounds, pos) - 1
        return limits[i][2] if i >= 0 else None

    taken_until = -1
    for rx, hints in zip(_DATE_RANGE_RES, _DATE_RANGE_HINTS):
        if not any(h in text for h in hints):
            continue  # a substring test is far cheaper than the pattern over a long text
        first_word = _DATE_RANGE_FIRST_WORDS.get(rx)
        found = rx.finditer(text) if first_word is None else _finditer_near(rx, first_word, 0, 0, text, lowered=True)
        for m in found:
            end_month = int(m.group("m")) if "m" in m.groupdict() and m.group("m") else \
                _MONTH_NUM.get(m.group("mn").lower())
            if not end_month:
                continue
            label = _stat_label(int(m.group("y0")), end_month, int(m.group("y")))
            if label:
                start = _with_du_before(text, m.start()) if rx is _DATE_RANGE_FR_RE else m.start()
                out.append(Mention(start, m.end(), label, "stated", None, until_of(start)))
    in_range = sorted((x.start, x.end) for x in out)
    range_starts = [s for s, _ in in_range]

    def inside_date_range(pos: int) -> bool:
        i = bisect.bisect_right(range_starts, pos) - 1
        return i >= 0 and pos < in_range[i][1]

    for y in _finditer_near(_YEAR_RE, _CENTURIES, 0, 0, text):
        s, e = y.start(), y.end()
        if s < taken_until or inside_date_range(s):
            continue
        line_start = _line_start(text, s)
        before = text[max(line_start, s - 80):s]
        date_tail = before[-30:]
        if (_NUMBER_DATE_BEFORE_RE.search(date_tail) or _WORD_DATE_BEFORE_RE.search(date_tail)
                or _NUMBER_AFTER_RE.match(text, e)):
            continue
        if _LEGAL_BEFORE_RE.search(before[-60:]) or _SINCE_BEFORE_RE.search(before):
            continue
        value, end = y.group(), e
        r = _RANGE_RE.match(text, s)
        if r and 0 < int(r.group(2)) - int(r.group(1)) <= 10 and not _NUMBER_AFTER_RE.match(text, r.end()):
            value, end = f"{r.group(1)}-{r.group(2)}", r.end()
            taken_until = end
        else:
            value = _label(int(value), _months_before(text, max(line_start, s - 60), s))
        kind, bind = "stated", None
        base = _bound_base(before)
        cue_tail = before[-45:]
        if base is not None:
            kind, bind = "compare", (max(line_start, s - 80) + base, s)
        elif (_CMP_DIRECT_RE.search(cue_tail) or _QU_EN_BEFORE_RE.search(cue_tail)
              or _CARRY_BEFORE_RE.search(cue_tail)):
            kind = "compare"
        elif _TARGET_BEFORE_RE.search(cue_tail):
            kind = "target"
        after = _BIND_AFTER_RE.match(text, end)
        if after and bind is None:
            bind = (end, after.end())
        reach, until = 0, until_of(s) if kind != "compare" else None
        for sub in _SUBORDINATE_RE.finditer(before):
            lead = before[:sub.start()].rstrip()
            if lead and not lead.endswith((".", "!", "?", ":")):
                # inside a clause of cause or time: it dates that clause, and no later sentence
                reach, until = max(line_start, s - 80) + sub.start(), s
        if kind == "compare" and re.fullmatch(r"\d{4}", value) and _SAME_PERIOD_RE.search(before[-40:]):
            value = f"{value}/same"  # resolved below against the period it is compared with
        out.append(Mention(s, end, value, kind, bind, until, reach))
    out.sort(key=lambda x: x.start)
    return _resolve_relative(text, _resolve_same_period(out), until_of)


def _resolve_same_period(mentions: list[Mention]) -> list[Mention]:
    """"so với cùng kỳ năm 2023 (61,5%)" in a nine-month report is 2023's first nine months:
    a base named as the same period of a year takes the months of the period before it."""
    out, governing = [], None
    for m in mentions:
        if m.value.endswith("/same"):
            year = m.value[:4]
            months = re.search(r"/(\d{1,2})m$", governing or "")
            m = Mention(m.start, m.end, f"{year}/{months.group(1)}m" if months else year, m.kind, m.bind,
                        m.until, m.reach)
        elif m.kind != "compare":
            governing = m.value
        out.append(m)
    return out


def _resolve_relative(text: str, mentions: list[Mention], until_of) -> list[Mention]:
    """Add "a year earlier" / "năm trước" comparison bases that bind a figure, valued one year
    before the period governing them ("8.1%, up from 6.52% a year earlier" in a 2023 report:
    6.52% is 2023's predecessor, 2022)."""
    starts = [m.start for m in mentions]
    extra = []
    if not any(h in text for h in _RELATIVE_HINTS):
        return mentions
    for r in _finditer_in_runs(_RELATIVE_RE, _RELATIVE_START_RE, _RELATIVE_SPELLINGS, text):
        line_start = _line_start(text, r.start())
        lo = max(line_start, r.start() - 80)
        window = text[lo:r.start()]
        base = _bound_base(window, need_tail=False)
        after = _BIND_AFTER_RE.match(text, r.end())
        if base is None and not after:
            continue
        i = bisect.bisect_left(starts, r.start()) - 1
        governing = next((mentions[k].value for k in range(i, -1, -1)
                          if mentions[k].kind != "compare"), None)
        value = _previous(governing) if governing else None
        if value is None:
            continue
        bind = (lo + base, r.start()) if base is not None else (r.end(), after.end())
        extra.append(Mention(r.start(), r.end(), value, "compare", bind, None))
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda x: x.start)


def _previous(label: str) -> str | None:
    m = re.fullmatch(r"(\d{4})(/\d{1,2}m)?", label)
    return f"{int(m.group(1)) - 1}{m.group(2) or ''}" if m else None


def _period_end(label: str) -> tuple[int, int]:
    """Sort key of a period label by where it ends: ("2024/9m" -> (2024, 9), "2016-2020" -> (2020, 12))."""
    m = re.fullmatch(r"(?:\d{4}-)?(\d{4})(?:/(\d{1,2})m)?", label)
    return (int(m.group(1)), int(m.group(2) or 12)) if m else (0, 0)


_SENTENCE_END_RE = re.compile(r"[.!?](?=\s+[^\W\d_])|\n")
_FULL_STOP_RE = re.compile(r"[.!?](?=\s+[^\W\d_])")
#: The longest headline block: a first paragraph longer than this has no blank line after
#: its headline (text taken from a PDF).
TITLE_CHARS = 300


def document_period(text: str, mentions: list[Mention], paras: list[tuple[int, int]] | None = None) -> str | None:
    """The period a document reports on, the default for figures no sentence dates.

    The headline and the lead paragraph name it ("Hanoï dépasse ses objectifs ... en 2024",
    "Nine-month review of civil judgment enforcement, 2024"). Of the years they state, the
    latest wins: a headline may recall last year ("Cần Thơ atteint l'objectif qu'elle avait
    manqué de peu en 2023") but reports come out after the period they cover, while a
    comparison base or a target year ("nhiệm vụ năm 2025") never is the document's period.
    A span in the headline ("nine-month", "6 tháng", "premier semestre") makes the year a
    part-year. Without any, the first stated period of the document.
    """
    paras = paragraphs(text) if paras is None else paras
    if not paras:
        return None
    title_start, first_end = paras[0]
    if first_end - title_start <= TITLE_CHARS:
        title_end = first_end
        lead = paras[1] if len(paras) > 1 else (first_end, first_end)
        stop = _SENTENCE_END_RE.search(text, *lead)
    else:
        # no blank line after the headline (a PDF's text): the headline is its first two lines
        nl = text.find("\n", title_start, title_start + TITLE_CHARS)
        nl = text.find("\n", nl + 1, title_start + TITLE_CHARS) if nl >= 0 else -1
        title_end = nl if nl >= 0 else title_start + TITLE_CHARS
        lead = (title_end, min(first_end, title_end + TITLE_CHARS))
        stop = _FULL_STOP_RE.search(text, *lead)
    # the lead's first sentence: "Un an après avoir manqué l'objectif de 0,08 point, la ville
    # de Cần Thơ l'a dépassé en 2024." (a full stop before a digit is a decimal)
    head_end = stop.end() if stop else lead[1]
    head = [m for m in mentions if m.start < head_end]
    for kinds in (("stated",), ("target",)):
        cands = [m for m in head if m.kind in kinds]
        if cands:
            label = max(cands, key=lambda m: _period_end(m.value)).value
            if re.fullmatch(r"\d{4}", label):
                span = _SPAN_RE.search(text, title_start, title_end)
                if span:
                    label = _label(int(label), _span_months(span))
            return label
    rest = [m for m in mentions if m.kind == "stated"]
    return rest[0].value if rest else None


#: A newspaper's name is no subject: "(Báo Gia Lai) - Năm 2023, Chi cục ... Pleiku".
_PRESS_BEFORE_RE = re.compile(r"(?:Báo|báo|Journal|journal)[ \t]+$")
#: "toàn ngành thi hành án dân sự thành phố" is the whole sector of one city, not the nation.
_LOCAL_AFTER_RE = re.compile(r"[^.;,\n]{0,40}?(?<![\w])(?:thành phố|tỉnh|trong tỉnh|of the city|of the province|"
                             r"de la ville|de la province)(?![\w])", re.I)


#: The nation as a yardstick, not the subject: "about 13% of the national total", "cao hơn so
#: với cả nước", "au-dessus de la moyenne par rapport à l'ensemble du pays".
_REFERENCE_BEFORE_RE = re.compile(
    r"(?:(?<![\w])(?:of|so\s+với|than|par\s+rapport\s+à|compared\s+(?:with|to)|mức\s+chung|mức\s+bình\s+quân"
    r"|average\s+(?:for|of|across)|moyenne\s+(?:de|du))|\d/\d{1,2})\s+(?:the\s+|l['’])?$", re.I)


def _district_matches(text: str):
    """``_DISTRICT_RE.finditer(text)``, the whole pattern tried only on the clauses that hold
    "District" or "Town".

    The English form ("Nhu Xuan District") can start at any word, so a clause that holds its
    keyword is scanned whole; elsewhere only the Vietnamese and French forms can match, and
    they start with their keyword (see _DISTRICT_VI_FR_WORDS). No match holds a line
    break, a comma, a semicolon, a colon or a bracket (names are words joined by plain
    spaces), so the text can be scanned clause by clause. The seed articles, English news
    naming a district every few paragraphs, went from 0.28 to about 0.025 ms a page.
    """
    pos = 0
    for clause_start, clause_end in _clauses_holding(text, ("District", "Town")):
        yield from _finditer_near(_DISTRICT_RE, _DISTRICT_VI_FR_WORDS, 0, 0, text, pos, clause_start)
        yield from _DISTRICT_RE.finditer(text, clause_start, clause_end)
        pos = clause_end
    yield from _finditer_near(_DISTRICT_RE, _DISTRICT_VI_FR_WORDS, 0, 0, text, pos)


#: What ends a clause for :func:`_clauses_holding`: characters no place name holds.
_CLAUSE_BREAK_RE = re.compile(r"[\n,;:()]")


def _clauses_holding(text: str, words: tuple[str, ...]):
    """``(start, end)`` of each clause of ``text`` that holds one of ``words``, in order: from
    just after the :data:`_CLAUSE_BREAK_RE` character before the word (or the text's start)
    to the one after it (or the text's end)."""
    # each word's next place, looked for again only once a clause has passed it: a word the
    # text lacks is looked for once, not once a clause
    next_at = {w: text.find(w) for w in words}
    while True:
        found = [at for at in next_at.values() if at >= 0]
        if not found:
            return
        start, after = _between_breaks(text, min(found), _CLAUSE_BREAK_RE)
        end = after.start() if after else len(text)
        yield start, end
        for w, w_at in next_at.items():
            if 0 <= w_at < end:
                next_at[w] = text.find(w, end)


def find_jurisdictions(text: str) -> list[Mention]:
    """Jurisdiction mentions: national words, provinces, districts; each carries to the end
    of its paragraph (see :func:`carry_limits`)."""
    out: list[Mention] = []
    for m in _district_matches(text):
        name = m.group("vi") or m.group("en") or m.group("fr")
        words = name.split()
        if m.group("en"):
            # "The Nhu Xuan District": keep the capitalized words next to "District"
            while words and (words[0] in _STOP_NAMES or not words[0][0].isupper()):
                words.pop(0)
        else:
            # "huyện Bảo Lộc đạt": the name ends at the first lower-case word
            kept = []
            for w in words:
                if not w[0].isupper():
                    break
                kept.append(w)
            words = kept
        if not words or words[0] in _STOP_NAMES:
            continue
        name = " ".join(words)
        if name in _PROVINCE_NAMES and text[m.start():m.start() + 9].lower().startswith(("thành phố", "tp")):
            out.append(Mention(m.start(), m.end(), f"province:{_PROVINCE_NAMES[name]}"))
            continue
        out.append(Mention(m.start(), m.end(), f"district:{name}"))
    taken = bytearray(len(text))
    for x in out:
        taken[x.start:x.end] = b"\x01" * (x.end - x.start)
    for m in _finditer_at(_PROVINCE_RE, _PROVINCE_START_RE, text):
        if taken[m.start()] or _PRESS_BEFORE_RE.search(text, max(0, m.start() - 8), m.start()):
            continue
        # a dateline opens its line; looking back for the line start would rescan the page
        at_line_start = m.start() == 0 or text[m.start() - 1] == "\n"
        if at_line_start and m.group(1).isupper() and _DATELINE_AFTER_RE.match(text, m.end()):
            continue
        out.append(Mention(m.start(), m.end(), f"province:{_PROVINCE_NAMES[m.group(1)]}"))
    for m in _finditer_in_runs(_NATIONAL_RE, _NATIONAL_START_RE, _NATIONAL_SPELLINGS, text):
        if _LOCAL_AFTER_RE.match(text, m.end()):
            continue
        if _REFERENCE_BEFORE_RE.search(text, max(0, m.start() - 25), m.start()):
            # the yardstick dates only its own figure: "cao hơn mức chung toàn quốc (83,88%)"
            after = _BIND_AFTER_RE.match(text, m.end())
            out.append(Mention(m.start(), m.end(), "national", "compare",
                               (m.end(), after.end()) if after else None))
            continue
        out.append(Mention(m.start(), m.end(), "national"))
    out.sort(key=lambda x: x.start)
    limits = carry_limits(text)
    bounds = [s for s, _, _ in limits]
    scoped = []
    for x in out:
        i = bisect.bisect_right(bounds, x.start) - 1
        scoped.append(Mention(x.start, x.end, x.value, x.kind, x.bind, until=limits[i][2] if i >= 0 else None))
    return scoped


def document_place(text: str, mentions: list[Mention], lead_chars: int = 600) -> str | None:
    """The jurisdiction a document is about when a sentence names none.

    A place named in the headline or the lead paragraph (at most ``lead_chars`` characters)
    wins; a document that names none there but speaks of the ministry, the country or the
    whole sector is national, and so is one that names no place at all ("Tổng kết giai
    đoạn 2016-2020, ngành thi hành án dân sự đã thi hành xong khoảng 2,8 triệu việc");
    otherwise the first place it names.
    """
    paras = paragraphs(text)
    lead_end = min(lead_chars, paras[1][1] if len(paras) > 1 else len(text))
    lead = [m for m in mentions if m.start < lead_end]
    if lead:
        return lead[0].value
    if _NATIONAL_CUES_RE.search(text) or not mentions:
        return "national"
    return mentions[0].value


#: How many mentions before a sentence :func:`attach` looks through for one that still carries.
CARRY_LOOKBACK = 16


def attach(mentions: list[Mention], sent_start: int, sent_end: int, default: str | None,
           offset: int, starts: list[int] | None = None) -> str | None:
    """The mention that governs a figure at ``offset``, in this order:

    1. a mention that binds it ("from 46.78% in 2023": 46.78% is 2023's);
    2. the last stated or target mention before it in its sentence;
    3. the first one after it in its sentence ("completed 620,657 cases in 2024");
    4. the last one before the sentence that still carries (its ``until`` is past the figure:
       same paragraph, or the answer to a question, or the section under a heading);
    5. ``default`` (the document's own period or place).

    Comparison bases ("compared with 2023") govern nothing but what they bind: "So với năm
    2023, tăng 312 việc" is an increase in the report's own year. ``mentions`` are sorted by
    start; pass their ``starts`` to avoid recomputing them for every figure.
    """
    if starts is None:
        starts = [m.start for m in mentions]
    i = bisect.bisect_left(starts, offset) - 1
    for k in (i, i + 1, i + 2):
        if 0 <= k < len(mentions):
            bind = mentions[k].bind
            if bind is not None and bind[0] <= offset <= bind[1]:
                return mentions[k].value
    k = i
    while k >= 0 and mentions[k].start >= sent_start:
        if mentions[k].kind != "compare":
            return mentions[k].value
        k -= 1
    j = i + 1
    while j < len(mentions) and mentions[j].start < sent_end:
        if mentions[j].kind != "compare" and offset >= mentions[j].reach:
            return mentions[j].value
        j += 1
    # a heading's period may sit a few paragraphs up; stop looking after a bounded number
    for _ in range(CARRY_LOOKBACK):
        if k < 0:
            break
        m = mentions[k]
        if m.kind != "compare" and (m.until is None or m.until > offset):
            return m.value
        k -= 1
    return default


# ---- spans that are never quantities -------------------------------------------------------
# A word boundary written as "\b" before the first character stops the regex engine from
# skipping ahead to the characters a match can start with, so it tries the pattern at every
# position of the text. Where a pattern starts with a digit or a fixed letter, the boundary is
# written after that character instead ("\d(?<![\w].)" is "\b\d": the character before the
# digit is not a word character); the matches are the same, found 1.3 to 3.5 times faster.
_MASK_RES = [
    re.compile(r"(?<!\S)(?:https?://|www\.)\S+|(?<!\S)\S+\.(?:html?|aspx|php|chn|htm)\b"),  # URLs
    re.compile(r"(?<!\S)[a-z0-9]+(?:-[a-z0-9]+){2,}\S*"),  # URL slugs "thi-hanh-an-2025-985025"
    re.compile(r"\d(?<![\w].)\d?[/.-]\d{1,2}[/.-](?:19|20)\d{2}\b"),  # 21/7/2019, 12.11.2024
    re.compile(r"\d(?<![\w].)\d?[/-](?:19|20)\d{2}\b"),  # 9-2021, 9/2021
    re.compile(r"(?-i:[nN])(?<![\w].)gày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?", re.I),
    re.compile(r"(?-i:[tT])(?<![\w].)háng\s+\d{1,2}(?:\s+năm\s+\d{4})?", re.I),
    re.compile(r"\d(?<![\w].)\d?:\d{2}\b"),  # 11:43
    re.compile(r"(?:19|20)(?<![\w]..)\d{2}\s*[-–]\s*(?:19|20)\d{2}\b"),  # 2020-2025
    re.compile(r"[Cc](?<![\w].)ovid[- ]?19\b"),
    re.compile(r"\(\s*0\s*\)\s*$", re.M),  # "Comment (0)" footers
]


#: What every URL (mask 0) and every slug (mask 1) holds: "://" or "www." or a page suffix,
#: and a run "-x-" between hyphens. Both masks match runs of non-blank characters, so they
#: never cross a line; only the lines holding one of these are searched.
_MASK_TRIGGERS = {
    0: re.compile(r"://|www\.|\.(?:htm|aspx|php|chn)"),
    1: re.compile(r"-[a-z0-9]+-"),
}


def _finditer_in_lines(rx: re.Pattern, trigger: re.Pattern, text: str):
    """``rx.finditer(text)`` for a pattern whose matches never cross a line ("\n" or "\f")
    and always hold a match of ``trigger``: only the lines with a trigger are searched.

    Example: a 200-page report with no web address costs one quick scan for "://", "www."
    and page suffixes instead of trying the URL pattern at every blank.
    """
    pos = 0
    while True:
        hit = trigger.search(text, pos)
        if hit is None:
            return
        line_start = max(text.rfind("\n", 0, hit.start()), text.rfind("\f", 0, hit.start())) + 1
        ends = [i for i in (text.find("\n", hit.end()), text.find("\f", hit.end())) if i >= 0]
        line_end = min(ends) if ends else len(text)
        # the look-behind at the line start sees the line break before it, as in a whole-text
        # search; the line break after it ends a run of non-blanks either way
        yield from rx.finditer(text, line_start, line_end)
        pos = line_end


#: Plain strings every match of a mask holds a fixed few characters after its start (first
#: and last offset): the century of the year, 4 to 6 characters into "21/7/2019" or
#: "1/1/2019", 2 or 3 into "9-2021", at the start of "2020-2025" (the places of "19" and
#: "20" are found once for these three and the years of find_periods); the separator of
#: "11:43", 1 or 2 in; the "à" of "ngày 12 tháng 11" and the "á" of "tháng 11", in either
#: case, 2 in; the "ovid" of "Covid-19", 1 in. A letter found by ``str.find`` is far cheaper
#: than a pattern opening with "[tT]" or "[nN]", which the engine stops at on every "t" or
#: "n" of English text: the seed-article pages hold 30,000 "t" but 81 "á".
_MASK_ANCHORS = {
    2: (_CENTURIES, 4, 6),
    3: (_CENTURIES, 2, 3),
    4: (("à", "À"), 2, 2),
    5: (("á", "Á"), 2, 2),
    6: ((":",), 1, 2),
    7: (_CENTURIES, 0, 0),
    8: (("ovid",), 1, 1),
}


def mask_spans(text: str) -> list[tuple[int, int]]:
    """Spans that are never quantities: URLs, slugs, dates, times, year ranges, "Covid-19"."""
    spans = []
    for i, rx in enumerate(_MASK_RES):
        if i in _MASK_TRIGGERS:
            found = _finditer_in_lines(rx, _MASK_TRIGGERS[i], text)
        elif i in _MASK_ANCHORS:
            found = _finditer_near(rx, *_MASK_ANCHORS[i], text)
        else:
            found = rx.finditer(text)
        spans.extend((m.start(), m.end()) for m in found)
    return spans
