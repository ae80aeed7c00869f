"""Sphinx configuration for the childservices documentation."""

project = "childservices"
author = "childservices maintainers"
copyright = "2026, childservices maintainers"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "myst_parser",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "furo"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
nitpicky = False

# The dataset page (data.md) includes pages generated from the code and the
# bundled dataset at build time by docs/_ext/datadoc.py into docs/_generated/.
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))
extensions.append("datadoc")
exclude_patterns.append("_generated")
