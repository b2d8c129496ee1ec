"""Speed of the counter's hot paths on a 10-year demo studio.

    .venv/bin/python benchmarks/run.py [--years 10] [--samples 300] [--rebuild]

Builds the demo studio once (cached in benchmarks/.cache/), then reports p50/p95 of
  (a) item code -> every item of its order with status (the pickup query),
  (b) customer search by the last 4 phone digits and by a 2-character name fragment,
  (c) one status transition, committed (durably: synchronous=FULL),
each beside raw sqlite3 running the same SQL statements, for the ratio.
Goals (issue 3): (a), (b) p95 <= 30 ms and (a) <= 3x raw sqlite3; (c) p95 <= 15 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402

from app.models import CustomerPhone, Item, ItemStatus, Customer  # noqa: E402
from app.models.db import make_engine, make_session_factory, sqlite_url  # noqa: E402
from app.services import lifecycle  # noqa: E402
from app.services.database import head_revision, open_database, current_revision  # noqa: E402
from app.services.demo import build_demo  # noqa: E402
from app.services.lookup import order_sheet  # noqa: E402
from app.services.customers import search_customers, prefix_upper_bound  # noqa: E402
from app.services.staff import login  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(fn: Callable[[object], object], args: list[object]) -> list[float]:
    fn(args[0])  # warm the statement cache and pages once
    out = []
    for a in args:
        t = time.perf_counter()
        fn(a)
        out.append((time.perf_counter() - t) * 1000)
    return out


def ensure_demo(years: float, rebuild: bool) -> Path:
    path = CACHE / f"demo-{years:g}y.db"
    if path.exists() and not rebuild:
        engine = make_engine(sqlite_url(path))
        fresh = current_revision(engine) == head_revision()
        engine.dispose()
        if fresh:
            return path
    CACHE.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    engine, _ = open_database(sqlite_url(path))
    print(f"building the {years:g}-year demo studio in {path} ...", flush=True)
    report = build_demo(engine, years=years, seed=2611)
    engine.dispose()
    print(f"  {report.customers:,} customers, {report.orders:,} orders, {report.items:,} items, "
          f"{report.events:,} events in {report.seconds:.1f} s", flush=True)
    return path


# Raw sqlite3: the statement the service sends for the pickup query, as SQLAlchemy renders it.
def raw_sheet_sql() -> str:
    from sqlalchemy.dialects import sqlite

    from app.services.lookup import _SHEET

    sql = _SHEET.params(number="NUMBER").compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
    return str(sql).replace("'NUMBER'", "?")


def raw_sheet(conn: sqlite3.Connection, code: str) -> list:
    return conn.execute(RAW_SHEET, (code[:9],)).fetchall()


def raw_search(conn: sqlite3.Connection, query: str) -> list:
    if query.isdigit():
        rev = query[::-1]
        ids = [r[0] for r in conn.execute(
            "SELECT customer_id FROM customer_phones WHERE digits_reversed >= ? AND digits_reversed < ? LIMIT 200",
            (rev, prefix_upper_bound(rev)))]
    else:
        ids = [r[0] for r in conn.execute(
            "SELECT customer_id FROM customer_search_keys WHERE key >= ? AND key < ? LIMIT 200",
            (query, prefix_upper_bound(query)))]
    ids = list(dict.fromkeys(ids))[:50]
    marks = ",".join("?" * len(ids))
    if ids:
        conn.execute(f"SELECT customer_id, raw FROM customer_phones WHERE customer_id IN ({marks}) ORDER BY id", ids).fetchall()
        conn.execute(f"SELECT customer_id, count(id) FROM orders WHERE customer_id IN ({marks}) GROUP BY customer_id", ids).fetchall()
        conn.execute(f"SELECT id, name, partner_name FROM customers WHERE id IN ({marks})", ids).fetchall()
    return ids


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    cached = ensure_demo(args.years, args.rebuild)
    work = Path(tempfile.mkdtemp(prefix="studiodesk-bench-")) / "studio.db"
    shutil.copyfile(cached, work)  # (c) writes: keep the cached studio as built
    engine = make_engine(sqlite_url(work))
    factory = make_session_factory(engine)
    rng = random.Random(1)
    results: dict[str, dict[str, float]] = {}

    with factory() as session:
        all_codes = session.scalars(select(Item.code)).all()
        codes = rng.sample(all_codes, args.samples)
        phones = session.scalars(select(CustomerPhone.digits)).all()
        tails = [p[-4:] for p in rng.sample(phones, args.samples)]
        names = session.scalars(select(Customer.name)).all()
        fragments = []
        for name in rng.sample(names, args.samples):
            i = rng.randrange(max(1, len(name) - 1))
            fragments.append(name[i:i + 2])
        sent = session.scalars(select(Item.code).where(Item.status == ItemStatus.SENT)).all()
        to_return = rng.sample(sent, min(args.samples, len(sent)))
        actor = login(session, "张后期", "3333", station="bench")

    raw = sqlite3.connect(work)
    global RAW_SHEET
    RAW_SHEET = raw_sheet_sql()

    def measure(name: str, fn: Callable[[object], object], data: list, raw_fn: Callable | None = None) -> None:
        with factory() as s:
            ms = timed(lambda a: fn(s, a), data)
        row = {"p50_ms": statistics.median(ms), "p95_ms": percentile(ms, 95), "n": len(ms)}
        if raw_fn is not None:
            raw_ms = timed(lambda a: raw_fn(raw, a), data)
            row |= {"raw_p50_ms": statistics.median(raw_ms), "raw_p95_ms": percentile(raw_ms, 95)}
            row["ratio_p50"] = row["p50_ms"] / row["raw_p50_ms"]
        results[name] = row

    measure("a_pickup_lookup", order_sheet, codes, raw_sheet)
    measure("b_search_phone_tail4", search_customers, tails, raw_search)
    measure("b_search_name_2chars", search_customers, fragments, raw_search)

    def transition(s, code):  # type: ignore[no-untyped-def]
        lifecycle.transition(s, code, ItemStatus.RETURNED, actor)

    measure("c_transition_committed", transition, to_return)
    raw.close()
    engine.dispose()
    shutil.rmtree(work.parent, ignore_errors=True)

    print(f"\n{'measure':28} {'p50 ms':>8} {'p95 ms':>8} {'raw p50':>8} {'raw p95':>8} {'ratio':>6}")
    for name, r in results.items():
        extra = (f"{r['raw_p50_ms']:8.2f} {r['raw_p95_ms']:8.2f} {r['ratio_p50']:5.1f}x"
                 if "raw_p50_ms" in r else "")
        print(f"{name:28} {r['p50_ms']:8.2f} {r['p95_ms']:8.2f} {extra}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
