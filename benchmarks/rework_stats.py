"""Speed of the rework statistics on the 10-year demo studio.

    .venv/bin/python benchmarks/rework_stats.py [--db DEMO.db] [--samples 30]

Reports p50/p95 of :func:`rework_stats` (the grouped query, names, grouping) for one month
and for one year, over months/years spread across the history, and of the "other" reasons'
drill-down for one year. Uses benchmarks/.cache/demo-10y.db unless --db is given (a copy
is upgraded to this version's schema when needed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select  # noqa: E402

from app.models import ItemEvent  # noqa: E402
from app.models.db import make_session_factory, sqlite_url  # noqa: E402
from app.services.database import open_database  # noqa: E402
from app.services.rework_stats import period, rework_stats, typed_reasons  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache" / "demo-10y.db"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=CACHE)
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()
    engine, _ = open_database(sqlite_url(args.db))
    rng = random.Random(2611)
    with make_session_factory(engine)() as session:
        first, last = session.execute(select(func.min(ItemEvent.at), func.max(ItemEvent.at))).one()
        events = session.scalar(select(func.count(ItemEvent.id)))
        print(f"{args.db}: {events:,} events, {first:%Y-%m-%d} .. {last:%Y-%m-%d}")
        last_day = last.date()
        days = (last_day - first.date()).days

        def month(_i: int) -> tuple[dt.date, dt.date]:
            return period("last_month", first.date() + dt.timedelta(days=rng.randrange(40, days)))

        def year(_i: int) -> tuple[dt.date, dt.date]:
            end = first.date() + dt.timedelta(days=rng.randrange(365, days))
            return end - dt.timedelta(days=364), end

        for label, pick, fn in (
            ("one month", month, lambda a, b: rework_stats(session, a, b)),
            ("one year", year, lambda a, b: rework_stats(session, a, b)),
            ("one year, typed 'other' reasons", year, lambda a, b: typed_reasons(session, a, b, None)),
        ):
            ranges = [pick(i) for i in range(args.samples)]
            fn(*ranges[0])  # warm the page cache once
            times = []
            for a, b in ranges:
                t = time.perf_counter()
                fn(a, b)
                times.append((time.perf_counter() - t) * 1000)
            print(f"{label:34s} p50 {statistics.median(times):7.1f} ms   p95 {percentile(times, 95):7.1f} ms")
        stats = rework_stats(session, last_day - dt.timedelta(days=364), last_day)
        print(f"last year: {stats.reworks:,} reworks / {stats.returned:,} returned "
              f"= {100 * (stats.rate or 0):.2f} %")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
