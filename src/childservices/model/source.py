"""Sources: the documents every fact in the dataset comes from."""

from __future__ import annotations

import re

import attrs

from childservices.errors import InvalidRecordError
from childservices.model.dates import PartialDate
from childservices.model.validate import non_empty, optional_non_empty, slug

__all__ = ["Citation", "Source"]

_URL = re.compile(r"https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/[^\s]*)?")


def _check_url(instance: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and _URL.fullmatch(value) is None:
        raise InvalidRecordError(f"{attribute.name}: {value!r} is not a well-formed http(s) address")


@attrs.frozen(kw_only=True)
class Source:
    """A document cited by the dataset: a report, article, letter, council paper or data set."""

    id: str = attrs.field(validator=slug)
    title: str = attrs.field(validator=non_empty)
    publisher: str | None = attrs.field(default=None, validator=optional_non_empty)
    published: PartialDate | None = None
    url: str | None = attrs.field(default=None, validator=_check_url)


@attrs.frozen(kw_only=True)
class Citation:
    """A pointer to where a fact is stated: a source and, where useful, the place in it."""

    source: str = attrs.field(validator=slug)
    locator: str | None = attrs.field(default=None, validator=optional_non_empty)
