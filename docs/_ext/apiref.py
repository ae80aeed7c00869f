"""Sphinx extension: the top-level names table, and links to ``childservices.<name>``.

Every public object is documented once, in the module that defines it
(``childservices.model.grades.Grade``). Users write ``cs.Grade``, and the
docstrings say :class:`~childservices.Grade`, so this extension

- writes ``_generated/api-names.md``: each name of ``childservices.__all__``
  with what it is and a link to where it is documented (generated, so it
  cannot fall behind ``__all__``);
- resolves a cross-reference to ``childservices.<name>[.<attribute>]`` that
  has no target of its own to the object's documented name, and one to a name
  a package re-exports (``childservices.layouts.D2I_SUMMARY``) to the module
  it is imported from.
"""

from __future__ import annotations

import ast
import enum
import importlib
import inspect
import re
from pathlib import Path
from typing import Any

import pagewrite

import childservices as cs

GENERATED = "_generated"

# Modules that define the top-level constants (checked in this order).
_DATA_MODULES = (
    "childservices.rules.asof",
    "childservices.dataset",
    "childservices.model.inspection",
)


def _assignment(name: str) -> tuple[str, str] | None:
    """(module, attribute docstring) of the module that assigns the constant ``name``."""
    for module_name in _DATA_MODULES:
        module = importlib.import_module(module_name)
        body = ast.parse(inspect.getsource(module)).body
        for index, node in enumerate(body):
            targets = []
            if isinstance(node, ast.Assign):
                targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                targets = [node.target.id]
            if name in targets:
                following = body[index + 1] if index + 1 < len(body) else None
                doc = ""
                if isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant):
                    doc = str(following.value.value)
                return module_name, doc
    return None


def _attribute_modules(name: str) -> str | None:
    """The module that assigns the constant ``name``."""
    found = _assignment(name)
    return None if found is None else found[0]


def documented_name(name: str) -> tuple[str, str] | None:
    """(role, full name) of where the top-level ``name`` is documented, or None."""
    obj = getattr(cs, name)
    if isinstance(obj, enum.Enum):
        return "data", f"childservices.{name}"  # documented on the reference index page
    if inspect.isclass(obj):
        role = "exc" if issubclass(obj, BaseException) else "class"
        return role, f"{obj.__module__}.{obj.__qualname__}"
    if inspect.isfunction(obj):
        return "func", f"{obj.__module__}.{obj.__qualname__}"
    module = _attribute_modules(name)
    if module is None:
        return None
    return "data", f"{module}.{name}"


_ROLE = re.compile(r":(mod|class|func|meth|attr|data|exc|obj):`")


def _summary(name: str, obj: Any) -> str:
    """The first paragraph of the docstring, with reST roles written as MyST roles."""
    if inspect.isclass(obj) or inspect.isfunction(obj):
        doc = inspect.getdoc(obj) or ""
    elif isinstance(obj, enum.Enum):
        doc = ""
    else:
        found = _assignment(name)
        doc = "" if found is None else found[1]
    first = doc.strip().split("\n\n")[0]
    text = " ".join(first.split()).replace("|", "\\|")
    return _ROLE.sub(lambda m: "{py:" + m.group(1) + "}`", text)


def names_page() -> list[str]:
    """A table of every top-level name with a link to its documentation."""
    lines = [
        "| name | documented as | what it is |",
        "|---|---|---|",
    ]
    for name in sorted(cs.__all__, key=str.casefold):
        if name.startswith("__"):
            continue
        found = documented_name(name)
        if found is None:
            continue
        role, full = found
        what = _summary(name, getattr(cs, name))
        if not what and name == "NOT_GIVEN":
            what = "The overall judgement of an inspection whose framework gives none."
        lines.append(f"| `cs.{name}` | {{py:{role}}}`{full}` | {what} |")
    return [*lines, ""]


def _on_builder_inited(app: Any) -> None:
    folder = Path(app.srcdir) / GENERATED
    folder.mkdir(exist_ok=True)
    pagewrite.write_page(folder / "api-names.md", names_page())


def _top_level_target(target: str) -> str | None:
    """Where ``childservices.<name>[.<attribute>]`` is documented, for a top-level name."""
    parts = target.split(".")
    if len(parts) < 2 or parts[0] != "childservices" or parts[1] not in cs.__all__:
        return None
    found = documented_name(parts[1])
    if found is None or found[1] == target:
        return None
    return ".".join([found[1], *parts[2:]])


def _reexported_target(target: str) -> str | None:
    """Where a name a package re-exports is documented: in the module it is imported from.

    ``childservices.layouts.D2I_SUMMARY`` (users' path) is documented as
    ``childservices.layouts.d2i.D2I_SUMMARY`` (where it is defined).
    """
    parts = target.split(".")
    for cut in range(len(parts) - 1, 1, -1):
        package = ".".join(parts[:cut])
        try:
            module = importlib.import_module(package)
            body = ast.parse(inspect.getsource(module)).body
        except (ImportError, OSError, TypeError):
            continue
        for node in body:
            if not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            for alias in node.names:
                if (alias.asname or alias.name) == parts[cut] and node.module.startswith(package):
                    return ".".join([node.module, alias.name, *parts[cut + 1 :]])
    return None


def _on_missing_reference(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve ``childservices.<name>...`` (a top-level or re-exported name) to where it is
    documented."""
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    if not target.startswith("childservices."):
        return None
    new_target = _top_level_target(target) or _reexported_target(target)
    if new_target is None:
        return None
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], new_target, node, contnode
    )


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    app.connect("missing-reference", _on_missing_reference)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
