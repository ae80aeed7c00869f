"""The library's errors.

Every error the library raises on purpose derives from
:class:`ChildServicesError`, and each also derives from the builtin exception
it resembles, so ``except LookupError`` keeps working for callers who do not
know this library.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "ArgumentTypeError",
    "ArgumentValueError",
    "ChildServicesError",
    "CoverageWarning",
    "DatasetError",
    "ExportError",
    "FileRefusedError",
    "IncomparableGradesError",
    "InvalidDateError",
    "InvalidRecordError",
    "LifecycleError",
    "MissingExtraError",
    "PlannedDateWarning",
    "Problem",
    "ReportDateWarning",
    "ReportError",
    "UnknownAuthorityError",
    "UnknownRecordError",
    "UpdateError",
]


class ChildServicesError(Exception):
    """Base class of every error raised by :mod:`childservices`."""


class CoverageWarning(UserWarning):
    """A question about a day after the newest report the record holds.

    The answer is still given from the record; it may miss inspections
    published since (``childservices update`` adds them). Silence it with
    ``warnings.simplefilter("ignore", cs.CoverageWarning)``.
    """


class PlannedDateWarning(UserWarning):
    """A user's record holds a date after today in a field where a plan is real.

    A council's vesting day, a reorganisation, a go-live or the end of a
    contract may be planned ahead; the record is taken, and the warning names
    the file, the record and the field. Any other date after today is a
    problem (:mod:`childservices.records.future`).
    """


class ReportDateWarning(UserWarning):
    """A report's dates do not fit together, or fit an inspection already recorded.

    Given when the publication date in a report's file name is more than six
    months after the fieldwork the report prints (a renamed file), or when the
    record already holds an inspection of the same authority, framework and
    fieldwork under another date (:mod:`childservices.reports.read`).
    """


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with one record: where it is and what is wrong.

    ``file`` is the file the record came from (or ``None`` for records built
    in memory), ``record`` its id or line, ``field`` the dotted path of the
    field within the record.
    """

    message: str
    file: str | None = None
    record: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        """The problem on one line: a line break in a file name (or anywhere) is shown as
        ``\\n``, so a file's name cannot forge another line of output."""
        where = [part for part in (self.file, self.record, self.field) if part]
        text = f"{': '.join(where)}: {self.message}" if where else self.message
        return _one_line(text)


def _one_line(text: str) -> str:
    """``text`` with its line breaks written as escapes (``\\n``, ``\\r``): one line of output."""
    return text.replace("\n", "\\n").replace("\r", "\\r")


class DatasetError(ChildServicesError, ValueError):
    """Records that cannot be loaded: every problem found, each with its place.

    Loading is all or nothing: when this is raised nothing was loaded.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        shown = "\n".join(f"  - {p}" for p in self.problems[:50])
        more = f"\n  ... and {count - 50} more" if count > 50 else ""
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in the records:\n{shown}{more}")


class UnknownAuthorityError(ChildServicesError, LookupError):
    """No authority has the name, alias or identifier asked for."""

    query: str
    suggestions: tuple[str, ...]

    def __init__(self, query: str, suggestions: Sequence[str] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        hint = (
            f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?" if suggestions else ""
        )
        super().__init__(f"no authority matches {query!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class InvalidDateError(ChildServicesError, ValueError):
    """A date that cannot be read, or one too vague for the question asked."""


class InvalidRecordError(ChildServicesError, ValueError):
    """A record that cannot exist as given: a field outside its vocabulary, dates out of
    order, a grade off its framework's scale, a missing citation. Raised as the record is
    built; the readers gather these into one :class:`DatasetError` with their places."""


class IncomparableGradesError(ChildServicesError, TypeError):
    """'Adequate' (before November 2013) and 'requires improvement' were compared.

    They sit at the same place on their scales but are different judgements;
    a caller who wants to treat them alike must say so explicitly.
    """


class LifecycleError(ChildServicesError, ValueError):
    """Events of an alternative delivery model's life in an order that cannot happen."""


class MissingExtraError(ChildServicesError, ImportError):
    """An optional package a feature needs is not installed; the message names the extra."""


class ReportError(ChildServicesError, ValueError):
    """An Ofsted report that cannot be read: not a PDF, or text not recognised."""


class ArgumentTypeError(ChildServicesError, TypeError):
    """A public function was given an argument of the wrong type (a number where a path goes)."""


class ArgumentValueError(ChildServicesError, ValueError):
    """A public function was given an argument of the right type but a value it does not take
    (an authority kind that does not exist, say)."""


class FileRefusedError(ChildServicesError, OSError):
    """A file that is not read, on purpose: not a regular file (a FIFO, a device), or larger
    than the bound for its kind."""


class ExportError(ChildServicesError, OSError):
    """An export that was not written: it would replace files without ``overwrite=True``
    (``--force``), write through a link, or the disk refused it. ``path`` is the file or
    folder concerned; nothing of the export is left half-written."""

    path: str

    def __init__(self, path: object, message: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {message}")

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownRecordError(ChildServicesError, KeyError):
    """No record of the kind asked for has that id (a source, an inspection, a lifecycle)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UpdateError(ChildServicesError, RuntimeError):
    """The update could not run at all (the feed could not be fetched or read); nothing changed."""
