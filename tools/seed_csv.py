"""Writing generated seed files: the ``tools/import_*.py`` steps use the library's writer."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from childservices.records.write import write_rows as write_csv

__all__ = ["write_csv"]
