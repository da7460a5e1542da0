"""Parse the hand-written inline annotation format of ``corpus/annotated/*.ann``.

The syntax is documented in ``corpus/README.md``. In short, an ``.ann`` file is::

    @lang vi
    @period 2023
    @jurisdiction national
    @genre press
    ---
    Năm 2023, tổng số phải thi hành là [[923.541 việc|to_enforce #t]], ...
    === claims
    r1: #c/#e*100 => consistent [I5] completed over enforceable

Quantities are ``[[TEXT|ROLE OPTIONS...]]``, directives ``[[TEXT|dir:TYPE OPTIONS...]]`` and other
numbers (years, dates, document numbers, ranks...) ``{{TEXT}}``. The parser never guesses silently:
a value that does not parse, an unknown role or option, an undefined label or a claim whose
recorded verdict disagrees with the arithmetic raises :class:`AnnotationError` with the file and
the offending markup.

Values are read from the printed text by :func:`parse_printed`, so the gold value can never drift
from the surface; an explicit ``v=`` option is cross-checked against the parse.
"""
from __future__ import annotations

import hashlib
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

#: Metric roles a quantity can carry (docs/CONTRACTS.md).
ROLES = (
    "received_total", "carried_over", "new", "entrusted", "withdrawn", "to_enforce", "enforceable",
    "not_enforceable", "completed", "terminated", "in_progress", "postponed", "carried_next",
    "completion_rate", "enforceable_share", "change_abs", "change_pct", "change_pp", "target",
    "target_gap", "recovered", "other",
)
#: Roles whose percentage is a gap between two rates, hence in percentage points.
POINT_ROLES = ("change_pp", "target_gap")
#: Roles whose percentage is a derived figure: each needs at least one claim.
CLAIM_ROLES = ("completion_rate", "enforceable_share", "change_pct", "change_pp", "target_gap")
DIRECTIVE_TYPES = (
    "law", "decree", "resolution", "directive", "circular", "decision", "dispatch", "regulation",
    "other",
)
VERDICTS = ("consistent", "inconsistent", "unverifiable")
#: Rule names a claim may cite: the identities of checking.md §1.
RULES = ("I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8", "I9", "I10", "I11")
LANGUAGES = ("vi", "en", "fr")
GENRES = ("press", "report", "conference", "interview", "table")
QUALIFIER_MARKS = {">": "over", "<": "under", "~": "about"}
CHANGE_MARKS = {"+": "increase", "-": "decrease"}
KIND_NAMES = {"count": "count", "money": "money", "percent": "percent"}


class AnnotationError(ValueError):
    """A malformed annotation; the message names the file and the markup."""


# --------------------------------------------------------------------------- printed numbers

#: Scale words, longest first so "nghìn tỷ" wins over "nghìn".
SCALES = {
    "vi": (("nghìn tỷ", 10**12), ("ngàn tỷ", 10**12), ("tỷ", 10**9), ("tỉ", 10**9),
           ("triệu", 10**6), ("nghìn", 10**3), ("ngàn", 10**3)),
    "en": (("trillion", 10**12), ("billion", 10**9), ("million", 10**6), ("thousand", 10**3)),
    "fr": (("milliards", 10**9), ("milliard", 10**9), ("millions", 10**6), ("million", 10**6),
           ("mille", 10**3)),
}
#: Numerals by language: vi and fr group thousands with "." or a space and use "," for decimals
#: ("1.059 tỷ" is 1,059 billion, "85,49 %" is 85.49); en groups with "," ("VND 1,059 billion").
NUMERAL = {
    "vi": r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
    "en": r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?",
    "fr": r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
}
CURRENCY_WORDS = ("VNĐ", "VND", "đồng", "dongs", "dong", "de VND", "USD")
CASE_WORDS = ("vụ việc", "việc", "vụ", "cases", "case", "d'affaires", "affaires", "affaire", "dossiers",
              "dossier", "decisions", "décisions")
PERCENT_WORDS = ("%", "phần trăm", "per cent", "percent", "pour cent")
POINT_WORDS = ("điểm phần trăm", "percentage points", "percentage point", "points de pourcentage",
               "point de pourcentage", "points", "point", "điểm")


@dataclass(frozen=True)
class Printed:
    """What a printed quantity says: ``value`` in base units, the ``step`` of its last digit,
    and whether it is an exact integer (a count or an amount written out in full)."""

    kind: str
    value: Decimal
    step: Decimal
    unit: str
    exact: bool


def _to_decimal(numeral: str, lang: str) -> tuple[Decimal, int]:
    """Numeral -> (value, decimals). ``"8,35"`` in vi -> (8.35, 2); ``"1,059"`` in en -> (1059, 0)."""
    compact = re.sub(r"[ \u00a0\u202f]", "", numeral)
    if lang == "en":
        compact = compact.replace(",", "")
    else:
        compact = compact.replace(".", "").replace(",", ".")
    decimals = len(compact.split(".")[1]) if "." in compact else 0
    return Decimal(compact), decimals


def parse_printed(text: str, lang: str, kind: str | None = None, points: bool = False) -> Printed:
    """Read a quantity's surface text.

    ``"2.305 tỷ 118 triệu 702 nghìn đồng"`` (vi) is one compound amount, 2,305,118,702,000 VND,
    whose last digit is worth 1,000; ``"VND22,000 billion"`` (en) is 2.2e13 with step 1e9;
    ``"85,49 %"`` (fr) is 85.49 with step 0.01. Anything left over after the numerals, scale
    words and unit words is an error, so a typo in the markup cannot slip into the gold.
    """
    numeral = NUMERAL[lang]
    scale_alt = "|".join(re.escape(w) for w, _ in SCALES[lang])
    parts = list(re.finditer(rf"({numeral})(?:\s*({scale_alt})(?![\wÀ-ỹ]))?", text))
    if not parts:
        raise ValueError(f"no numeral in {text!r}")
    scales = dict(SCALES[lang])
    value = Decimal(0)
    step = Decimal(1)
    previous_scale = None
    last_end = 0
    residue = []
    for m in parts:
        residue.append(text[last_end:m.start()])
        last_end = m.end()
        number, decimals = _to_decimal(m.group(1), lang)
        scale = scales[m.group(2)] if m.group(2) else 1
        # "2.305 tỷ 118 triệu 702 nghìn": each part must be on a smaller scale than the last
        if previous_scale is not None and scale >= previous_scale:
            raise ValueError(f"compound amount not in decreasing scale: {text!r}")
        previous_scale = scale
        value += number * scale
        step = Decimal(scale) / (Decimal(10) ** decimals)
    biggest = scales[parts[0].group(2)] if parts[0].group(2) else 1
    residue.append(text[last_end:])
    rest = " ".join(residue)
    found = {"currency": False, "case": False, "percent": False, "points": False}
    for group, words in (("points", POINT_WORDS), ("percent", PERCENT_WORDS),
                         ("currency", CURRENCY_WORDS), ("case", CASE_WORDS)):
        for word in sorted(words, key=len, reverse=True):
            pattern = re.escape(word) if not word[0].isalpha() else rf"(?<![\wÀ-ỹ]){re.escape(word)}(?![\wÀ-ỹ])"
            if re.search(pattern, rest):
                found[group] = True
                rest = re.sub(pattern, " ", rest)
    if rest.strip():
        raise ValueError(f"unexpected words {rest.strip()!r} in {text!r}")
    if kind is None:
        if found["percent"] or found["points"]:
            kind = "percent"
        elif found["currency"] or (biggest >= 10**9 and not found["case"]):
            kind = "money"
        else:
            kind = "count"
    if kind == "percent":
        unit = "percentage_point" if (points or found["points"]) else "percent"
    elif kind == "money":
        unit = "USD" if "USD" in text else "VND"
    else:
        unit = "case"
    exact = kind in ("count", "money") and step == 1
    return Printed(kind, value, step, unit, exact)


# --------------------------------------------------------------------------- intervals


def interval(printed_value: float, step: float, exact: bool, qualifier: str) -> tuple[float, float]:
    """The values a printed number can stand for (checking.md §1, "Rounded or truncated").

    An exact integer ("289 việc", "6,683,476,000 VND") is itself. Anything else is the union of its
    rounding and truncation readings, [x - u/2, x + u): reports truncate as often as they round
    (16.996 prints as 16.99 in seed 001). Hedges bound it: "hơn 410 nghìn" is [410k, 411k),
    "gần 622.000" is (621,999, 622,000], "khoảng" is +/- one unit.
    """
    x, u = printed_value, step
    if qualifier == "over":
        return (x, x + u)
    if qualifier == "under":
        return (x - u, x)
    if qualifier == "about":
        return (x - u, x + u)
    if exact:
        return (x, x)
    return (x - u / 2, x + u)


_FORMULA_TOKEN = re.compile(r"\s*(?:(#[A-Za-z]\w*)|(\d+(?:\.\d+)?)|([-+*/()]))")


def _tokenize_formula(formula: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    formula = formula.strip()
    while pos < len(formula):
        m = _FORMULA_TOKEN.match(formula, pos)
        if not m or m.end() == pos:
            raise ValueError(f"cannot read formula {formula!r} at {formula[pos:]!r}")
        pos = m.end()
        if m.group(1):
            tokens.append(("label", m.group(1)[1:]))
        elif m.group(2):
            tokens.append(("number", m.group(2)))
        else:
            tokens.append(("op", m.group(3)))
    return tokens


def evaluate(tokens: list[tuple[str, str]], values: dict[str, float]) -> float:
    """Evaluate a tokenized formula with the labels bound to ``values`` (no eval())."""
    pos = 0

    def expr() -> float:
        nonlocal pos
        acc = term()
        while pos < len(tokens) and tokens[pos] in (("op", "+"), ("op", "-")):
            op = tokens[pos][1]
            pos += 1
            acc = acc + term() if op == "+" else acc - term()
        return acc

    def term() -> float:
        nonlocal pos
        acc = factor()
        while pos < len(tokens) and tokens[pos] in (("op", "*"), ("op", "/")):
            op = tokens[pos][1]
            pos += 1
            acc = acc * factor() if op == "*" else acc / factor()
        return acc

    def factor() -> float:
        nonlocal pos
        kind, tok = tokens[pos]
        pos += 1
        if kind == "number":
            return float(tok)
        if kind == "label":
            return values[tok]
        if tok == "(":
            inner = expr()
            if tokens[pos] != ("op", ")"):
                raise ValueError("unbalanced parenthesis")
            pos += 1
            return inner
        if tok == "-":
            return -factor()
        raise ValueError(f"unexpected {tok!r}")

    result = expr()
    if pos != len(tokens):
        raise ValueError("trailing tokens in formula")
    return result


def interval_of(tokens, bounds: dict[str, tuple[float, float]]) -> tuple[float, float]:
    """Push operand intervals through the formula by trying every corner.

    THADS formulas are sums, differences and ratios of positive figures, monotone in each operand,
    so the extremes sit at corners ("a ratio spans a_lo/b_hi to a_hi/b_lo", checking.md §3).
    """
    labels = sorted(bounds)
    results = []
    for corner in itertools.product(*(bounds[label] for label in labels)):
        results.append(evaluate(tokens, dict(zip(labels, corner))))
    return min(results), max(results)


def judge(stated: Printed, stated_qualifier: str, low: float, high: float) -> str:
    """``consistent`` when the stated number's own interval meets the recomputed interval."""
    s_low, s_high = interval(float(stated.value), float(stated.step), stated.exact, stated_qualifier)
    tolerance = 1e-9 * max(1.0, abs(s_low), abs(high))
    if stated.exact and stated_qualifier == "exact":
        return "consistent" if low - tolerance <= s_low <= high + tolerance else "inconsistent"
    return "consistent" if low < s_high + tolerance and high >= s_low - tolerance else "inconsistent"


def rounding_needed(stated: Printed, recomputed: float) -> str:
    """Which reading of the stated number the point recomputation fits: exact, half_up or truncate."""
    s, u = stated.value, stated.step
    r = Decimal(repr(recomputed))
    if r == s:
        return "exact"
    if abs(r - s) <= u / 2:
        return "half_up"
    if s <= r < s + u:
        return "truncate"
    return "interval"


# --------------------------------------------------------------------------- documents


@dataclass
class Span:
    start: int
    end: int
    text: str
    markup: str


@dataclass
class Quantity(Span):
    role: str = "other"
    kind: str = "count"
    value: float = 0.0
    unit: str = "case"
    qualifier: str = "exact"
    change: str | None = None
    period: str | None = None
    jurisdiction: str | None = None
    label: str | None = None
    printed: Printed | None = None
    group: int | None = None
    group_kind: str | None = None


@dataclass
class Directive(Span):
    type: str = "other"
    number: str = ""
    date: str | None = None


@dataclass
class Claim:
    label: str
    formula: str | None
    verdict: str
    rule: str
    note: str
    line: int


@dataclass
class AnnotatedDocument:
    name: str
    lang: str
    period: str
    jurisdiction: str
    genre: str
    text: str
    quantities: list[Quantity] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    others: list[Span] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    title: str | None = None
    labels: dict[str, Quantity] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


MARKUP = re.compile(r"\[\[(?P<text>[^\[\]|]+)\|(?P<spec>[^\[\]]*)\]\]|\{\{(?P<other>[^{}]+)\}\}")
CLAIM_LINE = re.compile(
    r"^(?P<label>[A-Za-z]\w*)\s*:\s*(?P<formula>.+?)\s*=>\s*(?P<verdict>\w+)\s*"
    r"\[(?P<rule>I\d+)\]\s*(?P<note>.*)$"
)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def ascii_number(text: str) -> str:
    """Directive number as the seeds gold writes it: ASCII, Đ -> D (``62/2015/NĐ-CP`` -> ``62/2015/ND-CP``)."""
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _directive_number(text: str) -> str:
    m = re.search(r"\d[\w\-./Đđ]*(?:/[\w\-.Đđ]+)*", text)
    if not m:
        raise ValueError(f"no document number in {text!r}")
    return ascii_number(m.group().rstrip("."))


def parse_file(path: Path) -> AnnotatedDocument:
    """Parse one ``.ann`` file; raise :class:`AnnotationError` naming the problem."""
    raw = unicodedata.normalize("NFC", Path(path).read_text(encoding="utf-8"))
    name = Path(path).stem
    try:
        return _parse(name, raw)
    except AnnotationError:
        raise
    except (ValueError, KeyError, IndexError) as exc:
        raise AnnotationError(f"{path}: {exc}") from exc


def _parse(name: str, raw: str) -> AnnotatedDocument:
    head, sep, rest = raw.partition("\n---\n")
    if not sep:
        raise AnnotationError(f"{name}: missing the '---' line after the header")
    header = {}
    for line in head.splitlines():
        if not line.strip():
            continue
        m = re.match(r"^@(\w+)\s+(.+)$", line)
        if not m:
            raise AnnotationError(f"{name}: bad header line {line!r}")
        header[m.group(1)] = m.group(2).strip()
    for key in ("lang", "period", "jurisdiction", "genre"):
        if key not in header:
            raise AnnotationError(f"{name}: header lacks @{key}")
    lang = header["lang"]
    if lang not in LANGUAGES or not name.startswith(lang + "_"):
        raise AnnotationError(f"{name}: language {lang!r} must be one of {LANGUAGES} and prefix the name")
    if header["genre"] not in GENRES:
        raise AnnotationError(f"{name}: genre {header['genre']!r} not in {GENRES}")
    body, sep, claims_block = rest.partition("\n=== claims\n")
    body = body.strip("\n") + "\n"
    doc = AnnotatedDocument(name=name, lang=lang, period=header["period"],
                            jurisdiction=header["jurisdiction"], genre=header["genre"], text="",
                            title=header.get("title"))
    out, pos = [], 0
    labels: dict[str, Quantity] = {}
    for m in MARKUP.finditer(body):
        out.append(body[pos:m.start()])
        pos = m.end()
        start = sum(len(piece) for piece in out)
        if m.group("other") is not None:
            text = m.group("other")
            out.append(text)
            doc.others.append(Span(start, start + len(text), text, m.group()))
            continue
        text, spec = m.group("text"), m.group("spec").split()
        out.append(text)
        if text != text.strip():
            raise AnnotationError(f"{name}: span text has outer spaces in {m.group()!r}")
        if not spec:
            raise AnnotationError(f"{name}: empty spec in {m.group()!r}")
        try:
            if spec[0].startswith("dir:"):
                doc.directives.append(_directive(text, spec, start, m.group()))
            else:
                q = _quantity(text, spec, start, m.group(), doc)
                if q.label:
                    if q.label in labels:
                        raise ValueError(f"label #{q.label} used twice")
                    labels[q.label] = q
                doc.quantities.append(q)
        except (ValueError, KeyError) as exc:
            raise AnnotationError(f"{name}: {m.group()!r}: {exc}") from exc
    out.append(body[pos:])
    doc.text = "".join(out)
    if "[[" in doc.text or "]]" in doc.text or "{{" in doc.text or "}}" in doc.text:
        raise AnnotationError(f"{name}: unbalanced markup left in the text")
    for lineno, line in enumerate(claims_block.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        m = CLAIM_LINE.match(line.strip())
        if not m:
            raise AnnotationError(f"{name}: bad claim line {line!r}")
        formula = m.group("formula").strip()
        claim = Claim(m.group("label"), None if formula == "?" else formula, m.group("verdict"),
                      m.group("rule"), m.group("note").strip(), lineno)
        if claim.verdict not in VERDICTS or claim.rule not in RULES:
            raise AnnotationError(f"{name}: verdict or rule unknown in {line!r}")
        if claim.label not in labels:
            raise AnnotationError(f"{name}: claim on undefined label #{claim.label}")
        if (claim.formula is None) != (claim.verdict == "unverifiable"):
            raise AnnotationError(f"{name}: only unverifiable claims go without a formula: {line!r}")
        if not claim.note:
            raise AnnotationError(f"{name}: claim #{claim.label} needs a note")
        doc.claims.append(claim)
    doc.labels = labels
    _validate(doc)
    for claim in doc.claims:
        check_claim(doc, claim)
    return doc


def _quantity(text: str, spec: list[str], start: int, markup: str, doc: AnnotatedDocument) -> Quantity:
    role = spec[0]
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    q = Quantity(start, start + len(text), text, markup, role=role, period=doc.period,
                 jurisdiction=doc.jurisdiction)
    kind = None
    points = role in POINT_ROLES
    explicit_value = None
    for opt in spec[1:]:
        if opt.startswith("#"):
            q.label = opt[1:]
        elif opt in QUALIFIER_MARKS:
            q.qualifier = QUALIFIER_MARKS[opt]
        elif opt in CHANGE_MARKS:
            q.change = CHANGE_MARKS[opt]
        elif opt == "pp":
            points = True
        elif opt.startswith("k="):
            kind = KIND_NAMES[opt[2:]]
        elif opt.startswith("v="):
            explicit_value = Decimal(opt[2:])
        elif opt.startswith("p="):
            q.period = opt[2:]
        elif opt.startswith("j="):
            q.jurisdiction = opt[2:].replace("_", " ")
        elif opt.startswith(("pair=", "range=")):
            # "41 việc/8,35 tỉ đồng" is a pair, "3 à 8 millions" a range: members share an id
            q.group_kind, _, number = opt.partition("=")
            q.group = int(number)
        else:
            raise ValueError(f"unknown option {opt!r}")
    printed = parse_printed(text, doc.lang, kind, points)
    if explicit_value is not None and explicit_value != printed.value:
        # The first member of a range shares its partner's scale: in "entre 3 et 8 millions de
        # VND" the "3" is 3 million. Only a bare numeral may be scaled this way, by 10^3k.
        ratio = explicit_value / printed.value if printed.value else Decimal(0)
        bare = printed.step == 1 and re.fullmatch(r"[\d\s.,]+", text)
        if not (bare and ratio in (Decimal(10) ** 3, Decimal(10) ** 6, Decimal(10) ** 9, Decimal(10) ** 12)):
            raise ValueError(f"v={explicit_value} disagrees with the printed value {printed.value}")
        printed = Printed(kind or printed.kind, explicit_value, printed.step * ratio,
                          "VND" if (kind or printed.kind) == "money" else printed.unit, False)
    if role in ("change_abs", "change_pct", "change_pp") and q.change is None:
        raise ValueError("a change needs its direction, + or -")
    if role in POINT_ROLES and printed.unit != "percentage_point":
        raise ValueError("a gap must be in percentage points")
    q.kind, q.unit, q.printed = printed.kind, printed.unit, printed
    q.value = float(printed.value)
    return q


def _directive(text: str, spec: list[str], start: int, markup: str) -> Directive:
    dtype = spec[0][4:]
    if dtype not in DIRECTIVE_TYPES:
        raise ValueError(f"unknown directive type {dtype!r}")
    d = Directive(start, start + len(text), text, markup, type=dtype)
    for opt in spec[1:]:
        if opt.startswith("n="):
            d.number = opt[2:]
        elif opt.startswith("d="):
            if not DATE.match(opt[2:]):
                raise ValueError(f"date must be ISO: {opt!r}")
            d.date = opt[2:]
        else:
            raise ValueError(f"unknown directive option {opt!r}")
    if not d.number:
        d.number = _directive_number(text)
    return d


def _validate(doc: AnnotatedDocument) -> None:
    """Corpus-wide invariants: every digit is accounted for, every rate has a claim."""
    covered = [False] * len(doc.text)
    for span in [*doc.quantities, *doc.directives, *doc.others]:
        for i in range(span.start, span.end):
            covered[i] = True
        if doc.text[span.start:span.end] != span.text:
            raise AnnotationError(f"{doc.name}: offsets drifted for {span.markup!r}")
    # Section numbers ("1. Kết quả về việc") are list markers, which the seeds gold leaves out.
    for m in re.finditer(r"(?m)^\d{1,2}[.)] ", doc.text):
        for i in range(m.start(), m.end()):
            covered[i] = True
    for i, ch in enumerate(doc.text):
        if ch.isdigit() and not covered[i]:
            context = doc.text[max(0, i - 30):i + 30].replace("\n", " ")
            raise AnnotationError(f"{doc.name}: digit at {i} belongs to no annotation: ...{context}...")
    claimed = {c.label for c in doc.claims}
    groups: dict[int, list[Quantity]] = {}
    for q in doc.quantities:
        if q.group is not None:
            groups.setdefault(q.group, []).append(q)
    for number, members in groups.items():
        if len(members) < 2 or len({m.group_kind for m in members}) != 1:
            raise AnnotationError(f"{doc.name}: group {number} needs two members of one kind")
    for q in doc.quantities:
        if q.role in CLAIM_ROLES and q.label not in claimed:
            raise AnnotationError(f"{doc.name}: {q.markup!r} is a {q.role} and needs a claim")
    words = len(re.findall(r"\w+", doc.text))
    if not 150 <= words <= 600:
        raise AnnotationError(f"{doc.name}: {words} words; a document has 150 to 600")


@dataclass(frozen=True)
class CheckedClaim:
    claim: Claim
    stated: Quantity
    operands: tuple[Quantity, ...]
    formula_values: str | None
    recomputed: float | None
    low: float | None
    high: float | None
    rounding: str | None


def check_claim(doc: AnnotatedDocument, claim: Claim) -> CheckedClaim:
    """Recompute a claim and compare the arithmetic verdict with the recorded one."""
    stated = doc.labels[claim.label]
    if claim.formula is None:
        return CheckedClaim(claim, stated, (), None, None, None, None, None)
    tokens = _tokenize_formula(claim.formula)
    used = [tok for kind, tok in tokens if kind == "label"]
    missing = [label for label in used if label not in doc.labels]
    if missing:
        raise AnnotationError(f"{doc.name}: claim #{claim.label} uses undefined {missing}")
    operands = tuple(doc.labels[label] for label in dict.fromkeys(used))
    if stated in operands:
        raise AnnotationError(f"{doc.name}: claim #{claim.label} uses itself as an operand")
    values = {o.label: o.value for o in operands}
    bounds = {o.label: interval(o.value, float(o.printed.step), o.printed.exact, o.qualifier)
              for o in operands}
    recomputed = evaluate(tokens, values)
    low, high = interval_of(tokens, bounds)
    verdict = judge(stated.printed, stated.qualifier, low, high)
    if verdict != claim.verdict:
        raise AnnotationError(
            f"{doc.name}: claim #{claim.label} ({claim.formula}) recomputes to {recomputed:.4f} "
            f"in [{low:.4f}, {high:.4f}] against stated {stated.text!r}: {verdict}, "
            f"but the annotation says {claim.verdict}")
    formula_values = claim.formula
    for o in operands:
        formula_values = re.sub(rf"#{o.label}\b", _plain(o.value), formula_values)
    formula_values = formula_values.replace(" ", "")
    return CheckedClaim(claim, stated, operands, formula_values, recomputed, low, high,
                        rounding_needed(stated.printed, recomputed))


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def round4(x: float) -> float:
    return float(f"{x:.4f}") if math.isfinite(x) else x
