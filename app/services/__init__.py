"""Use cases of StudioDesk. Services own every write and never import Qt widgets.

A service function takes a SQLAlchemy ``Session`` and plain arguments, checks the
rules, writes and commits, and returns plain results. Refusals are raised as the
domain errors of :mod:`app.services.errors`, whose text is ready to show.
"""
