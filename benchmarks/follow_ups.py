"""Speed of the follow-up reads on the 10-year demo studio.

    .venv/bin/python benchmarks/follow_ups.py [--samples 30] [--rebuild]

Reports p50/p95 of the day's worklist (:func:`follow_ups.worklist`), the generator run at
start and from the worklist page (:func:`follow_ups.generate_due_calls`, nothing new to add
after the first run), the staff service scores of a month (:func:`follow_ups.staff_scores`)
and the position × 12-month grid (:func:`follow_ups.position_months`), over days and months
spread across the history. The demo is built with this version's demo generator (its
follow-ups are this version's) by ``benchmarks/run.py``'s :func:`ensure_demo`, cached in
benchmarks/.cache/ and rebuilt when its schema is not this version's (or with --rebuild).
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

from app.models import FollowUp, FollowUpScore  # noqa: E402
from app.models.db import make_engine, make_session_factory, sqlite_url  # noqa: E402
from app.services import follow_ups  # noqa: E402
from app.services.clock import STUDIO_TZ, FixedClock  # noqa: E402
from benchmarks.run import ensure_demo  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    path = ensure_demo(10, args.rebuild)
    engine = make_engine(sqlite_url(path))
    rng = random.Random(2611)
    with make_session_factory(engine)() as session:
        calls = session.scalar(select(func.count(FollowUp.id)))
        scores = session.scalar(select(func.count(FollowUpScore.id)))
        first, last = session.execute(select(func.min(FollowUp.due_on), func.max(FollowUp.due_on))).one()
        print(f"{path}: {calls:,} follow-ups, {scores:,} answers, due {first} .. {last}")
        today = dt.datetime.now(STUDIO_TZ).date()
        days = [today - dt.timedelta(days=rng.randrange(0, 3000)) for _ in range(args.samples - 1)] + [today]
        months = [f"{d:%Y-%m}" for d in days]
        clock = FixedClock(moment=dt.datetime.combine(today, dt.time(9), STUDIO_TZ))

        def measure(name: str, fn, data) -> None:  # type: ignore[no-untyped-def]
            fn(data[0])  # warm
            times = []
            for value in data:
                t = time.perf_counter()
                fn(value)
                times.append((time.perf_counter() - t) * 1000)
                session.rollback()
            print(f"{name:<34} p50 {statistics.median(times):7.1f} ms   p95 {percentile(times, 95):7.1f} ms   "
                  f"max {max(times):7.1f} ms")

        measure("worklist of a day", lambda d: follow_ups.worklist(session, d), days)
        measure("worklist of today", lambda d: follow_ups.worklist(session, d), [today] * args.samples)
        measure("generate calls (at start)", lambda _d: follow_ups.generate_due_calls(session, clock=clock),
                [None] * args.samples)
        measure("staff scores of a month", lambda m: follow_ups.staff_scores(session, m), months)
        measure("position x 12 months", lambda m: follow_ups.position_months(session, m, 12), months)
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
