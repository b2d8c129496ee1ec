"""Speed of generating a day's reminders on the 10-year demo studio (goal: <= 300 ms).

    .venv/bin/python benchmarks/reminders.py [--db DEMO.db] [--days 14]

For each of the days from the demo's last booking day on: the first run of the day (rules
and data → reminders, withdrawals, messages queued) and a second run (nothing new: the
unique key), then the Today view's reads (reminders due, the day board, the morning
summary). Without --db, benchmarks/.cache/demo-10y.db is copied to a temporary file first
(never written) and the copy upgraded to this version's schema.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select, update  # noqa: E402

from app.models import Order, Reminder, Setting  # noqa: E402
from app.models.db import make_session_factory, sqlite_url  # noqa: E402
from app.services import reminders, today  # noqa: E402
from app.services.clock import STUDIO_TZ, FixedClock  # noqa: E402
from app.services.database import open_database  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache" / "demo-10y.db"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--days", type=int, default=14)
    args = parser.parse_args()
    path = args.db
    if path is None:
        path = Path(tempfile.mkdtemp()) / "demo-10y.db"
        shutil.copyfile(CACHE, path)
    t = time.perf_counter()
    engine, report = open_database(sqlite_url(path))
    if report.upgraded:
        print(f"upgraded {report.from_revision} -> {report.to_revision} in {time.perf_counter() - t:.1f} s")
    first_runs: list[float] = []
    second_runs: list[float] = []
    reads: list[float] = []
    with make_session_factory(engine)() as session:
        last = session.scalar(select(func.max(Order.booked_at)))
        start = last.astimezone(STUDIO_TZ).date()
        orders = session.scalar(select(func.count(Order.id)))
        print(f"{path}: {orders:,} orders; days from {start}")
        for n in range(args.days):
            day = start + dt.timedelta(days=n)
            clock = FixedClock(moment=dt.datetime.combine(day, dt.time(8, 30), STUDIO_TZ))
            session.execute(update(Setting).where(Setting.key == reminders.GENERATED_THROUGH)
                            .values(value=(day - dt.timedelta(days=1)).isoformat()))
            session.commit()
            t = time.perf_counter()
            made = reminders.generate(session, clock=clock)
            first_runs.append(time.perf_counter() - t)
            t = time.perf_counter()
            again = reminders.generate(session, clock=clock)
            second_runs.append(time.perf_counter() - t)
            assert again.added == 0
            t = time.perf_counter()
            due = reminders.reminders_due(session, clock=clock)
            today.day_board(session, clock=clock)
            today.morning_summary(session, clock=clock)
            reads.append(time.perf_counter() - t)
            print(f"  {day}: {made.added} made, {made.withdrawn} withdrawn, {made.queued} queued; "
                  f"{len(due)} due; {first_runs[-1] * 1000:.0f} ms, again {second_runs[-1] * 1000:.0f} ms, "
                  f"Today view reads {reads[-1] * 1000:.0f} ms")
        total = session.scalar(select(func.count(Reminder.id)))
    engine.dispose()

    def line(name: str, values: list[float]) -> str:
        ms = sorted(v * 1000 for v in values)
        return (f"{name}: median {statistics.median(ms):.0f} ms, max {ms[-1]:.0f} ms")

    print(line("generate a day (first run)", first_runs))
    print(line("generate again (nothing new)", second_runs))
    print(line("Today view reads", reads))
    print(f"{total:,} reminders in all; goal <= 300 ms: {'met' if max(first_runs) <= 0.3 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
