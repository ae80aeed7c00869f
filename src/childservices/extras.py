"""The optional packages, and the one way the library imports them.

``import childservices`` needs only attrs, cattrs and pendulum. Reading
report PDFs, data frames, figures, reading the published feed and writing ODS
spreadsheets each need
an optional package, imported only when used; without it the library raises
:class:`~childservices.MissingExtraError`, naming the extra that installs it
and the command both for an installed package and for a checkout.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from childservices.errors import MissingExtraError

__all__ = ["EXTRAS", "require"]

EXTRAS = {
    "pypdf": "reports",
    "pandas": "pandas",
    "matplotlib": "plot",
    "openpyxl": "update",
    "odf": "ods",
}
"""Each optional package, by the extra that installs it (``all`` installs every one)."""


def require(package: str, *, feature: str) -> ModuleType:
    """The optional ``package`` (or a module inside it), or :class:`MissingExtraError`.

    ``feature`` says in a few words what needs it ("reading report PDFs").
    """
    top = package.split(".")[0]
    try:
        return importlib.import_module(package)
    except ImportError as exc:
        if exc.name is not None and exc.name.split(".")[0] != top:
            raise  # the package is there but something it needs is broken: say that
        extra = EXTRAS[top]
        raise MissingExtraError(
            f"{feature} needs the optional package {top}: pip install 'childservices[{extra}]' "
            f"(in a checkout of the project: pip install '.[{extra}]'; "
            "'[all]' installs every optional package)",
            name=top,
        ) from None
