"""Only app/models/db.py speaks to one database in its own dialect; everything else is portable SQL."""

from __future__ import annotations

import ast
import re
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"
# db.py is where the differences live; base.py's column types pick their storage per database.
# prepared.py compiles hot statements for whichever dialect the connection speaks
ALLOWED = {APP / "models" / "db.py", APP / "models" / "base.py", APP / "models" / "prepared.py"}
DIALECT_TEXT = re.compile(r"\bPRAGMA\b|sqlite_master|pg_get_serial_sequence|\bsetval\(|\bANALYZE\b", re.I)
DIALECT_ATTRIBUTES = {"dialect", "exec_driver_sql", "on_conflict_do_nothing", "on_conflict_do_update"}


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def dialect_specific(source: str) -> list[str]:
    """The places in ``source`` that address SQLite or PostgreSQL in their own terms."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if a.name == "sqlite3" or "dialects" in a.name]
        elif isinstance(node, ast.ImportFrom) and node.module and (
                node.module == "sqlite3" or node.module.startswith("sqlalchemy.dialects")):
            found.append(f"from {node.module} import ...")
        elif isinstance(node, ast.Attribute) and node.attr in DIALECT_ATTRIBUTES:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs \
                and DIALECT_TEXT.search(node.value):
            found.append(f"line {node.lineno}: {node.value!r}")
    return found


def test_the_checker_sees_dialect_specific_code():
    assert dialect_specific('import sqlite3\nx = e.dialect.name\nc.exec_driver_sql("PRAGMA foreign_keys=ON")\n')
    assert dialect_specific("from sqlalchemy.dialects import sqlite\n")
    assert dialect_specific('"""Verified with PRAGMA integrity_check."""\n# PRAGMA in a comment\n') == []


def test_sqlite_and_postgresql_specific_statements_live_only_in_models_db():
    offenders = {str(p.relative_to(APP)): found for p in sorted(APP.rglob("*.py"))
                 if p not in ALLOWED and (found := dialect_specific(p.read_text(encoding="utf-8")))}
    assert offenders == {}
