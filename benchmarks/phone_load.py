"""Load on the phone pages (手机理件): 20 phones each marking 50 items at once.

    .venv/bin/python benchmarks/phone_load.py [--phones 20] [--items 50] [--db postgresql+psycopg://...]

Builds a fresh studio (a SQLite file in a temporary folder, or the given PostgreSQL database,
whose tables are dropped and made again: give it a database of its own), sends
phones x items items to a lab, starts ``studiodesk-admin serve`` (HTTPS, its own certificate)
in a process of its own, signs each phone in, and has every phone receive its items at once,
one POST per scan (``--pause S``: a person's time between two scans). Reports p50/p95/max per scan and checks every item has exactly one
"returned" event: 0 lost, 0 duplicated. Goal (issue 17): p95 <= 50 ms on SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx2 as httpx  # noqa: E402 - the test extra's HTTP client
from sqlalchemy import func, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from app.models import (  # noqa: E402
    Item, ItemEvent, ItemStatus, Lab, Package, PackageKind, PackageLine, ProductCategory, ProductType, Role,
)
from app.models.db import make_engine, resolve_url, sqlite_url  # noqa: E402
from app.services import lifecycle  # noqa: E402
from app.services.customers import NewCustomer, create_customer  # noqa: E402
from app.services.database import upgrade  # noqa: E402
from app.services.orders import BookOrder, book_order  # noqa: E402
from app.services.staff import actor_of, create_staff  # noqa: E402
from app.web.certs import CERT_NAME  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def build(url: str, count: int) -> list[str]:
    engine = make_engine(resolve_url(url))
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    upgrade(engine)
    with Session(engine) as session:
        boss = create_staff(session, "王店长", Role.MANAGER, "1111")
        manager = actor_of(boss, "bench")
        production = actor_of(create_staff(session, "张后期", Role.PRODUCTION, "3333", by=manager), "bench")
        lab = Lab(name="金彩相册厂", default_turnaround_days=7)
        session.add(lab)
        session.flush()
        album = ProductType(name="30P 相册", category=ProductCategory.ALBUM, default_lab_id=lab.id)
        session.add(album)
        session.flush()
        package = Package(name="相册 x5", kind=PackageKind.SINGLE, price_fen=100000, session_plan=["婚纱照"])
        package.lines = [PackageLine(product_type_id=album.id, quantity=5)]
        session.add(package)
        session.commit()
        for n in range(-(-count // 5)):
            customer = create_customer(session, NewCustomer(name=f"顾客{n:04d}", phones=[f"1380000{n:04d}"]), manager)
            book_order(session, BookOrder(customer_id=customer.id, package_id=package.id), manager)
        codes = list(session.scalars(select(Item.code).order_by(Item.id)).all())[:count]
        result = lifecycle.transition_many(session, codes, ItemStatus.SENT, production, lab_id=lab.id)
        assert len(result.done) == count, result.refused[:3]
    engine.dispose()
    return codes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def phone(base: str, cert: str, codes: list[str], times: list[float], errors: list[str], start: threading.Barrier,
          pause: float = 0.0) -> None:
    with httpx.Client(base_url=base, verify=cert, timeout=30) as client:
        page = client.get("/signin")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        client.post("/signin", data={"csrf": csrf, "name": "张后期", "pin": "3333", "next": "/mode/receive"})
        page = client.get("/mode/receive")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        start.wait()
        pace = random.Random(len(times) + id(codes))
        for code in codes:
            if pause:
                time.sleep(pace.uniform(0.5 * pause, 1.5 * pause))  # a person picks up the next item
            began = time.perf_counter()
            answer = client.post("/mode/receive", data={"csrf": csrf, "code": code})
            times.append(time.perf_counter() - began)
            if 'class="answer accepted"' not in answer.text:
                errors.append(f"{code}: {answer.status_code}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=20)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--pause", type=float, default=0.0,
                        help="seconds a person takes between two scans on one phone, on average (default 0: "
                             "every phone scans as fast as the server answers)")
    parser.add_argument("--db", help="a PostgreSQL URL of a database for this benchmark alone (default: SQLite)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="phone-load-"))
    url = args.db or str(sqlite_url(folder / "studio.db"))
    count = args.phones * args.items
    print(f"building {count} items at a lab ...", flush=True)
    codes = build(url, count)
    port = free_port()
    db_arg = args.db or str(folder / "studio.db")
    server = subprocess.Popen([sys.executable, "-m", "app.admin", "serve", "--db", db_arg, "--bind", "127.0.0.1",
                               "--port", str(port), "--cert-dir", str(folder)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    base = f"https://127.0.0.1:{port}"
    cert = str(folder / CERT_NAME)
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/signin", verify=cert, timeout=2)
                break
            except (httpx.ConnectError, OSError):
                time.sleep(0.1)
        times: list[float] = []
        errors: list[str] = []
        barrier = threading.Barrier(args.phones)
        threads = [threading.Thread(target=phone, args=(base, cert, codes[i * args.items:(i + 1) * args.items], times,
                                                        errors, barrier, args.pause)) for i in range(args.phones)]
        began = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - began
    finally:
        server.terminate()
        server.communicate(timeout=30)
    engine = make_engine(resolve_url(url))
    with Session(engine) as session:
        per_item = dict(session.execute(
            select(Item.code, func.count(ItemEvent.id)).join(ItemEvent, ItemEvent.item_id == Item.id)
            .where(ItemEvent.to_status == ItemStatus.RETURNED).group_by(Item.code)).all())
        returned = session.scalar(select(func.count(Item.id)).where(Item.status == ItemStatus.RETURNED))
    engine.dispose()
    lost = sum(1 for c in codes if per_item.get(c, 0) == 0)
    duplicated = sum(1 for c in codes if per_item.get(c, 0) > 1)
    times.sort()
    ms = [t * 1000 for t in times]
    p95 = ms[int(len(ms) * 0.95) - 1]
    kind = "PostgreSQL" if args.db else "SQLite"
    print(f"{kind}: {args.phones} phones x {args.items} items (pause {args.pause:g} s), {len(ms)} scans in {wall:.1f} s; "
          f"per scan p50 {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms; "
          f"refused {len(errors)}, lost {lost}, duplicated {duplicated}, items returned {returned}/{count}")
    if errors:
        print("first refusals:", errors[:3])
    ok = not errors and not lost and not duplicated and returned == count and p95 <= 50
    print("goal (0 lost/duplicated, p95 <= 50 ms):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
