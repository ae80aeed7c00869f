"""The fuzz suite's budget and its one rule: only documented errors escape, saying where.

Every fuzz test runs a fixed number of examples, derandomised, so CI runs the
same cases in the same time (the whole suite takes well under two minutes on
two cores). Outside CI (the README's test command) each runs half as many.
Set ``FUZZ_EXAMPLES`` to run more, with fresh random examples::

    FUZZ_EXAMPLES=2000 python -m pytest tests/fuzz
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from hypothesis import HealthCheck, settings

from childservices.errors import ChildServicesError

_EXTRA = int(os.environ.get("FUZZ_EXAMPLES", "0"))
_SHARE = 1.0 if os.environ.get("CI") else 0.5

FAST_SECONDS = 10.0
"""The most one pathological input may take (generous for a loaded CI machine)."""


def budget(examples: int) -> Callable[[Any], Any]:
    """Hypothesis settings for a fuzz test: ``examples`` cases, the same ones every run."""
    return settings(
        max_examples=_EXTRA or max(1, round(examples * _SHARE)),
        derandomize=not _EXTRA,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.function_scoped_fixture,
        ],
    )


def documented(exc: BaseException, *names: str) -> None:
    """Fail unless ``exc`` is a library error whose message names one of ``names``."""
    assert isinstance(exc, ChildServicesError), f"undocumented {type(exc).__name__}: {exc}"
    message = str(exc)
    assert message.strip(), "an error with no message"
    if names:
        assert any(name in message for name in names), f"{message!r} names none of {names}"


@contextmanager
def fast(seconds: float = FAST_SECONDS) -> Iterator[None]:
    """Fail if the block takes longer than ``seconds`` (a pathological input must fail fast)."""
    start = time.perf_counter()
    yield
    elapsed = time.perf_counter() - start
    assert elapsed < seconds, f"took {elapsed:.1f} s"
