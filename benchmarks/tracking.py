"""Speed of send-out (发件) on the 10-year demo studio (issue 12).

    .venv/bin/python benchmarks/tracking.py [--db PATH] [--samples 300] [--json FILE]

Works on a copy of the demo database (default: benchmarks/.cache/demo-10y.db, upgraded to
head on open) and reports p50/p95 of
  (a) one scan in send-out mode through the page: lookup + line added and committed + the
      view updated (``SendOutPage.handle_scan``), and the same through the service alone,
      beside raw sqlite3 running the statements that do the same work (look the item up with
      its customer, product and order, check it is on no open shipment, read the lab's price,
      insert the line, commit; synchronous=FULL like the app), for the ratio;
  (a2) one scan in receive mode (回件, at the lab -> returned) the same three ways: through the
      Item tracking tab (``TrackingTab.handle_scan`` on its receive page: the answer line, the
      log and the overdue count on the tab), through the service alone, and raw sqlite3
      running the statements of the same work (the item read with its names and its order,
      the versioned update, the event, the order's sessions and items for its progress,
      commit);
  (b) the first page of the waiting-for-this-lab list (service, and the page's reload);
  (c) closing a shipment of 30 items (one transaction).
Goals: (a), (a2) p95 <= 16 ms, and the service <= 3x raw sqlite3 (the view's painting has no
raw counterpart: it is in the page's figure); (b) <= 100 ms.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402

from app.models import Item, ItemStatus, Lab  # noqa: E402
from app.models.db import make_session_factory, sqlite_url  # noqa: E402
from app.services import shipments  # noqa: E402
from app.services.database import open_database  # noqa: E402
from app.services.staff import login  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def stats(ms: list[float]) -> dict[str, float]:
    return {"p50_ms": statistics.median(ms), "p95_ms": percentile(ms, 95), "n": len(ms)}


RAW_LOOKUP = """
SELECT items.id, items.code, customers.name, product_types.name, items.description, orders.number,
       items.status, items.design_status, items.lab_id, items.product_type_id, product_types.in_house
FROM items JOIN orders ON orders.id = items.order_id JOIN customers ON customers.id = orders.customer_id
JOIN product_types ON product_types.id = items.product_type_id WHERE items.code = ?"""


def raw_scan(conn: sqlite3.Connection, code: str, ship_id: int, lab_id: int, staff_id: int) -> None:
    """What one accepted scan does, in plain statements (no checks beyond reading what they need)."""
    conn.execute("BEGIN IMMEDIATE")
    row = conn.execute(RAW_LOOKUP, (code,)).fetchone()
    conn.execute("SELECT shipment_lines.shipment_id FROM shipment_lines WHERE open_item_id = ?", (row[0],)).fetchone()
    conn.execute("SELECT id, lab_id, closed_at FROM shipments WHERE id = ?", (ship_id,)).fetchone()
    price = conn.execute("SELECT price_fen FROM lab_prices WHERE lab_id = ? AND product_type_id = ?",
                         (lab_id, row[9])).fetchone()
    conn.execute("INSERT INTO shipment_lines (shipment_id, item_id, open_item_id, added_at, added_by, lab_price_fen) "
                 "VALUES (?, ?, ?, ?, ?, ?)", (ship_id, row[0], row[0], "2026-11-26 10:00:00.000000", staff_id,
                                               price[0] if price else None))
    conn.execute("COMMIT")


RAW_RECEIVE_READ = """
SELECT items.id, items.code, orders.number, customers.name, product_types.name, labs.name, items.status,
       items.design_status, items.version, items.order_id, orders.cancelled_at, orders.progress, orders.progress_due
FROM items JOIN orders ON orders.id = items.order_id JOIN customers ON customers.id = orders.customer_id
JOIN product_types ON product_types.id = items.product_type_id LEFT OUTER JOIN labs ON labs.id = items.lab_id
WHERE items.code = ?"""
RAW_PROGRESS = """
SELECT shoot_sessions.id, shoot_sessions.state, items.status, items.design_status FROM shoot_sessions
LEFT OUTER JOIN items ON items.session_id = shoot_sessions.id AND items.order_id = ?
WHERE shoot_sessions.order_id = ? ORDER BY shoot_sessions.seq, shoot_sessions.id"""


def raw_receive(conn: sqlite3.Connection, code: str, staff_id: int) -> None:
    """What one accepted receive scan does, in plain statements."""
    conn.execute("BEGIN IMMEDIATE")
    row = conn.execute(RAW_RECEIVE_READ, (code,)).fetchone()
    at = "2026-11-26 10:00:00.000000"
    conn.execute("UPDATE items SET status = 'returned', status_at = ?, version = ? WHERE id = ? AND version = ?",
                 (at, row[8] + 1, row[0], row[8]))
    conn.execute("INSERT INTO item_events (item_id, from_status, to_status, at, staff_id, station) "
                 "VALUES (?, 'sent', 'returned', ?, ?, 'raw')", (row[0], at, staff_id))
    conn.execute(RAW_PROGRESS, (row[9], row[9])).fetchall()
    conn.execute("COMMIT")


def raw_connection(path: Path) -> sqlite3.Connection:
    """A raw sqlite3 connection that commits as the app's does (synchronous=FULL)."""
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("PRAGMA foreign_keys=ON")
    return raw


def add_ratios(results: dict[str, dict[str, float]], names: tuple[str, ...], raw: str) -> None:
    for name in names:
        results[name]["ratio_p50"] = results[name]["p50_ms"] / results[raw]["p50_ms"]
        results[name]["ratio_p95"] = results[name]["p95_ms"] / results[raw]["p95_ms"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--db", type=Path, default=CACHE / "demo-10y.db")
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="studiodesk-tracking-")) / "studio.db"
    source = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    target = sqlite3.connect(work)
    source.backup(target)  # a consistent copy even while another program has the file open
    source.close()
    target.close()
    engine, _report = open_database(sqlite_url(work), backup_dir=work.parent / "backups")
    factory = make_session_factory(engine)
    n = args.samples
    with factory() as session:
        actor = login(session, "张后期", "3333", station="bench")
        labs = {lab.id: lab.name for lab in session.scalars(select(Lab))}
        # the lab with the most items waiting: scans for the page, others for the service and raw
        counts = {lab: len(shipments.waiting_for_lab(session, lab, limit=3 * n + 30)[0]) for lab in labs}
        lab_id = max(counts, key=lambda k: counts[k])
        waiting = [r.code for r in shipments.waiting_for_lab(session, lab_id, limit=3 * n + 30)[0]]
    if len(waiting) < 3 * n + 30:
        n = (len(waiting) - 30) // 3
    page_codes, service_codes, raw_codes, close_codes = (
        waiting[:n], waiting[n:2 * n], waiting[2 * n:3 * n], waiting[3 * n:3 * n + 30])
    results: dict[str, dict[str, float]] = {}

    from PySide6.QtWidgets import QApplication

    from app.ui.context import AppContext
    from app.ui.send_out_page import SendOutPage

    app = QApplication.instance() or QApplication([])
    ctx = AppContext(engine, engine.url, station="bench", actor=actor, studio_name="示范影楼")
    started = time.perf_counter()
    page = SendOutPage(ctx)
    page.choose_lab(labs[lab_id])
    page.show()
    app.processEvents()
    results["page_open_ms"] = {"p50_ms": (time.perf_counter() - started) * 1000, "p95_ms": 0.0, "n": 1}

    ms = []
    for code in page_codes:
        t = time.perf_counter()
        result = page.handle_scan(code)
        app.processEvents()  # the view paints what changed
        ms.append((time.perf_counter() - t) * 1000)
        assert result.good, result.message
    results["a_scan_page"] = stats(ms)

    ms = []
    ship_id = None
    desk = dataclasses.replace(actor, station="bench-service")  # a shipment of its own
    for code in service_codes:
        t = time.perf_counter()
        with factory() as session:  # a session per scan, as the window's call path opens one
            added = shipments.add_to_shipment(session, code, desk, clock=ctx.clock,
                                              **({"shipment_id": ship_id} if ship_id else {"lab_id": lab_id}))
        ms.append((time.perf_counter() - t) * 1000)
        ship_id = added.shipment_id
    results["a_scan_service"] = stats(ms)

    raw = raw_connection(work)
    raw.execute("INSERT INTO shipments (lab_id, sent_at, staff_id, station) VALUES (?, '2026-11-26 10:00:00', ?, "
                "'raw')", (lab_id, actor.staff_id))
    raw_ship = raw.execute("SELECT max(id) FROM shipments").fetchone()[0]
    ms = []
    for code in raw_codes:
        t = time.perf_counter()
        raw_scan(raw, code, raw_ship, lab_id, actor.staff_id)
        ms.append((time.perf_counter() - t) * 1000)
    results["a_scan_raw_sqlite3"] = stats(ms)
    raw.close()
    add_ratios(results, ("a_scan_page", "a_scan_service"), "a_scan_raw_sqlite3")

    # (a2) receive mode: items at a lab, a third each for the tab, the service and raw sqlite3
    with factory() as session:
        at_labs = list(session.scalars(select(Item.code).where(Item.status == ItemStatus.SENT).order_by(Item.id)))
    r = min(n, len(at_labs) // 3)
    tab_codes, receive_codes, raw_receive_codes = at_labs[:r], at_labs[r:2 * r], at_labs[2 * r:3 * r]
    from app.services.receiving import ScanMode, apply_scan
    from app.ui.tracking_tab import TrackingTab

    tab = TrackingTab(ctx)
    tab.pages.setCurrentWidget(tab.receive)
    tab.receive.set_mode(ScanMode.RECEIVE)
    tab.resize(1280, 800)
    tab.show()
    app.processEvents()
    ms = []
    for code in tab_codes:
        t = time.perf_counter()
        result = tab.handle_scan(code)
        app.processEvents()
        ms.append((time.perf_counter() - t) * 1000)
        assert result.good, result.message
    results["a2_receive_tab"] = stats(ms)
    tab.close()
    ms = []
    for code in receive_codes:
        t = time.perf_counter()
        with factory() as session:  # a session per scan, as the window's call path opens one
            answer = apply_scan(session, code, ScanMode.RECEIVE, actor, clock=ctx.clock)
        ms.append((time.perf_counter() - t) * 1000)
        assert answer.changed
    results["a2_receive_service"] = stats(ms)
    raw = raw_connection(work)
    ms = []
    for code in raw_receive_codes:
        t = time.perf_counter()
        raw_receive(raw, code, actor.staff_id)
        ms.append((time.perf_counter() - t) * 1000)
    results["a2_receive_raw_sqlite3"] = stats(ms)
    raw.close()
    add_ratios(results, ("a2_receive_tab", "a2_receive_service"), "a2_receive_raw_sqlite3")

    ms = []
    with factory() as session:
        for lab in list(labs) * 10:
            t = time.perf_counter()
            shipments.waiting_for_lab(session, lab)
            ms.append((time.perf_counter() - t) * 1000)
    results["b_waiting_first_page_service"] = stats(ms)
    ms = []
    for lab in list(labs) * 5:
        page.choose_lab(labs[lab])
        t = time.perf_counter()
        page.reload_waiting()
        app.processEvents()
        ms.append((time.perf_counter() - t) * 1000)
    results["b_waiting_first_page_view"] = stats(ms)

    with factory() as session:
        ship = None
        desk = dataclasses.replace(actor, station="bench-close")
        for code in close_codes:
            ship = shipments.add_to_shipment(session, code, desk, clock=ctx.clock,
                                             **({"shipment_id": ship} if ship else {"lab_id": lab_id})).shipment_id
        assert ship is not None
        t = time.perf_counter()
        closed = shipments.close_shipment(session, ship, desk, clock=ctx.clock)
        results["c_close_30_items"] = {"p50_ms": (time.perf_counter() - t) * 1000, "p95_ms": 0.0, "n": 1}
        assert len(closed.sent) == 30, (len(closed.sent), closed.refused[:3])
    page.close()
    engine.dispose()
    shutil.rmtree(work.parent, ignore_errors=True)

    print(f"\nlab {labs[lab_id]}, {n} send-out scans each, {r} receive scans each")
    print(f"{'measure':32} {'p50 ms':>8} {'p95 ms':>8} {'ratio p50':>9} {'ratio p95':>9}")
    for name, r in results.items():
        ratio = f"{r['ratio_p50']:8.1f}x {r['ratio_p95']:8.1f}x" if "ratio_p50" in r else ""
        print(f"{name:32} {r['p50_ms']:8.2f} {r['p95_ms']:8.2f} {ratio}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
