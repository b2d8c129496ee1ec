"""Speed of the lab statement check on the 10-year demo studio.

    .venv/bin/python benchmarks/reconcile.py [--db DEMO.db] [--month 2026-10] [--runs 5]

Builds the busiest lab's statement for the month from its sendings (as a lab writes one:
title rows, header, prices as text for some lines, a total row), with a few differences of
every kind, then times reading it, the month's sendings, the comparison, the result
workbook and the whole check (median of --runs). The demo is copied (and upgraded to this
version's schema) beside this script's cache, never changed in place.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook  # noqa: E402

from app.models.db import make_session_factory, sqlite_url  # noqa: E402
from app.services import reconcile as rc  # noqa: E402
from app.services.database import open_database  # noqa: E402
from app.services.lab_month import Month, lab_lines  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache" / "demo-10y.db"


def build_statement(path: Path, lines, lab_name: str, month: Month) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Every line billed at its price, reworks free, except: every 50th not billed, every
    70th at 10 yuan more, every 90th billed twice, every 10th rework billed, five codes
    never sent."""
    planted: Counter[str] = Counter()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"{month.month}月对账单")
    ws.append([f"{lab_name} {month.year}年{month.month}月 客户对账单"])
    ws.append(["客户：示例影楼    单位：元"])
    ws.append(["序号", "发件日期", "条码", "订单号", "产品名称", "数量", "单价", "金额"])
    n = 0
    reworks = 0
    for i, line in enumerate(lines):
        price = (line.price_fen or 0) / 100
        if line.rework:
            reworks += 1
            if reworks % 10:
                continue
            planted["rework billed"] += 1
        elif i % 50 == 7:
            planted["not billed"] += 1
            continue
        elif i % 70 == 3:
            price += 10
            planted["price"] += 1
        copies = 2 if i % 90 == 5 and not line.rework else 1
        planted["twice"] += copies - 1
        for _ in range(copies):
            n += 1
            ws.append([n, line.sent_at.date().isoformat(), line.item_code, line.order_number[:9], line.product_name, 1,
                       f"{price:.2f}" if n % 3 == 0 else price, price])
    for k in range(5):
        n += 1
        ws.append([n, None, f"{month.year % 100:02d}{month.month:02d}-99{k:02d}-01-0", None, "相册", 1, 380, 380])
        planted["never sent"] += 1
    ws.append(["合计", None, None, None, None, n, None, None])
    wb.save(path)
    return dict(planted)


def timed(fn, runs: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=CACHE)
    parser.add_argument("--month", default="2026-10")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    month = Month.parse(args.month)
    work = Path(tempfile.mkdtemp(prefix="reconcile-bench-"))
    try:
        copy = work / "demo.db"
        shutil.copyfile(args.db, copy)
        engine, _ = open_database(sqlite_url(copy), backup_dir=work / "backups")
        with make_session_factory(engine)() as session:
            every = lab_lines(session, month)
            busiest = Counter(x.lab_id for x in every).most_common(1)[0][0]
            lines = [x for x in every if x.lab_id == busiest]
            lab_name = lines[0].lab_name
            statement = work / "statement.xlsx"
            planted = build_statement(statement, lines, lab_name, month)
            print(f"{args.month}: {len(every):,} sendings in all; {lab_name}: {len(lines):,}; planted {planted}")
            t_read, read = timed(lambda: rc.read_statement(statement), args.runs)
            t_lines, _ = timed(lambda: lab_lines(session, month, lab_id=busiest), args.runs)
            t_compare, result = timed(lambda: rc.compare(read, lines, bills_rework=False, lab_name=lab_name,
                                                         month=month), args.runs)
            t_write, _ = timed(lambda: rc.write_result(result, work / "result.xlsx"), args.runs)
            t_all, whole = timed(lambda: rc.reconcile(session, busiest, month, statement), args.runs)
            found = {kind.value: count for kind, (count, _money) in whole.totals().items()}
            print(f"statement lines {whole.lines:,}, agree {whole.agreed:,}; found {found}")
            print(f"read statement {t_read * 1000:.0f} ms, month's sendings {t_lines * 1000:.0f} ms, "
                  f"compare {t_compare * 1000:.0f} ms, result workbook {t_write * 1000:.0f} ms; "
                  f"whole check {t_all * 1000:.0f} ms (median of {args.runs})")
        engine.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
