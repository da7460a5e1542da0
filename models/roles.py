"""What a figure measures: the metric-role taxonomy of THADS reports (the single source).

The roles follow the indicators of the official statistics (checking.md §1, identities I1–I11):
a year's cases or money are received (carried over + new), some are entrusted or withdrawn, the
rest are to be enforced, split into enforceable and not yet enforceable; of the enforceable,
some are completed, terminated, in progress or postponed, and what is left is carried to the next
period. Rates, changes and targets are roles of percentages (and of amounts, for changes).
"""
from __future__ import annotations

#: Roles of a count or a money amount that is a level of an indicator.
AMOUNT_ROLES = (
    "received_total", "carried_over", "new", "entrusted", "withdrawn", "to_enforce", "enforceable",
    "not_enforceable", "completed", "terminated", "in_progress", "postponed", "carried_next",
    "recovered",
)
#: Roles of a derived figure: a rate, a share, a change, a target or a gap to it.
DERIVED_ROLES = (
    "completion_rate", "enforceable_share", "change_abs", "change_pct", "change_pp", "target",
    "target_gap",
)
#: Every role, in the order of docs/CONTRACTS.md; ``other`` is a figure no indicator covers
#: (a staff count, a provincial rate quoted in passing, a threshold "worth over VND 1 billion").
ROLES = AMOUNT_ROLES[:13] + ("completion_rate", "enforceable_share", "change_abs", "change_pct",
                             "change_pp", "target", "target_gap", "recovered", "other")
#: Figure kinds that carry a role (directives do not).
ROLE_KINDS = ("count", "money", "percent")
