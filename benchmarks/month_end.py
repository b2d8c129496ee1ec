"""Speed of the month-end lab export on the 10-year demo studio, against openpyxl's own
write-only mode writing the same rows, measured in one run (rounds interleaved).

    .venv/bin/python benchmarks/month_end.py [--db DEMO.db] [--month 2026-10] [--rounds 7]

For each month: the lines of the month (the query alone), the whole export
(:func:`month_end.export_lab_month`: query, sheets, formats, totals, written beside, checked,
renamed into place), and the baseline: the same lines' values appended to a write-only
workbook, one sheet per lab, and saved (no formats, no formulas, no check). Reports the best
and the median of each, and the export's time ÷ the baseline's, with and without the query.
The goal (issue 14): a busy month (~3,000 items) in <= 1 s and <= 1.5x the baseline.

The demo database is only read: a copy at this version's schema is kept beside it
(benchmarks/.cache/demo-10y-<revision>.db), made once, unless --db is at this schema already.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook  # noqa: E402

from app.models.db import make_engine, make_session_factory, sqlite_url  # noqa: E402
from app.services.database import current_revision, head_revision, open_database  # noqa: E402
from app.services.lab_month import LabLine, Month, lab_lines  # noqa: E402
from app.services.month_end import export_lab_month  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache" / "demo-10y.db"


def current_copy(demo: Path) -> Path:
    """``demo`` when it is at this version's schema, else a copy of it upgraded (made once, in
    this script's .cache; the demo is not touched)."""
    engine = make_engine(sqlite_url(demo), read_only=True, station="benchmark")
    try:
        if current_revision(engine) == head_revision():
            return demo
    finally:
        engine.dispose()
    copy = Path(__file__).resolve().parent / ".cache" / f"{demo.stem}-{head_revision()}.db"
    copy.parent.mkdir(exist_ok=True)
    if not copy.exists() or copy.stat().st_mtime < demo.stat().st_mtime:
        partial = copy.with_name(copy.name + ".partial")
        source = sqlite3.connect(f"file:{demo}?mode=ro", uri=True)
        target = sqlite3.connect(partial)
        source.backup(target)
        target.close()
        source.close()
        engine, _ = open_database(sqlite_url(partial), backup_dir=Path(tempfile.mkdtemp()))
        engine.dispose()
        partial.replace(copy)
    return copy


def baseline(lines: list[LabLine], path: Path) -> None:
    """openpyxl write-only mode with the same rows: values only, one sheet per lab."""
    wb = Workbook(write_only=True)
    summary = wb.create_sheet("Summary")
    sheets: dict[int, object] = {}
    for line in lines:
        ws = sheets.get(line.lab_id)
        if ws is None:
            ws = sheets[line.lab_id] = wb.create_sheet(line.lab_name[:31])
            summary.append([line.lab_name])
        ws.append([line.item_code, line.order_number, line.product_name, line.shipment_id, line.sent_at.date(),
                   line.returned_at.date() if line.returned_at else None, "yes" if line.rework else None,
                   line.rework_note, None if line.price_fen is None else line.price_fen / 100,
                   None if line.price_fen is None else line.price_fen / 100])
    wb.save(path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=CACHE)
    parser.add_argument("--month", action="append", help="YYYY-MM (repeatable; default 2026-10 and 2025-06)")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    db = current_copy(args.db)
    engine = make_engine(sqlite_url(db), read_only=True, station="benchmark")
    out = Path(tempfile.mkdtemp())
    with make_session_factory(engine)() as session:
        for text in args.month or ["2026-10", "2025-06"]:
            month = Month.parse(text)
            lines = lab_lines(session, month)  # warm the page cache
            export_lab_month(session, month, out / "warm.xlsx", None)
            query, export, base = [], [], []
            for _ in range(args.rounds):
                t = time.perf_counter()
                lines = lab_lines(session, month)
                query.append(time.perf_counter() - t)
                t = time.perf_counter()
                export_lab_month(session, month, out / "export.xlsx", None)
                export.append(time.perf_counter() - t)
                t = time.perf_counter()
                baseline(lines, out / "baseline.xlsx")
                base.append(time.perf_counter() - t)
            labs = len({x.lab_id for x in lines})
            print(f"{month}: {len(lines):,} lines, {len({x.item_code for x in lines}):,} items, {labs} labs")
            for label, times in (("query (lab_lines)", query), ("export (whole)", export),
                                 ("openpyxl write-only, same rows", base)):
                print(f"  {label:32s} best {min(times) * 1000:7.1f} ms   median {statistics.median(times) * 1000:7.1f} ms")
            print(f"  export / write-only              best {min(export) / min(base):5.2f}x   "
                  f"median {statistics.median(export) / statistics.median(base):5.2f}x")
            print(f"  export / (query + write-only)    best {min(export) / (min(base) + min(query)):5.2f}x   "
                  f"median {statistics.median(export) / (statistics.median(base) + statistics.median(query)):5.2f}x")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
