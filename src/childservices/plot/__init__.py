"""Figures of the record: one authority's timeline, national grades over time, every alternative
delivery model, Ofsted's visits over time, and measures in context (around an event, by grade).

Needs the ``plot`` extra (``pip install 'childservices[plot]'``, in a checkout
``pip install '.[plot]'``, which installs matplotlib; without it a figure
raises :class:`~childservices.MissingExtraError`). matplotlib is imported only
when a figure is drawn, so
``import childservices`` never needs it. Every function returns a
:class:`matplotlib.figure.Figure` built without :mod:`matplotlib.pyplot`, so
drawing touches no global state; save it with ``figure.savefig("out.png")``
or show it in a notebook.

The colours are the same in every figure: greens for good and outstanding,
amber for requires improvement, a paler brown for 'adequate' (a different
judgement from requires improvement, never drawn alike), red for inadequate
and grey where a framework gives no overall judgement.

>>> import childservices as cs
>>> from childservices import plot
>>> plot.GRADE_COLOURS[cs.Grade.INADEQUATE]
'#c2334d'
>>> figure = plot.authority_timeline(cs.load().authority("Sandwell"))  # doctest: +SKIP
>>> figure.savefig("sandwell.png")  # doctest: +SKIP

The documentation's figures are drawn by these functions at build time (see
``docs/_ext/figures.py``).

Import the figures from here; they live in ``timeline`` (one authority),
``national`` (grades and visits over time), ``delivery_models`` (every
alternative delivery model) and ``context`` (measures around an event and by grade), drawn with the shared helpers of ``drawing``
(axes, bars, stacked markers), ``labels`` (label placement) and ``palette``
(the colours and markers). The national figures read a
:class:`~childservices.plot.record_source.RecordSource`: a
:class:`~childservices.Dataset`, or anything with its ``records`` and
``shares_on``.
"""

from __future__ import annotations

from childservices.plot.context import measure_around_chart, measure_by_grade_chart
from childservices.plot.delivery_models import adm_timeline
from childservices.plot.national import national_grades, visits_over_time
from childservices.plot.palette import (
    DELIVERY_COLOURS,
    GRADE_COLOURS,
    INTERVENTION_MARKERS,
    VISIT_COLOURS,
    VISIT_MARKERS,
)
from childservices.plot.timeline import authority_timeline

__all__ = [
    "DELIVERY_COLOURS",
    "GRADE_COLOURS",
    "INTERVENTION_MARKERS",
    "VISIT_COLOURS",
    "VISIT_MARKERS",
    "adm_timeline",
    "authority_timeline",
    "measure_around_chart",
    "measure_by_grade_chart",
    "national_grades",
    "visits_over_time",
]
