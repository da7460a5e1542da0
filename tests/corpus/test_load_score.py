"""Loading the gold (hash and offset checks) and scoring system records against it."""
import json
import shutil
from dataclasses import replace

import pytest

from recount.corpus.load import CorpusError, load_corpus
from recount.corpus.score import doc_key, normalize_directive, score_corpus
from recount.pipeline.records import Check, Document, Figure


@pytest.fixture(scope="module")
def docs():
    return load_corpus()


@pytest.fixture()
def corpus_copy(tmp_path, corpus_dir):
    for sub in ("docs", "gold"):
        shutil.copytree(corpus_dir / sub, tmp_path / sub)
    return tmp_path


def perfect_figures(docs):
    figures = []
    for d in docs:
        figures += [Figure(doc=d.path, kind=g.kind, text=g.text, start=g.start, end=g.end,
                           value=g.value, unit=g.unit, role=g.role) for g in d.figures]
        figures += [Figure(doc=d.path, kind="directive", text=x.text, start=x.start, end=x.end,
                           id=x.number) for x in d.directives]
    return figures


def perfect_checks(docs):
    return [Check(doc=d.doc, text=c.text, start=c.start, end=c.end, page=None, stated=c.stated,
                  rule=c.rule, formula=c.formula or "", operands=(), recomputed=c.recomputed,
                  low=None, high=None, rounding=None, verdict=c.verdict)
            for d in docs for c in d.claims]


def test_load_corpus_defaults_to_the_packaged_corpus(docs):
    assert len(docs) >= 60
    first = docs[0]
    assert isinstance(first.document(), Document)
    assert first.document().text == first.text
    assert all(d.sha256 for d in docs)


def test_sha256_catches_an_edited_text(corpus_copy):
    path = corpus_copy / "docs" / "en_001_national_2023.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("936,046", "936,064"), encoding="utf-8")
    with pytest.raises(CorpusError, match="text changed"):
        load_corpus(corpus_copy)


def test_drifted_gold_offset_is_caught(corpus_copy):
    path = corpus_copy / "gold" / "vi_001_toan_quoc_2023.gold.json"
    gold = json.loads(path.read_text(encoding="utf-8"))
    gold["quantities"][0]["start"] += 1
    gold["quantities"][0]["end"] += 1
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CorpusError, match="not at"):
        load_corpus(corpus_copy)


def test_perfect_system_scores_one(docs):
    scores = score_corpus(docs, perfect_figures(docs), perfect_checks(docs))
    assert scores.figures.exact_all.f1 == 1.0 and scores.figures.value_all.f1 == 1.0
    assert scores.directives.f1 == 1.0
    assert scores.roles.accuracy == 1.0 and scores.roles.macro_f1 == 1.0
    assert scores.claims.accuracy == 1.0 and scores.claims.matched == scores.claims.gold
    assert set(scores.figures.exact_by_language) == {"vi", "en", "fr"}
    assert json.dumps(scores.to_dict())
    assert "verdict accuracy 1.000" in scores.table()


def test_scores_drop_by_what_the_system_got_wrong(docs):
    doc = next(d for d in docs if d.name == "en_001_national_2023")
    figures = perfect_figures([doc])
    quantities = [f for f in figures if f.kind != "directive"]
    # miss one figure, shift another by one character, mislabel a third
    shifted = replace(quantities[1], start=quantities[1].start + 1)
    relabelled = replace(quantities[2], role="completed" if quantities[2].role != "completed" else "new")
    system = [shifted, relabelled, *quantities[3:]]
    scores = score_corpus([doc], system, ())
    n = len(doc.figures)
    exact = scores.figures.exact_all
    assert (exact.tp, exact.fp, exact.fn) == (n - 2, 1, 2)
    value = scores.figures.value_all
    assert (value.tp, value.fn) == (n - 1, 1)  # the shifted one still matches on value
    assert scores.roles.matched == n - 1 and scores.roles.correct == n - 2
    assert scores.directives.recall == 0.0 and scores.claims.matched == 0


def test_claim_verdicts_are_scored_and_false_alarms_counted(docs):
    doc = next(d for d in docs if d.name == "en_001_national_2023")
    checks = perfect_checks([doc])
    flipped = [replace(c, verdict="inconsistent") if c.verdict == "consistent" else c for c in checks]
    scores = score_corpus([doc], (), flipped).claims
    consistent = sum(c.verdict == "consistent" for c in doc.claims)
    assert scores.false_alarms == consistent
    assert scores.correct == len(doc.claims) - consistent
    assert scores.inconsistency_recall == 1.0
    assert scores.inconsistency_precision == pytest.approx(1 / (consistent + 1))


@pytest.mark.parametrize("doc, key", [("corpus/docs/vi_001_x.txt", "vi_001_x"),
                                      ("/a/b/en_001_national_2023.pdf", "en_001_national_2023")])
def test_doc_key(doc, key):
    assert doc_key(doc) == key


@pytest.mark.parametrize("raw, norm", [("Số 62/2015/NĐ-CP", "62/2015/NDCP"), ("04 CT/TW", "04CT/TW"),
                                       ("04-CT/TW", "04CT/TW")])
def test_normalize_directive(raw, norm):
    assert normalize_directive(raw) == norm
