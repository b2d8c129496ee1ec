"""Speed of the production desk on the 10-year demo studio (issue 12).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/tracking_boards.py [--db DEMO.db] [--samples 200]

Works on a copy of the demo database (benchmarks/.cache/demo-10y.db unless --db; upgraded
to this version's schema on open) and reports p50/p95 of
  (a) one scan in receive mode through the real page: code lookup, the transition
      committed durably (synchronous=FULL), the answer line and the session list updated
      and painted; beside raw sqlite3 running the statements of the same work, for the ratio;
  (b) each board's first page (the service read, and the page's refresh until the table is
      painted; the chooser's counts of every board follow 150 ms later, measured apart), and
      the overdue count.
Goals: (a) p95 <= 16 ms and <= 3x raw sqlite3; (b) first page <= 100 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app.models import Item, ItemStatus  # noqa: E402
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


def raw_receive(conn: sqlite3.Connection, code: str, now: str) -> None:
    """The statements one receive scan runs, as raw sqlite3: the item and its order (locked
    rows on PostgreSQL), the answer line's join, the order's sessions and items for its
    progress, the item's update (version checked), the event, the commit."""
    item_id, order_id, version = conn.execute(
        "SELECT id, order_id, version FROM items WHERE code = ?", (code,)).fetchone()
    conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
    conn.execute("SELECT * FROM items WHERE code = ?", (code,)).fetchone()
    conn.execute(
        "SELECT items.id, items.code, orders.number, customers.name, product_types.name, labs.name, items.status "
        "FROM items JOIN orders ON orders.id = items.order_id JOIN customers ON customers.id = orders.customer_id "
        "JOIN product_types ON product_types.id = items.product_type_id LEFT JOIN labs ON labs.id = items.lab_id "
        "WHERE items.code = ?", (code,)).fetchone()
    conn.execute("SELECT id, state FROM shoot_sessions WHERE order_id = ? ORDER BY seq", (order_id,)).fetchall()
    conn.execute("SELECT session_id, status, design_status FROM items WHERE order_id = ?", (order_id,)).fetchall()
    conn.execute("UPDATE items SET status = 'returned', status_at = ?, version = ? WHERE id = ? AND version = ?",
                 (now, version + 1, item_id, version))
    conn.execute("INSERT INTO item_events (item_id, from_status, to_status, at, staff_id, station) "
                 "VALUES (?, 'sent', 'returned', ?, 1, 'bench')", (item_id, now))
    conn.commit()


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
    rng = random.Random(12)
    with factory() as s:
        sent = s.scalars(select(Item.code).where(Item.status == ItemStatus.SENT)).all()
        actor = login(s, "张后期", "3333", station="bench")
    sample = rng.sample(sent, min(len(sent), 2 * args.samples + 1))
    ours, theirs = sample[: len(sample) // 2], sample[len(sample) // 2:]

    from app.ui.context import AppContext
    from app.ui.boards_page import BoardsPage
    from app.ui.receive_page import ReceivePage
    from app.services.receiving import ScanMode

    ctx = AppContext(engine, engine.url, station="bench", actor=actor)
    page = ReceivePage(ctx)
    page.set_mode(ScanMode.RECEIVE)
    page.resize(1200, 700)
    page.show()
    app.processEvents()
    results: dict[str, dict[str, float]] = {}

    def scan(code: str) -> float:
        t = time.perf_counter()
        result = page.handle_scan(code)
        app.processEvents()  # the answer line and the list painted
        ms = (time.perf_counter() - t) * 1000
        assert result.good, result.message
        return ms

    raw = sqlite3.connect(work, isolation_level="DEFERRED")
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")

    def raw_scan(code: str) -> float:
        t = time.perf_counter()
        raw_receive(raw, code, now)
        return (time.perf_counter() - t) * 1000

    scan(ours[0])
    raw_scan(theirs[0])
    page_ms, raw_ms = [], []
    for mine, other in zip(ours[1:], theirs[1:], strict=False):  # in turns: the same disk, the same load
        page_ms.append(scan(mine))
        raw_ms.append(raw_scan(other))
    raw.close()
    results["a_receive_scan"] = summary(page_ms)
    results["a_raw_sqlite3"] = summary(raw_ms)

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
    ratio50 = results["a_receive_scan"]["p50"] / results["a_raw_sqlite3"]["p50"]
    ratio95 = results["a_receive_scan"]["p95"] / results["a_raw_sqlite3"]["p95"]
    print(f"receive scan / raw sqlite3: {ratio50:.1f}x at p50, {ratio95:.1f}x at p95")
    return 0


if __name__ == "__main__":
    sys.exit(main())
