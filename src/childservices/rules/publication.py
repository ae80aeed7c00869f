"""Known when published: which official figures had been published on a day.

A figure of a measure for a reporting year was published with its release's
edition for that year (the measure's
:attr:`~childservices.model.measure.Measure.release`; the
:class:`~childservices.model.publication.Publication` of that release and
year). On a day it has one of three statuses:

- **published** by the day: the edition's publication date is certainly on or
  before it (a date known only to the month counts from the month's last
  day), or a dated source shows the figures public by then
  (:attr:`~childservices.model.publication.Publication.no_later_than` on or
  before the day), or a later year's edition of the same release was
  published by then in either of these ways: each edition republishes the
  earlier years of its series (the releases say so: "The standard period for
  data in this release is for the year ending 31 March 2018 to the year
  ending 31 March 2021", children looked after, 2021; "comparable time series
  data available from 2013", children in need, 2021; "378,600 at 31 March
  2013" in the children in need release of 29 October 2014), so the children
  in need figures for 2013 were public once the 2014 edition was (the
  revenue outturn's workbooks hold one year each, but both its years are
  dated or bounded, so this never decides theirs);
- **not yet published**: the day is on or before the last day of the
  reporting year (no figure of a year can be published before the year has
  ended), or the publication date is certainly after it;
- **not known** otherwise: the record holds no publication date for the
  edition (or its month contains the day), and no bound and no later
  edition shows it public.

An as-of answer never counts a figure as published when the record cannot
show it, and never drops one whose publication date is not known without
saying so: :class:`FiguresAsOf` keeps the three groups apart.

The status is about when a year's figures first appeared, not about their
value: the record's figures come from the latest edition of each release,
which revises earlier years, so a figure published by a day may differ from
what was published that day.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import overload

import attrs

from childservices.model import Measure, Observation, Publication
from childservices.model.publication import publication_id

__all__ = ["FiguresAsOf", "PublicationStatus", "figures_as_of", "publication_status"]


class PublicationStatus(enum.Enum):
    """Whether a figure had been published on a day (see :mod:`childservices.rules.publication`)."""

    PUBLISHED = "published"
    """Certainly published by the day."""
    NOT_YET_PUBLISHED = "not_yet_published"
    """Certainly not yet published on the day."""
    NOT_KNOWN = "not_known"
    """The record cannot say: no publication date (or only its month) and no bound."""


def _edition_on(publication: Publication | None, day: datetime.date) -> PublicationStatus:
    """Whether an edition was published by ``day``, from its own date or bound only."""
    if publication is None:
        return PublicationStatus.NOT_KNOWN
    published = publication.published
    if published is not None:
        if published.certainly_by(day):
            return PublicationStatus.PUBLISHED
        if day < published.first_day():
            return PublicationStatus.NOT_YET_PUBLISHED
        return PublicationStatus.NOT_KNOWN
    bound = publication.no_later_than
    if bound is not None and bound.certainly_by(day):
        return PublicationStatus.PUBLISHED
    return PublicationStatus.NOT_KNOWN


def publication_status(
    publication: Publication | None,
    year_end: datetime.date,
    day: datetime.date,
    *,
    later: Iterable[Publication] = (),
) -> PublicationStatus:
    """Whether the figures of a reporting year ending on ``year_end``, first published as
    ``publication`` says (``None``: no record of it), had been published on ``day``;
    ``later`` are the same release's publications of later years, whose editions
    republish this year's figures: one published by ``day`` settles a status that
    is otherwise not known (a stated date of the year's own edition is never
    overruled).

    >>> import datetime
    >>> from childservices.model import Citation, PartialDate, Publication
    >>> october = Publication(id="r.2025", release="r", year=2025,
    ...     published=PartialDate.parse("2025-10"), citations=(Citation(source="s"),))
    >>> end = datetime.date(2025, 3, 31)
    >>> [publication_status(october, end, datetime.date(2025, m, d)).value
    ...  for m, d in ((3, 31), (9, 30), (10, 15), (11, 1))]
    ['not_yet_published', 'not_yet_published', 'not_known', 'published']
    >>> publication_status(None, datetime.date(2024, 3, 31), datetime.date(2025, 11, 1),
    ...                    later=[october]).value
    'published'
    """
    if day <= year_end:
        return PublicationStatus.NOT_YET_PUBLISHED
    own = _edition_on(publication, day)
    if own is PublicationStatus.NOT_KNOWN and any(
        _edition_on(edition, day) is PublicationStatus.PUBLISHED for edition in later
    ):
        return PublicationStatus.PUBLISHED
    return own


@attrs.frozen(kw_only=True)
class FiguresAsOf:
    """Figures as known on ``day``: those published by then, and apart, those not yet
    published and those whose publication date the record does not know.

    It reads as the tuple :attr:`published` (iterate, index, slice, ``len``), in
    the order the figures were given. Every figure given is in exactly one of
    the three groups.
    """

    day: datetime.date
    published: tuple[Observation, ...] = ()
    """Figures certainly published by ``day``."""
    not_yet_published: tuple[Observation, ...] = ()
    """Figures certainly not yet published on ``day``."""
    not_known: tuple[Observation, ...] = ()
    """Figures the record cannot place: published by ``day`` or not, it does not know."""

    def __iter__(self) -> Iterator[Observation]:
        return iter(self.published)

    def __len__(self) -> int:
        return len(self.published)

    @overload
    def __getitem__(self, index: int) -> Observation: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Observation, ...]: ...

    def __getitem__(self, index: int | slice) -> Observation | tuple[Observation, ...]:
        return self.published[index]


def figures_as_of(
    observations: Iterable[Observation],
    measures: Mapping[str, Measure],
    publications: Mapping[str, Publication],
    day: datetime.date,
) -> FiguresAsOf:
    """``observations`` split by their :func:`publication_status` on ``day``.

    ``measures`` is the vocabulary by id (a figure's measure gives its release
    and the day its years end) and ``publications`` the record's publications
    by id (``release.year``); a release's later editions count as
    :func:`publication_status` says. A figure of a measure not in ``measures``
    is not known.
    """
    by_release: dict[str, list[Publication]] = {}
    for publication in publications.values():
        by_release.setdefault(publication.release, []).append(publication)
    groups: dict[PublicationStatus, list[Observation]] = {
        status: [] for status in PublicationStatus
    }
    for observation in observations:
        measure = measures.get(observation.measure)
        if measure is None:
            status = PublicationStatus.NOT_KNOWN
        else:
            year = observation.year
            editions = by_release.get(measure.release, ())
            status = publication_status(
                publications.get(publication_id(measure.release, year)),
                measure.year_ends.day(year),
                day,
                later=[edition for edition in editions if edition.year > year],
            )
        groups[status].append(observation)
    return FiguresAsOf(
        day=day,
        published=tuple(groups[PublicationStatus.PUBLISHED]),
        not_yet_published=tuple(groups[PublicationStatus.NOT_YET_PUBLISHED]),
        not_known=tuple(groups[PublicationStatus.NOT_KNOWN]),
    )
