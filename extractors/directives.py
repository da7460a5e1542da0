"""Find references to legal documents: laws, decrees, resolutions, directives, circulars...

A reference is a document type word followed by its number, with or without "No."/"số"/"n°":
"Nghị định số 62/2015/NĐ-CP", "Decree No. 18/2002/ND-CP", "Directive 05", "Directive 04 CT/TW",
"Dépêche Officiel n° 2759/CTHADS-KTr du 12 novembre 2024". The number is normalized only in
form: ASCII (Đ -> D), and "04 CT/TW" -> "04-CT/TW", the hyphen its series always carries;
typos are kept as written ("2586/CRHADS-NV").

Regexes plus offsets rather than token patterns: a directive id breaks into about five spaCy
tokens ("18", "/", "2002", "/", "ND-CP").
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from recount.extractors.lexicon import MONTH_NUMBER, phrase_alternation

#: Document type words per type (vi, en, fr), longest first in the compiled pattern.
TYPE_WORDS = {
    "law": ["luật", "bộ luật", "law", "code", "loi"],
    "decree": ["nghị định", "decree", "décret", "decret", "sắc lệnh"],
    "resolution": ["nghị quyết", "resolution", "résolution"],
    "directive": ["chỉ thị", "directive"],
    "circular": ["thông tư liên tịch", "thông tư", "joint circular", "circular", "circulaire",
                 "circulaire conjointe"],
    "decision": ["quyết định", "decision", "décision"],
    "dispatch": ["công văn", "official dispatch", "official letter", "dispatch",
                 "dépêche officiel", "dépêche officielle", "dépêche", "lettre officielle",
                 "văn bản"],
    "conclusion": ["kết luận", "conclusion"],
    "plan": ["kế hoạch", "plan"],
    "report": ["báo cáo", "report", "rapport"],
    # "Quy chế phối hợp số 12/QCPH-BCĐ": the coordination rules agencies sign together
    "regulation": ["quy chế phối hợp", "quy định", "quy chế", "coordination regulation",
                   "regulation", "règlement de coordination", "règlement", "instruction",
                   "hướng dẫn"],
    "other": ["văn bản hợp nhất", "consolidated document", "thông báo", "notice", "avis"],
}
_TYPE_OF = {w: t for t, words in TYPE_WORDS.items() for w in words}
#: The words that may stand between a type word and its number.
_NO_WORDS = ("No.", "No", "Nos.", "Nos", "số", "n°", "nº", "no", "number", "numéro", "N°")
_NO = r"(?:No\.?|Nos\.?|số|n°|nº|no|number|numéro|N°)"
_ID_CODE = r"[A-Za-zĐđ][A-Za-zĐđ0-9]*(?:[-–][A-Za-zĐđ0-9]+)*"
#: "62/2015/NĐ-CP", "27-NQ/TW", "2759/CTHADS-KTr", "130/SL", "16-CT/TU", "04 CT/TW", "05"
_ID = (
    rf"\d+(?:[-–]{_ID_CODE})?(?:/\d{{2,4}})?(?:/{_ID_CODE})+"  # with a series code
    rf"|\d+ {_ID_CODE}/{_ID_CODE}"  # "04 CT/TW"
    rf"|\d+(?![\d/,.]\d)"  # "Directive 05", "Resolution 4"
)
#: A typed reference, as plainly written; ``_TYPED_RE`` below finds the same faster and is
#: what runs (tests/extractors/test_fast_paths.py holds one to the other).
DIRECTIVE_RE = re.compile(
    rf"(?<![\w])(?P<type>{phrase_alternation(_TYPE_OF)})(?:\s+{_NO})?\s*(?P<id>{_ID})(?![\w/])",
    re.I,
)
#: Letters Python's case-insensitive matching pairs with a letter besides its own upper and
#: lower case ("K" Kelvin sign with "k", long s with "s", dotted and dotless i with "i").
#: tests/extractors/test_fast_paths.py checks this against every code point.
CASE_FOLD_EXTRAS = {"i": "İı", "k": "\u212a", "s": "ſ"}


def case_variants(ch: str) -> set[str]:
    """Every character that ``ch`` matches under ``re.IGNORECASE``."""
    out = {ch}
    for v in (ch.lower(), ch.upper()):
        if len(v) == 1:
            out.add(v)
    out.update(CASE_FOLD_EXTRAS.get(ch.lower(), ""))
    return out


def _first_letter_alternation(words) -> str:
    """The alternation ``phrase_alternation(words)`` at a word start, case-insensitive, written
    so the regex engine can skip ahead to a possible first letter instead of trying every
    type word at every character (as ``DIRECTIVE_RE`` does).

    Each branch is one exact first letter, then the word-start test, then the rest of the
    words with that first letter, case-insensitive: "q(?<![\\w].)(?i:uyết\\s+định|...)". The
    engine skips ahead only when every branch opens with a plain letter, so each case
    variant of a first letter ("q", "Q") gets its own branch. Words keep their longest-first
    order within a branch, and words in different branches cannot both match at one place.
    """
    return first_letter_branches(words, lambda rests: f"(?i:{phrase_alternation(rests)})")


def first_letter_branches(alternatives, rest, word_start: bool = True, exact_first: bool = False) -> str:
    r"""Alternatives written as one branch per character they can start with under
    ``re.IGNORECASE``, each case of a letter on its own: the character, the word-start test
    "(?<![\w].)" unless ``word_start`` is off, then ``rest(rests)`` over the rests of the
    alternatives it starts, in their order. A pattern opening with such branches lets the
    regex engine skip ahead to a possible first letter. ``exact_first`` writes the character
    as "(?-i:x)", for a pattern compiled with ``re.IGNORECASE`` where a plain "x" would also
    match "X" and the branches would overlap."""
    start_test = r"(?<![\w].)" if word_start else ""
    return "|".join(
        (f"(?-i:{re.escape(first)})" if exact_first else re.escape(first)) + start_test + rest(rests)
        for first, rests in sorted(rests_by_first_letter(alternatives).items()))


def rests_by_first_letter(words) -> dict[str, list[str]]:
    """Each character a word of ``words`` can start with under ``re.IGNORECASE``, with the
    rests of the words it starts, in their order."""
    rests_by_first: dict[str, list[str]] = {}
    for word in words:
        for first in case_variants(word[0]):
            # only letters re.IGNORECASE really pairs with it, should case_variants ever
            # list more, so that this form never matches where DIRECTIVE_RE does not
            if re.fullmatch(re.escape(word[0]), first, re.I):
                rests_by_first.setdefault(first, []).append(word[1:])
    return rests_by_first


#: ``DIRECTIVE_RE`` with its type words written by ``_first_letter_alternation``: the same
#: matches and groups, in one pass of the regex engine (0.09 -> 0.07 ms a page against a
#: Python loop trying ``DIRECTIVE_RE`` where a type word's first three letters could start).
_TYPED_RE = re.compile(
    rf"(?P<type>{_first_letter_alternation(_TYPE_OF)})(?i:(?:\s+{_NO})?\s*(?P<id>{_ID})(?![\w/]))"
)


#: A digit that follows no other digit: where the number of a reference can start.
_ID_START_RE = re.compile(r"\d(?<!\d\d)")
#: A type word plus "No."/"số" hold at most this many non-blank characters ("thông tư liên
#: tịch" then "numéro").
_LONGEST_LEAD = (max(len("".join(w.split())) for w in _TYPE_OF)
                 + max(len(w) for w in _NO_WORDS))
#: Matched on the reversed text from a digit: the stretch before the digit that holds
#: _LONGEST_LEAD non-blank characters, whatever the blanks between them.
_LEAD_BACKWARDS_RE = re.compile(rf"(?:\s*\S){{0,{_LONGEST_LEAD}}}")
#: The first letter of a type word at a word start; the rest of the word is looked ahead
#: for and not consumed, so a type word that starts inside another one is found too.
_TYPE_START_RE = re.compile(first_letter_branches(_TYPE_OF, lambda rests: f"(?=(?i:{phrase_alternation(rests)}))"))


#: Windows pay off only where numbers are sparse: each costs about 4 us, against about 70 ns
#: a character for ``_TYPED_RE`` over the whole text. The corpus reports hold a number every
#: 30 characters (windows 0.16 ms a page, whole text 0.075); news articles one every 206
#: (0.067 against 0.16).
_WINDOWS_MIN_CHARS_PER_NUMBER = 60


def _typed_matches(text: str) -> list[re.Match]:
    """``DIRECTIVE_RE.finditer(text)``, by the faster ``_TYPED_RE``: over the whole text when
    numbers are dense, else in windows before each number (:func:`_typed_matches_near_numbers`)."""
    numbers = list(_ID_START_RE.finditer(text))
    if len(text) < _WINDOWS_MIN_CHARS_PER_NUMBER * len(numbers):
        return list(_TYPED_RE.finditer(text))
    return _typed_matches_near_numbers(text, numbers)


def _typed_matches_near_numbers(text: str, numbers: list[re.Match]) -> list[re.Match]:
    """``DIRECTIVE_RE.finditer(text)``, trying ``_TYPED_RE`` only where a reference can start;
    ``numbers`` are the matches of ``_ID_START_RE`` in ``text``.

    A reference ends in a number, and its type word starts at most _LONGEST_LEAD non-blank
    characters before the number's first digit. Running prose has a possible first letter
    of a type word ("l", "d", "c", "p", "r"...) at nearly every word, but a number only every
    two hundred characters or so, so ``_TYPED_RE`` is tried only where a type word starts in
    the stretch before each number, left to right, as ``finditer`` would. Example: in "...
    theo Nghị định số 62/2015/NĐ-CP ..." the digit "6" leads back over "Nghị định số", where
    "Nghị định" is a type word, and the match there is the reference.
    """
    found = []
    backwards = text[::-1]
    tried_to = 0  # every place before it was tried, or lies inside a reference found
    for number in numbers:
        at = number.start()
        if at < tried_to:
            continue
        lead = _LEAD_BACKWARDS_RE.match(backwards, len(text) - at)
        for start in _TYPE_START_RE.finditer(text, max(len(text) - lead.end(), tried_to), at):
            if start.start() < tried_to:
                continue
            m = _TYPED_RE.match(text, start.start())
            if m:
                found.append(m)
                tried_to = m.end()
        tried_to = max(tried_to, at)
    return found


#: Ids standing alone whose shape says what they are: "62/2015/NĐ-CP", "27-NQ/TW". Written
#: from the first digit, with the test of the character before it moved after that digit,
#: so the regex engine skips from digit to digit (as ``quantities.NUMBER_RES``; 0.04 -> 0.02
#: ms a page).
BARE_ID_RE = re.compile(
    r"(?P<id>\d(?<![\w/]\d)(?:\d{0,3}/\d{4}/(?:[A-ZĐ]{1,6}-)*[A-ZĐ]{1,6}\d{0,2}|\d{0,3}-[A-ZĐ]{1,4}/[A-ZĐ]{1,6}))"
    r"(?![\w/])"
)
_SUFFIX_TYPE = {
    "ND": "decree", "NQ": "resolution", "CT": "directive", "TT": "circular", "TTLT": "circular",
    "QD": "decision", "KL": "conclusion", "KH": "plan", "BC": "report", "QH": "law",
}
DATE_AFTER_RE = re.compile(
    r"^(?:\s*(?:,\s*)?(?:dated|issued on|signed on|ban hành ngày)|\s+(?:ngày|of|du))\s+"
    r"(?:(?P<d1>\d{1,2})[/.-](?P<m1>\d{1,2})[/.-](?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})"
    r"|(?P<mon3>[A-Za-zéûô]+)\s+(?P<d3>\d{1,2}),?\s+(?P<y3>\d{4})"
    r"|(?P<d4>\d{1,2})(?:er)?\s+(?P<mon4>[a-zéûô]+)\s+(?P<y4>\d{4}))",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DirectiveRef:
    start: int
    end: int
    type: str
    id: str
    year: int | None
    issuer: str | None
    date: str | None
    date_end: int | None = None


def ascii_fold(s: str) -> str:
    """ASCII form of an id: "NĐ-CP" -> "ND-CP"."""
    s = s.replace("Đ", "D").replace("đ", "d")
    if s.isascii():  # most ids, once Đ is replaced: nothing to decompose
        return s
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def normalize_id(raw: str) -> str:
    """Normalize a document number in form only.

    "04 CT/TW" -> "04-CT/TW"; "62/2015/NĐ-CP" -> "62/2015/ND-CP"; "2586/CRHADS-NV" is kept
    (a typo of CTHADS in the source, but the number as written is what a reader searches for).
    """
    s = ascii_fold(raw.strip()).replace("–", "-")
    s = re.sub(r"^(\d+) ([A-Za-z])", r"\1-\2", s)
    return s


def _year_of(norm: str) -> int | None:
    m = re.search(r"/((?:19|20)\d{2})/", norm)
    return int(m.group(1)) if m else None


def _issuer_of(norm: str) -> str | None:
    if "/" not in norm:
        return None
    last = norm.rsplit("/", 1)[1]
    return last.split("-")[-1] if "-" in last else last


def _type_from_id(norm: str) -> str:
    codes = re.findall(r"[A-Z]+", norm.upper())
    for c in codes:
        if c in _SUFFIX_TYPE:
            return _SUFFIX_TYPE[c]
    return "other"


def _date_after(text: str, end: int) -> tuple[str | None, int | None]:
    m = DATE_AFTER_RE.match(text[end:end + 60])
    if not m:
        return None, None
    g = m.groupdict()
    try:
        if g["y1"]:
            y, mo, d = int(g["y1"]), int(g["m1"]), int(g["d1"])
        elif g["y2"]:
            y, mo, d = int(g["y2"]), int(g["m2"]), int(g["d2"])
        elif g["y3"]:
            y, mo, d = int(g["y3"]), MONTH_NUMBER[g["mon3"].lower()], int(g["d3"])
        else:
            y, mo, d = int(g["y4"]), MONTH_NUMBER[g["mon4"].lower()], int(g["d4"])
    except KeyError:
        return None, None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None, None
    return f"{y:04d}-{mo:02d}-{d:02d}", end + m.end()


#: How many non-blank lines open a report before its body: the issuing office, sometimes the
#: office above it, then the title.
_HEADING_LINES = 3


def own_number(text: str, refs: list[DirectiveRef]) -> DirectiveRef | None:
    """The reference that is the document's own number, if its title gives one.

    A report opens with its issuer and then its title, which carries the report's own number:
    "UBND TỈNH THANH HÓA - BAN CHỈ ĐẠO THI HÀNH ÁN DÂN SỰ" / "Báo cáo số 186/BC-BCĐ về kết
    quả công tác thi hành án dân sự năm 2022". That number names the document itself, not a
    text it cites. It is the report reference that opens one of the first
    :data:`_HEADING_LINES` non-blank lines, on a line that ends in no full stop (a title;
    "Báo cáo số 12/BC-CP cho biết … 4,5%." opening an article is a sentence that cites one).
    """
    titles = {}  # start of each heading line -> whether it reads as a title
    line_start = 0
    while len(titles) < _HEADING_LINES:
        while line_start < len(text) and text[line_start] in " \t\r\n":
            line_start += 1
        if line_start >= len(text):
            break
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = len(text)
        titles[line_start] = not text[line_start:line_end].rstrip().endswith(".")
        line_start = line_end + 1
    for ref in refs:
        if ref.start >= line_start:
            break
        if ref.type == "report" and titles.get(ref.start):
            return ref
    return None


def find_directives(text: str) -> list[DirectiveRef]:
    """All directive references in ``text``, sorted by offset."""
    found: list[DirectiveRef] = []
    taken: list[tuple[int, int]] = []
    for m in _typed_matches(text):
        word = re.sub(r"\s+", " ", m.group("type").lower())
        raw_id = m.group("id")
        dtype = _TYPE_OF.get(word, "other")
        if "/" not in raw_id and "-" not in raw_id:
            # "Directive 05": a bare number needs a capitalized type word and must not be a
            # count of documents ("02 Decrees") or a case count ("quyết định 1.200 việc").
            if not m.group("type")[0].isupper() or dtype in ("plan", "report", "regulation", "other", "dispatch"):
                continue
            if re.match(r"\s*(?:việc|vụ|cases?)\b", text[m.end():m.end() + 8], re.I):
                continue
        norm = normalize_id(raw_id)
        if dtype == "law" and "/" not in norm:
            continue
        date, date_end = _date_after(text, m.end())
        found.append(DirectiveRef(m.start(), m.end(), dtype, norm, _year_of(norm), _issuer_of(norm),
                                  date, date_end))
        taken.append((m.start(), m.end()))
    # The typed references do not overlap and come in text order, so the one that could
    # hold a bare id is the last one starting at or before it (a scan of all of them made
    # a 200-page report with a thousand references quadratic).
    taken_starts = [s for s, _ in taken]
    for m in BARE_ID_RE.finditer(text):
        i = bisect.bisect_right(taken_starts, m.start()) - 1
        if i >= 0 and m.start() < taken[i][1]:
            continue
        norm = normalize_id(m.group("id"))
        date, date_end = _date_after(text, m.end())
        found.append(DirectiveRef(m.start(), m.end(), _type_from_id(norm), norm, _year_of(norm),
                                  _issuer_of(norm), date, date_end))
    found.sort(key=lambda d: d.start)
    return found
