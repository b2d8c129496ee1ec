"""Every alembic revision on a 10-year demo studio: down to the first revision and up again,
no row lost on the way up (issue 18, "migrations with data").

    .venv/bin/python scripts/migrations_on_demo.py [--db DEMO.db] [--years 10] [--json FILE]

Works on a copy (SQLite backup API: the source file is never written). Without ``--db`` it
builds a demo studio of ``--years`` years first (about 90 s for ten). Then:

1. upgrade the copy to head and count the rows of every table;
2. downgrade one revision at a time to the first one, counting the rows of every table after
   each step (a downgrade may drop what an older schema cannot hold: that is its job);
3. upgrade one revision at a time back to head: after each step every table that existed
   before it holds at least the rows it held before it — an upgrade never loses a row (a
   table the revision creates starts empty or seeded; a data migration may add rows) — and
   ``database.check`` (integrity, foreign keys, legal item histories) must pass;
4. at head, a downgrade of the newest revision and an upgrade again on a second copy.

Prints one line per step with its time; exits 1 on the first lost row or failed check.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Engine, inspect, text  # noqa: E402

from app.models.db import make_engine, sqlite_url  # noqa: E402
from app.services import database  # noqa: E402


def copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()


def counts(engine: Engine) -> dict[str, int]:
    names = [n for n in inspect(engine).get_table_names() if n != "alembic_version"]
    with engine.connect() as conn:
        return {n: conn.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one() for n in sorted(names)}


def chain() -> list[str]:
    """Revisions from the first to head."""
    script = database.script_directory(database.SCRIPT_LOCATION)
    return [r.revision for r in reversed(list(script.walk_revisions("base", "heads")))]


def build(path: Path, years: int) -> None:
    from app.services.demo import build_demo

    engine, _ = database.open_database(sqlite_url(path), backup_dir=path.parent / "backups")
    started = time.perf_counter()
    report = build_demo(engine, years=years, seed=7)
    engine.dispose()
    print(f"built a {years}-year demo in {time.perf_counter() - started:.0f} s: {report.customers:,} customers, "
          f"{report.orders:,} orders, {report.items:,} items")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a demo database to copy (default: build one)")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="studiodesk-migrations-"))
    try:
        path = work / "demo.db"
        if args.db:
            if not args.db.is_file():
                print(f"no such database: {args.db}", file=sys.stderr)
                return 2
            copy(args.db, path)
        else:
            build(path, args.years)
        engine = make_engine(sqlite_url(path))
        revisions = chain()
        head = revisions[-1]
        started = time.perf_counter()
        database.migrate_to(engine, head)
        print(f"at head {head} in {time.perf_counter() - started:.1f} s")
        at: dict[str, dict[str, int]] = {head: counts(engine)}
        print(f"  {sum(at[head].values()):,} rows in {len(at[head])} tables")
        engine.dispose()
        second = work / "newest.db"
        copy(path, second)  # the demo as it is at head, for step 4
        steps: list[dict] = []

        for newer, older in zip(reversed(revisions), list(reversed(revisions))[1:]):
            started = time.perf_counter()
            database.migrate_to(engine, older)
            seconds = time.perf_counter() - started
            at[older] = counts(engine)
            steps.append({"step": f"down {newer} -> {older}", "seconds": round(seconds, 2)})
            print(f"down {newer} -> {older}: {seconds:6.1f} s")

        failures = 0
        for older, newer in zip(revisions, revisions[1:]):
            before = counts(engine)
            started = time.perf_counter()
            database.migrate_to(engine, newer)
            seconds = time.perf_counter() - started
            now = counts(engine)
            lost = {t: (n, now.get(t)) for t, n in before.items() if now.get(t, 0) < n}
            report = database.check(engine)
            ok = not lost and report.ok
            failures += not ok
            steps.append({"step": f"up {older} -> {newer}", "seconds": round(seconds, 2), "rows": sum(now.values()),
                          "lost": lost, "check_ok": report.ok})
            print(f"up   {older} -> {newer}: {seconds:6.1f} s, {sum(now.values()):,} rows, "
                  f"{'ok' if ok else f'LOST {lost} check {report.ok}'}")
        engine.dispose()

        engine = make_engine(sqlite_url(second))
        previous = revisions[-2]
        started = time.perf_counter()
        database.migrate_to(engine, previous)
        database.migrate_to(engine, head)
        same = counts(engine) == at[head]
        failures += not same
        print(f"newest revision {head} down to {previous} and up on a copy: {time.perf_counter() - started:.1f} s, "
              f"{'every row kept' if same else 'ROWS DIFFER'}")
        engine.dispose()
        if args.json:
            args.json.write_text(json.dumps({"steps": steps, "rows_at_head": at[head]}, indent=2))
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
