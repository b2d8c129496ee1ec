"""Month-end Excel: each lab's month for 对账 and the manager's monthly workbook, read back with
openpyxl and (where formulas decide) recalculated by headless LibreOffice, against the database."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select, update

from app import admin
from app.models import Choice, ChoiceKind, Customer, Item, ItemStatus as S, Lab, Order, Payment
from app.services import lifecycle, month_end
from app.services.errors import BadInput, NotAllowed
from app.services.lab_month import Month, lab_lines
from app.services.month_end import (
    CUSTOMER_NAMES_TO_LABS, MONTH_SHEETS, export_lab_month, export_month, set_customer_names_to_labs, sheet_title,
)
from app.services.orders import take_payment
from app.models import AuditEntry, PaymentKind, PaymentMethod, Setting

from .helpers import libreoffice, new_order
from .tracking_helpers import lab_items

UTC = dt.timezone.utc
# SUBTOTAL totals, rates, a day's net, and a summary cell naming a lab's sheet (quoted).
OUR_FORMULA = re.compile(r"=(SUBTOTAL\(10[39],[A-Z]+\d+:[A-Z]+\d+\)|IF\(.*\)|B\d+\+C\d+-D\d+|'(?:[^']|'')+'![A-Z]+\d+)")
HOSTILE = ["=HYPERLINK(\"http://x\",\"点我\")", "+1+2", "-3+4", "@SUM(A1)", "\t=1+1", "\r=1+1", "\n=1+1", "#N/A"]


def _at(clock, day: str) -> None:  # type: ignore[no-untyped-def]
    clock.moment = dt.datetime.fromisoformat(f"{day} 02:00:00").replace(tzinfo=UTC)  # 10:00 in the studio


def _go(session, code, target, studio, clock, day, **kw):  # type: ignore[no-untyped-def]
    _at(clock, day)
    lifecycle.transition(session, code, target, studio.production, clock=clock, **kw)


@pytest.fixture
def november(session, studio, clock):  # type: ignore[no-untyped-def]
    """One lab's November: album b out in October and back on 3 November, album c and frame f
    out on 10 November (the frame has no price on the list), album a out on 23 November and back
    on the 30th, reworked for its colour and sent again on 1 December."""
    _at(clock, "2026-10-01")
    a, f, _, b, _, _, c = lab_items(session, studio, clock, 3)[:7]
    colour = session.scalar(select(Choice.id).where(Choice.kind == ChoiceKind.REWORK_REASON, Choice.key == "colour"))
    _go(session, b, S.SENT, studio, clock, "2026-10-28")
    _go(session, b, S.RETURNED, studio, clock, "2026-11-03")
    _go(session, c, S.SENT, studio, clock, "2026-11-10")
    _go(session, f, S.SENT, studio, clock, "2026-11-10")
    _go(session, a, S.SENT, studio, clock, "2026-11-23")
    _go(session, a, S.RETURNED, studio, clock, "2026-11-30")
    _go(session, a, S.REWORK, studio, clock, "2026-11-30", rework_reason_id=colour, reason="左下角偏红")
    _go(session, a, S.SENT, studio, clock, "2026-12-01")
    return {"a": a, "b": b, "c": c, "f": f}


def _rows(ws) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [tuple(c.value for c in row) for row in ws.iter_rows()]


def recalculated(path: Path, tmp_path: Path) -> Path:
    """The workbook as headless LibreOffice saves it: every formula with its value cached."""
    out = tmp_path / "recalculated"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([libreoffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx", "--outdir",
                    str(out), str(path)], check=True, capture_output=True, timeout=180,
                   env={**os.environ, "HOME": str(tmp_path)})
    return out / path.name


# -- the lab export ---------------------------------------------------------------------------

def test_a_lab_sheet_lists_every_sending_of_the_month_with_dates_prices_and_rework(session, studio, november, tmp_path):
    result = export_lab_month(session, "2026-11", tmp_path / "lab.xlsx", studio.production, lab="金彩相册厂")
    wb = load_workbook(result.path)
    assert wb.sheetnames == ["Summary", "金彩相册厂"]
    rows = _rows(wb["金彩相册厂"])
    assert rows[0][:10] == ("Item code", "Order number", "Product", "Shipment", "Sent", "Returned", "Rework",
                            "Rework reason", "Unit price", "Amount billed")
    lines = {x.item_code: x for x in lab_lines(session, Month(2026, 11), lab_id=studio.lab)}
    body = rows[1:1 + len(lines)]
    assert {r[0] for r in body} == set(lines) == {november[k] for k in "abcf"}
    # Sorted by product type, then when they left: the albums, then the frame.
    assert [r[0] for r in body] == [november["b"], november["c"], november["a"], november["f"]]
    by_code = {r[0]: r for r in body}
    b = by_code[november["b"]]
    assert b[1] == lines[november["b"]].order_number and b[2] == "30P 相册"
    assert b[4] == dt.datetime(2026, 10, 28) and b[5] == dt.datetime(2026, 11, 3)
    assert (b[8], b[9]) == (380, 380)
    assert by_code[november["c"]][5] is None  # still at the lab
    assert by_code[november["f"]][8] is None  # no price on the list: left empty, not 0
    assert len(rows[0]) == 10  # no customer column: the studio has not allowed it


def test_a_rework_is_flagged_with_its_reason_and_billed_only_when_the_lab_bills_rework(
        session, studio, november, tmp_path):
    free = export_lab_month(session, "2026-12", tmp_path / "free.xlsx", studio.manager, language="en")
    [line] = _rows(load_workbook(free.path)["金彩相册厂"])[1:2]
    assert line[0] == november["a"] and line[6] == "yes" and line[7] == "Colour: 左下角偏红"
    assert (line[8], line[9]) == (380, 0) and free.billed_fen == 0
    session.execute(update(Lab).where(Lab.id == studio.lab).values(bills_rework=True))
    session.commit()
    billed = export_lab_month(session, "2026-12", tmp_path / "billed.xlsx", studio.manager)
    assert _rows(load_workbook(billed.path)["金彩相册厂"])[1][9] == 380 and billed.billed_fen == 38000


def test_the_lab_export_is_a_real_spreadsheet_frozen_filtered_sized_and_formatted(session, studio, november, tmp_path):
    ws = load_workbook(export_lab_month(session, "2026-11", tmp_path / "l.xlsx", studio.production).path)["金彩相册厂"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:J5"
    assert ws.column_dimensions["A"].width >= 16 and ws.column_dimensions["H"].width >= 20
    assert ws["E2"].number_format == "yyyy-mm-dd" and ws["F2"].number_format == "yyyy-mm-dd"
    assert "¥" in ws["I2"].number_format and "¥" in ws["J2"].number_format
    assert ws["A1"].font.b


def test_totals_per_product_type_and_lab_are_subtotal_formulas_over_their_rows(session, studio, november, tmp_path):
    rows = _rows(load_workbook(export_lab_month(session, "2026-11", tmp_path / "l.xlsx", studio.production).path)
                 ["金彩相册厂"])
    totals = rows[6:]
    assert totals == [
        ("Total: 30P 相册", "=SUBTOTAL(103,A2:A4)") + (None,) * 7 + ("=SUBTOTAL(109,J2:J4)",),
        ("Total: 7寸 摆台", "=SUBTOTAL(103,A5:A5)") + (None,) * 7 + ("=SUBTOTAL(109,J5:J5)",),
        ("Total", "=SUBTOTAL(103,A2:A5)") + (None,) * 7 + ("=SUBTOTAL(109,J2:J5)",),
    ]


def test_libreoffice_recalculates_the_totals_to_the_databases_figures(session, studio, november, clock, tmp_path):
    # A second lab with a sending of its own, so the summary adds two labs.
    other = lab_items(session, studio, clock, 1)[0]
    _go(session, other, S.SENT, studio, clock, "2026-11-12", lab_id=studio.slow_lab)
    result = export_lab_month(session, "2026-11", tmp_path / "lab.xlsx", studio.manager)
    wb = load_workbook(recalculated(result.path, tmp_path), data_only=True)
    summary = {r[0]: r for r in _rows(wb["Summary"])}
    expected = month_end.lab_month_totals(lab_lines(session, Month(2026, 11)), {studio.lab: False})
    for lab in expected.values():
        assert summary[lab.lab_name][1] == lab.items and round(summary[lab.lab_name][5] * 100) == lab.billed_fen
    assert summary["Total"][1] == sum(x.items for x in expected.values()) == 5
    assert round(summary["Total"][5] * 100) == result.billed_fen == 3 * 38000
    lab_rows = {r[0]: r for r in _rows(wb["金彩相册厂"])}
    assert (lab_rows["Total: 30P 相册"][1], lab_rows["Total: 30P 相册"][9]) == (3, 1140)
    assert (lab_rows["Total: 7寸 摆台"][1], lab_rows["Total: 7寸 摆台"][9]) == (1, 0)


def test_rows_filtered_out_are_left_out_of_the_totals(session, studio, november, tmp_path):
    path = export_lab_month(session, "2026-11", tmp_path / "lab.xlsx", studio.manager).path
    wb = load_workbook(path)
    wb["金彩相册厂"].row_dimensions[2].hidden = True  # what a filter does to the row it hides
    wb.save(path)
    lab_rows = {r[0]: r for r in _rows(load_workbook(recalculated(path, tmp_path), data_only=True)["金彩相册厂"])}
    assert (lab_rows["Total"][1], lab_rows["Total"][9]) == (3, 760)


def test_customer_names_go_to_labs_only_when_the_studio_turns_it_on(session, studio, november, tmp_path):
    path = tmp_path / "lab.xlsx"
    export_lab_month(session, "2026-11", path, studio.manager)
    assert "Customer" not in _rows(load_workbook(path)["金彩相册厂"])[0]
    with pytest.raises(NotAllowed):
        set_customer_names_to_labs(session, True, studio.production)
    set_customer_names_to_labs(session, True, studio.manager)
    export_lab_month(session, "2026-11", path, studio.manager)
    rows = _rows(load_workbook(path)["金彩相册厂"])
    assert rows[0][10] == "Customer" and rows[1][10].startswith("顾客")
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "export.lab_month")
                            .order_by(AuditEntry.id.desc())).first()
    assert entry is not None and "with customer names" in entry.detail
    assert session.scalar(select(Setting.value).where(Setting.key == CUSTOMER_NAMES_TO_LABS)) == "1"


@pytest.mark.parametrize("hostile", HOSTILE)
def test_typed_text_that_looks_like_a_formula_is_written_as_text_and_reads_the_same(
        session, studio, november, tmp_path, hostile):
    set_customer_names_to_labs(session, True, studio.manager)
    order_id = session.scalar(select(Item.order_id).where(Item.code == november["b"]))
    customer_id = session.get(Order, order_id).customer_id
    session.execute(update(Customer).where(Customer.id == customer_id).values(name=hostile))
    session.execute(update(Lab).where(Lab.id == studio.lab).values(name=hostile))
    order = new_order(session, studio, _clock_in(session, "2026-11-05"), name="付款人", phone="13912345678")
    take_payment(session, order.id, PaymentKind.DEPOSIT, PaymentMethod.CASH, 10000, studio.counter,
                 clock=_clock_in(session, "2026-11-05"))
    session.execute(update(Payment).where(Payment.order_id == order.id).values(note=hostile))
    session.commit()
    lab = export_lab_month(session, "2026-11", tmp_path / "lab.xlsx", studio.manager)
    book = export_month(session, "2026-11", tmp_path / "month.xlsx", studio.manager)
    found = 0
    for path in (lab.path, book.path):
        for ws in load_workbook(path):
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value == hostile.replace("\r", "\n"):  # a line break in a cell is LF in Excel
                        assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.coordinate)
                        found += 1
                    if cell.data_type == "f":  # only the formulas the export writes itself
                        assert OUR_FORMULA.fullmatch(str(cell.value)), (ws.title, cell.coordinate, cell.value)
    # The lab's name (summary, lab export), the customer (lab sheet, orders, balances), the note.
    assert found >= 4


def _clock_in(session, day: str):  # type: ignore[no-untyped-def]
    from app.services.clock import FixedClock

    return FixedClock(moment=dt.datetime.fromisoformat(f"{day} 02:00:00").replace(tzinfo=UTC))


def test_a_crash_while_writing_leaves_the_old_workbook_and_no_partial_file(
        session, studio, november, tmp_path, monkeypatch):
    path = tmp_path / "out" / "lab.xlsx"
    export_lab_month(session, "2026-10", path, studio.manager)
    before = path.read_bytes()

    real_save = Workbook.save

    def dies(self, filename):  # type: ignore[no-untyped-def]
        real_save(self, filename)
        written = Path(filename).read_bytes()
        Path(filename).write_bytes(written[:len(written) // 2])  # the disk filled up half-way
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", dies)
    with pytest.raises(BadInput, match="could not be written"):
        export_lab_month(session, "2026-11", path, studio.manager)
    assert path.read_bytes() == before and sorted(p.name for p in path.parent.iterdir()) == ["lab.xlsx"]


def test_only_manager_and_production_export_a_labs_month_and_only_the_manager_the_monthly_workbook(
        session, studio, november, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(NotAllowed):
        export_lab_month(session, "2026-11", tmp_path / "x.xlsx", studio.counter)
    with pytest.raises(NotAllowed):
        export_month(session, "2026-11", tmp_path / "y.xlsx", studio.production)
    assert not list(tmp_path.iterdir())
    export_lab_month(session, "2026-11", tmp_path / "x.xlsx", studio.production)
    export_month(session, "2026-11", tmp_path / "y.xlsx", studio.manager)
    actions = session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("export.%"))).all()
    assert sorted(actions) == ["export.lab_month", "export.month"]


def test_sheet_names_and_headers_come_in_the_staffs_language(session, studio, november, tmp_path):
    words = {"Summary": "汇总", "Item code": "条码", "Total": "合计", "Total: {what}": "{what} 小计", "yes": "是"}
    path = export_lab_month(session, "2026-12", tmp_path / "l.xlsx", studio.manager, language="zh_CN",
                            translate=lambda t: words.get(t, t)).path
    wb = load_workbook(path)
    assert wb.sheetnames == ["汇总", "金彩相册厂"]
    rows = _rows(wb["金彩相册厂"])
    assert rows[0][0] == "条码" and rows[1][6] == "是" and rows[1][7] == "偏色/颜色: 左下角偏红"
    assert [r[0] for r in rows[3:]] == ["30P 相册 小计", "合计"]


@pytest.mark.parametrize(("name", "sheet"), [
    ("金彩/相册:厂", "金彩_相册_厂"), ("'引号'", "引号"), ("History", "History_"), ("x" * 40, "x" * 31),
])
def test_a_lab_name_becomes_a_sheet_name_excel_accepts(name, sheet):
    assert sheet_title(name, set()) == sheet


def test_two_labs_whose_sheet_names_would_clash_get_one_each():
    taken: set[str] = set()
    assert [sheet_title(n, taken) for n in ("A/B", "A:B", "a_b")] == ["A_B", "A_B (2)", "a_b (3)"]


def test_a_month_with_nothing_sent_still_gives_a_summary_and_the_chosen_labs_sheet(session, studio, tmp_path):
    result = export_lab_month(session, "2026-01", tmp_path / "l.xlsx", None, lab="慢工画框")
    wb = load_workbook(result.path)
    assert wb.sheetnames == ["Summary", "慢工画框"] and result.lines == 0
    assert _rows(wb["慢工画框"])[-1][1] == "=SUBTOTAL(103,A2:A2)"


# -- the monthly workbook ------------------------------------------------------------------------

@pytest.fixture
def october(session, studio, clock):  # type: ignore[no-untyped-def]
    """Two orders booked in October (one paid in full by WeChat, one with a deposit), one in
    September still owing, and a refund in October."""
    _at(clock, "2026-09-20")
    september = new_order(session, studio, clock, name="九月客", phone="13900000009")
    _at(clock, "2026-10-03")
    paid = new_order(session, studio, clock, name="十月甲", phone="13900000010")
    take_payment(session, paid.id, PaymentKind.BALANCE, PaymentMethod.WECHAT, 599900, studio.counter, clock=clock)
    _at(clock, "2026-10-15")
    deposit = new_order(session, studio, clock, name="十月乙", phone="13900000011")
    take_payment(session, deposit.id, PaymentKind.DEPOSIT, PaymentMethod.CASH, 100000, studio.counter, clock=clock)
    take_payment(session, deposit.id, PaymentKind.REFUND, PaymentMethod.CASH, 20000, studio.manager, clock=clock,
                 note="多收了")
    session.execute(update(Customer).where(Customer.name == "十月乙").values(channel="referral"))
    session.commit()
    return {"september": september, "paid": paid, "deposit": deposit}


def test_the_monthly_workbook_has_a_sheet_each_and_its_figures_match_the_database(session, studio, october, tmp_path):
    result = export_month(session, "2026-10", tmp_path / "m.xlsx", studio.manager)
    wb = load_workbook(result.path)
    assert wb.sheetnames == ["Orders", "Revenue and payments", "Payments", "Extras sold", "Balances outstanding",
                             "Rework rate", "Channels", "Follow-ups"]
    orders = _rows(wb["Orders"])
    assert [r[2] for r in orders[1:3]] == ["十月甲", "十月乙"] and orders[3][0] == "Total"
    assert [r[8] for r in orders[1:3]] == [5999, 5999] and [r[10] for r in orders[1:3]] == [0, 5199]
    assert (result.orders, result.booked_fen, result.received_fen) == (2, 2 * 599900, 599900 + 100000 - 20000)
    payments = _rows(wb["Payments"])
    assert sorted(r[5] for r in payments[1:4]) == [-200, 1000, 5999]
    revenue = {r[0]: r for r in _rows(wb["Revenue and payments"])}
    assert revenue[dt.datetime(2026, 10, 15)][1:4] == (1000, 0, 200)
    balances = _rows(wb["Balances outstanding"])
    assert [r[2] for r in balances[1:3]] == ["九月客", "十月乙"] and [r[5] for r in balances[1:3]] == [5999, 5199]
    channels = {r[0]: r for r in _rows(wb["Channels"])}
    assert channels["Referral"][1:3] == (1, 5999) and channels["Natural (came by themselves)"][1] == 1
    assert len(wb["Revenue and payments"]._charts) == 2 and len(wb["Channels"]._charts) == 1
    assert all(ws.freeze_panes == "A2" for ws in wb)


def test_libreoffice_recalculates_the_monthly_totals_to_the_databases_figures(session, studio, october, tmp_path):
    result = export_month(session, "2026-10", tmp_path / "m.xlsx", studio.manager)
    wb = load_workbook(recalculated(result.path, tmp_path), data_only=True)
    orders = _rows(wb["Orders"])
    total = orders[-1]
    assert total[0] == "Total" and total[1] == 2 and round(total[8] * 100) == result.booked_fen
    revenue = _rows(wb["Revenue and payments"])
    assert revenue[32][0] == "Total" and round(revenue[32][4] * 100) == result.received_fen
    assert round(_rows(wb["Payments"])[-1][5] * 100) == result.received_fen
    channels = {r[0]: r for r in _rows(wb["Channels"])}
    assert channels["Total"][1] == 2 and channels["Referral"][3] == 0.5


def test_another_issue_adds_its_sheet_to_the_monthly_workbook(session, studio, october, tmp_path, monkeypatch):
    def complaints(session, book):  # type: ignore[no-untyped-def]
        ws = book.sheet("Complaints", (20,))
        ws.append([book.translate("Complaints"), str(book.month)])

    monkeypatch.setattr(month_end, "MONTH_SHEETS", [*MONTH_SHEETS, complaints])
    wb = load_workbook(export_month(session, "2026-10", tmp_path / "m.xlsx", None).path)
    assert wb.sheetnames[-1] == "Complaints" and _rows(wb["Complaints"]) == [("Complaints", "2026-10")]


# -- the command line --------------------------------------------------------------------------

def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = admin.main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db_file(engine, session, studio, november):  # type: ignore[no-untyped-def]
    from app.models.db import sqlite_path

    path = sqlite_path(engine.url)
    if path is None:
        pytest.skip("a SQLite file")
    session.close()
    return str(path)


def test_export_lab_prints_the_path_it_wrote_as_its_last_line(db_file, tmp_path, capsys):
    out_file = tmp_path / "金彩 11月.xlsx"
    code, out, err = _cli(capsys, "export", "lab", "--db", db_file, "--month", "2026-11", "--lab", "金彩相册厂",
                          "--out", str(out_file), "--language", "en")
    assert code == 0 and not err and out.splitlines()[-1] == str(out_file)
    assert "4 sending(s)" in out and load_workbook(out_file).sheetnames == ["Summary", "金彩相册厂"]


def test_export_month_prints_the_path_it_wrote_as_its_last_line(db_file, tmp_path, capsys):
    out_file = tmp_path / "month.xlsx"
    code, out, _ = _cli(capsys, "export", "month", "--db", db_file, "--month", "2026-11", "--out", str(out_file))
    assert code == 0 and out.splitlines()[-1] == str(out_file) and out_file.exists()


@pytest.mark.parametrize(("argv", "says"), [
    (["--month", "2026-13"], "not a month"),
    (["--month", "2026-11", "--lab", "无此厂"], "There is no lab called 无此厂"),
])
def test_export_refusals_are_one_line_and_write_nothing(db_file, tmp_path, capsys, argv, says):
    code, out, err = _cli(capsys, "export", "lab", "--db", db_file, *argv, "--out", str(tmp_path / "x.xlsx"))
    assert code == 1 and says in err and err.count("\n") == 1 and not (tmp_path / "x.xlsx").exists()


def test_export_without_what_to_export_is_an_argument_error(capsys):
    code, out, err = _cli(capsys, "export", "--db", "x.db")
    assert code == 2 and err.count("\n") == 1


def test_a_manager_sets_whether_a_lab_bills_rework_keeping_its_price_list(session, studio, clock):
    from app.services import catalogue

    catalogue.save_lab(session, studio.manager, id=studio.lab, name="金彩相册厂", default_turnaround_days=7,
                       prices={studio.album: (39000, 10)}, bills_rework=True, clock=clock)
    [lab] = [x for x in catalogue.labs(session) if x.id == studio.lab]
    assert lab.bills_rework and lab.prices == {studio.album: (39000, 10)}
    catalogue.save_lab(session, studio.manager, id=studio.lab, name="金彩相册厂", default_turnaround_days=7, clock=clock)
    assert [x for x in catalogue.labs(session) if x.id == studio.lab][0].bills_rework  # None keeps it
    with pytest.raises(NotAllowed):
        catalogue.save_lab(session, studio.production, id=studio.lab, name="金彩相册厂", default_turnaround_days=7,
                           bills_rework=False, clock=clock)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_typed_rework_reason_that_looks_like_a_formula_is_written_as_text(session, studio, november, tmp_path,
                                                                            hostile):
    from app.models import ItemEvent

    rework = session.scalar(select(ItemEvent.id).where(ItemEvent.to_status == S.REWORK))
    # Typed instead of picked from the list (events are history: changed here behind the ORM's back).
    session.execute(update(ItemEvent.__table__).where(ItemEvent.__table__.c.id == rework)
                    .values(rework_reason_id=None, reason=hostile))
    session.commit()
    path = export_lab_month(session, "2026-12", tmp_path / "lab.xlsx", studio.manager, language="en").path
    cell = load_workbook(path)["金彩相册厂"]["H2"]
    assert cell.value == hostile.replace("\r", "\n") and cell.data_type == "s" and cell.quotePrefix


def test_a_spreadsheet_program_shows_hostile_text_as_typed_and_does_not_run_it(session, studio, november, tmp_path):
    set_customer_names_to_labs(session, True, studio.manager)
    names = {november["b"]: "=1+1", november["c"]: "+2+3", november["a"]: "@SUM(1,2)"}
    for code, name in names.items():
        order_id = session.scalar(select(Item.order_id).where(Item.code == code))
        session.execute(update(Customer).where(Customer.id == session.get(Order, order_id).customer_id)
                        .values(name=name))
    session.commit()
    path = export_lab_month(session, "2026-11", tmp_path / "lab.xlsx", studio.manager).path
    rows = _rows(load_workbook(recalculated(path, tmp_path), data_only=True)["金彩相册厂"])
    shown = {r[0]: r[10] for r in rows[1:5]}
    assert {code: shown[code] for code in names} == names  # not 2, 5 or 3


def test_no_total_sums_its_own_row_even_in_a_month_with_nothing_in_it(session, studio, tmp_path):
    """A total over no rows would otherwise be a circular reference, which Excel complains about."""
    paths = [export_month(session, "2026-01", tmp_path / "m.xlsx", None).path,
             export_lab_month(session, "2026-01", tmp_path / "l.xlsx", None, lab="金彩相册厂").path]
    checked = 0
    for path in paths:
        for ws in load_workbook(path):
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type != "f":
                        continue
                    for first, last in re.findall(r"[A-Z]+(\d+):[A-Z]+(\d+)", str(cell.value)):
                        checked += 1
                        assert not int(first) <= cell.row <= int(last), (ws.title, cell.coordinate, cell.value)
    assert checked > 10
