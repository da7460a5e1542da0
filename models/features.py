"""Features of a figure for the role classifier: its words, its cues, its shape, its neighbours.

Each figure becomes a dict of string features (one-hot through a ``DictVectorizer``):

- ``l1=``…``l6=`` / ``r1=``…``r6=``: the six lowercased words on each side within the sentence,
  other numbers replaced by ``<num>`` (so "tăng <num>" is one pattern whatever the figure), plus
  the same words as a bag (``lw=``, ``rw=``) and the left bigrams (``lb=``): Vietnamese words are
  written as syllables, so "thụ lý" / "có điều kiện" only show as pairs;
- ``cue=``: the shared cue lexicon's roles found in the clause, with their side and how near
  (``L:new@near``);
- ``kind``, ``unit``, ``change``, ``qualifier``, ``mag`` (order of magnitude), ``pos`` (first,
  middle or last figure of its sentence), ``paren`` (inside brackets), ``prev_kind``/``prev_rule``
  (the figure before it and the rule labeller's role for it), ``lang``;
- ``rule=``/``rule_p=``: the rule labeller's guess and its confidence, which the model learns
  when to trust.

Features are computed the same way at training and at prediction time from one function, so
they cannot drift; :data:`FEATURES_VERSION` is saved in ``meta.json`` and a model built with
another version is refused.
"""
from __future__ import annotations

import math
import re

from recount.models.roles import ROLE_KINDS
from recount.models.rules import Context, figure_contexts, rule_roles
from recount.pipeline import cues
from recount.pipeline.records import Figure

#: Bump when the features change: a saved model only works with the features it was fit on.
#: 2: the rule guesses it carries changed (direction of carried stocks, recovered money in
#: corruption reports, joined measures) and gained the 0.95 confidence of settled rules.
FEATURES_VERSION = 2
#: Words on each side of the figure.
WINDOW = 6

_WORD = re.compile(r"<num>|\w+|[%()\[\]:;,/+-]", re.UNICODE)


def tokens(segment: str) -> list[str]:
    """Lowercased words and meaningful punctuation of ``segment``."""
    return _WORD.findall(segment.lower())


def _masked(text: str, start: int, end: int, figures: list[Figure]) -> str:
    """``text[start:end]`` with every figure's span replaced by ``<num>``."""
    out, cursor = [], start
    for f in figures:
        if f.end <= start or f.start >= end:
            continue
        out.append(text[cursor:max(f.start, cursor)])
        out.append(" <num> ")
        cursor = max(cursor, f.end)
    out.append(text[cursor:end])
    return "".join(out)


def magnitude(figure: Figure) -> str:
    """Order of magnitude of the value: "e2" for 351, "e9" for 6,683,476,000."""
    if figure.value is None or figure.value <= 0:
        return "none"
    return f"e{int(math.floor(math.log10(figure.value)))}"


def figure_features(figure: Figure, text: str, sentence: tuple[int, int], neighbours: list[Figure],
                    context: Context, rule_role: str | None, rule_p: float | None,
                    previous_rule: str | None) -> dict[str, float]:
    """The feature dict of ``figure``.

    Args:
        sentence: ``(start, end)`` of the figure's sentence.
        neighbours: the figures of that sentence, in order (``figure`` among them).
        context: the figure's clause (:func:`recount.models.rules.figure_contexts`).
        rule_role, rule_p: the rule labeller's guess for the figure; previous_rule: for the
            figure before it in the sentence.
    """
    sent_start, sent_end = sentence
    left_words = tokens(_masked(text, sent_start, figure.start, neighbours))[-WINDOW:]
    right_words = tokens(_masked(text, figure.end, sent_end, neighbours))[:WINDOW]
    feats: dict[str, float] = {"bias": 1.0}
    for i, w in enumerate(reversed(left_words), 1):
        feats[f"l{i}={w}"] = 1.0
        feats[f"lw={w}"] = 1.0
    for i, w in enumerate(right_words, 1):
        feats[f"r{i}={w}"] = 1.0
        feats[f"rw={w}"] = 1.0
    for a, b in zip(left_words, left_words[1:]):
        feats[f"lb={a}_{b}"] = 1.0
    for a, b in zip(right_words, right_words[1:]):
        feats[f"rb={a}_{b}"] = 1.0
    for hit in cues.cue_hits(context.left, context.right):
        feats[f"cue={hit.role}@{'near' if hit.distance < 12 else 'far'}"] = 1.0
    for name, pattern in (("inc", cues.INCREASE), ("dec", cues.DECREASE), ("target", cues.TARGET),
                          ("rate", cues.RATE), ("share", cues.SHARE), ("gap_over", cues.GAP_OVER),
                          ("gap_under", cues.GAP_UNDER), ("ref", cues.REFERENCE), ("prev", cues.PREVIOUS)):
        if pattern.search(context.left[-30:]):
            feats[f"lcue={name}"] = 1.0
        if pattern.search(context.right[:30]):
            feats[f"rcue={name}"] = 1.0
    position = next((i for i, f in enumerate(neighbours) if f is figure), 0)
    feats["pos=" + ("only" if len(neighbours) == 1 else "first" if position == 0
                    else "last" if position == len(neighbours) - 1 else "middle")] = 1.0
    feats["kind=" + figure.kind] = 1.0
    feats[f"unit={figure.unit}"] = 1.0
    feats[f"change={figure.change}"] = 1.0
    feats[f"qualifier={figure.qualifier}"] = 1.0
    feats[f"mag={magnitude(figure)}:{figure.kind}"] = 1.0
    feats[f"lang={figure.lang}"] = 1.0
    if text[max(0, figure.start - 2):figure.start].strip().endswith("("):
        feats["paren"] = 1.0
    previous = context.previous
    feats[f"prev_kind={previous.kind if previous else None}"] = 1.0
    feats[f"prev_rule={previous_rule}"] = 1.0
    feats[f"rule={rule_role}"] = 1.0
    feats[f"rule={rule_role}:{figure.kind}"] = 1.0
    feats[f"rule_p={rule_p}"] = 1.0
    return feats


def rule_guess(features: dict[str, float]) -> tuple[str | None, float | None]:
    """The rule labeller's ``(role, confidence)`` recorded in a feature dict."""
    role = p = None
    for key in features:
        if key.startswith("rule=") and ":" not in key:
            role = None if key == "rule=None" else key[5:]
        elif key.startswith("rule_p="):
            p = None if key == "rule_p=None" else float(key[7:])
    return role, p


def document_features(figures: list[Figure], text: str) -> list[dict[str, float] | None]:
    """Feature dicts for every figure of one document (``None`` for directives).

    Args:
        figures: the document's figures sorted by ``start``.
        text: the document text.
    """
    quantities = [f for f in figures if f.kind in ROLE_KINDS]
    contexts = figure_contexts(quantities, text)
    guesses = rule_roles(quantities, text)
    bounds = [cues.sentence_bounds(text, f) for f in quantities]
    sentences: dict[tuple[int, int], list[Figure]] = {}
    for figure, sentence in zip(quantities, bounds):
        sentences.setdefault(sentence, []).append(figure)
    by_id = {}
    for i, (figure, context) in enumerate(zip(quantities, contexts)):
        previous_rule = guesses[i - 1][0] if i and context.previous is not None else None
        role, p = guesses[i]
        by_id[id(figure)] = figure_features(figure, text, bounds[i], sentences[bounds[i]], context, role, p,
                                            previous_rule)
    return [by_id.get(id(f)) for f in figures]
