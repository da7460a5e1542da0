"""Errors recount raises, each with a machine-readable reason."""
from __future__ import annotations

from recount.pipeline.records import FAILURE_REASONS


class RecountError(Exception):
    """Base class of recount's own errors; the CLI turns them into clear messages."""


class InputError(RecountError):
    """A file recount cannot read.

    Args:
        reason (str): one of ``records.FAILURE_REASONS`` ("encrypted", "corrupt", ...).
        detail (str): what went wrong, for a person.
    """

    def __init__(self, reason: str, detail: str = ""):
        if reason not in FAILURE_REASONS:
            raise ValueError(f"unknown failure reason {reason!r}")
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)
