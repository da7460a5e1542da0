"""What a figure is about: its reporting period and its jurisdiction; and what is not a figure.

Periods are normalized to ``YYYY`` (a statistical year, 1 Oct of the year before to 30 Sep)
or ``YYYY/Nm`` (the first N months of statistical year YYYY: "9 tháng năm 2017" ends on
30 Jun 2017). Jurisdictions are ``national``, ``province:<Vietnamese name>`` or
``district:<name as written>``. Provinces come from a gazetteer of the 63 provinces before
the 2025 merger and the names kept after it, in Vietnamese, ASCII and French spellings.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from recount.extractors.directives import ascii_fold

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
    r"(?<![\w])(" + "|".join(re.escape(n) for n in sorted(set(_NATIONAL), key=len, reverse=True)) + r")(?![\w])",
    re.I,
)
_CAP = r"[^\W\d_][\w]+"
_DISTRICT_RE = re.compile(
    rf"(?<![\w])(?:(?:huyện|quận|thị xã|thành phố|TP\.?)[ ]+(?P<vi>{_CAP}(?:[ ]+{_CAP}){{0,2}})"
    rf"|(?P<en>{_CAP}(?:[ ]+{_CAP}){{0,2}})[ ]+(?:District|Town)(?![\w])"
    rf"|district[ ]+(?:de|d')[ ]*(?P<fr>{_CAP}(?:[ ]+{_CAP}){{0,2}}))"
)

#: Where a province name or a district phrase can start. The two patterns above begin with a
#: look-behind and a long alternation, which the regex engine tries at every character; this
#: class of first characters (a word start, tested after the character as in the masks below)
#: lets it jump to the few places worth trying. Upper-case first letters only for provinces
#: (names are matched case-sensitively); "huyện", "quận", "thị xã", "thành phố", "TP",
#: "district" for districts written the Vietnamese or French way.
_PROVINCE_START_RE = re.compile(
    "[" + re.escape("".join(sorted({n[0] for n in _PROVINCE_NAMES}))) + r"](?<![\w].)")
_DISTRICT_VI_FR_START_RE = re.compile(r"[hqtTd](?<![\w].)")


def _finditer_at(rx: re.Pattern, starts: re.Pattern, text: str):
    """``rx.finditer(text)``, trying ``rx`` only where ``starts`` matches.

    The same matches as ``finditer`` when every match of ``rx`` begins where ``starts``
    matches: the scan takes the leftmost match from each position on and resumes at its end.
    """
    pos = 0
    search, match = starts.search, rx.match
    while True:
        c = search(text, pos)
        if c is None:
            return
        m = match(text, c.start())
        if m is None:
            pos = c.start() + 1
        else:
            yield m
            pos = m.end()


# ---- periods -------------------------------------------------------------------------------
_N_WORDS = {
    "three": 3, "six": 6, "nine": 9, "ten": 10, "eleven": 11, "trois": 3, "six ": 6, "neuf": 9,
    "dix": 10, "3": 3, "6": 6, "9": 9, "10": 10, "11": 11, "sáu": 6, "chín": 9, "mười": 10,
}
_Y = r"(?P<y>(?:19|20)\d{2})"
_COMPARE = r"(?:compared\s+(?:to|with)|so\s+với|par\s+rapport\s+(?:à|au)|than|from|since|year[- ]on[- ]year|cùng\s+kỳ|over)"
PERIOD_RES = [
    # "6 tháng đầu năm 2023", "10 tháng năm 2021", "9 tháng năm 2017"
    re.compile(rf"(?P<n>\d{{1,2}}|sáu|chín|mười)\s+tháng(?:\s+đầu)?\s+năm\s+{_Y}", re.I),
    # "first six months of 2023", "the first 9 months of 2024", "ten months of 2021"
    re.compile(rf"(?:first\s+)?(?P<n>three|six|nine|ten|eleven|\d{{1,2}})\s+months\s+of\s+{_Y}", re.I),
    # "les six premiers mois de 2023", "neuf mois de 2024"
    re.compile(rf"(?:les\s+)?(?P<n>trois|six|neuf|dix|\d{{1,2}})\s+(?:premiers\s+)?mois\s+(?:de\s+l'année\s+|de\s+)?{_Y}", re.I),
    # "H1 2023", "first half of 2023", "6T/2023"
    re.compile(rf"(?:H1|first\s+half\s+of|premier\s+semestre\s+(?:de\s+)?)\s*{_Y}", re.I),
    # "năm 2024", "in 2024", "En 2024", "the 2023 fiscal year", "năm công tác 2024"
    re.compile(rf"(?:năm(?:\s+công\s+tác|\s+thống\s+kê)?|in|en|for|of|during|year|année|l'année|exercice)\s+{_Y}(?![\d/-])", re.I),
]


def _months(token: str | None) -> int | None:
    if token is None:
        return None
    return _N_WORDS.get(token.lower().strip())


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    value: str


_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_COMPARE_BEFORE_RE = re.compile(
    rf"{_COMPARE}\s*(?:the\s+same\s+period\s+(?:in|of)\s+|năm\s+|l'année\s+)?$", re.I)


def find_periods(text: str) -> list[Mention]:
    """Period mentions, excluding the comparison period ("compared to 2021", "so với năm 2022").

    Every period phrase ends in a year, so the patterns run only on a short window before
    each year rather than over the whole text.
    """
    out: list[Mention] = []
    for y in _YEAR_RE.finditer(text):
        lo = max(0, y.start() - 60)
        for i, rx in enumerate(PERIOD_RES):
            m = None
            for cand in rx.finditer(text, lo, min(len(text), y.end() + 1)):
                if cand.end("y") == y.end():
                    m = cand
                    break
            if m is None:
                continue
            if _COMPARE_BEFORE_RE.search(text[max(0, m.start() - 40):m.start()]):
                break
            year = m.group("y")
            if i == 3:
                value = f"{year}/6m"
            else:
                n = _months(m.groupdict().get("n"))
                value = f"{year}/{n}m" if n and n < 12 else year
            out.append(Mention(m.start(), m.end(), value))
            break
    return out


def find_jurisdictions(text: str) -> list[Mention]:
    """Jurisdiction mentions: national words, provinces, districts."""
    out: list[Mention] = []
    # The English form ("Nhu Xuan District") can start at any word: only a text that has
    # "District" or "Town" needs the full scan.
    if "District" in text or "Town" in text:
        districts = _DISTRICT_RE.finditer(text)
    else:
        districts = _finditer_at(_DISTRICT_RE, _DISTRICT_VI_FR_START_RE, text)
    for m in districts:
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
        if taken[m.start()]:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if m.start() == line_start and m.group(1).isupper() and _DATELINE_AFTER_RE.match(text, m.end()):
            continue
        out.append(Mention(m.start(), m.end(), f"province:{_PROVINCE_NAMES[m.group(1)]}"))
    for m in _NATIONAL_RE.finditer(text):
        out.append(Mention(m.start(), m.end(), "national"))
    out.sort(key=lambda x: x.start)
    return out


def document_place(text: str, mentions: list[Mention], lead_chars: int = 400) -> str | None:
    """The jurisdiction a document is about when a sentence names none.

    A place named in the title or lead (the first ``lead_chars`` characters) wins; a
    document that names none there but speaks of the ministry, the country or the whole
    sector is national; otherwise the first place it names.
    """
    lead = [m for m in mentions if m.start < lead_chars]
    if lead:
        return lead[0].value
    if _NATIONAL_CUES_RE.search(text):
        return "national"
    return mentions[0].value if mentions else None


def attach(mentions: list[Mention], sent_start: int, sent_end: int, default: str | None,
           offset: int, starts: list[int] | None = None) -> str | None:
    """The mention that governs a figure at ``offset``: the last one before it in its
    sentence, else the first one after it in the sentence, else the most recent one before
    the sentence, else ``default``. ``mentions`` are sorted by start; pass their ``starts``
    to avoid recomputing them for every figure."""
    if starts is None:
        starts = [m.start for m in mentions]
    i = bisect.bisect_left(starts, offset) - 1
    if i >= 0 and mentions[i].start >= sent_start:
        return mentions[i].value
    j = i + 1
    if j < len(mentions) and mentions[j].start < sent_end:
        return mentions[j].value
    k = bisect.bisect_left(starts, sent_start) - 1
    if k >= 0:
        return mentions[k].value
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


def mask_spans(text: str) -> list[tuple[int, int]]:
    """Spans that are never quantities: URLs, slugs, dates, times, year ranges, "Covid-19"."""
    spans = []
    for i, rx in enumerate(_MASK_RES):
        trigger = _MASK_TRIGGERS.get(i)
        found = rx.finditer(text) if trigger is None else _finditer_in_lines(rx, trigger, text)
        spans.extend((m.start(), m.end()) for m in found)
    return spans
