"""A statement that runs on every scan, compiled once per database and run as plain SQL.

SQLAlchemy's Core execution of a statement costs about as much again as SQLite takes to run
a small indexed query (~0.1 ms: building the parameters, the statement cache, wrapping the
result). For the pickup station's one query per scan that doubled what the customer waits
for. A :class:`PreparedQuery` compiles its statement once per dialect with every constant
written into the SQL and the one value a scan brings left as the driver's placeholder. It
runs on the driver's cursor of the session's connection, inside the session's transaction;
driver errors come out as SQLAlchemy's, and each column is converted by its own type's
result processor, as a Core execution would convert it (a test compares the two on SQLite
and PostgreSQL). While anybody watches the engine's statements (SQL logging, a cursor
event listener) it goes through ``exec_driver_sql`` instead, so they see it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Dialect, Select
from sqlalchemy.exc import DBAPIError

# The driver's placeholder for one positional value, by DB-API paramstyle.
_PLACEHOLDER = {"qmark": "?", "format": "%s", "pyformat": "%s"}

Processor = Callable[[Any], Any]
_SQL_LOG = logging.getLogger("sqlalchemy.engine.Engine")  # SQL logging switched on without echo


class PreparedQuery:
    """``statement`` with one bound parameter, ``param``, given at each run: a string (a
    scanned code, an order number), handed to the driver as it is (no bind processor runs).
    Each selected column must be selected once (results are converted by position)."""

    def __init__(self, statement: Select[Any], param: str) -> None:
        self.statement = statement
        self.param = param
        self._by_dialect: dict[tuple[str, str], tuple[str, list[tuple[int, Processor]]]] = {}

    def sql(self, dialect: Dialect) -> str:
        return self._prepared(dialect)[0]

    def _prepared(self, dialect: Dialect) -> tuple[str, list[tuple[int, Processor]]]:
        key = (dialect.name, dialect.paramstyle)
        prepared = self._by_dialect.get(key)
        if prepared is None:
            placeholder = _PLACEHOLDER.get(dialect.paramstyle)
            if placeholder is None:
                raise NotImplementedError(f"paramstyle {dialect.paramstyle}")
            marker = f"prepared_query_value_{self.param}"
            compiled = self.statement.params({self.param: marker}).compile(
                dialect=dialect, compile_kwargs={"literal_binds": True})
            sql = str(compiled)
            quoted = f"'{marker}'"
            if sql.count(quoted) != 1:  # the value must appear exactly once, as a literal
                raise ValueError(f"{self.param} appears {sql.count(quoted)} times in the statement")
            processors: list[tuple[int, Processor]] = []
            for index, column in enumerate(self.statement.selected_columns):
                processor = column.type.dialect_impl(dialect).result_processor(dialect, None)
                if processor is not None:
                    processors.append((index, processor))
            self._by_dialect[key] = prepared = (sql.replace(quoted, placeholder), processors)
        return prepared

    def rows(self, connection: Connection, value: object) -> list[list[Any]]:
        """The statement's rows for ``value``, each a list of the columns as Python values.

        It runs on the driver's cursor of ``connection`` (inside its transaction). A driver
        error comes out as SQLAlchemy's, the way Core execution raises it, its values hidden;
        a lost connection is invalidated, so the pool never hands it out again."""
        sql, processors = self._prepared(connection.dialect)
        if (connection.dispatch.before_cursor_execute or connection.dispatch.after_cursor_execute
                or connection.engine.echo or _SQL_LOG.isEnabledFor(logging.INFO)):
            # somebody watches the statements (SQL logging, a test counting round trips):
            # through SQLAlchemy's execution, which shows it to them, with the same rows
            rows = [list(row) for row in connection.exec_driver_sql(sql, (value,)).all()]
        else:
            rows = self._driver_rows(connection, sql, value)
        for row in rows:
            for index, processor in processors:
                row[index] = processor(row[index])
        return rows

    @staticmethod
    def _driver_rows(connection: Connection, sql: str, value: object) -> list[list[Any]]:
        dbapi_connection = connection.connection
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(sql, (value,))
            return [list(row) for row in cursor.fetchall()]
        except connection.dialect.loaded_dbapi.Error as exc:
            lost = connection.dialect.is_disconnect(exc, dbapi_connection, cursor)
            if lost:
                connection.invalidate(exc)
            raise DBAPIError.instance(sql, None, exc, connection.dialect.loaded_dbapi.Error, hide_parameters=True,
                                      connection_invalidated=lost, dialect=connection.dialect) from exc
        finally:
            cursor.close()
