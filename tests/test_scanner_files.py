"""Batch-scanner files: each line through the lifecycle, one result per line, refused lines
write nothing, an unexpected error saves nothing of the file; ``studiodesk-admin scans``."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import admin
from app.models import ChoiceKind, Item, ItemEvent, ItemStatus, Lab, Shipment, Staff
from app.services import choices, lifecycle, progress, scanner_files
from app.services.errors import BadInput, NotAllowed, NotFound
from app.services.scanner_files import LineOutcome, ScanMode

from .helpers import S, drive, event_count, new_order


def _codes(session, order) -> list[str]:
    """The order's items a lab makes (album, two frames), in order."""
    return list(session.scalars(select(Item.code).where(Item.order_id == order.id, Item.seq <= 3)
                                .order_by(Item.seq)))


def _db(engine) -> str:
    return engine.url.render_as_string(hide_password=False) if engine.dialect.name != "sqlite" else engine.url.database


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = admin.main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def _status(session, code: str) -> ItemStatus:
    session.expire_all()
    return session.scalar(select(Item.status).where(Item.code == code))


@pytest.fixture
def three(session, studio, clock):
    return _codes(session, new_order(session, studio, clock, paid=True))


# -- reading files ------------------------------------------------------------------------
def test_blank_lines_and_surrounding_blanks_are_ignored_and_lines_keep_their_numbers():
    lines, blank = scanner_files.split_lines(" A \r\n\r\n\tB\t\n   \nC\rD\n")
    assert lines == [(1, "A"), (3, "B"), (5, "C"), (6, "D")] and blank == 2


@pytest.mark.parametrize(("data", "encoding"), [
    ("2611-0001-01-5\n备注\n".encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + "2611-0001-01-5\n备注\n".encode("utf-8"), "utf-8 with BOM"),
    ("2611-0001-01-5\r\n备注\r\n".encode("gbk"), "gbk"),
    ("2611-0001-01-5\n备注\n".encode("utf-16"), "utf-16 with BOM"),
])
def test_utf8_with_or_without_bom_gbk_and_utf16_files_are_read(tmp_path, data, encoding):
    path = tmp_path / "scans.txt"
    path.write_bytes(data)
    lines, _ = scanner_files.read_file(path)
    assert [t for _, t in lines] == ["2611-0001-01-5", "备注"], encoding


def test_gbk_bytes_are_not_mistaken_for_utf8():
    gbk = "返工".encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    assert scanner_files.decode(gbk, "f") == "返工"


@pytest.mark.parametrize(("data", "words"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
    (b"\xff\xfe\xfd\x80\x81", "neither UTF-8 nor GBK"),
    (b"\n  \n\t\n", "holds no codes"),
])
def test_a_binary_undecodable_or_empty_file_is_refused(tmp_path, data, words):
    path = tmp_path / "scans.txt"
    path.write_bytes(data)
    with pytest.raises(BadInput) as err:
        scanner_files.read_file(path)
    assert words in err.value.message and "nothing was done" in err.value.message


def test_a_missing_file_or_a_folder_is_refused(tmp_path):
    with pytest.raises(NotFound):
        scanner_files.read_file(tmp_path / "nope.txt")
    with pytest.raises(BadInput):
        scanner_files.read_file(tmp_path)


# -- the service ----------------------------------------------------------------------------
def test_each_line_is_accepted_unchanged_or_refused_and_only_accepted_ones_are_written(session, studio, clock,
                                                                                       three):
    album, frame1, _frame2 = three
    before = event_count(session)
    lines = [(1, album), (3, "2611-9999-01-1"), (4, frame1), (6, album)]
    result = scanner_files.apply_lines(session, lines, ScanMode.SEND, studio.production, lab_id=studio.lab,
                                       blank=2, clock=clock)
    assert [(r.number, r.outcome) for r in result.lines] == [
        (1, LineOutcome.ACCEPTED), (3, LineOutcome.REFUSED), (4, LineOutcome.ACCEPTED), (6, LineOutcome.UNCHANGED)]
    assert "already" in str(result.lines[3].message)
    assert result.exit_status == 2
    assert event_count(session) == before + 2
    assert _status(session, album) is S.SENT and _status(session, frame1) is S.SENT
    ship = session.get(Shipment, result.shipment_id)
    assert ship is not None and ship.lab_id == studio.lab and ship.staff_id == studio.production.staff_id
    assert set(session.scalars(select(Item.shipment_id).where(Item.code.in_([album, frame1])))) == {ship.id}
    assert set(session.scalars(select(ItemEvent.station).where(ItemEvent.shipment_id == ship.id))) == {"后期"}


def test_a_file_with_every_line_accepted_has_status_0(session, studio, clock, three):
    result = scanner_files.apply_lines(session, list(enumerate(three, 1)), "send", studio.production,
                                       lab_id=studio.lab, clock=clock)
    assert result.exit_status == 0 and result.count(LineOutcome.ACCEPTED) == 3


def test_a_send_file_with_nothing_sent_leaves_no_empty_shipment(session, studio, clock):
    before = session.scalar(select(func.count(Shipment.id)))
    result = scanner_files.apply_lines(session, [(1, "2611-9999-01-1")], "send", studio.production,
                                       lab_id=studio.lab, clock=clock)
    assert result.shipment_id is None and session.scalar(select(func.count(Shipment.id))) == before


def test_a_refused_line_rolls_back_only_its_own_savepoint(session, studio, clock, three, monkeypatch):
    """A refusal raised after the lifecycle wrote (here: the order's progress refused) leaves
    nothing of that line, and the lines before and after it stay."""
    album, frame1, frame2 = three
    real = progress.refresh_order_progress
    calls = {"n": 0}

    def refuse_second(*a, **k):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise BadInput("refused after writing")
        return real(*a, **k)

    monkeypatch.setattr(lifecycle, "refresh_order_progress", refuse_second)
    before = event_count(session)
    result = scanner_files.apply_lines(session, [(1, album), (2, frame1), (3, frame2)], "send", studio.production,
                                       lab_id=studio.lab, clock=clock)
    assert [r.outcome for r in result.lines] == [LineOutcome.ACCEPTED, LineOutcome.REFUSED, LineOutcome.ACCEPTED]
    assert event_count(session) == before + 2
    assert [_status(session, c) for c in three] == [S.SENT, S.WAITING, S.SENT]


@pytest.mark.parametrize("mode", ["send", "receive"])
def test_an_unexpected_error_mid_file_rolls_back_every_line(session, studio, clock, three, monkeypatch, mode):
    album, frame1, frame2 = three
    start = S.WAITING if mode == "send" else S.SENT
    for code in three:
        drive(session, code, start, studio.production, clock)
    real = progress.refresh_order_progress
    calls = {"n": 0}

    def bug_on_third(*a, **k):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("a bug")
        return real(*a, **k)

    monkeypatch.setattr(lifecycle, "refresh_order_progress", bug_on_third)
    events, shipments = event_count(session), session.scalar(select(func.count(Shipment.id)))
    with pytest.raises(RuntimeError) as err:
        scanner_files.apply_lines(session, [(1, album), (2, frame1), (4, frame2)], mode, studio.production,
                                  lab_id=studio.lab, clock=clock)
    assert "line 4" in err.value.__notes__[0]
    assert event_count(session) == events and session.scalar(select(func.count(Shipment.id))) == shipments
    assert [_status(session, c) for c in three] == [start] * 3


@pytest.mark.parametrize(("typed", "key", "text"), [
    ("破损", "damage", None), ("damaged", "damage", None), ("  Wrong   SIZE ", "wrong_size", None),
    ("colour", "colour", None), ("相册压痕", "other", "相册压痕"),
])
def test_a_rework_reason_is_matched_to_the_list_by_name_in_either_language_else_other(session, studio, typed,
                                                                                      key, text):
    entry_id, detail = scanner_files.rework_reason(session, typed)
    entry = next(e for e in choices.entries(session, ChoiceKind.REWORK_REASON) if e.id == entry_id)
    assert (entry.key, detail) == (key, text)


def test_a_switched_off_rework_reason_or_other_alone_is_refused(session, studio, clock):
    damage = next(e for e in choices.entries(session, ChoiceKind.REWORK_REASON) if e.key == "damage")
    choices.deactivate(session, studio.manager, damage.id, clock=clock)
    with pytest.raises(BadInput, match="switched off"):
        scanner_files.rework_reason(session, "破损")
    with pytest.raises(BadInput, match="say what is wrong"):
        scanner_files.rework_reason(session, "其他")


def test_a_rework_file_records_the_listed_reason_or_other_with_the_text(session, studio, clock, three):
    album, frame1, _ = three
    for code in (album, frame1):
        drive(session, code, S.RETURNED, studio.production, clock)
    reason_id, text = scanner_files.rework_reason(session, "Damaged")
    result = scanner_files.apply_lines(session, [(1, album)], "rework", studio.production,
                                       rework_reason_id=reason_id, reason=text, clock=clock)
    assert result.exit_status == 0
    other_id, typed = scanner_files.rework_reason(session, "相册压痕")
    scanner_files.apply_lines(session, [(1, frame1)], "rework", studio.production, rework_reason_id=other_id,
                              reason=typed, clock=clock)
    rows = session.execute(select(Item.code, ItemEvent.rework_reason_id, ItemEvent.reason).join(Item)
                           .where(ItemEvent.to_status == S.REWORK).order_by(ItemEvent.id)).all()
    assert [tuple(r) for r in rows] == [(album, reason_id, None), (frame1, other_id, "相册压痕")]


def test_no_permission_no_lab_or_no_reason_is_refused_before_anything_is_written(session, studio, clock, three):
    before = event_count(session)
    with pytest.raises(NotAllowed):
        scanner_files.apply_lines(session, [(1, three[0])], "send", studio.counter, lab_id=studio.lab, clock=clock)
    with pytest.raises(BadInput, match="lab"):
        scanner_files.apply_lines(session, [(1, three[0])], "send", studio.production, clock=clock)
    with pytest.raises(BadInput, match="reason"):
        scanner_files.apply_lines(session, [(1, three[0])], "rework", studio.production, clock=clock)
    assert event_count(session) == before


# -- the command line -------------------------------------------------------------------------
def _file(tmp_path: Path, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / "scanner.txt"
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_cli_mixed_file_prints_each_line_and_exits_2(engine, session, studio, clock, three, tmp_path, capsys):
    album, frame1, _ = three
    src = _file(tmp_path, f"{album}\n\n  {frame1}  \n2611-9999-01-1\n{album}\n \n")
    code, out, err = _run(capsys, "scans", "--db", _db(engine), "--mode", "send", "--staff", "张后期",
                          "--lab", "金彩相册厂", "--from", src)
    assert (code, err) == (2, "")
    assert out.splitlines() == [
        f'line 1: accepted "{album}": {album}: waiting to be made → at the lab',
        f'line 3: accepted "{frame1}": {frame1}: waiting to be made → at the lab',
        'line 4: refused "2611-9999-01-1": No item has the code 2611-9999-01-1.',
        f'line 5: unchanged "{album}": {album} is already at the lab; nothing changed.',
        f"{src}: 2 accepted, 1 unchanged, 1 refused, 2 blank line(s) skipped",
    ]
    assert _status(session, album) is S.SENT and _status(session, frame1) is S.SENT
    staff_ids = set(session.scalars(select(ItemEvent.staff_id).where(ItemEvent.to_status == S.SENT)))
    stations = set(session.scalars(select(ItemEvent.station).where(ItemEvent.to_status == S.SENT)))
    assert staff_ids == {studio.production.staff_id} and stations == {"studiodesk-admin"}


def test_cli_all_accepted_exits_0(engine, session, studio, clock, three, tmp_path, capsys):
    src = _file(tmp_path, "\r\n".join(three) + "\r\n", "gbk")
    code, out, _ = _run(capsys, "scans", "--db", _db(engine), "--mode", "send", "--staff", "张后期",
                        "--lab", "金彩相册厂", "--from", src)
    assert code == 0 and out.splitlines()[-1] == f"{src}: 3 accepted, 0 unchanged, 0 refused"


def test_cli_rework_mode_matches_the_reason(engine, session, studio, clock, three, tmp_path, capsys):
    drive(session, three[0], S.RETURNED, studio.production, clock)
    src = _file(tmp_path, three[0] + "\n", "utf-8-sig")
    code, out, _ = _run(capsys, "scans", "--db", _db(engine), "--mode", "rework", "--staff", "张后期",
                        "--reason", "wrong size", "--from", src)
    assert code == 0 and "accepted" in out
    session.expire_all()
    wrong_size = next(e for e in choices.entries(session, ChoiceKind.REWORK_REASON) if e.key == "wrong_size")
    assert session.scalar(select(ItemEvent.rework_reason_id).where(ItemEvent.to_status == S.REWORK)) == wrong_size.id


@pytest.mark.parametrize(("change", "words"), [
    ({"--from": "missing.txt"}, "There is no file"),
    ({"--staff": "无此人"}, "There is no staff member called 无此人"),
    ({"--lab": "无此厂"}, "There is no lab called 无此厂"),
    ({"--staff": "李前台"}, "may not send, receive or check items"),
    ({"--staff": "停用者"}, "switched off"),
    ({"--lab": None}, "Sending needs --lab"),
    ({"--mode": "rework"}, "Rework needs --reason"),
    ({"--from": "binary"}, "not a text file"),
])
def test_cli_nothing_done_exits_1_with_one_line_and_writes_nothing(engine, session, studio, clock, three, tmp_path,
                                                                   capsys, change, words):
    gone = Staff(name="停用者", role=studio.production.role, active=False, created_at=clock.now(), failed_logins=0)
    session.add(gone)
    session.commit()
    src = _file(tmp_path, "\n".join(three))
    (tmp_path / "binary").write_bytes(b"\x00\x01\x02" + three[0].encode())
    args = {"--mode": "send", "--staff": "张后期", "--lab": "金彩相册厂", "--from": src}
    for key, value in change.items():
        args[key] = str(tmp_path / value) if key == "--from" else value
    argv = [part for key, value in args.items() if value is not None for part in (key, value)]
    events, shipments = event_count(session), session.scalar(select(func.count(Shipment.id)))
    code, out, err = _run(capsys, "scans", "--db", _db(engine), *argv)
    assert code == 1 and out == "" and err.count("\n") == 1 and err.startswith("studiodesk-admin: ")
    assert words in err
    session.expire_all()
    assert event_count(session) == events and session.scalar(select(func.count(Shipment.id))) == shipments


def test_cli_an_unexpected_error_saves_nothing_and_exits_1(engine, session, studio, clock, three, tmp_path, capsys,
                                                            monkeypatch):
    real = progress.refresh_order_progress
    calls = {"n": 0}

    def bug_on_second(*a, **k):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("a bug")
        return real(*a, **k)

    monkeypatch.setattr(lifecycle, "refresh_order_progress", bug_on_second)
    monkeypatch.setattr(admin, "_setup_logging", lambda verbose: None)  # no traceback in the user's log folder
    src = _file(tmp_path, "\n".join(three))
    events = event_count(session)
    code, out, err = _run(capsys, "scans", "--db", _db(engine), "--mode", "send", "--staff", "张后期",
                          "--lab", "金彩相册厂", "--from", src)
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "RuntimeError: a bug" in err and "line 2" in err and "nothing from" in err
    session.expire_all()
    assert event_count(session) == events and [_status(session, c) for c in three] == [S.WAITING] * 3


def test_cli_unknown_lab_names_the_labs(engine, studio, three, tmp_path, capsys, session):
    session.add(Lab(name="旧厂", active=False))
    session.commit()
    src = _file(tmp_path, three[0])
    _, _, err = _run(capsys, "scans", "--db", _db(engine), "--mode", "send", "--staff", "张后期", "--lab", "x",
                     "--from", src)
    assert "金彩相册厂, 慢工画框." in err and "旧厂" not in err


def test_cli_help_states_the_exit_statuses_and_that_no_pin_is_asked(capsys):
    code, out, _ = _run(capsys, "scans", "--help")
    flat = " ".join(out.split())
    assert code == 0 and "no PIN is asked" in flat
    assert "Exit status: 0 every line accepted or unchanged; 2 some line refused" in flat and "1 nothing was done" in flat


@pytest.mark.parametrize("argv", [
    ["scans", "--db", "x.db", "--mode", "fly", "--staff", "a", "--from", "f"],
    ["scans", "--db", "x.db", "--mode", "send", "--from", "f"],
])
def test_cli_wrong_arguments_get_one_line(capsys, argv):
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == "" and err.count("\n") == 1 and ": error: " in err
