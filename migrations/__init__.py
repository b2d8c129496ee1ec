"""Alembic environment and revisions: the only way StudioDesk's schema changes.

Installed as ``app/migrations`` (package data of ``app``); app.services.database.SCRIPT_LOCATION
finds it there or here, at the top of a source tree.
"""
