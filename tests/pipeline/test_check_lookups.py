"""The checker's look-ups by sentence, paragraph and role give what a scan of every item gives.

The checks ask "the figures of this sentence", "the nearest completed count" or "an earlier
amount restated" for nearly every figure; they answer from groups built once per document
(``Layout``), so a long report costs its length, not its square. These tests hold each
look-up to the plain scan it replaced, over the corpus reports.
"""
import math
from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recount.corpus.load import load_corpus
from recount.pipeline import check
from recount.pipeline.process import process_document

CORPUS = load_corpus()
#: two reports a language: enough sentences, paragraphs and roles to cover every branch
SAMPLE = [d for lang in ("vi", "en", "fr") for d in [g for g in CORPUS if g.language == lang][:2]]


@pytest.fixture(scope="module", params=[d.name for d in SAMPLE])
def understood(request):
    gold = next(d for d in SAMPLE if d.name == request.param)
    document = gold.document()
    figures = process_document(document, check=False).figures
    return document, check.understand(document, list(figures))


def test_understand_hands_the_checks_a_tuple_that_shares_one_layout(understood):
    _, items = understood
    assert isinstance(items, tuple) and items
    assert all(it.index == k for k, it in enumerate(items))
    assert len({id(it.layout) for it in items}) == 1


def test_sentence_and_paragraph_groups_match_a_scan(understood):
    _, items = understood
    for it in items:
        assert check.in_sentence(items, it) == [o for o in items if o.sentence == it.sentence]
        assert check.in_paragraph(items, it) == [o for o in items if o.paragraph == it.paragraph]
        assert check.in_sentence(items, it, it.index) == [o for o in items[:it.index] if o.sentence == it.sentence]
        assert check.in_paragraph(items, it, it.index) == [o for o in items[:it.index] if o.paragraph == it.paragraph]
        near = check._near_sentences(items, it)
        assert check.in_sentences(items, it, near, it.index) == [o for o in items[:it.index] if o.sentence in near]


def test_a_stage_list_is_read_as_it_is_now(understood):
    # the stages of understand replace items in a copy of the list: a group read afterwards
    # must give the replacement, not the item the group was built from
    _, items = understood
    stage = list(items)
    first = stage[0]
    stage[0] = replace(first, role="replaced")
    assert check.in_sentence(stage, first)[0].role == "replaced"
    # a list that is not the document's whole one is scanned, not looked up
    assert check.in_sentence(stage[1:], stage[1]) == [o for o in stage[1:] if o.sentence == stage[1].sentence]


def _candidates_by_scan(items, anchor, role, kind):
    """The candidate order as it was first written: every item filtered, then sorted."""
    found = [it for it in items if it.role == role and it.index != anchor.index and (kind is None or it.kind == kind)]
    here = [it for it in found if it.paragraph == anchor.paragraph]
    if not here:
        here = [it for it in found if it.start < anchor.paragraph[0]]
    return sorted(here, key=lambda it: (it.sentence != anchor.sentence, abs(it.start - anchor.start),
                                        it.start > anchor.start))


def test_candidates_come_nearest_first_as_a_full_sort_puts_them(understood):
    _, items = understood
    roles = sorted({it.role for it in items if it.role})
    for anchor in items:
        for role in roles:
            for kind in (None, "count", "money"):
                assert list(check._candidates(items, anchor, role, kind)) == \
                    _candidates_by_scan(items, anchor, role, kind), (anchor.figure.text, role, kind)


def test_latest_rate_is_the_last_rate_of_the_paragraph_else_of_the_report(understood):
    document, items = understood
    for it in items:
        rates = [o for o in items[:it.index] if o.kind == "percent" and o.klass in ("rate", "share")
                 and not check._is_earlier_level(o) and check._compatible(o, it)
                 and (o.sentence == it.sentence or not check._about_one_office(o.context)
                      or check._about_one_office(it.context))]
        here = [o for o in rates if o.paragraph == it.paragraph] or rates
        assert check._latest_rate(items, it) == (here[-1] if here else None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=10**15), min_size=1, max_size=40),
       st.integers(min_value=1, max_value=10**15))
def test_amounts_near_in_mantissa_hold_every_restatement(earlier_values, value):
    # every earlier amount within 5% of ``value`` after a shift by a power of ten must be
    # among those the mantissa index offers, in the order they were stated
    index = check._ByMantissa()
    for position, v in enumerate(earlier_values):
        index.add(math.log10(v) % 1.0, position, v)
    offered = index.near(math.log10(value) % 1.0)
    restated = [v for v in earlier_values if check._power_of_ten_shift(Fraction(value) / Fraction(v)) is not None]
    assert [v for v in offered if v in restated] == restated
    assert set(offered) <= set(earlier_values)


@pytest.mark.parametrize("value,other", [(990, 1010), (1010, 990), (8_350_000_000, 8.35e9), (835, 8.35e9)])
def test_mantissa_index_goes_round_from_099_to_001(value, other):
    index = check._ByMantissa()
    index.add(math.log10(other) % 1.0, 0, other)
    assert index.near(math.log10(value) % 1.0) == [other]
