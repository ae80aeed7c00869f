"""What a cell of a drop-in table holds: text, a number, a day, a link, or nothing known.

Words that are not grades are kept apart from grades: each has its own
constant here.
"""

from __future__ import annotations

import datetime

import attrs

__all__ = ["NOT_GIVEN_CELL", "POST_REFORM_CELL", "PRE_DATES_CELL", "Cell", "Link"]


@attrs.frozen(kw_only=True)
class Link:
    """A web link with the text a spreadsheet shows for it (Ofsted's 'Web link' column).

    CSV output writes the address; xlsx output writes the text, linked.
    """

    url: str
    text: str


Cell = str | int | datetime.date | Link | None
"""One cell: text, a whole number, a day, a link, or ``None`` (empty: not known)."""

NOT_GIVEN_CELL = "not_given"
"""An earlier framework gave no overall judgement (2009-2012 safeguarding and looked after
children inspections): not a grade, and not unknown."""
POST_REFORM_CELL = "not_reported_post_reform"
"""The 2026 reformed framework gives no overall judgement: the published tool's word for it."""
PRE_DATES_CELL = "inspection_pre_dates_judgement"
"""The judgement a column names did not exist when the inspection was made (the tool's word)."""
