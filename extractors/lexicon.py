"""Words that give a number its meaning, in Vietnamese, English and French.

Each list is data, not logic: the extractors compile them into patterns once. Multi-word
entries are matched as phrases; matching is case-insensitive on NFC text.
"""
from __future__ import annotations

import re

#: Scale words and their multipliers. French "billion" is 10^12 (milliard is 10^9), so scale
#: words are per language: "1 059 milliards de VND" is 1.059e12, "2 billions" in French 2e12.
SCALES = {
    "vi": {
        "nghìn tỷ": 10**12, "ngàn tỷ": 10**12, "nghìn tỉ": 10**12, "ngàn tỉ": 10**12,
        "tỷ": 10**9, "tỉ": 10**9, "triệu": 10**6, "nghìn": 10**3, "ngàn": 10**3,
    },
    "en": {
        "trillion": 10**12, "billion": 10**9, "bn": 10**9, "million": 10**6, "mn": 10**6,
        "thousand": 10**3,
    },
    "fr": {
        "billions": 10**12, "billion": 10**12, "milliards": 10**9, "milliard": 10**9,
        "millions": 10**6, "million": 10**6, "mille": 10**3,
    },
}

#: Currency words: the unit they name. "đ" only counts glued or right after a number.
CURRENCIES = {
    "VND": "VND", "VNĐ": "VND", "VNđ": "VND", "vnđ": "VND", "vnd": "VND", "đồng": "VND",
    "dong": "VND", "dongs": "VND", "đ": "VND", "USD": "USD", "US$": "USD", "dollars": "USD",
    "dollar": "USD", "đô la": "USD", "đô la Mỹ": "USD",
}

#: Nouns that make a number a count of cases, judgments or decisions.
CASE_NOUNS = {
    "vi": ["việc", "vụ việc", "vụ", "bản án", "quyết định", "hồ sơ"],
    "en": ["cases", "case", "judgments", "judgements", "judgment", "decisions", "decision",
           "dossiers", "files", "matters", "verdicts", "rulings", "lawsuits"],
    "fr": ["affaires", "affaire", "dossiers", "dossier", "décisions", "décision", "jugements",
           "jugement", "cas"],
}

#: Percent signs and words. "phần trăm" without a number before it is not a figure.
PERCENT_WORDS = [
    "%", "percent", "per cent", "pour cent", "pourcent", "phần trăm",
]
#: Words that say the percentage is in points.
POINT_WORDS = [
    "percentage points", "percentage point", "points de pourcentage", "point de pourcentage",
    "điểm phần trăm", "pp", "points", "point", "điểm %",
]

#: Hedges before a number and the bound they set (see checking.md, "Hedges").
QUALIFIERS = {
    "over": [
        "more than", "over", "above", "passed", "topped", "in excess of", "upwards of", "at least", "hơn", "trên",
        "vượt quá", "ít nhất", "plus de", "au-delà de", "au moins", "supérieur à", "supérieure à",
        # "a dépassé 22 000 milliards de VND": exceeded, an amount. Only with its auxiliary:
        # "dépassant de 1,85 %" and "est dépassé de 1,43 point" are gaps to a target.
        "a dépassé", "ont dépassé",
    ],
    "under": [
        "nearly", "almost", "close to", "under", "below", "less than", "fewer than", "up to",
        "gần", "dưới", "chưa tới", "chưa đến", "không quá", "tới gần", "près de", "presque",
        "moins de", "jusqu'à", "pas moins de",
    ],
    "about": [
        "about", "approximately", "around", "roughly", "an estimated", "khoảng",
        "xấp xỉ", "chừng", "ước", "environ", "quelque", "approximativement", "autour de",
    ],
}

#: Words that make the figure after them a signed change.
CHANGE_WORDS = {
    "increase": [
        "an increase of", "increase of", "increased by", "increased", "increasing by", "rose by",
        "rose", "up by", "up", "higher by", "grew by", "tăng thêm", "tăng", "hausse de",
        "en hausse de", "augmentation de", "une augmentation de", "augmenté de", "progression de",
    ],
    "decrease": [
        "a decrease of", "decrease of", "decreased by", "decreased", "a reduction of",
        "reduced by", "fell by", "fell", "down by", "down", "dropped by", "declined by",
        "lower by", "giảm", "giảm đi", "baisse de", "en baisse de", "diminution de",
        "une diminution de", "diminué de", "recul de",
    ],
}

#: Words before a percentage that make it a gap in points to a target or another rate
#: ("vượt 1,46% so với chỉ tiêu", "dépassant de 1,85 % l'objectif").
GAP_WORDS = [
    "an overshoot of", "overshoot of", "a shortfall of", "shortfall of", "exceeding", "exceeded",
    "exceeds", "exceed", "surpassing", "surpassed", "short of",
    "falling short by", "vượt", "vượt mức", "vượt chỉ tiêu", "còn thiếu", "thiếu", "dépassant de",
    "dépassant", "dépasse de", "dépassé de", "en avance de", "en retard de",
]
#: Words after a percentage that make it a gap to a target or another rate.
GAP_AFTER = [
    "higher than", "lower than", "above the", "below the", "cao hơn", "thấp hơn",
    "so với chỉ tiêu", "so với kế hoạch", "compared to the assigned target",
    "compared with the target", "au-dessus", "en dessous",
]
TARGET_WORDS = [
    "target", "targets", "chỉ tiêu", "kế hoạch", "objectif", "objectifs", "national",
    "toàn quốc", "cả nước", "nationale",
]
#: Words naming a rate: a change of a rate is in points.
RATE_WORDS = ["rate", "tỷ lệ", "tỉ lệ", "taux", "results", "kết quả", "ratio", "pourcentage"]

#: Words right before a number that make it a label, not a quantity.
LABEL_BEFORE = [
    "điều", "khoản", "điểm", "article", "articles", "art.", "clause", "paragraph", "chapter",
    "chương", "mục", "section", "no.", "n°", "nº", "number", "page", "trang", "tập",
    "ngày", "tháng", "quý", "day", "quarter", "trimestre", "khóa", "term", "lần thứ", "thứ",
    "phase", "giai đoạn", "hotline", "tel", "phone", "điện thoại", "fax", "covid", "covid-",
    "top", "hạng", "rank", "ranked", "xếp thứ", "comment", "comments", "version", "v",
    # sub-article and street-address labels: "article 48, alinéa 1", "quận 5"
    "alinéa", "quận", "phường", "arrondissement",
    # a table's or an annex's own number: "Tableau 1" above a table in "affaires"
    "table", "tableau", "bảng", "biểu", "phụ lục", "annex", "annexe", "appendix",
]

MONTHS = {
    "en": ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
           "jul", "aug", "sep", "sept", "oct", "nov", "dec"],
    "fr": ["janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août",
           "aout", "septembre", "octobre", "novembre", "décembre", "decembre"],
}
MONTH_NUMBER = {
    **{m: i + 1 for i, m in enumerate(MONTHS["en"][:12])},
    **{m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr"])},
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}

#: Words right after a number that count things other than cases (staff, units, documents):
#: a bare number before them is never a case count.
NON_CASE_NOUNS = [
    "departments", "department", "branches", "branch", "civil servants", "servants",
    "officials", "officers", "staff", "employees", "people", "persons", "communes", "wards",
    "districts", "provinces", "units", "agencies", "collectives", "individuals", "members",
    "years", "year", "months", "month", "days", "day", "hours", "times", "levels", "level",
    "groups", "targets", "tasks", "laws", "law", "decrees", "decree", "directives",
    "directive", "circulars", "circular", "resolutions", "resolution", "points", "teams",
    "cán bộ", "công chức", "người", "xã", "phường", "huyện", "tỉnh", "đơn vị", "cơ quan",
    "năm", "tháng", "ngày", "lần", "tập thể", "cá nhân", "nhóm", "chỉ tiêu", "nhiệm vụ",
    "luật", "nghị định", "thông tư", "chỉ thị", "nghị quyết", "chi cục", "phòng", "đoàn",
    "cuộc", "buổi", "lượt", "đợt", "fonctionnaires", "agents", "personnes", "communes",
    "ans", "an", "mois", "jours", "niveaux", "unités", "départements", "provinces",
    "objectifs", "tâches", "fois", "complaints", "denunciations", "petitions", "citizens",
    "khiếu nại", "tố cáo", "đơn", "đơn thư", "lượt công dân", "plaintes", "réclamations",
    # staff and offices ("Chi cục hiện có 18 biên chế, trong đó 7 chấp hành viên"; "22
    # district offices"), lenders and auction lots ("mortgaged to 5 banks", "3 à 8 lots")
    "biên chế", "chấp hành viên", "thẩm tra viên", "thư ký", "enforcement officers",
    "executors", "bailiffs", "huissiers", "district offices", "offices", "bureaux",
    "banks", "ngân hàng", "banques", "lots", "lot",
]


def phrase_alternation(phrases) -> str:
    """A regex alternation of ``phrases``, longest first, spaces matching any whitespace.

    Phrases of one length are in alphabetical order: in the order of a set they would follow
    the process's string hashing, and each run would compile a different pattern text (the
    same matches, but a pattern to compare or cache should be one string)."""
    parts = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)
