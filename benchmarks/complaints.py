"""Speed of the complaints tab's reads on the 10-year demo studio.

    .venv/bin/python benchmarks/complaints.py [--db DEMO.db] [--samples 30]

Reports p50/p95 of the monthly complaint board (:func:`monthly_board`: three groupings, the
12-month trend of complaints and orders delivered), the lab scorecard, the list of open
complaints and the overdue-step count, over months spread across the history. Without
--db, benchmarks/.cache/demo-10y.db is copied to a temporary file first (never written)
and the copy upgraded to this version's schema (the time of that upgrade is reported).
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

from app.models import Complaint, ItemEvent  # noqa: E402
from app.models.db import make_session_factory, sqlite_url  # noqa: E402
from app.services import complaints  # noqa: E402
from app.services.clock import SYSTEM_CLOCK  # noqa: E402
from app.services.database import open_database  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache" / "demo-10y.db"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()
    path = args.db
    if path is None:
        path = Path(tempfile.mkdtemp()) / "demo-10y.db"
        shutil.copyfile(CACHE, path)
    t = time.perf_counter()
    engine, report = open_database(sqlite_url(path))
    if report.upgraded:
        print(f"upgraded {report.from_revision} -> {report.to_revision} in {time.perf_counter() - t:.1f} s")
    rng = random.Random(2611)
    with make_session_factory(engine)() as session:
        first, last = session.execute(select(func.min(ItemEvent.at), func.max(ItemEvent.at))).one()
        count = session.scalar(select(func.count(Complaint.id)))
        print(f"{path}: {count:,} complaints, events {first:%Y-%m-%d} .. {last:%Y-%m-%d}")
        first_month = first.year * 12 + first.month - 1 + 12
        last_month = last.year * 12 + last.month - 1
        months = [divmod(rng.randrange(first_month, last_month + 1), 12) for _ in range(args.samples)]
        months = [(y, m + 1) for y, m in months]
        for label, fn in (
            ("monthly board (12-month trend)", lambda y, m: complaints.monthly_board(session, y, m)),
            ("lab scorecard", lambda y, m: complaints.lab_scorecard(session, y, m)),
            ("open complaints list", lambda y, m: complaints.complaint_list(session)),
            ("overdue steps", lambda y, m: complaints.overdue_steps(session)),
        ):
            fn(*months[0])  # warm the page cache once
            times = []
            for y, m in months:
                t = time.perf_counter()
                fn(y, m)
                times.append((time.perf_counter() - t) * 1000)
            print(f"{label:32s} p50 {statistics.median(times):7.1f} ms   p95 {percentile(times, 95):7.1f} ms")
        today = SYSTEM_CLOCK.today()
        board = complaints.monthly_board(session, last.year, last.month)
        print(f"{last:%Y-%m}: {board.complaints} complaints / {board.delivered} orders delivered "
              f"= {100 * (board.rate or 0):.2f} % (today {today})")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
