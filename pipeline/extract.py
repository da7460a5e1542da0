"""Extract every figure of a document: counts, money, percentages, directive references.

``extract(path_or_text)`` is the Python entry point behind ``recount extract``.
"""
from __future__ import annotations

import bisect
import os
import re
from pathlib import Path

from recount.extractors.context import (
    attach,
    document_period,
    document_place,
    find_jurisdictions,
    find_periods,
    mask_spans,
)
from recount.extractors.directives import find_directives, own_number
from recount.extractors.quantities import MaskIndex, SentenceScanner
from recount.extractors.segment import language_and_sentences, unwrap_lines
from recount.pipeline.ingest import document_from_string, read_document, table_row_spans
from recount.pipeline.records import Document, Figure, figure_from_values

_DIGIT_RE = re.compile(r"\d")
#: Numbers longer than this many characters are identifiers, not quantities.
MAX_NUMBER_CHARS = 40


def extract(source: str | os.PathLike, *, name: str | None = None) -> list[Figure]:
    """Figures in a file (``Path`` or an existing path string) or in a text string.

    Args:
        source: a path to a .txt/.pdf report, or the text itself.
        name: the ``doc`` value for text given as a string.

    RETURNS (list[Figure]): sorted by offset; ``text == document.text[start:end]``.

    Raises:
        InputError: the file cannot be read (see ``ingest.read_document``).
    """
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and len(source) < 4096 and Path(source).is_file()
    ):
        document = read_document(source)
    else:
        document = document_from_string(str(source), name or "<string>")
    return extract_document(document)


def extract_document(document: Document) -> list[Figure]:
    """Figures in an already-read :class:`Document`."""
    original = document.text
    # Figures are found in the text with PDF line wraps read as spaces ("3,917 of 4,620
    # enforceable\ncases"); same offsets, and surfaces are cut from the original text.
    text = unwrap_lines(original)
    lang, sentences = language_and_sentences(text)
    directives = find_directives(text)
    masked = mask_spans(text)
    masked.extend((d.start, d.end) for d in directives)
    masked.extend((d.end, d.date_end) for d in directives if d.date_end)
    # a ruled table's rows are read from its cells (Document.tables), not as prose
    masked.extend(table_row_spans(document))
    masks = MaskIndex(masked)
    periods = find_periods(text)
    period_starts = [m.start for m in periods]
    places = find_jurisdictions(text)
    place_starts = [m.start for m in places]
    default_period = document_period(text, periods)
    default_place = document_place(text, places)
    ocr_pages = set(document.ocr_pages)  # a figure read off a scan is marked source="ocr"
    doc = document.doc

    figures: list[Figure] = []
    for sent in sentences:
        sent_start, sent_end, sent_lang = sent.start, sent.end, sent.lang
        if not _DIGIT_RE.search(text, sent_start, sent_end):
            continue  # about half the sentences hold no number at all
        scanner = SentenceScanner(text, sent_start, sent_end, sent_lang, masks.near(sent_start, sent_end))
        for raw in scanner.scan():
            # one unpacking instead of a dozen field reads: a dense page builds 15 figures
            (kind, start, end, value, unit, step, decimals, scale, qualifier, change,
             group, group_kind) = raw
            if end - start > MAX_NUMBER_CHARS + 30:
                continue
            page = document.page_of(start)
            # every field of Figure in its order (see figure_from_values): doc, kind, text,
            # start, end, value, unit, qualifier, change, page, lang, period, jurisdiction,
            # id, type, date, year, issuer, step, decimals, scale, sent_start, sent_end,
            # group, group_kind, role, role_p, source
            figures.append(figure_from_values((
                doc, kind, original[start:end], start, end, float(value),
                unit, qualifier, change, page, sent_lang,
                attach(periods, sent_start, sent_end, default_period, start, period_starts),
                attach(places, sent_start, sent_end, default_place, start, place_starts),
                None, None, None, None, None, float(step), decimals, scale,
                sent_start, sent_end, group, group_kind, None, None,
                "ocr" if ocr_pages and page in ocr_pages else "text",
            )))
    sent_starts = [s.start for s in sentences]
    # the report's own number in its title is masked like any reference but cites nothing
    own = own_number(original, directives)
    for d in directives:
        if d is own:
            continue
        i = bisect.bisect_right(sent_starts, d.start) - 1
        sent = sentences[i] if i >= 0 and d.start < sentences[i].end else None
        page = document.page_of(d.start)
        figures.append(Figure(
            doc=document.doc, kind="directive", text=original[d.start:d.end], start=d.start, end=d.end,
            page=page, lang=sent.lang if sent else lang, id=d.id, type=d.type,
            date=d.date, year=d.year, issuer=d.issuer,
            sent_start=sent.start if sent else None, sent_end=sent.end if sent else None,
            source="ocr" if ocr_pages and page in ocr_pages else "text",
        ))
    figures.sort(key=lambda f: (f.start, f.end, f.kind))
    return figures

