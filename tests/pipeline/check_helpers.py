"""Build Documents and Figures by hand for checker tests (no extractor involved)."""
import re

from recount.pipeline.records import Document, Figure

SCALES = {"tỷ": 1e9, "tỉ": 1e9, "triệu": 1e6, "nghìn": 1e3, "billion": 1e9, "million": 1e6, "milliards": 1e9,
          "millions": 1e6}
HEDGES = {"hơn": "over", "over": "over", "plus de": "over", "gần": "under", "nearly": "under", "près de": "under",
          "khoảng": "about", "about": "about", "environ": "about"}


def parse(surface: str, lang: str) -> tuple[float, float, int, str]:
    """(value, step, decimals, kind) of a surface like "8,35 tỉ đồng", "88.38%", "1.275 việc"."""
    number = re.search(r"\d[\d.,\u00a0 ]*\d|\d", surface).group().replace("\u00a0", "").replace(" ", "")
    if lang == "en":
        whole, _, frac = number.replace(",", "").partition(".")
    else:
        whole, _, frac = number.replace(".", "").partition(",")
    decimals = len(frac)
    value = float(f"{whole}.{frac}" if frac else whole)
    step = 10.0 ** -decimals
    kind = "percent" if "%" in surface or "điểm" in surface or "point" in surface else "count"
    for word, factor in SCALES.items():
        if re.search(rf"\b{word}\b", surface):
            value, step, kind = value * factor, step * factor, "money"
    if re.search(r"đồng|VND|USD", surface):
        kind = "money"
    return round(value, 6), step, decimals, kind


def build(text: str, *surfaces: str, lang: str = "vi", changes: dict | None = None, pairs=(), name="t",
          roles: dict | None = None, periods: dict | None = None) -> tuple[Document, list[Figure]]:
    """A Document for ``text`` and one Figure per surface (the n-th repeat of a surface is its
    n-th occurrence). ``changes`` maps a surface to increase/decrease; ``pairs`` lists surface
    pairs written "a/b"; ``roles`` and ``periods`` set ``Figure.role`` / ``Figure.period`` of a
    surface (every occurrence), as a role model or the extractor would."""
    changes, roles, periods = changes or {}, roles or {}, periods or {}
    seen: dict[str, int] = {}
    figures = []
    for s in surfaces:
        n = seen.get(s, 0)
        seen[s] = n + 1
        start = -1
        for _ in range(n + 1):
            start = text.index(s, start + 1)
        value, step, decimals, kind = parse(s, lang)
        before = text[max(0, start - 12):start].lower()
        qualifier = next((q for w, q in HEDGES.items() if before.rstrip().endswith(w)), "exact")
        unit = {"count": "case", "money": "VND", "percent": "percent"}[kind]
        group = next((i for i, p in enumerate(pairs) if s in p), None)
        figures.append(Figure(doc=name, kind=kind, text=s, start=start, end=start + len(s), value=value, unit=unit,
                              qualifier=qualifier, change=changes.get(s), lang=lang, step=step, decimals=decimals,
                              role=roles.get(s), period=periods.get(s),
                              group=group, group_kind="pair" if group is not None else None))
    figures.sort(key=lambda f: f.start)
    return Document(doc=name, text=text), figures
