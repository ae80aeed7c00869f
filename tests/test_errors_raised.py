"""Every error the library raises is its own, exported and documented.

Walks the package's source for ``raise`` statements (issue 23): a raised class
defined in the package must be an error of :mod:`childservices.errors`,
exported from ``childservices``; a bare builtin (``ValueError``,
``KeyError``...) is raised only where Python's own protocols ask for it
(``AttributeError`` from the attribute hooks of a module or a frozen object).
Private exception classes (``_Unreadable``) never leave the module that
raises them and are not counted.
"""

from __future__ import annotations

import ast
import builtins
import inspect
from collections.abc import Iterator
from pathlib import Path

import childservices as cs
from childservices import errors

PACKAGE = Path(cs.__file__).resolve().parent
_PROTOCOL = {"AttributeError": {"__getattr__", "__setattr__", "__delattr__"}}
"""Builtins that a Python protocol requires, and the functions allowed to raise them."""


def _raises(tree: ast.AST) -> Iterator[tuple[ast.Raise, list[str]]]:
    """Each ``raise`` with the names of the functions and classes around it."""

    def walk(node: ast.AST, around: list[str]) -> Iterator[tuple[ast.Raise, list[str]]]:
        for child in ast.iter_child_nodes(node):
            inner = around
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                inner = [*around, child.name]
            if isinstance(child, ast.Raise):
                yield child, inner
            yield from walk(child, inner)

    yield from walk(tree, [])


def _raised_name(node: ast.Raise) -> str | None:
    exc = node.exc
    if isinstance(exc, ast.Call):
        exc = exc.func
    if isinstance(exc, ast.Name):
        return exc.id
    if isinstance(exc, ast.Attribute):
        return exc.attr
    return None


def _builtin_exception(name: str) -> bool:
    value = getattr(builtins, name, None)
    return inspect.isclass(value) and issubclass(value, BaseException)


def _sites() -> Iterator[tuple[str, str, list[str]]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node, around in _raises(tree):
            name = _raised_name(node)
            if name is not None:
                yield f"{path.relative_to(PACKAGE)}:{node.lineno}", name, around


def test_no_bare_builtin_is_raised() -> None:
    bare = [
        f"{where} raises {name} in {'.'.join(around) or 'the module'}"
        for where, name, around in _sites()
        if _builtin_exception(name)
        and not (around and around[-1] in _PROTOCOL.get(name, ()))
        and not (name == "SystemExit" and where.startswith("__main__"))
    ]
    assert not bare, "\n".join(bare)


def _package_exception_classes() -> dict[str, str]:
    """Each exception class defined in the package: its name and its module's file."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
                if any(b.endswith(("Error", "Exception", "Warning")) for b in bases):
                    found[node.name] = str(path.relative_to(PACKAGE))
    return found


def test_every_public_exception_class_lives_in_errors_and_is_exported() -> None:
    classes = _package_exception_classes()
    assert classes, "the walk found no exception class at all"
    outside = {name: where for name, where in classes.items() if where != "errors.py"}
    assert not outside, f"exception classes outside errors.py: {outside}"
    for name in classes:
        assert name in cs.__all__, f"{name} is not exported from childservices"
        assert getattr(cs, name) is getattr(errors, name)


def test_every_raised_package_class_is_an_exported_error() -> None:
    exported = {n for n in cs.__all__ if inspect.isclass(getattr(cs, n, None))}
    raised = {name for _, name, _ in _sites() if not _builtin_exception(name)}
    own = {
        name
        for name in raised
        if not name.startswith("_") and name[:1].isupper() and name not in {"Exception"}
    }
    assert own, "the walk found no raise of the library's own errors"
    assert own <= exported, f"raised but not exported: {sorted(own - exported)}"


def test_every_error_is_a_child_services_error_and_its_builtin() -> None:
    classes = [getattr(errors, n) for n in errors.__all__]
    errors_only = [c for c in classes if inspect.isclass(c) and issubclass(c, Exception)]
    errors_only = [c for c in errors_only if not issubclass(c, Warning)]
    assert len(errors_only) > 10
    for error in errors_only:
        assert issubclass(error, cs.ChildServicesError), error
        if error is not cs.ChildServicesError:
            builtin = [b for b in error.__mro__[1:] if b.__module__ == "builtins"]
            assert builtin[0] is not Exception, f"{error.__name__} resembles no builtin"


def test_the_walk_sees_a_bare_builtin() -> None:
    tree = ast.parse("def f():\n    raise ValueError('x')\n")
    (node, around), = list(_raises(tree))
    assert _raised_name(node) == "ValueError" and around == ["f"]
    assert _builtin_exception("ValueError") and not _builtin_exception("DatasetError")
