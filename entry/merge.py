"""The three-way merge of a quarterly form with what is stored: pure, no database.

The form carries, per figure, the fingerprint of the stored figure when the page was opened.
A figure this form did not change is left as stored; a figure it changed is written, unless
someone else changed it since the form was opened: then it is a conflict.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from indicators.models import Indicator


class MergeRow(Protocol):
    """What the merge needs of one row of the form."""

    @property
    def indicator(self) -> Indicator: ...

    @property
    def token(self) -> str: ...

    @property
    def fingerprint(self) -> str: ...


@dataclass
class Merge[Row: MergeRow]:
    to_write: list[Row] = field(default_factory=list)
    conflicts: list[Row] = field(default_factory=list)
    # Figures someone else changed meanwhile that this form did not touch: theirs are kept.
    kept_theirs: list[Row] = field(default_factory=list)

    def refuses(self, *, submit: bool) -> bool:
        """Nothing is saved when a figure conflicts; nobody submits figures they have not seen,
        so a figure changed meanwhile stops a submission even when this form left it alone."""
        return bool(self.conflicts or (submit and self.kept_theirs))


def merge_rows[Row: MergeRow](rows: Sequence[Row], stored_tokens: Mapping[int, str]) -> Merge[Row]:
    """Sort each row into written, conflicting, or left alone (`stored_tokens`: the fingerprint
    of each indicator's figure now stored, by indicator id; a missing one is "")."""
    merge: Merge[Row] = Merge()
    for row in rows:
        now_stored = stored_tokens.get(row.indicator.pk, "")
        mine = row.fingerprint
        if mine == row.token:
            if now_stored != row.token:
                merge.kept_theirs.append(row)
        elif mine == now_stored:
            pass  # both made the same change
        elif now_stored != row.token:
            merge.conflicts.append(row)
        else:
            merge.to_write.append(row)
    return merge
