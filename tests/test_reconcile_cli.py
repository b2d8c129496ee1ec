"""``studiodesk-admin reconcile``: the statement check from the command line, the result's path
as the last line, one line for every refusal, and nothing written then."""

from __future__ import annotations

from pathlib import Path

import pytest

from openpyxl import load_workbook
from sqlalchemy import select

from app import admin
from app.models import AuditEntry, Lab
from app.services.reconcile import StatementLayout

from .test_reconcile import SAMPLE, build_month, every_kind, statement


@pytest.fixture
def month(session, studio, clock):  # type: ignore[no-untyped-def]
    return build_month(session, studio, clock)


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    try:
        code = admin.main(list(argv))
    except SystemExit as exc:  # argparse
        code = exc.code  # type: ignore[assignment]
    out, err = capsys.readouterr()
    return code, out, err


def db_arg(engine) -> str:  # type: ignore[no-untyped-def]
    return engine.url.render_as_string(hide_password=False)


def test_reconcile_prints_each_kind_with_its_money_and_the_result_path_last(engine, session, studio, month, tmp_path,
                                                                          capsys):
    path = statement(tmp_path / "s.xlsx", every_kind(month))
    session.close()
    out = tmp_path / "result.xlsx"
    code, printed, err = run(capsys, "reconcile", "--db", db_arg(engine), "--lab", "金彩相册厂", "--month", "2026-11",
                             "--statement", str(path), "--out", str(out), "--language", "en")
    assert (code, err) == (0, "")
    lines = printed.splitlines()
    assert lines[-1] == str(out) and out.exists()
    assert "Billed but never sent or returned this month: 2, ¥110.00" in lines
    assert "Billed twice: 1, ¥60.00" in lines
    assert len(list(load_workbook(out)["Differences"].iter_rows(min_row=2))) == 6


def test_reconcile_refuses_a_bad_statement_in_one_line_and_writes_nothing(engine, session, studio, tmp_path, capsys):
    bad = tmp_path / "s.xlsx"
    bad.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504)
    session.close()
    out = tmp_path / "result.xlsx"
    code, printed, err = run(capsys, "reconcile", "--db", db_arg(engine), "--lab", "金彩相册厂", "--month", "2026-11",
                             "--statement", str(bad), "--out", str(out))
    assert code == 1 and printed == "" and err.count("\n") == 1 and str(bad) in err and "password-protected" in err
    assert not out.exists() and not (tmp_path / "result.xlsx.partial").exists()


def test_reconcile_names_the_labs_there_are_for_an_unknown_lab_and_refuses_a_bad_month(engine, studio, tmp_path,
                                                                                      capsys):
    argv = ["reconcile", "--db", db_arg(engine), "--statement", str(SAMPLE), "--out", str(tmp_path / "r.xlsx")]
    code, _, err = run(capsys, *argv, "--lab", "无此厂", "--month", "2026-11")
    assert code == 1 and "金彩相册厂" in err and err.count("\n") == 1
    code, _, err = run(capsys, *argv, "--lab", "金彩相册厂", "--month", "2026/11")
    assert code == 1 and "is not a month" in err


def test_reconcile_saves_the_layout_it_used_only_when_asked_and_only_for_production_or_a_manager(
        engine, session, studio, month, tmp_path, capsys):
    path = statement(tmp_path / "s.xlsx", every_kind(month))
    session.close()
    argv = ["reconcile", "--db", db_arg(engine), "--lab", "金彩相册厂", "--month", "2026-11", "--statement", str(path),
            "--out", str(tmp_path / "r.xlsx"), "--columns", "item_code=C,order_number=D,price=G,quantity=F",
            "--header-row", "3"]
    assert run(capsys, *argv)[0] == 0
    assert session.get(Lab, studio.lab).statement_columns is None  # read only
    code, _, err = run(capsys, *argv, "--save-columns", "--staff", "李前台")
    assert code == 1 and err.count("\n") == 1
    session.expire_all()
    assert session.get(Lab, studio.lab).statement_columns is None
    code, printed, _ = run(capsys, *argv, "--save-columns", "--staff", "张后期")
    assert code == 0
    session.expire_all()
    saved = StatementLayout.from_json(session.get(Lab, studio.lab).statement_columns)
    assert saved.headers == {"item_code": "条码", "order_number": "订单号", "price": "单价", "quantity": "数量"}
    assert session.scalars(select(AuditEntry.action).where(AuditEntry.action == "lab.statement_columns")).all()


def test_reconcile_without_staff_cannot_save_a_layout(engine, studio, tmp_path, capsys):
    code, _, err = run(capsys, "reconcile", "--db", db_arg(engine), "--lab", "金彩相册厂", "--month", "2026-11",
                       "--statement", str(SAMPLE), "--out", str(tmp_path / "r.xlsx"), "--save-columns")
    assert code == 1 and "--staff" in err and not (tmp_path / "r.xlsx").exists()


def test_the_sample_statement_is_checked_from_the_command_line(engine, studio, tmp_path, capsys):
    out = tmp_path / "r.xlsx"
    code, printed, err = run(capsys, "reconcile", "--db", db_arg(engine), "--lab", "金彩相册厂", "--month", "2026-10",
                             "--statement", str(SAMPLE), "--out", str(out))
    assert code == 0 and Path(printed.splitlines()[-1]) == out and out.exists()


def test_the_result_workbook_speaks_chinese_by_default_from_the_windows_translations():
    assert admin._result_translator("zh_CN")("lab") == "厂商"  # an entry the translations already have
    assert admin._result_translator("en")("lab") == "lab"
