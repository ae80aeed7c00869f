"""The smaller items of issue 26 (item 8 of the issue), each failing before its fix."""

from __future__ import annotations

import pytest

import childservices as cs


@pytest.mark.parametrize("extra", ["", [""], ["mine.csv", ""]])
def test_an_empty_extra_path_is_refused(extra: object) -> None:
    # Failed before the fix: load(extra='') read the current folder.
    with pytest.raises(cs.ArgumentValueError, match="an empty path names no file"):
        cs.load(extra=extra)  # type: ignore[arg-type]
