"""A user's own folder of records, as the tests write one: a source of the user's notes
and one file of each table given."""

from __future__ import annotations

from pathlib import Path

NOTES = "id,title,publisher,published,url\nmy-notes,My notes,Me,2024-01,https://example.org/notes\n"
"""The sources table of a user's folder: one source, the user's notes."""


def user_folder(tmp_path: Path, **tables: str) -> Path:
    """The folder ``tmp_path/mine``: ``mine.csv`` of each table with its text, and of
    ``sources`` (:data:`NOTES` unless given)."""
    root = tmp_path / "mine"
    for name, text in {"sources": NOTES, **tables}.items():
        (root / name).mkdir(parents=True, exist_ok=True)
        (root / name / "mine.csv").write_text(text, encoding="utf-8")
    return root
