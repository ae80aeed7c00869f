"""When a statistics release first published one year's figures.

The DfE publishes each release once a year: the children in need figures for
the year ending 31 March 2024 came out in the autumn of 2024, the workforce
census at 30 September 2023 in February 2024. A :class:`Publication` records,
for one release and one reporting year, the day those figures were first
published where a source states it (or the month, where a source gives only
the month), or else the latest day by which a dated source shows them public
(:attr:`Publication.no_later_than`), or neither: not known.
"""

from __future__ import annotations

import attrs

from childservices.errors import InvalidRecordError
from childservices.model.dates import PartialDate
from childservices.model.measure import FIRST_YEAR, LAST_YEAR
from childservices.model.source import Citation
from childservices.model.validate import cited, slug

__all__ = ["Publication", "publication_id"]


def _year(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or not FIRST_YEAR <= value <= LAST_YEAR:
        raise InvalidRecordError(
            f"{attribute.name}: {value!r} is not a reporting year ({FIRST_YEAR}-{LAST_YEAR})"
        )


@attrs.frozen(kw_only=True)
class Publication:
    """The first publication of one reporting year's figures of a statistics release.

    ``release`` is the source id of the release (a measure's
    :attr:`~childservices.model.measure.Measure.release`) and ``year`` the
    reporting year, as an :class:`~childservices.model.measure.Observation`
    names it. ``published`` is the day the figures were first published, as
    a source states it (to the month where the source gives only the month),
    or ``None`` where no source found states it. ``no_later_than`` is not a
    publication date: it is the day of a dated source (a news article quoting
    the figures) that shows them public by then, recorded only when
    ``published`` is not known; the figures may have come out any day before
    it. ``citations`` name the source that states the date or the bound (for
    a row with neither, the release searched).

    The day is that of the year's first edition: each later edition revises
    earlier years, so a figure in the record (read from the latest edition)
    may differ from what was first published that day.
    """

    id: str = attrs.field(validator=slug)
    release: str = attrs.field(validator=slug)
    year: int = attrs.field(validator=_year)
    published: PartialDate | None = None
    no_later_than: PartialDate | None = None
    citations: tuple[Citation, ...] = attrs.field(validator=cited)

    def __attrs_post_init__(self) -> None:
        expected = publication_id(self.release, self.year)
        if self.id != expected:
            raise InvalidRecordError(f"id: {self.id!r} should be {expected!r} (release.year)")
        if self.published is not None and self.no_later_than is not None:
            raise InvalidRecordError(
                "no_later_than: give a bound only when the publication date is not known"
            )
        for name in ("published", "no_later_than"):
            day = getattr(self, name)
            if day is not None and day.year < self.year:
                raise InvalidRecordError(
                    f"{name}: {day} is before the reporting year {self.year} ended"
                )

    @property
    def known(self) -> bool:
        """Whether a source states when the figures were first published."""
        return self.published is not None


def publication_id(release: str, year: int) -> str:
    """The id of a release's publication of a reporting year: ``release.year``."""
    return f"{release}.{year}"
