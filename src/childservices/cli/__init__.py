"""The command line: quick answers from the bundled dataset (``childservices`` or ``python -m childservices``).

``summary`` describes the dataset; ``show AUTHORITY`` prints one authority's
history with sources; ``ratings``, ``trusts`` and ``interventions`` answer
"on this day" questions as tables (``--format table|csv|json``);
``measures`` gives the DfE's official figures (the list of
measures, or one measure for every authority in a year, ``--as-of`` a day);
``time-to-good`` gives the Kaplan-Meier estimate of the time from an
inadequate judgement to good, by group; ``export``
writes every table, or one drop-in table (``--layout``: the spreadsheets
analysts already use, for any day); ``validate`` checks a user's own record files;
``read-report`` reads Ofsted report PDFs. ``--extra PATH`` merges a user's
records into the dataset for any command. The commands only call the
library; a user's mistake is one line on standard error and a non-zero exit,
never a traceback.

What is printed is safe for a terminal and for any locale: control characters
in the data (a user's own text, a file name) are shown escaped (``\\u001b``),
characters the output's encoding cannot show are written as escapes
(``\\xa3``), and CSV cells are made inert for spreadsheets
(:mod:`childservices.records.cells`). A failing command keeps its exit status
when its reader goes away (``childservices validate ... | head``).

The package has a module per command group (``show``: ``summary`` and
``show``; ``on_a_day``: ``ratings``, ``trusts``, ``interventions``;
``delivery``; ``measures``; ``time_to_good``; ``export``; ``validate``; ``update``; ``read_report``),
each adding its own commands to the parser (``parser``); ``output`` and
``command`` hold what they share. Only :func:`main` and :func:`printable` are
public.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from childservices.cli.output import printable
from childservices.cli.parser import run
from childservices.loading import load

__all__ = ["main", "printable"]


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    # ``load`` is looked up here at each run, so a test may replace ``childservices.cli.load``.
    return run(argv, out=out, load=load)
