"""Speed of the production desk's boards on the 10-year demo studio (issue 12).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/tracking_boards.py [--db DEMO.db] [--samples 200]

Works on a copy of the demo database (benchmarks/.cache/demo-10y.db unless --db; upgraded
to this version's schema on open) and reports p50/p95 of each board's first page (the
service read, and the page's refresh until the table is painted; the chooser's counts of
every board follow 150 ms later, measured apart), and the overdue count. A scan in send-out
or receive mode is measured by benchmarks/tracking.py.
Goal: first page <= 100 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.models.db import make_session_factory, sqlite_url  # noqa: E402
from app.services import boards  # noqa: E402
from app.services.boards import Board  # noqa: E402
from app.services.database import open_database  # noqa: E402
from app.services.staff import login  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(ms: list[float]) -> dict[str, float]:
    return {"p50": statistics.median(ms), "p95": percentile(ms, 95), "n": len(ms)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--db", type=Path, default=CACHE / "demo-10y.db")
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])

    work = Path(tempfile.mkdtemp(prefix="studiodesk-tracking-")) / "studio.db"
    shutil.copyfile(args.db, work)
    engine, _ = open_database(sqlite_url(work))  # upgrades an older demo to this schema
    factory = make_session_factory(engine)
    with factory() as s:
        actor = login(s, "张后期", "3333", station="bench")

    from app.ui.boards_page import BoardsPage
    from app.ui.context import AppContext

    ctx = AppContext(engine, engine.url, station="bench", actor=actor)
    results: dict[str, dict[str, float]] = {}

    board_page = BoardsPage(ctx)
    board_page.resize(1200, 700)
    board_page.show()
    app.processEvents()
    runs = max(20, args.samples // 5)
    for board in Board:
        ms = []
        for _ in range(runs):
            t = time.perf_counter()
            ctx.call(boards.board_page, board)
            ms.append((time.perf_counter() - t) * 1000)
        results[f"b_{board.value}_first_page"] = summary(ms)
        ms = []
        for _ in range(runs):
            t = time.perf_counter()
            board_page.choose(board)
            app.processEvents()
            ms.append((time.perf_counter() - t) * 1000)
        results[f"b_{board.value}_page_refresh"] = summary(ms)
    ms = []
    for _ in range(runs):
        t = time.perf_counter()
        ctx.call(boards.board_counts)
        ms.append((time.perf_counter() - t) * 1000)
    results["b_all_board_counts"] = summary(ms)
    ms = []
    for _ in range(runs):
        t = time.perf_counter()
        ctx.call(boards.overdue_count)
        ms.append((time.perf_counter() - t) * 1000)
    results["b_overdue_count"] = summary(ms)
    engine.dispose()
    shutil.rmtree(work.parent, ignore_errors=True)

    print(f"\n{'measure':32} {'p50 ms':>8} {'p95 ms':>8} {'n':>5}")
    for name, r in results.items():
        print(f"{name:32} {r['p50']:8.2f} {r['p95']:8.2f} {r['n']:5.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
