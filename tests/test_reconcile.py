"""Checking a lab's statement (对账单) against what the studio sent and received: each of the
five kinds of difference is found, exactly, with its money; the statement is read as labs
write it; the result workbook reads back the same and holds no formula from the lab's text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from app.models import AuditEntry, Choice, ChoiceKind, ItemStatus as S, Lab, LabPrice
from app.services import codes, lifecycle
from app.services.errors import BadInput, NotAllowed
from app.services.exports import force_text
from app.services.reconcile import (
    Discrepancy as D, Field, guess_layout, parse_columns, propose_layout, read_statement, reconcile, save_layout,
    saved_layout, write_result,
)

from .helpers import libreoffice

UTC = dt.timezone.utc
DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "lab-statement-example.xlsx"
FRAME_PRICE = 6000


def _at(clock, day: str) -> None:  # type: ignore[no-untyped-def]
    clock.moment = dt.datetime.fromisoformat(f"{day} 02:00:00").replace(tzinfo=UTC)


def _go(session, code, target, studio, clock, day, **kw):  # type: ignore[no-untyped-def]
    _at(clock, day)
    lifecycle.transition(session, code, target, studio.production, clock=clock, **kw)


@pytest.fixture
def month(session, studio, clock):  # type: ignore[no-untyped-def]
    return build_month(session, studio, clock)


def build_month(session, studio, clock) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """November at 金彩: three orders of an album and two frames each (album 380, frame 60)."""
    from .tracking_helpers import lab_items

    session.add(LabPrice(lab_id=studio.lab, product_type_id=studio.frame, price_fen=FRAME_PRICE))
    session.commit()
    _at(clock, "2026-10-01")
    a1, f1, g1, a2, f2, g2, a3, f3, _g3 = lab_items(session, studio, clock, 3)
    colour = session.scalar(select(Choice.id).where(Choice.kind == ChoiceKind.REWORK_REASON, Choice.key == "colour"))
    _go(session, a3, S.SENT, studio, clock, "2026-10-28")  # left in October, back in November
    _go(session, a3, S.RETURNED, studio, clock, "2026-11-03")
    for code in (a1, f1, g1):
        _go(session, code, S.SENT, studio, clock, "2026-11-05")
    _go(session, a1, S.RETURNED, studio, clock, "2026-11-10")
    for code in (a2, f2, g2):
        _go(session, code, S.SENT, studio, clock, "2026-11-06")
    _go(session, a2, S.RETURNED, studio, clock, "2026-11-12")
    _go(session, a2, S.REWORK, studio, clock, "2026-11-12", rework_reason_id=colour, reason="偏红")
    _go(session, a2, S.SENT, studio, clock, "2026-11-13")  # the rework goes back: the lab's own fault
    _go(session, a2, S.RETURNED, studio, clock, "2026-11-20")
    return dict(a1=a1, f1=f1, g1=g1, a2=a2, f2=f2, g2=g2, a3=a3, f3=f3)


def statement(path: Path, rows: list[list[object]], *, title: bool = True) -> Path:
    """A statement as labs write them: a title, a period line, the header, the lines, a total
    and a signature."""
    wb = Workbook()
    ws = wb.active
    ws.title = "11月对账单"
    if title:
        ws.append(["金彩相册厂 2026年11月 客户对账单"])
        ws.append(["客户：测试影楼    对账期间：2026-11-01 至 2026-11-30    单位：元"])
    ws.append(["序号", "发件日期", "条码", "订单号", "产品名称", "数量", "单价", "金额"])
    first = ws.max_row + 1
    for n, (code, order, product, qty, price) in enumerate(rows, start=1):
        ws.append([n, "2026-11-05", code, order, product, qty, price, f"=F{ws.max_row + 1}*G{ws.max_row + 1}"])
        for cell in ws[ws.max_row][2:5]:  # what the lab typed stays text in its file too
            if isinstance(cell.value, str):
                force_text(cell)
    ws.append(["合计", None, None, None, None, f"=SUM(F{first}:F{ws.max_row})", None, f"=SUM(H{first}:H{ws.max_row})"])
    ws.append([])
    ws.append(["制表：张会计", None, None, None, "审核："])
    wb.save(path)
    return path


def order_of(code: str) -> str:
    return code[:9]


def every_kind(m: dict[str, str]) -> list[list[object]]:
    return [
        [m["a1"], order_of(m["a1"]), "水晶相册", 1, 380],  # agrees
        [m["f1"], order_of(m["f1"]), "摆台", 1, "70.00"],  # price differs: 60 on the list
        # g1 was sent but is not billed
        [m["a2"], order_of(m["a2"]), "水晶相册", 1, 380],  # agrees
        [m["a2"], order_of(m["a2"]), "水晶相册", 1, 380],  # the rework sending: this lab redoes its faults free
        [m["f2"], order_of(m["f2"]), "摆台", 2, 60],  # two for one frame: billed twice
        [None, codes.display_order_number(order_of(m["g2"])), "摆台", 1, 60],  # order number only: agrees
        [m["a3"], order_of(m["a3"]), "水晶相册", 1, "¥380"],  # left in October, back in November: agrees
        [m["f3"], order_of(m["f3"]), "摆台", 1, 60],  # never sent
        [None, "2611-9999", "摆台", 1, 50],  # an order the studio does not have
    ]


def kinds(result) -> list[tuple[D, str, int]]:  # type: ignore[no-untyped-def]
    return [(f.kind, f.item_code, f.amount_fen) for f in result.findings]


def test_each_kind_of_difference_is_found_exactly_with_its_money(session, studio, month, tmp_path):
    path = statement(tmp_path / "s.xlsx", every_kind(month))
    result = reconcile(session, "金彩相册厂", "2026-11", path)
    assert kinds(result) == [
        (D.NOT_SENT, month["f3"], 6000),
        (D.NOT_SENT, "2611-9999", 5000),
        (D.NOT_BILLED, month["g1"], 6000),
        (D.PRICE_DIFFERS, month["f1"], 1000),
        (D.BILLED_TWICE, month["f2"], 6000),
        (D.REWORK_BILLED, month["a2"], 38000),
    ]
    totals = result.totals()
    assert totals[D.NOT_SENT] == (2, 11000) and totals[D.REWORK_BILLED] == (1, 38000)
    assert result.agreed == 5 and result.lines == 9
    assert result.billed_fen == 380_00 * 4 + 70_00 + 60_00 * 4 + 50_00


def test_a_statement_that_agrees_lists_no_difference(session, studio, month, tmp_path):
    m = month
    rows = [[m[k], None, "x", 1, 380 if k.startswith("a") else 60] for k in ("a1", "f1", "g1", "a2", "f2", "g2", "a3")]
    result = reconcile(session, "金彩相册厂", "2026-11", statement(tmp_path / "ok.xlsx", rows))
    assert result.findings == [] and result.agreed == 7 and result.billed_fen == result.expected_fen


def test_a_lab_that_bills_rework_may_bill_the_rework_sending_but_not_a_third_time(session, studio, month, tmp_path):
    session.get(Lab, studio.lab).bills_rework = True
    session.commit()
    rows = every_kind(month) + [[month["a2"], None, "水晶相册(返工)", 1, 380]]
    result = reconcile(session, "金彩相册厂", "2026-11", statement(tmp_path / "s.xlsx", rows))
    assert (D.REWORK_BILLED, month["a2"], 38000) not in kinds(result)
    assert (D.BILLED_TWICE, month["a2"], 38000) in kinds(result)


def test_a_line_the_lab_marks_as_rework_is_rework_billed_when_the_lab_redoes_free(session, studio, month, tmp_path):
    rows = [[month["a1"], None, "水晶相册", 1, 380], [month["a1"], None, "水晶相册(返工)", 1, 380]]
    result = reconcile(session, "金彩相册厂", "2026-11", statement(tmp_path / "s.xlsx", rows))
    assert [(f.kind, f.row) for f in result.findings if f.item_code == month["a1"]] == [(D.REWORK_BILLED, 5)]


def test_order_numbers_are_matched_with_or_without_their_check_character(session, studio, month, tmp_path):
    g1, g2 = order_of(month["g1"]), order_of(month["g2"])
    rows = [[None, g1, "摆台", 1, 60], [None, codes.display_order_number(g2), "摆台", 1, 60]]
    result = reconcile(session, "金彩相册厂", "2026-11", statement(tmp_path / "s.xlsx", rows))
    assert result.agreed == 2 and not result.of(D.NOT_SENT)


def test_an_item_code_with_a_wrong_check_character_is_billed_but_not_sent_and_says_why(session, studio, month,
                                                                                     tmp_path):
    code = month["f1"]
    wrong = code[:-1] + str((int(code[-1]) + 1) % 10)
    result = reconcile(session, "金彩相册厂", "2026-11", statement(tmp_path / "s.xlsx", [[wrong, None, "摆台", 1, 60]]))
    [found] = result.of(D.NOT_SENT)
    assert found.item_code == wrong and "check character" in found.note.template


def test_a_credit_line_without_a_code_is_listed_with_its_negative_money(session, studio, month, tmp_path):
    rows = [[month["a1"], None, "水晶相册", 1, 380], [None, None, "扣款：返工退回", 1, "-380.00"]]
    result = reconcile(session, "金彩相册厂", "2026-11", statement(tmp_path / "s.xlsx", rows))
    [credit] = result.of(D.CREDIT)
    assert credit.amount_fen == -38000 and credit.row == 5 and "no item code" in credit.note.template
    assert result.of(D.NOT_SENT) == []


@pytest.mark.parametrize("credit_first", [False, True])
def test_a_credit_on_an_item_takes_no_sending_and_is_never_a_double_bill(session, studio, month, tmp_path,
                                                                        credit_first):
    """A lab crediting an item (扣款) it also billed: the bill matches the sending, the credit is
    listed on its own with its negative money, in whichever order the lab wrote them."""
    bill, credit = [month["a1"], None, "水晶相册", 1, 380], [month["a1"], None, "扣款", 1, "-380.00"]
    rows = [credit, bill] if credit_first else [bill, credit]
    result = reconcile(session, "金彩相册厂", "2026-11", statement(tmp_path / "s.xlsx", rows))
    assert result.of(D.BILLED_TWICE) == [] and result.of(D.PRICE_DIFFERS) == []
    [found] = result.of(D.CREDIT)
    assert (found.item_code, found.amount_fen) == (month["a1"], -38000)
    assert result.totals()[D.CREDIT] == (1, -38000)
    plain = reconcile(session, "金彩相册厂", "2026-11", statement(tmp_path / "plain.xlsx", [bill]))
    assert D.CREDIT not in plain.totals()  # the credits group is there only when the lab gave credits


def test_sendings_missing_from_the_bill_say_when_they_may_be_billed_in_another_month(session, studio, month,
                                                                                    tmp_path):
    result = reconcile(session, "金彩相册厂", "2026-11",
                       statement(tmp_path / "s.xlsx", [[month["a1"], None, "水晶相册", 1, 380]]))
    notes = {f.item_code: f.note and f.note.template for f in result.of(D.NOT_BILLED)}
    assert "month before" in notes[month["a3"]] and "Still at the lab" in notes[month["g1"]]
    assert month["a2"] in notes and month["a1"] not in notes


# -- reading statements as labs write them -------------------------------------------

def test_the_sample_statements_header_columns_and_lines_are_found(tmp_path):
    layout = guess_layout(SAMPLE)
    assert layout.header_row == 3
    assert {f: c for f, c in layout.columns.items()} == {
        Field.ITEM_CODE: 3, Field.ORDER_NUMBER: 4, Field.PRODUCT: 5, Field.QUANTITY: 7, Field.PRICE: 8}
    lines = read_statement(SAMPLE).lines
    assert [x.row for x in lines] == [4, 5, 6, 7, 8, 9]  # no title, total or signature row
    assert [x.price_fen for x in lines] == [38000, 22000, 15000, 0, 38000, 38000]  # "220.00" is text there
    assert [x.quantity for x in lines] == [1, 1, 2, 1, 1, 1]
    assert [x.rework for x in lines] == [False] * 5 + [True]
    assert lines[3].item_code is None and lines[3].order_number == "2610-0044"  # an order-only line


def test_headers_are_guessed_from_other_words_labs_use_in_another_order(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["对账单"])
    ws.append(["单价", "品名", "订单日期", "单号", "件数", "条形码"])
    ws.append([380, "相册", "2026-11-01", "2611-0001", 1, None])
    wb.save(tmp_path / "s.xlsx")
    layout = guess_layout(tmp_path / "s.xlsx")
    assert layout.header_row == 2 and layout.columns == {
        Field.PRICE: 1, Field.PRODUCT: 2, Field.ORDER_NUMBER: 4, Field.QUANTITY: 5, Field.ITEM_CODE: 6}


def test_a_saved_layout_finds_its_header_again_when_the_title_rows_change(session, studio, month, tmp_path):
    first = statement(tmp_path / "oct.xlsx", [[month["a1"], None, "水晶相册", 1, 380]])
    save_layout(session, "金彩相册厂", guess_layout(first), studio.production)
    assert saved_layout(session, studio.lab).header_row == 3
    later = statement(tmp_path / "nov.xlsx", [[month["a1"], None, "水晶相册", 1, 380]], title=False)
    result = reconcile(session, "金彩相册厂", "2026-11", later)
    assert result.agreed == 1 and result.lines == 1
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "lab.statement_columns")).one()
    assert entry.target == f"lab:{studio.lab}" and entry.detail.startswith("金彩相册厂: item_code=C")


def test_a_layout_typed_by_column_letters_is_used_as_given(session, studio, month, tmp_path):
    path = statement(tmp_path / "s.xlsx", [[month["a1"], None, "水晶相册", 1, 380]])
    layout = parse_columns("item_code=C, price=G, quantity=F", header_row=3)
    result = reconcile(session, "金彩相册厂", "2026-11", path, layout=layout)
    assert result.agreed == 1


def test_counter_staff_may_not_change_a_labs_statement_layout(session, studio):
    layout = parse_columns("item_code=A,price=B")
    with pytest.raises(NotAllowed):
        save_layout(session, studio.lab, layout, studio.counter)
    assert session.get(Lab, studio.lab).statement_columns is None


@pytest.mark.parametrize("typed", ["item_code=C", "price=H", "item_code=C,price=C", "colour=C,price=H",
                                   "item_code=3,price=H"])
def test_a_layout_without_a_code_and_a_price_column_or_with_one_column_twice_is_refused(typed):
    with pytest.raises(BadInput):
        parse_columns(typed)


# -- bad files: a clear message naming the file, and nothing changes -----------------

def _bad(path: Path, session, studio, match: str) -> str:  # type: ignore[no-untyped-def]
    before = session.get(Lab, studio.lab).statement_columns
    with pytest.raises(BadInput, match=match) as caught:
        reconcile(session, "金彩相册厂", "2026-11", path)
    assert str(path) in str(caught.value)
    session.expire_all()
    assert session.get(Lab, studio.lab).statement_columns == before
    return str(caught.value)


def test_a_file_that_is_not_an_xlsx_is_refused_naming_it(session, studio, tmp_path):
    path = tmp_path / "statement.xlsx"
    path.write_text("序号,条码,单价\n1,2611-0001-01-4,380\n", encoding="utf-8")
    _bad(path, session, studio, "not an Excel workbook")


def test_a_zip_that_is_not_a_workbook_is_refused_naming_it(session, studio, tmp_path):
    import zipfile

    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.txt", "hello")
    _bad(path, session, studio, "zip file but not an Excel workbook")


def test_a_password_protected_workbook_is_refused_as_protected_or_not_an_xlsx(session, studio, tmp_path):
    """Excel saves a workbook with a password as an OLE2 compound file (D0 CF 11 E0 …)."""
    path = tmp_path / "locked.xlsx"
    header = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    path.write_bytes(header + b"\x00" * (512 - len(header)) + "EncryptedPackage".encode("utf-16-le"))
    assert path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    _bad(path, session, studio, "password-protected or an old .xls")


def test_an_empty_file_and_a_statement_without_lines_are_refused(session, studio, tmp_path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    _bad(empty, session, studio, "is empty")
    no_lines = statement(tmp_path / "nolines.xlsx", [])
    _bad(no_lines, session, studio, "no billed lines")
    Workbook().save(tmp_path / "blank.xlsx")
    _bad(tmp_path / "blank.xlsx", session, studio, "is empty: its sheets hold nothing")


def test_a_workbook_without_the_known_columns_is_refused_naming_the_file(session, studio, tmp_path):
    wb = Workbook()
    wb.active.append(["日期", "客户", "备注"])
    wb.active.append(["2026-11-01", "张三", "无"])
    wb.save(tmp_path / "other.xlsx")
    _bad(tmp_path / "other.xlsx", session, studio, "no header row")


def test_a_layout_that_points_at_the_wrong_columns_is_refused(session, studio, month, tmp_path):
    path = statement(tmp_path / "s.xlsx", [[month["a1"], None, "水晶相册", 1, 380]])
    with pytest.raises(BadInput, match="column E holds no item codes"):
        reconcile(session, "金彩相册厂", "2026-11", path, layout=parse_columns("item_code=E,price=G", 3))


def test_text_where_a_number_belongs_names_the_sheet_row_and_column(session, studio, month, tmp_path):
    path = statement(tmp_path / "s.xlsx", [[month["a1"], None, "水晶相册", 1, 380], [month["f1"], None, "摆台", 1, "六十"]])
    message = _bad(path, session, studio, "is not a number")
    assert "sheet 11月对账单, row 5, column G" in message and "“六十”" in message
    path = statement(tmp_path / "q.xlsx", [[month["a1"], None, "水晶相册", "一", 380]])
    assert "row 4, column F" in _bad(path, session, studio, "is not a number")


def test_a_statement_of_a_hundred_thousand_rows_is_refused_not_read_to_the_end(session, studio, tmp_path):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("对账单")
    ws.append(["条码", "单价"])
    for n in range(100_000):
        ws.append([f"2611-{n % 9999 + 1:04d}-01-0", 60])
    wb.save(tmp_path / "huge.xlsx")
    _bad(tmp_path / "huge.xlsx", session, studio, "100,000 rows below the header")


def test_a_statement_with_more_than_20000_lines_is_refused_after_its_20000th(session, studio, tmp_path):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("对账单")
    ws.append(["条码", "单价"])
    for n in range(20_001):
        ws.append([f"2611-{n % 9999 + 1:04d}-01-0", 60] if n % 2 else [])  # blank rows do not count
    for n in range(10_001):
        ws.append([f"2611-{n % 9999 + 1:04d}-01-0", 60])
    wb.save(tmp_path / "big.xlsx")
    _bad(tmp_path / "big.xlsx", session, studio, "more than 20,000 rows")


def test_a_statement_that_is_not_there_is_refused(session, studio, tmp_path):
    _bad(tmp_path / "missing.xlsx", session, studio, "There is no file")


# -- the result workbook -------------------------------------------------------------

def test_the_result_workbook_reads_back_the_findings_and_their_totals(session, studio, month, tmp_path):
    result = reconcile(session, "金彩相册厂", "2026-11", statement(tmp_path / "s.xlsx", every_kind(month)))
    out = write_result(result, tmp_path / "result.xlsx")
    assert not (tmp_path / "result.xlsx.partial").exists()
    wb = load_workbook(out)
    assert wb.sheetnames == ["Summary", "Differences"]
    rows = list(wb["Differences"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], Decimal(str(r[8]))) for r in rows] == [
        (f.item_code, Decimal(f.amount_fen) / 100) for f in result.findings]
    assert wb["Differences"].freeze_panes == "A2" and wb["Differences"].auto_filter.ref == "A1:J7"
    summary = {r[0]: r[1:] for r in wb["Summary"].iter_rows(values_only=True) if r and r[0]}
    assert summary["Billed but never sent or returned this month"] == (2, 110)
    assert summary["Lab"][0] == "金彩相册厂"


def test_the_result_workbook_is_in_the_language_the_caller_translates_to(session, studio, month, tmp_path):
    result = reconcile(session, "金彩相册厂", "2026-11", statement(tmp_path / "s.xlsx", every_kind(month)))
    words = {"Summary": "汇总", "Differences": "差异", "Billed twice": "重复计费"}
    wb = load_workbook(write_result(result, tmp_path / "r.xlsx", translate=lambda s: words.get(s, s)))
    assert wb.sheetnames == ["汇总", "差异"] and "重复计费" in [r[0] for r in wb["差异"].iter_rows(values_only=True)]


HOSTILE = ["=HYPERLINK(\"http://x\",\"点我\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\n=1"]


def test_text_from_the_statement_is_never_written_as_a_formula(session, studio, month, tmp_path):
    rows = [[month["a1"], None, product, 1, 380 if n == 0 else 60] for n, product in enumerate(HOSTILE)]
    rows += [[hostile, None, "摆台", 1, 60] for hostile in HOSTILE]  # codes the lab wrote, not the studio's
    result = reconcile(session, "金彩相册厂", "2026-11", statement(tmp_path / "s.xlsx", rows))
    out = write_result(result, tmp_path / "r.xlsx")
    wb = load_workbook(out)
    cells = [c for row in wb["Differences"].iter_rows(min_row=2) for c in row[1:4]]
    texts = {c.value for c in cells}
    for hostile in HOSTILE[:4]:
        assert hostile in texts
    for cell in cells:
        if isinstance(cell.value, str) and cell.value[:1] in "=+-@\t\r\n":
            assert cell.data_type == "s" and cell.quotePrefix, cell.value
    assert all(c.data_type != "f" for row in wb["Differences"].iter_rows() for c in row)


def test_a_failed_write_keeps_the_old_result_and_leaves_no_partial_file(session, studio, month, tmp_path,
                                                                     monkeypatch):
    result = reconcile(session, "金彩相册厂", "2026-11", statement(tmp_path / "s.xlsx", every_kind(month)))
    out = tmp_path / "r.xlsx"
    out.write_bytes(b"old")
    from openpyxl.workbook.workbook import Workbook as W

    def full_disk(self, path):  # type: ignore[no-untyped-def]
        Path(path).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(W, "save", full_disk)
    with pytest.raises(BadInput, match="could not be written"):
        write_result(result, out)
    assert out.read_bytes() == b"old" and not (tmp_path / "r.xlsx.partial").exists()



def test_counter_staff_may_not_check_a_statement_at_a_station(session, studio, month, tmp_path):
    path = statement(tmp_path / "s.xlsx", every_kind(month))
    with pytest.raises(NotAllowed):
        reconcile(session, "金彩相册厂", "2026-11", path, actor=studio.counter)
    assert reconcile(session, "金彩相册厂", "2026-11", path, actor=studio.production).lines == 9


def test_the_columns_offered_are_the_saved_ones_when_they_fit_else_guessed(session, studio, month, tmp_path):
    path = statement(tmp_path / "s.xlsx", every_kind(month))
    offered = propose_layout(session, studio.lab, path)
    assert not offered.saved and offered.layout.header_row == 3 and offered.header_cells[2:4] == ["条码", "订单号"]
    chosen = read_statement(path, parse_columns("order_number=D,price=G", 3)).layout  # chosen by letters …
    save_layout(session, studio.lab, chosen, studio.production)
    offered = propose_layout(session, studio.lab, statement(tmp_path / "t.xlsx", every_kind(month), title=False))
    assert offered.layout.header_row == 1  # … found again by the header words seen there
    assert offered.saved and offered.layout.columns == {Field.ORDER_NUMBER: 4, Field.PRICE: 7}
    other = Workbook()
    other.active.append(["编号", "品名", "价格"])
    other.active.append(["2611-0001", "相册", 380])
    other.save(tmp_path / "other.xlsx")
    offered = propose_layout(session, studio.lab, tmp_path / "other.xlsx")  # the lab changed its layout
    assert not offered.saved and offered.layout.columns == {Field.ITEM_CODE: 1, Field.PRODUCT: 2, Field.PRICE: 3}


def test_the_result_workbook_opens_in_libreoffice_with_the_same_values(session, studio, month, tmp_path):
    import subprocess

    rows = every_kind(month) + [[h, None, h, 1, 60] for h in HOSTILE]
    result = reconcile(session, "金彩相册厂", "2026-11", statement(tmp_path / "s.xlsx", rows))
    out = write_result(result, tmp_path / "result.xlsx")
    converted = tmp_path / "lo"
    subprocess.run([libreoffice(), f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(converted), str(out)],
                   check=True, capture_output=True, timeout=180)
    ours, theirs = load_workbook(out), load_workbook(converted / "result.xlsx", data_only=True)
    assert theirs.sheetnames == ours.sheetnames
    for name in ours.sheetnames:
        mine = [[c for c in r] for r in ours[name].iter_rows(values_only=True)]
        lo = [[c for c in r][:len(m)] for r, m in zip(theirs[name].iter_rows(values_only=True), mine, strict=False)]
        assert [[None if v == "" else v for v in r] for r in lo] == [
            [float(v) if isinstance(v, Decimal) else v for v in r] for r in mine]


def test_a_line_billed_twice_shows_the_studios_order_number_and_price(session, studio, month, tmp_path):
    rows = [[month["f1"], None, "摆台", 1, 60], [month["f1"], None, "摆台", 1, 60]]
    [twice] = reconcile(session, "金彩相册厂", "2026-11", statement(tmp_path / "s.xlsx", rows)).of(D.BILLED_TWICE)
    assert (twice.order_number, twice.expected_fen, twice.amount_fen, twice.row) == (
        codes.display_order_number(order_of(month["f1"])), FRAME_PRICE, 6000, 5)


def test_a_workbook_named_xls_or_without_an_ending_is_read_by_its_content(session, studio, month, tmp_path):
    path = statement(tmp_path / "s.xlsx", [[month["a1"], None, "水晶相册", 1, 380]])
    for name in ("对账单.xls", "对账单.XLSX", "对账单"):
        renamed = tmp_path / name
        renamed.write_bytes(path.read_bytes())
        assert reconcile(session, "金彩相册厂", "2026-11", renamed).agreed == 1


def test_the_likelier_header_wins_when_two_could_hold_the_item_code(tmp_path):
    wb = Workbook()
    wb.active.append(["编号", "条码", "单价"])  # 编号: the lab's own serial number here
    wb.active.append([1, "2611-0001-01-4", 380])
    wb.save(tmp_path / "s.xlsx")
    assert guess_layout(tmp_path / "s.xlsx").columns == {Field.ITEM_CODE: 2, Field.PRICE: 3}


def test_an_order_only_line_does_not_take_the_sending_a_later_line_names(session, studio, month, tmp_path):
    f2, g2 = month["f2"], month["g2"]  # two frames of one order, sent together: f2 comes first
    rows = [[None, order_of(f2), "摆台", 1, 60], [f2, None, "摆台", 1, 60]]
    result = reconcile(session, "金彩相册厂", "2026-11", statement(tmp_path / "s.xlsx", rows))
    assert not result.of(D.BILLED_TWICE) and result.agreed == 2
    not_billed = {f.item_code for f in result.of(D.NOT_BILLED)}
    assert month["a1"] in not_billed and f2 not in not_billed and g2 not in not_billed


# -- the matcher itself (reconcile.compare, _code_of, _number) on lines and sendings made by hand ----
from app.services.lab_month import LabLine, Month  # noqa: E402
from app.services.messages import Message  # noqa: E402
from app.services.reconcile import (  # noqa: E402
    Finding, Statement, StatementLayout, StatementLine, _code_of, _number, compare,
)

OCTOBER = Month(2026, 10)


def _sent(code: str, price: int | None, sent: str, returned: str | None = "2026-10-20", *,
          rework: bool = False) -> LabLine:
    def at(day: str) -> dt.datetime:
        return dt.datetime.fromisoformat(f"{day} 12:00:00").replace(tzinfo=UTC)
    order = code[:9]
    return LabLine(1, "好印象", code, codes.display_order_number(order), 1, f"product of {code}", None, at(sent),
                   at(returned) if returned else None, rework, None, None, None, None, price, "客户")


def _billed(row: int, code: str | None, price: int, quantity: int = 1, *, order: str | None = None,
            rework: bool = False, written: str = "", problem: Message | None = None) -> StatementLine:
    return StatementLine("10月", row, code, order or (code[:9] if code else None), written or code or order or "",
                         f"billed {row}", quantity, price, rework, problem, order or "")


def _compare(lines: list[StatementLine], sendings: list[LabLine], *, bills_rework: bool = False):  # type: ignore[no-untyped-def]
    statement = Statement(Path("s.xlsx"), "10月", StatementLayout(1, {Field.ITEM_CODE: 1, Field.PRICE: 2}), lines)
    return compare(statement, sendings, bills_rework=bills_rework, lab_name="好印象", month=OCTOBER)


def _item(order: str, seq: int) -> str:
    return codes.item_code(order, seq)


def test_the_matcher_finds_each_kind_of_difference_with_its_money_and_matches_the_rest():
    a1, a2, b1, c1, d1, e1 = (_item("2610-0001", 1), _item("2610-0001", 2), _item("2610-0002", 1),
                              _item("2610-0003", 1), _item("2610-0004", 1), _item("2610-0005", 1))
    sendings = [
        _sent(a1, 6000, "2026-10-05"), _sent(a2, 3000, "2026-10-05"), _sent(b1, None, "2026-10-06"),
        _sent(c1, 2000, "2026-09-30", "2026-10-02"),  # left in September (studio time: 20:00 on the 30th)
        _sent(d1, 1500, "2026-10-20", None),  # still at the lab
        _sent(e1, 1000, "2026-10-10"),
        _sent(a1, 6000, "2026-10-15", rework=True),  # a1 back to the lab for rework
    ]
    bad = Message("{code} is not a StudioDesk item code or order number.", {"code": "X-1"})
    lines = [
        _billed(1, None, 6000, order="2610-0001"),  # order only: named items are matched first, so billed twice
        _billed(2, a1, 6000, 2),  # a1 twice: its first sending agrees, its rework sending is billed
        _billed(3, a2, 3200),
        _billed(4, b1, 1000),
        _billed(5, None, 900, written="X-1", problem=bad),
        _billed(6, None, -500, 2, written="扣款"),
    ]
    result = _compare(lines, sendings)
    s = {x.item_code: x for x in sendings}
    no_price = Message("The lab had no price for this product when it left.")
    assert result.findings == [
        Finding(D.NOT_SENT, "X-1", "", "billed 5", 5, 1, 900, None, 900, bad),
        Finding(D.NOT_BILLED, c1, s[c1].order_number, f"product of {c1}", None, 1, None, 2000, 2000,
                Message("Left in the month before: it may be on that month's statement.")),
        Finding(D.NOT_BILLED, d1, s[d1].order_number, f"product of {d1}", None, 1, None, 1500, 1500,
                Message("Still at the lab: it may be on next month's statement.")),
        Finding(D.NOT_BILLED, e1, s[e1].order_number, f"product of {e1}", None, 1, None, 1000, 1000, None),
        Finding(D.PRICE_DIFFERS, a2, s[a2].order_number, "billed 3", 3, 1, 3200, 3000, 200, None),
        Finding(D.PRICE_DIFFERS, b1, s[b1].order_number, "billed 4", 4, 1, 1000, None, 1000, no_price),
        Finding(D.BILLED_TWICE, a1, sendings[6].order_number, "billed 1", 1, 1, 6000, 6000, 6000, None),
        Finding(D.REWORK_BILLED, a1, sendings[6].order_number, "billed 2", 2, 1, 6000, 6000, 6000, None),
        Finding(D.CREDIT, "扣款", "", "billed 6", 6, 1, -500, None, -500, None),
        Finding(D.CREDIT, "扣款", "", "billed 6", 6, 1, -500, None, -500, None),
    ]
    assert (result.billed_fen, result.expected_fen, result.lines, result.agreed) == (
        6000 + 12000 + 3200 + 1000 + 900 - 1000, 6000 + 3000 + 2000 + 1500 + 1000, 6, 1)
    assert result.totals()[D.NOT_BILLED] == (3, 4500) and result.totals()[D.CREDIT] == (2, -1000)
    assert (result.lab_name, result.month, result.sheet, result.bills_rework) == ("好印象", OCTOBER, "10月", False)


def test_a_lab_that_bills_rework_has_its_rework_sendings_matched_and_expected():
    a1 = _item("2610-0001", 1)
    sendings = [_sent(a1, 6000, "2026-10-05"), _sent(a1, 6000, "2026-10-15", rework=True)]
    result = _compare([_billed(2, a1, 6000, 1, rework=True)], sendings, bills_rework=True)
    # the rework line takes the rework sending; the first sending is then not billed
    assert [(f.kind, f.item_code) for f in result.findings] == [(D.NOT_BILLED, a1)]
    assert (result.agreed, result.expected_fen) == (1, 12000)
    twice = _compare([_billed(2, a1, 6000, 3, rework=True)], sendings, bills_rework=True)
    assert [f.kind for f in twice.findings] == [D.BILLED_TWICE] and twice.agreed == 2


def test_a_line_the_lab_marks_as_rework_is_rework_billed_at_a_lab_that_redoes_its_faults_free():
    a1 = _item("2610-0001", 1)
    marked = Message("The lab marks the line as a rework.")
    result = _compare([_billed(2, a1, 6000, 2, rework=True)], [_sent(a1, 6000, "2026-10-05")])
    assert [(f.kind, f.row, f.amount_fen, f.note) for f in result.findings] == [
        (D.REWORK_BILLED, 2, 6000, marked), (D.REWORK_BILLED, 2, 6000, marked)]
    assert (result.agreed, result.expected_fen) == (0, 6000)
    # a rework sending alone is not expected on the bill of such a lab
    alone = _compare([], [_sent(a1, 6000, "2026-10-05", rework=True)])
    assert (alone.findings, alone.expected_fen) == ([], 0)


def test_an_order_only_line_takes_the_same_priced_product_then_the_earliest_sending():
    f1, f2, f3 = _item("2610-0006", 1), _item("2610-0006", 2), _item("2610-0006", 3)
    sendings = [_sent(f1, 1000, "2026-10-03"), _sent(f2, 2500, "2026-10-04"), _sent(f3, 2500, "2026-10-02")]
    result = _compare([_billed(1, None, 2500, order="2610-0006")], sendings)
    assert [(f.kind, f.item_code) for f in result.findings] == [(D.NOT_BILLED, f1), (D.NOT_BILLED, f2)]
    assert result.agreed == 1
    # a line naming nothing the studio knows takes no sending
    nothing = _compare([_billed(1, None, 2500, written="?")], sendings)
    assert [f.kind for f in nothing.findings] == [D.NOT_SENT, D.NOT_BILLED, D.NOT_BILLED, D.NOT_BILLED]


def test_findings_are_sorted_by_kind_then_row_then_code():
    g = [_item("2610-0007", n) for n in (1, 2, 3)]
    result = _compare([_billed(9, g[2], 1), _billed(4, g[1], 1), _billed(7, None, 5, written="Z")],
                      [_sent(g[0], 1, "2026-10-05", None), _sent(g[1], 1, "2026-10-05"), _sent(g[2], 1, "2026-10-05")])
    assert [(f.kind, f.row) for f in result.findings] == [(D.NOT_SENT, 7), (D.NOT_BILLED, None)]
    nb = _compare([], [_sent(g[2], 1, "2026-10-05"), _sent(g[0], 1, "2026-10-05")])
    assert [f.item_code for f in nb.findings] == [g[0], g[2]]


def test_a_written_code_gives_the_item_else_its_order_and_says_what_was_wrong():
    good = _item("2610-0001", 1)
    wrong = good[:-1] + str((int(good[-1]) + 1) % 10)
    order = codes.display_order_number("2610-0001")
    assert _code_of(f" {good.lower()} ", "") == (good, "2610-0001", None)
    assert _code_of("", order) == (None, "2610-0001", None)
    assert _code_of("", "") == (None, None, None)
    assert _code_of(wrong, order) == (None, "2610-0001", Message(
        "{code} has a wrong check character: the lab mistyped it.", {"code": wrong}))
    assert _code_of(" junk ", order) == (None, "2610-0001", Message(
        "{code} is not a StudioDesk item code or order number.", {"code": "JUNK"}))
    assert _code_of("junk", "nothing")[2] == Message(
        "{code} is not a StudioDesk item code or order number.", {"code": "NOTHING"})
    assert _code_of(good, "junk") == (good, "2610-0001", None)  # the item code is read first


@pytest.mark.parametrize("value, number", [
    (None, None), ("", None), ("  ", None), (220, Decimal(220)), (12.5, Decimal("12.5")), ("220.00", Decimal(220)),
    ("¥1,200", Decimal(1200)), ("￥1，200", Decimal(1200)), ("380元", Decimal(380)), (" RMB 15 ", Decimal(15)),
    ("cny7", Decimal(7)), ("$3", Decimal(3)), ("１２", Decimal(12)), ("-60", Decimal(-60)),
])
def test_a_cell_number_is_read_as_labs_write_it(value, number):
    assert _number(value) == number


@pytest.mark.parametrize("value", [True, dt.date(2026, 10, 1), dt.time(1), dt.timedelta(1), "六十", "12a", "NaN",
                                   "Infinity", "-inf"])
def test_a_cell_that_is_no_number_is_refused(value):
    with pytest.raises(ValueError):
        _number(value)


# -- rules of the matcher that mutation testing found unasserted (issue 18) --------------------
MARKED_REWORK = Message("The lab marks the line as a rework.")


def test_a_rework_line_billed_after_its_sending_was_taken_names_the_sending_it_repeats():
    a1 = _item("2610-0001", 1)
    sending = _sent(a1, 6000, "2026-10-05")
    result = _compare([_billed(2, a1, 6000), _billed(3, a1, 6000, rework=True)], [sending])
    assert result.findings == [
        Finding(D.REWORK_BILLED, a1, sending.order_number, "billed 3", 3, 1, 6000, 6000, 6000, MARKED_REWORK)]
    assert result.agreed == 1


def test_every_piece_of_a_line_for_an_item_never_sent_is_listed():
    a1 = _item("2610-0001", 1)
    result = _compare([_billed(4, a1, 1500, 3)], [])
    assert [(f.kind, f.item_code, f.row, f.amount_fen) for f in result.findings] == [(D.NOT_SENT, a1, 4, 1500)] * 3


def test_a_credit_line_does_not_stop_the_matching_of_the_lines_after_it():
    a1, b1 = _item("2610-0001", 1), _item("2610-0002", 1)
    sendings = [_sent(a1, 6000, "2026-10-05"), _sent(b1, 1000, "2026-10-05")]
    result = _compare([_billed(1, a1, -500), _billed(2, b1, 1000)], sendings)
    assert [(f.kind, f.item_code, f.amount_fen) for f in result.findings] == [
        (D.NOT_BILLED, a1, 6000), (D.CREDIT, a1, -500)]  # a credit takes no sending
    assert result.agreed == 1


def test_a_line_billed_at_zero_is_matched_with_its_sending_and_is_no_credit():
    a1 = _item("2610-0001", 1)
    sending = _sent(a1, 6000, "2026-10-05")
    result = _compare([_billed(2, a1, 0)], [sending])
    assert result.findings == [Finding(D.PRICE_DIFFERS, a1, sending.order_number, "billed 2", 2, 1, 0, 6000, -6000,
                                       None)]


def test_a_sending_at_the_first_instant_of_the_month_belongs_to_the_month():
    from dataclasses import replace

    start, _ = OCTOBER.bounds()
    a1, b1 = _item("2610-0001", 1), _item("2610-0002", 1)
    sendings = [replace(_sent(a1, 1000, "2026-10-01"), sent_at=start),
                replace(_sent(b1, 1000, "2026-10-01"), sent_at=start - dt.timedelta(seconds=1))]
    result = _compare([], sendings)
    assert [(f.item_code, f.note) for f in result.findings] == [
        (a1, None), (b1, Message("Left in the month before: it may be on that month's statement."))]


def test_an_unbilled_sending_without_a_price_misses_no_money():
    a1 = _item("2610-0001", 1)
    result = _compare([], [_sent(a1, None, "2026-10-05")])
    assert [(f.kind, f.expected_fen, f.amount_fen) for f in result.findings] == [(D.NOT_BILLED, None, 0)]
    assert result.expected_fen == 0 and result.totals()[D.NOT_BILLED] == (1, 0)


def test_differences_of_one_kind_follow_the_statements_rows_whatever_their_codes():
    g = [_item("2610-0007", n) for n in (1, 2, 3)]
    result = _compare([_billed(9, g[0], 100), _billed(4, g[2], 100), _billed(6, g[1], 100)], [])
    assert [(f.row, f.item_code) for f in result.findings] == [(4, g[2]), (6, g[1]), (9, g[0])]


def test_a_line_without_the_labs_product_words_shows_the_studios_product_or_nothing():
    from dataclasses import replace

    a1, b1 = _item("2610-0001", 1), _item("2610-0002", 1)
    lines = [replace(_billed(2, a1, 6500), product=""), replace(_billed(3, b1, 100), product="")]
    result = _compare(lines, [_sent(a1, 6000, "2026-10-05")])
    assert [(f.kind, f.item_code, f.product) for f in result.findings] == [
        (D.NOT_SENT, b1, ""), (D.PRICE_DIFFERS, a1, f"product of {a1}")]


def test_the_result_keeps_the_layout_found_in_the_statement_to_save_it_as_the_labs():
    layout = StatementLayout(3, {Field.ITEM_CODE: 2, Field.PRICE: 5})
    statement = Statement(Path("s.xlsx"), "10月", layout, [])
    result = compare(statement, [], bills_rework=False, lab_name="好印象", month=OCTOBER)
    assert result.layout is layout
