"""One definition each: who a search finds, how phones are shown, how money reads, where backups go."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from openpyxl import load_workbook

from app.services import database, lifecycle
from app.services.customers import NewCustomer, create_customer, search_customers
from app.services.errors import ScanRefused
from app.services.exports import export_customers
from app.services.lookup import sheet_of_order
from app.services.money import amount, yuan
from app.services.orders import BookOrder, book_order
from app.services.search import search

from .helpers import S, drive, first_lab_item


@pytest.fixture
def people(session, studio, clock):
    made = {}
    for name, partner, phones in [("张三", "李四", ["138 0013 1234", "+86 139-0000-5678"]),
                                  ("张三丰", None, ["13700005555"]), ("王小明", None, ["13612345678"]),
                                  ("Anna Smith", None, ["13600001111"])]:
        made[name] = create_customer(session, NewCustomer(name, phones, partner_name=partner), studio.counter,
                                     clock=clock)
    return made


@pytest.mark.parametrize("text", ["1234", "5678", "0013-1234", "张三", "三丰", "zs", "zhangsan", "ZS", "smith",
                                  "李四", "5555", "赵六", "99999"])
def test_the_search_box_and_the_customer_picker_find_the_same_customers(session, people, text):
    box = list(dict.fromkeys(r.customer_id for r in search(session, text)))
    picker = [h.id for h in search_customers(session, text)]
    assert box == picker


def test_phones_read_the_same_in_search_the_picker_the_pickup_sheet_and_the_export(session, studio, clock, people,
                                                                                   tmp_path):
    zhang = people["张三"]
    order = book_order(session, BookOrder(customer_id=zhang.id, package_id=studio.single), studio.counter, clock=clock)
    shown = "138 0013 1234 / +86 139-0000-5678"
    assert search(session, "张三")[-1].phones == shown  # newest first: 张三 is the older of the two
    assert next(h for h in search_customers(session, "zs") if h.id == zhang.id).phones == shown
    assert " / ".join(sheet_of_order(session, order.number).phones) == shown
    export_customers(session, tmp_path / "c.xlsx", studio.manager, clock=clock)
    rows = {r[0]: r for r in load_workbook(tmp_path / "c.xlsx").active.iter_rows(min_row=2, values_only=True)}
    assert rows[zhang.id][3] == shown


def test_money_reads_as_yuan_with_grouping_and_two_decimals():
    assert [yuan(f) for f in (0, 5, 123456789, -50)] == ["¥0.00", "¥0.05", "¥1,234,567.89", "-¥0.50"]
    assert amount(123456789) == "1,234,567.89" and amount(-50) == "-0.50"


def test_the_screens_show_money_with_the_services_formatter():
    from app.ui import i18n

    assert [i18n.money(f) for f in (None, 123456789, -50)] == ["", yuan(123456789), yuan(-50)]


def test_a_pickup_refused_for_money_owed_names_the_sum_in_yuan(session, studio, clock):
    customer = create_customer(session, NewCustomer("张三", ["13800138000"]), studio.counter, clock=clock)
    order = book_order(session, BookOrder(customer_id=customer.id, package_id=studio.single, deposit_fen=1),
                       studio.counter, clock=clock)
    item = first_lab_item(session, order)
    drive(session, item.code, S.READY, studio.production, clock)
    with pytest.raises(ScanRefused) as err:
        lifecycle.transition(session, item.code, S.PICKED_UP, studio.counter, clock=clock)
    assert "¥5,998.99" in err.value.message


def test_backups_are_named_by_the_database_time_and_purpose_in_one_place(tmp_path):
    path = tmp_path / "studio.db"
    manual = database.backup_name(path)
    assert manual.parent == tmp_path / "backups"
    assert re.fullmatch(r"studio-\d{8}-\d{6}\.db", manual.name)
    labelled = database.backup_name(path, "before-restore", tmp_path / "elsewhere")
    assert labelled.parent == tmp_path / "elsewhere"
    assert re.fullmatch(r"studio-\d{8}-\d{6}-before-restore\.db", labelled.name)
    stamp = dt.datetime.strptime(manual.name[len("studio-"):-len(".db")], "%Y%m%d-%H%M%S")
    assert abs(dt.datetime.now() - stamp) < dt.timedelta(minutes=1)
