"""One input in, one :class:`DocumentResult` out: read, extract, label roles, check.

This is the per-file function of ``recount run`` (local pool and Dask alike) and of
``recount check``. It never raises for bad input: the reason lands in ``result.failure``.
"""
from __future__ import annotations

import os
import time

from recount.pipeline.errors import InputError
from recount.pipeline.extract import extract_document
from recount.pipeline.ingest import read_document
from recount.pipeline.records import Document, DocumentResult, Failure


def process_document(document: Document, *, check: bool = True, roles: bool = True) -> DocumentResult:
    """Extract, label and check an already-read document."""
    from recount.extractors.segment import document_language

    timings = {}
    t0 = time.perf_counter()
    figures = extract_document(document)
    timings["extract_s"] = time.perf_counter() - t0
    if roles:
        t1 = time.perf_counter()
        figures = _label_roles(figures, document.text)
        timings["roles_s"] = time.perf_counter() - t1
    checks, derived = (), ()
    if check:
        from recount.pipeline.check import check_document

        t2 = time.perf_counter()
        checks, derived = check_document(document, figures)
        timings["check_s"] = time.perf_counter() - t2
    return DocumentResult(doc=document.doc, document=document, figures=tuple(figures),
                          checks=tuple(checks), derived=tuple(derived),
                          lang=document_language(document.text), timings=timings)


def process_path(path: str | os.PathLike, *, check: bool = True, roles: bool = True) -> DocumentResult:
    """Read and process one file; failures are recorded, never raised."""
    t0 = time.perf_counter()
    try:
        document = read_document(path)
    except InputError as exc:
        return DocumentResult(doc=str(path), document=None, failure=Failure(str(path), exc.reason, exc.detail),
                              timings={"read_s": time.perf_counter() - t0})
    except MemoryError:
        return DocumentResult(doc=str(path), document=None,
                              failure=Failure(str(path), "memory", "ran out of memory while reading"))
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the batch
        return DocumentResult(doc=str(path), document=None,
                              failure=Failure(str(path), "corrupt", f"{type(exc).__name__}: {exc}"))
    read_s = time.perf_counter() - t0
    try:
        result = process_document(document, check=check, roles=roles)
    except MemoryError:
        return DocumentResult(doc=str(path), document=document,
                              failure=Failure(str(path), "memory", "ran out of memory while processing"))
    except Exception as exc:  # noqa: BLE001 - recorded with its type so the bug can be found
        return DocumentResult(doc=str(path), document=document,
                              failure=Failure(str(path), "error", f"{type(exc).__name__}: {exc}"))
    result.timings["read_s"] = read_s
    return result


def _label_roles(figures, text):
    """Roles from the shipped model, or from the rule labeller when no model is installed
    (the fallback lives in :func:`recount.models.classifier.label_roles`)."""
    from recount.extractors.segment import unwrap_lines
    from recount.models.classifier import label_roles

    return label_roles(figures, unwrap_lines(text))
