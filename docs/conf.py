"""Sphinx configuration for the childservices documentation.

Builds offline: no intersphinx, nothing fetched. Pages generated from the
code and the bundled dataset at build time (tables, sources, coverage,
timelines, the top-level names, the figures, the analyses' numbers) are written into
``docs/_generated/`` by the extensions in ``docs/_ext/``; the site's pages (one per
authority, and the national pages) into ``docs/authorities/`` and ``docs/national/``.
"""

import os
import sys
import tempfile
from pathlib import Path

# The docs describe the record as released: the builder's own update runs
# (childservices update) must not change the figures and examples.
os.environ["CHILDSERVICES_DATA_DIR"] = tempfile.mkdtemp(prefix="childservices-docs-data-")

import childservices  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

project = "childservices"
author = "childservices maintainers"
copyright = "2026, childservices maintainers"
release = childservices.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "myst_parser",
    # Local extensions (docs/_ext): generated pages and figures.
    "datadoc",
    "apiref",
    "figures",
    "analyses",
    "measuredoc",
    "sitepages",
    # Sphinx drops the search entries of pages a rebuild leaves alone: give them back.
    "searchentries",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "_generated"]
html_theme = "furo"
html_title = f"childservices {release}"
# The site's script and styles: the sorting and filtering of its national table.
html_static_path = ["_static"]
# A small icon of our own, so a browser asking for one finds it (no 404 in its console).
html_favicon = "_static/favicon.svg"
html_css_files = ["site.css"]

autodoc_member_order = "bysource"
# The docstrings are plain prose and reST; Google-style parsing would read a first line
# such as "The not-for-profit company models: what the sector counts as trusts" on a
# constant as "type: description" and render the prose as a type.
napoleon_google_docstring = False
napoleon_numpy_docstring = False
autodoc_typehints = "description"
autodoc_typehints_format = "short"
python_use_unqualified_type_names = True
nitpicky = False

myst_heading_anchors = 3

# Doctests: every example block in the pages runs under `sphinx -b doctest`.
doctest_global_setup = """
import warnings
import childservices as cs
# Examples about made-up records or later days say so in their text; the warning
# itself is shown in howto/current.md.
warnings.simplefilter("ignore", cs.CoverageWarning)
"""

# Only the explicit ``{doctest}`` blocks of the pages run here: the examples in
# the docstrings shown by autodoc run under pytest (``--doctest-modules``) in
# their own module's namespace.
doctest_test_doctest_blocks = ""
