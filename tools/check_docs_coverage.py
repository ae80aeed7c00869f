"""Check that every public name has a docstring and a place in the API reference.

Public names are those of ``childservices.__all__`` and the ``__all__`` of every
module the reference documents (``docs/api.md`` and ``docs/api/*.rst``), which
must include every module of :data:`REQUIRED_MODULES`. A name is in the
reference when an ``automodule`` directive with ``:members:`` covers it (its
members are its ``__all__``, less ``:exclude-members:``), or an ``autoclass``,
``autofunction``, ``autodata``, ``autoexception`` or plain ``py:...`` directive
names it. Each object needs documenting once: a name re-exported elsewhere is
covered where its object is documented.

A docstring is required of every documented module, class, function, and
public method and property defined on a documented class; a constant needs an
attribute docstring (a string right after its assignment), or, for an enum
member, a docstring on its enum. Dunder names (``__version__``) are exempt.

With ``--inventory PATH`` (``docs/_build/html/objects.inv`` after a build),
also check that Sphinx registered every documented name: autodoc silently
leaves out members without docstrings, so this catches what the static check
would not.

Runs without building the docs: ``python tools/check_docs_coverage.py``.
Exit status 1 and one line per problem when anything is missing.
"""

from __future__ import annotations

import argparse
import ast
import enum
import functools
import importlib
import inspect
import re
import sys
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

def _public_modules() -> tuple[str, ...]:
    """Every module of the package whose dotted name has no part starting with ``_``."""
    package = ROOT / "src" / "childservices"
    names = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        parts = parts[:-1] if parts[-1] == "__init__" else parts
        if not any(part.startswith("_") for part in parts):
            names.append(".".join(parts))
    return tuple(names)


REQUIRED_MODULES: tuple[str, ...] = _public_modules()
"""The public modules: each must have an ``automodule`` directive in the reference."""

_DIRECTIVE = re.compile(
    r"^\s*(?:\.\.\s+(?P<rst>(?:auto|py:)\w+)::|```\{(?P<myst>(?:auto|py:)\w+)\})\s*(?P<target>\S+)"
)
_OPTION = re.compile(r"^\s*:(?P<name>[\w-]+):\s*(?P<value>.*)$")


@dataclass
class Directive:
    """One documenting directive of the reference: ``automodule``, ``autoclass``, ``py:data``..."""

    kind: str
    target: str
    options: dict[str, str] = field(default_factory=dict)
    where: str = ""


def api_files(docs: Path = ROOT / "docs") -> list[Path]:
    """The reference's source files: ``docs/api*.rst``/``.md`` and ``docs/api/**``."""
    files = [*docs.glob("api*.rst"), *docs.glob("api*.md")]
    if (docs / "api").is_dir():
        files += [*docs.glob("api/**/*.rst"), *docs.glob("api/**/*.md")]
    return sorted(files)


def parse_directives(text: str, where: str = "") -> list[Directive]:
    """The documenting directives of a reST or MyST text, with their options."""
    found: list[Directive] = []
    lines = text.splitlines()
    for number, line in enumerate(lines):
        match = _DIRECTIVE.match(line)
        if match is None:
            continue
        directive = Directive(
            kind=(match["rst"] or match["myst"]).removeprefix("py:"),
            target=match["target"],
            where=f"{where}:{number + 1}",
        )
        for following in lines[number + 1 :]:
            option = _OPTION.match(following)
            if option is None:
                break
            directive.options[option["name"]] = option["value"].strip()
        module = directive.options.get("module")
        if module and not directive.target.startswith(module + "."):
            directive.target = f"{module}.{directive.target}"
        found.append(directive)
    return found


def _names(value: str) -> list[str]:
    return [n.strip() for n in value.split(",") if n.strip()]


def _import(target: str) -> Any:
    """The object a dotted name points to (a module, or an attribute of one)."""
    parts = target.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            obj = getattr(obj, attribute)
        return obj
    raise ImportError(target)


def public_names(module: ModuleType) -> list[str]:
    """A module's public names: its ``__all__``, else what it defines without a leading underscore."""
    declared = getattr(module, "__all__", None)
    if declared is not None:
        return list(declared)
    return [
        name
        for name, value in vars(module).items()
        if not name.startswith("_") and getattr(value, "__module__", None) == module.__name__
    ]


@dataclass
class Coverage:
    """What the reference documents: module names, and objects by identity (with a name each)."""

    modules: set[str] = field(default_factory=set)
    objects: dict[int, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, obj: Any, name: str) -> None:
        self.objects.setdefault(id(obj), name)

    def covers(self, obj: Any) -> bool:
        return id(obj) in self.objects


def coverage(directives: Iterable[Directive]) -> Coverage:
    """Expand the directives into the modules and objects they document."""
    found = Coverage()
    for directive in directives:
        try:
            obj = _import(directive.target)
        except (ImportError, AttributeError):
            found.problems.append(f"{directive.where}: cannot import {directive.target!r}")
            continue
        if directive.kind == "automodule" or directive.kind == "module":
            found.modules.add(directive.target)
            if "members" not in directive.options:
                continue
            chosen = _names(directive.options["members"]) or public_names(obj)
            excluded = set(_names(directive.options.get("exclude-members", "")))
            for name in chosen:
                if name in excluded:
                    continue
                if not hasattr(obj, name):
                    found.problems.append(
                        f"{directive.where}: {directive.target} has no member {name!r}"
                    )
                    continue
                found.add(getattr(obj, name), f"{directive.target}.{name}")
        else:
            found.add(obj, directive.target)
    return found


@functools.cache
def _module_body(module: ModuleType) -> tuple[ast.stmt, ...] | None:
    """The top-level statements of a module's source, parsed once (None: no source)."""
    try:
        return tuple(ast.parse(inspect.getsource(module)).body)
    except (OSError, TypeError):
        return None


def _assigned_with_docstring(module: ModuleType, name: str) -> bool | None:
    """Whether ``module`` assigns ``name`` with a docstring after it (None: does not assign it)."""
    body = _module_body(module)
    if body is None:
        return None
    for index, node in enumerate(body):
        targets: list[str] = []
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets = [node.target.id]
        if name not in targets:
            continue
        following = body[index + 1] if index + 1 < len(body) else None
        return (
            isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
            and bool(following.value.value.strip())
        )
    return None


def _has_doc(obj: Any) -> bool:
    doc = obj.__dict__.get("__doc__") if inspect.isclass(obj) else getattr(obj, "__doc__", None)
    return isinstance(doc, str) and bool(doc.strip())


def _member_problems(cls: type, name: str) -> list[str]:
    """Public methods and properties defined on ``cls`` without a docstring."""
    problems = []
    for attribute, value in vars(cls).items():
        if attribute.startswith("_"):
            continue
        if isinstance(value, property):
            function: Any = value.fget
        elif isinstance(value, classmethod | staticmethod):
            function = value.__func__
        elif inspect.isfunction(value):
            function = value
        else:
            continue
        if not _has_doc(function):
            problems.append(f"{name}.{attribute}: no docstring")
    return problems


def docstring_problems(
    obj: Any, name: str, modules: Sequence[ModuleType], documented_as: str | None = None
) -> list[str]:
    """What is missing from the documentation of one public object."""
    if inspect.ismodule(obj):
        return [] if _has_doc(obj) else [f"{name}: module has no docstring"]
    if inspect.isclass(obj):
        problems = [] if _has_doc(obj) else [f"{name}: class has no docstring"]
        return problems + _member_problems(obj, name)
    if inspect.isfunction(obj):
        return [] if _has_doc(obj) else [f"{name}: function has no docstring"]
    if isinstance(obj, enum.Enum):
        return [] if _has_doc(type(obj)) else [f"{name}: its enum has no docstring"]
    if documented_as is not None and "." in documented_as:
        # An explicit ``py:data`` directive in the reference carries its own text.
        return []
    short = name.rsplit(".", 1)[-1]
    answers = [_assigned_with_docstring(module, short) for module in modules]
    if any(answer is True for answer in answers):
        return []
    return [f"{name}: constant has no attribute docstring (a string after its assignment)"]


def read_inventory(path: Path) -> set[str]:
    """The object names a Sphinx ``objects.inv`` (version 2) lists."""
    data = path.read_bytes()
    lines = data.split(b"\n", 4)
    if len(lines) < 5 or not lines[0].startswith(b"# Sphinx inventory version 2"):
        raise ValueError(f"{path}: not a Sphinx inventory (version 2)")
    names = set()
    for line in zlib.decompress(lines[4]).decode("utf-8").splitlines():
        match = re.match(r"(?x)(.+?)\s+(\S+):(\S+)\s+(-?\d+)\s+(\S+)\s+(.*)", line)
        if match and match.group(2) == "py":
            names.add(match.group(1))
    return names


def check(
    *,
    docs: Path = ROOT / "docs",
    required: Sequence[str] = REQUIRED_MODULES,
    inventory: Path | None = None,
) -> list[str]:
    """Every problem found, one line each (an empty list when the reference is complete)."""
    directives = [
        d for path in api_files(docs) for d in parse_directives(path.read_text("utf-8"), str(path))
    ]
    if not directives:
        return [f"{docs}: no API reference (docs/api*.rst, docs/api/*.rst) found"]
    found = coverage(directives)
    problems = list(found.problems)
    modules = [importlib.import_module(m) for m in sorted(set(required) | found.modules)]
    for module_name in required:
        if module_name not in found.modules:
            problems.append(f"{module_name}: no automodule directive in the API reference")
    explicit = {id(_import(d.target)): d.target for d in directives if d.kind == "data"}
    checked: set[int] = set()
    for module in modules:
        problems += docstring_problems(module, module.__name__, modules)
        for name in public_names(module):
            if name.startswith("__"):
                continue
            full = f"{module.__name__}.{name}"
            obj = getattr(module, name, None)
            if obj is None and not hasattr(module, name):
                problems.append(f"{full}: in __all__ but not defined")
                continue
            if not found.covers(obj):
                problems.append(f"{full}: not in the API reference")
                continue
            if id(obj) in checked:
                continue
            checked.add(id(obj))
            problems += docstring_problems(obj, full, modules, explicit.get(id(obj)))
    if inventory is not None:
        listed = read_inventory(inventory)
        for name in sorted(set(found.objects.values()) | found.modules):
            if name not in listed:
                problems.append(f"{name}: documented in the reference but not in {inventory}")
    return sorted(set(problems))


def main(argv: Sequence[str] | None = None) -> int:
    """Print every problem and return 1, or say how much was checked and return 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument(
        "--inventory",
        type=Path,
        help="a built objects.inv to check as well (docs/_build/html/objects.inv)",
    )
    args = parser.parse_args(argv)
    problems = check(docs=args.docs, inventory=args.inventory)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in the API reference", file=sys.stderr)
        return 1
    print(f"API reference complete: {len(REQUIRED_MODULES)} public modules checked")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
