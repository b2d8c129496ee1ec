"""Fixtures: a fresh, migrated database per test, on SQLite or PostgreSQL.

``STUDIODESK_TEST_DB_URL`` (a PostgreSQL URL) runs the whole suite on PostgreSQL;
otherwise each test gets its own SQLite file, copied from one migrated template.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from app.models import (
    Base, Lab, LabPrice, Package, PackageKind, PackageLine, ProductCategory, ProductType, Role,
)
from app.models.db import make_engine, make_session_factory, resolve_url, sqlite_url
from app.services.clock import FixedClock
from app.services.database import head_revision, upgrade
from app.services.staff import Actor, actor_of, create_staff, new_badge

PG_URL = os.environ.get("STUDIODESK_TEST_DB_URL")
# Tables the migrations fill with seed rows: put back after each test's TRUNCATE on PostgreSQL.
SEEDED_TABLES = ("choices", "time_slots", "survey_questions", "follow_up_questions", "message_templates",
                 "reminder_rules")
_seed_rows: dict[str, list[dict]] = {}


def pytest_report_header(config: pytest.Config) -> str:
    return f"StudioDesk database under test: {'PostgreSQL ' + PG_URL.split('@')[-1] if PG_URL else 'SQLite files'}"


@pytest.fixture(scope="session")
def _template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path | Engine]:
    if PG_URL:
        engine = make_engine(resolve_url(PG_URL))
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        upgrade(engine)
        with engine.connect() as conn:
            for name in SEEDED_TABLES:
                _seed_rows[name] = [dict(r) for r in conn.execute(Base.metadata.tables[name].select()).mappings()]
        yield engine
        engine.dispose()  # close pooled connections before the interpreter does
        return
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(sqlite_url(path))
    upgrade(engine)
    engine.dispose()
    yield path


@pytest.fixture
def engine(_template: Path | Engine, tmp_path: Path) -> Iterator[Engine]:
    if isinstance(_template, Path):
        path = tmp_path / "studio.db"
        shutil.copyfile(_template, path)
        eng = make_engine(sqlite_url(path))
        yield eng
        eng.dispose()
        return
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with _template.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        for name, rows in _seed_rows.items():
            conn.execute(Base.metadata.tables[name].insert(), rows)
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"))
        # a test may have marked the database as written by a newer StudioDesk, or at several
        # revisions at once: back to exactly this one
        conn.execute(text("DELETE FROM alembic_version"))
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:head)"), {"head": head_revision()})
    yield _template


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with make_session_factory(engine)() as s:
        yield s


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@dataclass
class Studio:
    manager: Actor
    counter: Actor
    production: Actor
    lab: int
    slow_lab: int
    album: int  # made by lab, 10 days at `lab`
    frame: int  # made by lab, lab default turnaround
    digital: int  # made in-house
    single: int  # package: album + 2 frames + digital
    growth: int  # package: 3 sessions
    badges: dict[str, str] = field(default_factory=dict)  # staff name -> badge issued to them


@pytest.fixture
def studio(session: Session, clock: FixedClock) -> Studio:
    """A small studio: three staff (one per role), two labs, three products, two packages."""
    boss = create_staff(session, "王店长", Role.MANAGER, "1111", clock=clock)
    manager = actor_of(boss, "前台1")
    counter = actor_of(create_staff(session, "李前台", Role.COUNTER, "2222", by=manager, clock=clock), "前台1")
    production = actor_of(create_staff(session, "张后期", Role.PRODUCTION, "3333", by=manager, clock=clock), "后期")
    lab = Lab(name="金彩相册厂", default_turnaround_days=7)
    slow = Lab(name="慢工画框", default_turnaround_days=20)
    session.add_all([lab, slow])
    session.flush()
    album = ProductType(name="30P 相册", category=ProductCategory.ALBUM, default_lab_id=lab.id)
    frame = ProductType(name="7寸 摆台", category=ProductCategory.FRAME, default_lab_id=lab.id)
    digital = ProductType(name="精修电子档", category=ProductCategory.DIGITAL, in_house=True)
    session.add_all([album, frame, digital])
    session.flush()
    session.add(LabPrice(lab_id=lab.id, product_type_id=album.id, price_fen=38000, turnaround_days=10))
    single = Package(name="经典套系", kind=PackageKind.SINGLE, price_fen=599900, session_plan=["婚纱照"])
    single.lines = [PackageLine(product_type_id=album.id, quantity=1), PackageLine(product_type_id=frame.id, quantity=2),
                    PackageLine(product_type_id=digital.id, quantity=1)]
    growth = Package(name="成长套", kind=PackageKind.GROWTH, price_fen=399900, session_plan=["百天", "周岁", "两周岁"])
    growth.lines = [PackageLine(product_type_id=album.id, session_index=i) for i in range(3)] + [
        PackageLine(product_type_id=digital.id, session_index=i) for i in range(3)]
    session.add_all([single, growth])
    session.commit()
    badges = {who.name: new_badge(session, who.staff_id, manager, clock=clock) for who in (manager, counter, production)}
    return Studio(manager, counter, production, lab.id, slow.id, album.id, frame.id, digital.id, single.id, growth.id,
                  badges)


@pytest.fixture
def qsettings(tmp_path: Path) -> Iterator[None]:
    """QSettings in a temporary folder, so tests never read or write the user's."""
    from PySide6.QtCore import QCoreApplication, QLocale, QSettings

    QLocale.setDefault(QLocale("en_US"))  # English strings and digit grouping unless a test installs zh_CN
    QCoreApplication.setOrganizationName("StudioDeskTests")
    QCoreApplication.setApplicationName("StudioDeskTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture
def ctx(engine: Engine, studio: Studio, clock: FixedClock, qsettings: None):
    from app.ui.context import AppContext

    return AppContext(engine, engine.url, station="前台1", clock=clock, studio_name="测试影楼", actor=studio.counter)


@pytest.fixture
def messages(monkeypatch):
    """Message boxes answered at once; what they said is kept for the test to read."""
    from PySide6.QtWidgets import QMessageBox

    said: list[str] = []

    def record(answer):  # type: ignore[no-untyped-def]
        def box(_parent, _title, text, *a, **k):  # type: ignore[no-untyped-def]
            said.append(text)
            return answer
        return box

    monkeypatch.setattr(QMessageBox, "warning", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "critical", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "information", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", record(QMessageBox.StandardButton.Yes))
    from app.ui import bugs

    monkeypatch.setattr(bugs, "show_box", lambda box: said.append(box.text()))  # the bug dialog too
    return said


@pytest.fixture(autouse=True)
def _crash_reports_in_tmp(monkeypatch, tmp_path):
    """A bug reported in a test writes its crash report under the test's folder, never the user's."""
    import sys

    bugs = sys.modules.get("app.ui.bugs")
    if bugs is not None:
        monkeypatch.setattr(bugs, "crash_folder", lambda: tmp_path / "crashes")
    yield


@pytest.fixture
def window(qtbot, ctx):
    """The main window, shown, for the signed-in counter clerk of ``ctx``."""
    from app.ui.main_window import MainWindow

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture(autouse=True)
def _no_window_left_open():
    """A dialog a test leaves open (or a timer opens late) would take the next test's scans
    ("close the open window first"): every visible top-level window is closed after each test."""
    yield
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return
    QApplication.processEvents()
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()
    QApplication.processEvents()
