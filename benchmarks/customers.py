"""Speed of the customer pages on the 10-year demo studio: the tier recompute (every customer
in one pass), the list of one tier, and the channel analysis of a month.

    .venv/bin/python benchmarks/customers.py [--db DEMO.db] [--samples 20]

Goal: each <= 300 ms. Without --db, benchmarks/.cache/demo-10y.db is copied to a temporary
file first (never written) and the copy upgraded to this version's schema.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select  # noqa: E402

from app.models import Customer, Order, Tier  # noqa: E402
from app.models.db import make_session_factory, sqlite_url  # noqa: E402
from app.services import channels, tiers  # noqa: E402
from app.services.database import open_database  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache" / "demo-10y.db"
if not CACHE.exists():
    CACHE = Path("/work/main/benchmarks/.cache/demo-10y.db")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--samples", type=int, default=20)
    args = parser.parse_args()
    if args.db is not None:
        return measure(args.db, args.samples)
    folder = Path(tempfile.mkdtemp())
    try:  # the copy is about 600 MB: never leave it behind
        path = folder / "demo-10y.db"
        shutil.copyfile(CACHE, path)
        return measure(path, args.samples)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure(path: Path, samples: int) -> int:
    t = time.perf_counter()
    engine, report = open_database(sqlite_url(path))
    if report.upgraded:
        print(f"upgraded {report.from_revision} -> {report.to_revision} in {time.perf_counter() - t:.1f} s")
    rng = random.Random(2611)
    with make_session_factory(engine)() as session:
        customers = session.scalar(select(func.count(Customer.id)))
        orders = session.scalar(select(func.count(Order.id)))
        first, last = session.execute(select(func.min(Order.booked_at), func.max(Order.booked_at))).one()
        print(f"{path}: {customers:,} customers, {orders:,} orders")
        counts = tiers.recompute_tiers(session)  # the first pass writes every tier; later ones only changes
        print("tiers:", {t.value: n for t, n in counts.counts.items()}, f"({counts.changed:,} written)")
        first_month = first.year * 12 + first.month - 1
        last_month = last.year * 12 + last.month - 1
        months = [divmod(rng.randrange(first_month, last_month + 1), 12) for _ in range(samples)]
        months = [(y, m + 1) for y, m in months]
        for label, fn in (
            ("tier recompute (all customers)", lambda y, m: tiers.recompute_tiers(session)),
            ("list of one tier", lambda y, m: tiers.customers_in_tier(session, Tier.LOW)),
            ("channel analysis of a month", lambda y, m: channels.channel_month(session, y, m)),
        ):
            fn(*months[0])  # warm the page cache once
            times = []
            for y, m in months:
                t = time.perf_counter()
                fn(y, m)
                times.append((time.perf_counter() - t) * 1000)
            print(f"{label:32s} p50 {statistics.median(times):7.1f} ms   p95 {percentile(times, 95):7.1f} ms")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
