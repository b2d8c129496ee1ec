"""Alembic environment and revisions: the only way StudioDesk's schema changes."""

from pathlib import Path

SCRIPT_LOCATION = str(Path(__file__).resolve().parent)
