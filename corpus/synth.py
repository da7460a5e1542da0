"""Synthetic THADS reports in vi/en/fr, consistent by construction, with gold labels and
optional injected errors.

Each report has three paragraphs: cases (total = carried over + new, deductions, enforceable
split, completion rate against a target, carried to next period), money (the same chain in
đồng, printed either in full or with a scale word, plus the change of the money rate in
points) and a summary that restates the completed count and amount as a slash pair in the
other money style. The numbers are drawn first and the text printed from them, so every
claim holds as intervals: a rate is printed from the exact counts, rounded half up or
truncated at random (reports do both: seed 001 prints 43/253 = 16.996 as 16.99).

Errors are the ones real reports show: ``digit_swap``, ``last_digit`` (off beyond the
rounding slack), ``points_percent`` (the relative change printed where points are due),
``wrong_denominator`` (completed ÷ to be enforced instead of ÷ enforceable), ``dropped_part``
(a total missing one of its parts) and ``shifted_scale`` (tỷ printed as triệu). Each injection
is kept only when this module's own interval arithmetic shows the claim no longer fits, so
the labels do not depend on the checker they are used to test.

    >>> reports = generate_reports(3, seed=1, error_rate=1.0)
    >>> [r.lang for r in reports]
    ['vi', 'en', 'fr']
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from recount.pipeline.records import Figure

ERROR_TYPES = ("digit_swap", "last_digit", "points_percent", "wrong_denominator", "dropped_part", "shifted_scale")
LANGS = ("vi", "en", "fr")

PLACES = {
    "vi": ("tỉnh Nghệ An", "tỉnh Lâm Đồng", "thành phố Đà Nẵng", "tỉnh Thanh Hóa", "tỉnh Gia Lai", "tỉnh Bình Định"),
    "en": ("Nghe An province", "Lam Dong province", "Da Nang city", "Thanh Hoa province", "Gia Lai province"),
    "fr": ("la province de Nghe An", "la province de Lam Dong", "la ville de Da Nang", "la province de Gia Lai"),
}
#: scale words by language: (word, factor, decimals printed)
SCALE_WORDS = {
    "vi": (("tỷ", 10**9, 2), ("triệu", 10**6, 0)),
    "en": (("billion", 10**9, 2), ("million", 10**6, 0)),
    "fr": (("milliards", 10**9, 2), ("millions", 10**6, 0)),
}
SHIFTED_SCALE = {"tỷ": ("triệu", 10**6), "billion": ("million", 10**6), "milliards": ("millions", 10**6),
                 "triệu": ("tỷ", 10**9), "million": ("billion", 10**9), "millions": ("milliards", 10**9)}


# ---------------------------------------------------------------- records
@dataclass
class Slot:
    """One printed number of a report, before the text is assembled."""

    key: str
    surface: str
    kind: str
    value: Fraction  # the printed value, in base units
    step: Fraction | None  # None: exact whole count
    decimals: int
    role: str
    unit: str
    change: str | None = None
    group: int | None = None
    scale: str | None = None
    number: str = ""  # the digits as printed, without unit words
    lead: str = ""  # text before the number inside the surface ("VND ")
    tail: str = ""  # text after the number inside the surface (" việc", "%")


@dataclass(frozen=True, slots=True)
class SynthClaim:
    """A gold claim: the stated figure, the rule and operands that check it, the verdict."""

    key: str
    text: str
    start: int
    end: int
    stated: float
    rule: str
    identity: str | None
    operands: tuple[str, ...]
    verdict: str = "consistent"
    error: str | None = None


@dataclass(frozen=True, slots=True)
class SynthReport:
    name: str
    lang: str
    text: str
    figures: tuple[Figure, ...]
    claims: tuple[SynthClaim, ...]
    errors: tuple[dict, ...] = ()
    slots: dict = field(default_factory=dict, repr=False, compare=False)

    def affected_keys(self) -> set[str]:
        """Slots changed by an injected error."""
        return {e["slot"] for e in self.errors}


# ---------------------------------------------------------------- number printing
def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def print_number(value: Fraction, decimals: int, lang: str) -> str:
    """A number the way a report in ``lang`` prints it: 1.275,5 (vi), 1,275.5 (en), 1 275,5 (fr)."""
    thousands, point = {"vi": (".", ","), "en": (",", "."), "fr": ("\u00a0", ",")}[lang]
    with localcontext() as ctx:
        ctx.prec = 50
        d = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal(1).scaleb(-decimals))
    sign = "-" if d < 0 else ""
    whole, _, frac = f"{abs(d):f}".partition(".")
    text = sign + _group(whole, thousands)
    return f"{text}{point}{frac}" if decimals else text


def printed(value: Fraction, decimals: int, mode: str) -> Fraction:
    """``value`` rounded half up or truncated to ``decimals``."""
    with localcontext() as ctx:
        ctx.prec = 50
        d = Decimal(value.numerator) / Decimal(value.denominator)
        q = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP if mode == "half_up" else ROUND_DOWN)
    return Fraction(q)


def _percent_tail(lang: str, points: bool) -> str:
    if points:
        return {"vi": " điểm phần trăm", "en": " percentage points", "fr": " points de pourcentage"}[lang]
    return " %" if lang == "fr" else "%"


# ---------------------------------------------------------------- builder
class _Builder:
    def __init__(self, lang: str, rng: random.Random):
        self.lang = lang
        self.rng = rng
        self.slots: dict[str, Slot] = {}
        self.pieces: list[str | tuple[str]] = []
        self.claims: list[dict] = []
        self.groups = 0

    def text(self, s: str) -> None:
        self.pieces.append(s)

    def put(self, key: str) -> None:
        self.pieces.append((key,))

    def count(self, key: str, n: int, role: str, noun: bool = True, change: str | None = None) -> str:
        unit = {"vi": " việc", "en": " cases", "fr": " dossiers"}[self.lang] if noun else ""
        number = print_number(Fraction(n), 0, self.lang)
        self.slots[key] = Slot(key, number + unit, "count", Fraction(n), None, 0, role, "case", change,
                               number=number, tail=unit)
        return key

    def percent(self, key: str, value: Fraction, role: str, decimals: int = 2, points: bool = False) -> str:
        number = print_number(value, decimals, self.lang)
        tail = _percent_tail(self.lang, points)
        self.slots[key] = Slot(key, number + tail, "percent", value, Fraction(1, 10 ** decimals), decimals, role,
                               "percentage_point" if points else "percent", number=number, tail=tail)
        return key

    def money(self, key: str, amount: int, role: str, style: tuple[str, int, int] | None, mode: str,
              change: str | None = None) -> str:
        """``style`` None prints the amount in full đồng; else (scale word, factor, decimals)."""
        lang = self.lang
        if style is None:
            value, step, decimals, scale = Fraction(amount), None, 0, None
            number = print_number(value, 0, lang)
            lead, tail = ("VND ", "") if lang == "en" else ("", " đồng" if lang == "vi" else " VND")
        else:
            word, factor, decimals = style
            shown = printed(Fraction(amount, factor), decimals, mode)
            value, step, scale = shown * factor, Fraction(factor, 10 ** decimals), word
            number = print_number(shown, decimals, lang)
            lead, tail = {"vi": ("", f" {word} đồng"), "en": ("VND ", f" {word}"), "fr": ("", f" {word} de VND")}[lang]
        self.slots[key] = Slot(key, lead + number + tail, "money", value, step, decimals, role, "VND", change,
                               scale=scale, number=number, lead=lead, tail=tail)
        return key

    def claim(self, key: str, rule: str, identity: str | None, operands: tuple[str, ...]) -> None:
        self.claims.append({"key": key, "rule": rule, "identity": identity, "operands": operands})

    def pair(self, *keys: str) -> None:
        self.groups += 1
        for k in keys:
            self.slots[k].group = self.groups


# ---------------------------------------------------------------- drawing the numbers
@dataclass
class _Numbers:
    year: int
    place: str
    c: int
    n: int
    delta: int
    up: bool
    e: int
    w: int
    k: int
    x: int
    target: Fraction
    cm: int
    nm: int
    em: int
    km_share: float
    xm_share: float
    pp: Fraction
    mode_cases: str
    mode_money: str


def _draw(rng: random.Random, lang: str) -> _Numbers:
    c = rng.randint(40, 30000)
    n = rng.randint(120, 60000)
    delta = rng.randint(1, max(2, n // 4))
    t = c + n
    e = rng.randint(1, max(2, t // 40))
    w = rng.randint(1, max(2, t // 150))
    p = t - e - w
    k = int(p * rng.uniform(0.55, 0.9))
    x = int(k * rng.uniform(0.4, 0.96))
    target = Fraction(rng.choice((7500, 8000, 8150, 8250, 8325, 8355, 8390, 8400, 8450)), 100)
    cm = rng.randint(10**6, 4 * 10**9) * 1000
    nm = rng.randint(10**6, 6 * 10**9) * 1000
    em = rng.randint(1, max(2, (cm + nm) // 10**6 // 30)) * 10**6
    return _Numbers(
        year=rng.randint(2018, 2025), place=rng.choice(PLACES[lang]), c=c, n=n, delta=delta, up=rng.random() < 0.7,
        e=e, w=w, k=k, x=x, target=target, cm=cm, nm=nm, em=em, km_share=rng.uniform(0.3, 0.7),
        xm_share=rng.uniform(0.25, 0.8), pp=Fraction(rng.randint(50, 999), 100),
        mode_cases=rng.choice(("half_up", "truncate")), mode_money=rng.choice(("half_up", "truncate")),
    )


# ---------------------------------------------------------------- templates
_CASES_VI = (
    "Năm {Y}, tổng số việc phải giải quyết của {P} là {T}, trong đó số cũ chuyển sang {C}, thụ lý mới {N}, "
    "{DIR} {D} ({PCT}) so với năm {Y1}. Sau khi trừ {E} ủy thác và {W} thu hồi, hủy quyết định, tổng số phải thi "
    "hành là {TE}, trong đó có điều kiện thi hành {K}, chưa có điều kiện {NK}. Đã thi hành xong {X}, đạt tỷ lệ "
    "{R}, {GAPDIR} {G} so với chỉ tiêu được giao ({TG}). Số việc chuyển kỳ sau là {CN}.",
    "Tổng số thụ lý năm {Y} của {P} là {T}, gồm {C} năm trước chuyển sang và {N} thụ lý mới; so với năm {Y1}, "
    "số thụ lý mới {DIR} {D}, tương đương {PCT}. Số phải thi hành là {TE} sau khi trừ {E} ủy thác, {W} thu hồi, "
    "hủy quyết định. Trong số {K} có điều kiện thi hành (chưa có điều kiện {NK}), đã thi hành xong {X}, đạt {R}. "
    "Như vậy, tỷ lệ {GAPDIR} {G} so với chỉ tiêu được giao là {TG}. Chuyển kỳ sau {CN}.",
)
_CASES_EN = (
    "In {Y}, the total number of cases to be resolved was {T}, including {C} carried over from the previous year "
    "and {N} newly received, {DIR} {D} ({PCT}) compared with {Y1}. After deducting {E} entrusted to other agencies "
    "and {W} withdrawn, {TE} were to be enforced, of which {K} were enforceable and {NK} were not yet enforceable. "
    "{X} were completed, a completion rate of {R}, {GAPDIR} the target of {TG} by {G}. "
    "{CN} were carried over to the next period.",
    "Of the {T} handled in {Y}, {C} were brought forward and {N} were new; new cases were {DIR2} {D} on {Y1}, "
    "or {PCT}. Once {E} entrusted elsewhere and {W} withdrawn were deducted, {TE} remained to be enforced: {K} "
    "enforceable and {NK} not yet enforceable. Agencies completed {X}, or {R} of enforceable cases. Against a "
    "target of {TG}, the rate was {G} {GAPDIR2}. Some {CN} move on to {Y2}.",
)
_CASES_FR = (
    "En {Y}, le nombre total de dossiers à traiter s'élève à {T}, dont {C} reportés de l'année précédente et {N} "
    "nouveaux dossiers, {DIR} {D} ({PCT}) par rapport à {Y1}. Après déduction de {E} confiés à d'autres agences et de "
    "{W} retirés, {TE} restent à exécuter, dont {K} exécutables et {NK} non exécutables. {X} ont été menés à terme, "
    "soit un taux de {R}, {GAPDIR} {G} l'objectif fixé ({TG}). Le nombre de dossiers reportés sur la période "
    "suivante s'élève à {CN}.",
    "Sur les {T} reçus en {Y}, {C} étaient reportés de l'année précédente et {N} nouveaux ; les nouveaux dossiers "
    "sont {DIR} {D} par rapport à {Y1}, soit {PCT}. Après déduction de {E} confiés et de {W} retirés, {TE} "
    "restaient à exécuter, dont {K} exécutables et {NK} non encore exécutables. Les organes ont achevé {X}, soit "
    "{R} des dossiers exécutables. L'objectif étant de {TG}, l'écart est de {G}. Le nombre de dossiers reportés "
    "sur {Y2} est de {CN}.",
)
_MONEY_VI = (
    "Về tiền, tổng số tiền phải giải quyết là {TM}, trong đó số cũ chuyển sang {CM}, thụ lý mới {NM}. Sau khi trừ "
    "{EM} ủy thác, tổng số tiền phải thi hành là {TEM}, trong đó có điều kiện thi hành {KM}. Đã thi hành xong {XM}, "
    "đạt tỷ lệ {RM}, {PPDIR} {PP} so với năm {Y1} ({PR}).",
)
_MONEY_EN = (
    "In money terms, the total amount to be resolved was {TM}, of which {CM} was carried over from the previous "
    "year and {NM} was newly received. After deducting {EM} entrusted to other agencies, the amount to be enforced "
    "was {TEM}, of which {KM} was enforceable. {XM} was completed, a rate of {RM}, {PPDIR} {PP} from {Y1} ({PR}).",
)
_MONEY_FR = (
    "En valeur, le montant total à traiter s'élève à {TM}, dont {CM} reportés de l'année précédente et {NM} de "
    "nouveaux montants. Après déduction de {EM} confiés à d'autres agences, le montant à exécuter est de {TEM}, dont "
    "{KM} exécutables. {XM} ont été exécutés intégralement, soit un taux de {RM}, {PPDIR} {PP} par rapport à {Y1} "
    "({PR}).",
)
_SUMMARY = {
    "vi": "Tính chung, {P} đã thi hành xong {XS}/{XMS}.",
    "en": "Overall, {P} completed {XS}/{XMS}.",
    "fr": "Au total, {P} a mené à terme {XS}/{XMS}.",
}
_WORDS = {
    "vi": {"up": "tăng", "down": "giảm", "over": "vượt", "under": "thấp hơn"},
    "en": {"up": "an increase of", "down": "a decrease of", "over": "exceeding", "under": "falling short of",
           "pp_up": "up", "pp_down": "down", "up2": "up", "down2": "down", "over2": "above", "under2": "below"},
    "fr": {"up": "en hausse de", "down": "en baisse de", "over": "dépassant de", "under": "inférieur de"},
}


def _fill(builder: _Builder, template: str, slots: dict[str, str], words: dict[str, str]) -> None:
    """Split a template into text pieces and slot references."""
    import re

    pos = 0
    for m in re.finditer(r"\{(\w+)\}", template):
        builder.text(template[pos:m.start()])
        name = m.group(1)
        if name in slots:
            builder.put(slots[name])
        else:
            builder.text(words[name])
        pos = m.end()
    builder.text(template[pos:])


def _build(rng: random.Random, lang: str) -> _Builder:
    b = _Builder(lang, rng)
    v = _draw(rng, lang)
    words = _WORDS[lang]
    t, p = v.c + v.n, v.c + v.n - v.e - v.w
    b.count("T", t, "received_total")
    b.count("C", v.c, "carried_over")
    b.count("N", v.n, "new", noun=lang != "fr")  # "20 192 nouveaux dossiers"
    b.count("D", v.delta, "change_abs", change="increase" if v.up else "decrease")
    base = v.n - v.delta if v.up else v.n + v.delta
    b.percent("PCT", printed(Fraction(v.delta * 100, base), 2, v.mode_cases), "change_pct")
    b.count("E", v.e, "entrusted")
    b.count("W", v.w, "withdrawn")
    b.count("TE", p, "to_enforce")
    b.count("K", v.k, "enforceable")
    b.count("NK", p - v.k, "not_enforceable")
    b.count("X", v.x, "completed")
    rate = printed(Fraction(v.x * 100, v.k), 2, v.mode_cases)
    if rate == v.target:
        rate_target = v.target + Fraction(1, 4)
    else:
        rate_target = v.target
    b.percent("R", rate, "completion_rate")
    b.percent("TG", rate_target, "target")
    b.percent("G", abs(rate - rate_target), "target_gap", points=rng.random() < 0.5)
    b.count("CN", p - v.x, "carried_next")
    b.claim("T", "sum", "I1", ("C", "N"))
    b.claim("PCT", "change_pct", "I8", ("D", "N"))
    b.claim("TE", "difference", "I2", ("T", "E", "W"))
    b.claim("TE", "sum", "I3", ("K", "NK"))
    b.claim("R", "ratio", "I5", ("X", "K"))
    b.claim("G", "target_gap", "I10", ("R", "TG"))
    b.claim("CN", "difference", "I6", ("TE", "X"))
    cases_words = dict(words, Y=str(v.year), Y1=str(v.year - 1), Y2=str(v.year + 1), P=v.place,
                       DIR=words["up"] if v.up else words["down"],
                       DIR2=words.get("up2", "") if v.up else words.get("down2", ""),
                       GAPDIR=words["over"] if rate > rate_target else words["under"],
                       GAPDIR2=words.get("over2", "") if rate > rate_target else words.get("under2", ""))
    template = rng.choice({"vi": _CASES_VI, "en": _CASES_EN, "fr": _CASES_FR}[lang])
    keys = {k: k for k in ("T", "C", "N", "D", "PCT", "E", "W", "TE", "K", "NK", "X", "R", "G", "TG", "CN")}
    _fill(b, template, keys, cases_words)
    b.text("\n\n")

    # money: the same chain in đồng, in full or with a scale word
    style = None if rng.random() < 0.4 else rng.choice(SCALE_WORDS[lang][:1] * 3 + SCALE_WORDS[lang][1:])
    tm = v.cm + v.nm
    tem = tm - v.em
    km = int(tem * v.km_share) // 1000 * 1000
    xm = int(km * v.xm_share) // 1000 * 1000
    mode = v.mode_money
    b.money("TM", tm, "received_total", style, mode)
    b.money("CM", v.cm, "carried_over", style, mode)
    b.money("NM", v.nm, "new", style, mode)
    b.money("EM", v.em, "entrusted", style, mode)
    b.money("TEM", tem, "to_enforce", style, mode)
    b.money("KM", km, "enforceable", style, mode)
    b.money("XM", xm, "completed", style, mode)
    rate_m = printed(Fraction(xm * 100, km), 2, mode)
    up = rng.random() < 0.7
    previous_rate = rate_m - v.pp if up else rate_m + v.pp
    b.percent("RM", rate_m, "completion_rate")
    b.percent("PP", v.pp, "change_pp", points=True)
    b.percent("PR", previous_rate, "completion_rate")
    b.claim("TM", "sum", "I1", ("CM", "NM"))
    b.claim("TEM", "difference", "I2", ("TM", "EM"))
    b.claim("RM", "ratio", "I5", ("XM", "KM"))
    b.claim("PP", "change_pp", "I9", ("RM", "PR"))
    money_words = dict(words, Y1=str(v.year - 1),
                       PPDIR=(words.get("pp_up", words["up"]) if up else words.get("pp_down", words["down"])))
    template = {"vi": _MONEY_VI, "en": _MONEY_EN, "fr": _MONEY_FR}[lang][0]
    _fill(b, template, {k: k for k in ("TM", "CM", "NM", "EM", "TEM", "KM", "XM", "RM", "PP", "PR")}, money_words)
    b.text("\n\n")

    # summary: the completed count and amount as a slash pair, the amount in the other style
    other = SCALE_WORDS[lang][0] if style is None else None
    b.count("XS", v.x, "completed")
    b.money("XMS", xm, "completed", other, rng.choice(("half_up", "truncate")))
    b.pair("XS", "XMS")
    b.claim("XMS", "restatement", None, ("XM",))
    _fill(b, _SUMMARY[lang], {"XS": "XS", "XMS": "XMS"}, dict(words, P=v.place))
    b.text("\n")
    return b


# ---------------------------------------------------------------- interval arithmetic for the labels
def _interval(slot: Slot) -> tuple[Fraction, Fraction]:
    if slot.step is None:
        return slot.value, slot.value
    if slot.role == "target":
        return slot.value, slot.value
    return slot.value - slot.step / 2, slot.value + slot.step


def _div(a, b):
    q = [x / y for x in a for y in b]
    return min(q), max(q)


def reach(claim: dict, slots: dict[str, Slot]) -> tuple[Fraction, Fraction]:
    """The interval a claim's operands allow for the stated value (checking.md's tolerance rule)."""
    ops = [_interval(slots[k]) for k in claim["operands"]]
    rule = claim["rule"]
    stated = slots[claim["key"]]
    if rule == "sum":
        return sum(o[0] for o in ops), sum(o[1] for o in ops)
    if rule == "difference":
        return ops[0][0] - sum(o[1] for o in ops[1:]), ops[0][1] - sum(o[0] for o in ops[1:])
    if rule == "ratio":
        lo, hi = _div(ops[0], ops[1])
        return lo * 100, hi * 100
    if rule == "change_pct":
        (d_lo, d_hi), (b_lo, b_hi) = ops
        change = slots[claim["operands"][0]].change
        prev = (b_lo - d_hi, b_hi - d_lo) if change == "increase" else (b_lo + d_lo, b_hi + d_hi)
        lo, hi = _div((d_lo, d_hi), prev)
        return lo * 100, hi * 100
    if rule in ("target_gap", "change_pp"):
        (r_lo, r_hi), (t_lo, t_hi) = ops
        lo, hi = r_lo - t_hi, r_hi - t_lo
        if slots[claim["operands"][0]].value < slots[claim["operands"][1]].value:
            lo, hi = -hi, -lo
        return lo, hi
    if rule == "restatement":
        return ops[0]
    raise ValueError(rule)


def fits(slot: Slot, low: Fraction, high: Fraction) -> bool:
    """Whether a printed number (read as rounded or truncated) meets ``[low, high]``."""
    if slot.step is None:
        return low <= slot.value <= high
    return low < slot.value + slot.step and high >= slot.value - slot.step / 2


# ---------------------------------------------------------------- error injection
def _reprint(slot: Slot, value: Fraction, lang: str, number: str | None = None) -> Slot:
    if slot.kind == "money" and slot.scale:
        factor = slot.step * 10 ** slot.decimals
        shown = number or print_number(value / factor, slot.decimals, lang)
    else:
        shown = number or print_number(value, slot.decimals, lang)
    return replace(slot, value=value, number=shown, surface=slot.lead + shown + slot.tail)


def _parse_shown(shown: str, lang: str) -> Fraction:
    thousands, point = {"vi": (".", ","), "en": (",", "."), "fr": ("\u00a0", ",")}[lang]
    return Fraction(shown.replace(thousands, "").replace(point, "."))


def _value_unit(slot: Slot) -> Fraction:
    """Base units per printed unit of the number (1 for counts, 10^9 for "8,35 tỷ")."""
    if slot.kind == "money" and slot.scale:
        return slot.step * 10 ** slot.decimals
    return Fraction(1)


def _inject(kind: str, b: _Builder, rng: random.Random) -> dict | None:
    slots, lang = b.slots, b.lang
    claims = b.claims
    options = []
    if kind in ("digit_swap", "last_digit"):
        options = [c for c in claims if c["rule"] != "restatement"]
    elif kind == "points_percent":
        # a gap or a rate change is in points (I9, I10) whether the text writes "điểm" or "%"
        options = [c for c in claims if c["rule"] in ("target_gap", "change_pp")]
    elif kind == "wrong_denominator":
        options = [c for c in claims if c["rule"] == "ratio"]
    elif kind == "dropped_part":
        options = [c for c in claims if c["rule"] == "sum"]
    elif kind == "shifted_scale":
        options = [c for c in claims if c["rule"] == "restatement" and slots[c["key"]].scale]
        options += [c for c in claims if c["rule"] == "restatement" and slots[c["operands"][0]].scale]
    rng.shuffle(options)
    for claim in options:
        key = claim["key"]
        stated = slots[key]
        candidates: list[Slot] = []
        if kind == "digit_swap":
            digits = [i for i, ch in enumerate(stated.number) if ch.isdigit()]
            pairs = [(i, j) for i, j in zip(digits, digits[1:]) if stated.number[i] != stated.number[j]]
            rng.shuffle(pairs)
            for i, j in pairs:
                chars = list(stated.number)
                chars[i], chars[j] = chars[j], chars[i]
                if chars[0] == "0" and len(chars) > 1 and chars[1].isdigit():
                    continue
                shown = "".join(chars)
                candidates.append(_reprint(stated, _parse_shown(shown, lang) * _value_unit(stated), lang, shown))
        elif kind == "last_digit":
            unit = stated.step or Fraction(1)
            for k in rng.sample([2, 3, 4, 5, 6, 7, 8, 9, -2, -3, -4, -5, -6, -7, -8, -9], 16):
                new = stated.value + k * unit
                if new > 0:
                    candidates.append(_reprint(stated, new, lang))
        elif kind == "points_percent":
            r, base = (slots[k].value for k in claim["operands"])
            relative = printed(abs(r - base) * 100 / base, 2, "half_up")
            candidates.append(_reprint(stated, relative, lang))
        elif kind == "wrong_denominator":
            num = slots[claim["operands"][0]]
            wrong = slots["TE" if num.kind == "count" else "TEM"]
            candidates.append(_reprint(stated, printed(num.value * 100 / wrong.value, stated.decimals, "half_up"), lang))
        elif kind == "dropped_part":
            parts = [slots[k] for k in claim["operands"]]
            smallest = min(parts, key=lambda s: s.value)
            new = stated.value - smallest.value
            if stated.kind == "money" and stated.scale:
                new = printed(new / _value_unit(stated), stated.decimals, "half_up") * _value_unit(stated)
            candidates.append(_reprint(stated, new, lang))
        elif kind == "shifted_scale":
            target = stated if stated.scale else slots[claim["operands"][0]]
            word, factor = SHIFTED_SCALE[target.scale]
            new_tail = target.tail.replace(target.scale, word)
            old_factor = _value_unit(target)
            value = target.value / old_factor * factor
            shifted = replace(target, value=value, scale=word, tail=new_tail, surface=target.lead + target.number + new_tail,
                              step=target.step / old_factor * factor)
            candidates.append(shifted)
        for new_slot in candidates:
            trial = dict(slots)
            trial[new_slot.key] = new_slot
            if new_slot.value == slots[new_slot.key].value and new_slot.surface == slots[new_slot.key].surface:
                continue
            if fits(trial[key], *reach(claim, trial)):
                continue  # still within rounding: not an error a checker could be asked to catch
            was = slots[new_slot.key].surface
            b.slots[new_slot.key] = new_slot
            return {"type": kind, "slot": new_slot.key, "claim": key, "rule": claim["rule"],
                    "identity": claim["identity"], "was": was, "now": new_slot.surface}
    return None


# ---------------------------------------------------------------- assembling a report
def _assemble(b: _Builder, name: str, errors: list[dict]) -> SynthReport:
    text_parts, spans = [], {}
    pos = 0
    for piece in b.pieces:
        if isinstance(piece, tuple):
            slot = b.slots[piece[0]]
            spans[slot.key] = (pos, pos + len(slot.surface))
            text_parts.append(slot.surface)
            pos += len(slot.surface)
        else:
            text_parts.append(piece)
            pos += len(piece)
    text = "".join(text_parts)
    figures = []
    for key, slot in b.slots.items():
        start, end = spans[key]
        figures.append(Figure(
            doc=name, kind=slot.kind, text=slot.surface, start=start, end=end, value=float(slot.value),
            unit=slot.unit, qualifier="exact", change=slot.change, lang=b.lang,
            step=float(slot.step) if slot.step is not None else 1.0, decimals=slot.decimals, scale=slot.scale,
            group=slot.group, group_kind="pair" if slot.group is not None else None, role=slot.role,
        ))
    figures.sort(key=lambda f: f.start)
    touched = {e["slot"] for e in errors}
    by_claim = {(e["claim"], e["rule"]): e for e in errors}
    claims = []
    for c in b.claims:
        start, end = spans[c["key"]]
        slot = b.slots[c["key"]]
        error = by_claim.get((c["key"], c["rule"]))
        involved = {c["key"], *c["operands"]} & touched
        if error:
            verdict = "inconsistent"
        elif involved:
            verdict = "inconsistent" if not fits(slot, *reach(c, b.slots)) else "consistent"
        else:
            verdict = "consistent"
        claims.append(SynthClaim(key=c["key"], text=slot.surface, start=start, end=end, stated=float(slot.value),
                                 rule=c["rule"], identity=c["identity"], operands=tuple(c["operands"]),
                                 verdict=verdict, error=error["type"] if error else None))
    claims.sort(key=lambda c: (c.start, c.rule))
    return SynthReport(name=name, lang=b.lang, text=text, figures=tuple(figures), claims=tuple(claims),
                       errors=tuple(errors), slots=dict(b.slots))


def generate_report(index: int, lang: str, seed: int = 0, error: str | None = None) -> SynthReport:
    """One report; ``error`` names the error type to inject (``None``: a consistent report)."""
    rng = random.Random(f"{seed}:{index}:{lang}")
    b = _build(rng, lang)
    errors = []
    if error:
        injected = _inject(error, b, rng)
        if injected is None:  # the type does not apply to this report: take the first that does
            for other in ERROR_TYPES:
                injected = _inject(other, b, rng)
                if injected:
                    break
        if injected:
            errors.append(injected)
    return _assemble(b, f"synth_{lang}_{seed}_{index:05d}", errors)


def generate_reports(n: int, seed: int = 0, langs: tuple[str, ...] = LANGS, error_rate: float = 0.0) -> list[SynthReport]:
    """``n`` reports cycling through ``langs``; each carries one injected error with
    probability ``error_rate``, the error types taking turns. Deterministic for a seed."""
    rng = random.Random(seed)
    reports = []
    turn = 0
    for i in range(n):
        lang = langs[i % len(langs)]
        error = None
        if rng.random() < error_rate:
            error = ERROR_TYPES[turn % len(ERROR_TYPES)]
            turn += 1
        reports.append(generate_report(i, lang, seed, error))
    return reports


def check_report_labels(report: SynthReport) -> list[str]:
    """Problems with a report's own labels (empty when the text, spans and verdicts agree)."""
    problems = []
    for f in report.figures:
        if report.text[f.start:f.end] != f.text:
            problems.append(f"span of {f.text!r} does not match the text")
    for c in report.claims:
        if c.verdict == "consistent" and not fits(report.slots[c.key], *reach(
                {"key": c.key, "rule": c.rule, "operands": c.operands}, report.slots)):
            problems.append(f"claim {c.text!r} ({c.rule}) labelled consistent but does not fit")
    return problems
