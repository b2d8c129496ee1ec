"""The desktop's boards and pickup view show changes made elsewhere (a phone, another station)
within two seconds, without a restart: a data-version poll once a second, read again only on a change."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from app.devices.scanner import ScannerSettings
from app.models import ItemStatus
from app.services import lifecycle
from app.services.boards import Board
from app.services.codes import display_order_number
from app.ui import changes
from app.web.server import make_app

from .conftest import PG_URL
from .helpers import new_order
from .pickup_helpers import item_codes
from .test_web import scan, sign_in
from .tracking_helpers import sent_items

S = ItemStatus


@pytest.fixture
def window(qtbot, ctx):  # type: ignore[no-untyped-def]
    from app.ui.main_window import MainWindow

    w = MainWindow(ctx, scanner_settings=ScannerSettings(sound=False))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_the_poll_runs_every_second_so_a_change_shows_within_two():  # type: ignore[no-untyped-def]
    assert changes.POLL_MS <= 1000


def test_the_boards_show_a_phone_scan_at_the_next_poll(qtbot, window, ctx, engine, session, studio, clock):  # type: ignore[no-untyped-def]
    codes = sent_items(session, studio, clock, 3)
    ctx.actor = studio.production
    tab = window.tracking
    window.tabs.setCurrentWidget(tab)
    tab.pages.setCurrentWidget(tab.boards)
    tab.boards.choose(Board.AT_LAB)
    assert len(tab.boards.model.rows) == 3
    assert tab.watcher.poll() is False  # nothing changed: nothing read again
    with TestClient(make_app(engine, clock=clock), base_url="https://phone.test") as phone:
        sign_in(phone)
        scan(phone, "receive", codes[0])
    assert tab.watcher.poll() is True
    qtbot.waitUntil(lambda: len(tab.boards.model.rows) == 2)
    assert codes[0] not in {r.code for r in tab.boards.model.rows}


def test_the_pickup_view_shows_another_stations_change_at_the_next_poll(qtbot, window, session, studio, clock):  # type: ignore[no-untyped-def]
    order = new_order(session, studio, clock, paid=True)
    album = item_codes(session, order.id)[0]
    lifecycle.transition(session, album, S.SENT, studio.production, lab_id=studio.lab, clock=clock)
    pickup_tab = window.pickup
    window.tabs.setCurrentWidget(pickup_tab)
    pickup_tab.handle_scan(display_order_number(order.number))
    assert {t.code: t.status for t in pickup_tab.view.tiles}[album] is S.SENT
    pickup_tab.watcher.poll()
    lifecycle.transition(session, album, S.RETURNED, studio.production, clock=clock)  # the back room's phone
    assert pickup_tab.watcher.poll() is True
    assert {t.code: t.status for t in pickup_tab.view.tiles}[album] is S.RETURNED


def test_nothing_is_polled_while_nothing_is_shown(qtbot, window, ctx, monkeypatch):  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.pickup)
    calls: list[object] = []
    real = ctx.call
    monkeypatch.setattr(ctx, "call", lambda fn, *a, **k: calls.append(fn) or real(fn, *a, **k))
    assert window.pickup.view is None and window.pickup.watcher.poll() is False
    assert window.tracking.watcher.poll() is False  # the boards are not in front
    assert calls == []


@pytest.mark.skipif(not PG_URL, reason="SQLite lets one station write at a time: the overlap cannot happen there")
def test_data_version_moves_for_a_change_committed_after_a_newer_one_was_seen(engine, session, studio, clock):
    """PostgreSQL hands out event ids at INSERT but shows the rows at COMMIT: a phone's scan that
    inserted first and commits last must still move the version a board polls."""
    from sqlalchemy.orm import Session

    from app.models import Item, ItemEvent
    from app.services import boards

    new_order(session, studio, clock)
    item_id = session.scalar(select(Item.id).limit(1))
    slow, quick = Session(engine), Session(engine)
    try:
        slow.add(ItemEvent(item_id=item_id, to_status=ItemStatus.WAITING, at=clock.now()))
        slow.flush()  # the phone's scan: its INSERT done, its COMMIT a few ms later
        quick.add(ItemEvent(item_id=item_id, to_status=ItemStatus.WAITING, at=clock.now()))
        quick.commit()  # another station's scan commits first, with the newer id
        with Session(engine) as board:
            seen = boards.data_version(board)
        slow.commit()
        with Session(engine) as board:
            assert boards.data_version(board) != seen
    finally:
        slow.close()
        quick.close()


def test_data_version_grows_with_every_committed_item_event(session, studio, clock):
    from app.models import Item, ItemEvent
    from app.services import boards

    new_order(session, studio, clock)
    item_id = session.scalar(select(Item.id).limit(1))
    versions = [boards.data_version(session)]
    for _ in range(3):
        session.add(ItemEvent(item_id=item_id, to_status=ItemStatus.WAITING, at=clock.now()))
        session.commit()
        versions.append(boards.data_version(session))
    assert versions == sorted(set(versions))
