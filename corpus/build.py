"""Build ``corpus/docs/*.txt`` and ``corpus/gold/*.gold.json`` from ``corpus/annotated/*.ann``.

Run ``python -m recount.corpus.build`` (``--check`` only verifies that the committed files are up
to date). Every claim is recomputed here and the build stops when a recorded verdict disagrees
with the arithmetic, when a value does not parse or when a digit of the text belongs to no
annotation; see :mod:`recount.corpus.annotation`.

The gold format is the one of ``shared/domain/seeds-gold`` (keys ``doc``, ``language``,
``quantities``, ``other_numbers``, ``directives``, ``claims``) plus ``text_sha256`` and a few
extra keys (roles, periods, jurisdictions, end offsets, claim operands).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from recount.corpus.annotation import AnnotatedDocument, AnnotationError, check_claim, parse_file, round4

CORPUS_DIR = Path(__file__).resolve().parent


def gold_record(doc: AnnotatedDocument) -> dict:
    """The gold JSON of one annotated document."""
    quantities = [
        {
            "kind": q.kind, "text": q.text, "value": q.value, "unit": q.unit,
            "qualifier": q.qualifier, "start": q.start, "end": q.end, "role": q.role,
            "period": q.period, "jurisdiction": q.jurisdiction, "change": q.change,
            "step": float(q.printed.step), "label": q.label,
            **({"group": q.group, "group_kind": q.group_kind} if q.group is not None else {}),
        }
        for q in doc.quantities
    ]
    directives = [
        {"text": d.text, "type": d.type, "number": d.number, "date": d.date, "start": d.start,
         "end": d.end}
        for d in doc.directives
    ]
    claims = []
    for claim in doc.claims:
        checked = check_claim(doc, claim)
        stated = checked.stated
        record = {
            "text": stated.text, "stated": stated.value, "formula": checked.formula_values,
            "recomputed": None if checked.recomputed is None else round4(checked.recomputed),
            "verdict": claim.verdict, "note": claim.note, "rule": claim.rule,
            "start": stated.start, "end": stated.end, "role": stated.role, "label": claim.label,
            "operands": [
                {"label": o.label, "role": o.role, "text": o.text, "start": o.start, "end": o.end,
                 "value": o.value}
                for o in checked.operands
            ],
        }
        if checked.recomputed is not None:
            record["recomputed_range"] = [round4(checked.low), round4(checked.high)]
            record["rounding"] = checked.rounding
        claims.append(record)
    return {
        "doc": f"{doc.name}.txt",
        "source_url": None,
        "language": doc.lang,
        "genre": doc.genre,
        "period": doc.period,
        "jurisdiction": doc.jurisdiction,
        "text_sha256": doc.sha256,
        "quantities": sorted(quantities, key=lambda q: q["start"]),
        "other_numbers": [o.text for o in doc.others],
        "directives": directives,
        "claims": claims,
    }


def build(corpus_dir: Path = CORPUS_DIR) -> dict[str, tuple[str, str]]:
    """Parse every ``.ann`` file; return ``{name: (text, gold_json)}`` without writing anything."""
    sources = sorted((corpus_dir / "annotated").glob("*.ann"))
    if not sources:
        raise AnnotationError(f"no .ann files in {corpus_dir / 'annotated'}")
    built = {}
    for path in sources:
        doc = parse_file(path)
        gold = json.dumps(gold_record(doc), ensure_ascii=False, indent=1) + "\n"
        built[doc.name] = (doc.text, gold)
    return built


def write(built: dict[str, tuple[str, str]], corpus_dir: Path = CORPUS_DIR) -> list[str]:
    """Write the texts and gold files, removing stale ones; return the names whose files changed."""
    docs_dir, gold_dir = corpus_dir / "docs", corpus_dir / "gold"
    docs_dir.mkdir(exist_ok=True)
    gold_dir.mkdir(exist_ok=True)
    changed = []
    for name, (text, gold) in built.items():
        for path, content in ((docs_dir / f"{name}.txt", text), (gold_dir / f"{name}.gold.json", gold)):
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                path.write_bytes(content.encode("utf-8"))
                changed.append(path.name)
    for stale in [*docs_dir.glob("*.txt"), *gold_dir.glob("*.gold.json")]:
        if stale.name.split(".")[0] not in built:
            stale.unlink()
            changed.append(stale.name)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--check", action="store_true",
                        help="fail if the committed docs/ and gold/ differ from a fresh build")
    args = parser.parse_args(argv)
    try:
        built = build(args.corpus)
    except AnnotationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.check:
        stale = [name for name, (text, gold) in built.items()
                 if (args.corpus / "docs" / f"{name}.txt").read_text(encoding="utf-8") != text
                 or (args.corpus / "gold" / f"{name}.gold.json").read_text(encoding="utf-8") != gold]
        if stale:
            print("out of date: " + ", ".join(stale), file=sys.stderr)
            return 1
        print(f"{len(built)} documents up to date")
        return 0
    changed = write(built, args.corpus)
    n_claims = sum(json.loads(g)["claims"].__len__() for _, g in built.values())
    print(f"{len(built)} documents, {n_claims} claims; {len(changed)} files written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
