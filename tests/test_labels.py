"""Item labels: every printed barcode decodes back to exactly its item's code."""

from __future__ import annotations

import re
import subprocess

import pytest
from PySide6.QtGui import QImage

from app import admin
from app.devices.labels import A4_SHEET, parse_size, render_page, thermal, write_pdf
from app.services.codes import display_order_number
from app.services.errors import BadInput, NotFound
from app.services.labels import order_labels

from .helpers import new_order
from .test_printing import _decode, _pdf_text, _tool


def test_labels_of_an_order_or_one_item(session, studio, clock):
    order = new_order(session, studio, clock, name="张三")
    labels = order_labels(session, display_order_number(order.number))
    assert [l.code for l in labels] == [i.code for i in order.items]
    assert labels[0].customer_name == "张三" and labels[0].product == "30P 相册" and labels[0].session_name == "婚纱照"
    assert [l.code for l in order_labels(session, order.items[2].code)] == [order.items[2].code]
    with pytest.raises(BadInput):
        order_labels(session, order.items[2].code[:-1] + str((int(order.items[2].code[-1]) + 1) % 10))
    with pytest.raises(NotFound):
        order_labels(session, display_order_number("2611-0999"))


def test_labels_print_the_order_number_with_its_check_character_and_refuse_a_bare_one(
        qapp, session, studio, clock, tmp_path):
    order = new_order(session, studio, clock)
    checked = display_order_number(order.number)
    labels = order_labels(session, checked)
    assert {l.order_number for l in labels} == {checked}
    write_pdf(tmp_path / "labels.pdf", labels, A4_SHEET)
    order_lines = re.findall(rf"{checked}(?![0-9])", _pdf_text(tmp_path / "labels.pdf"))  # not an item code
    assert len(order_lines) == len(labels)
    with pytest.raises(BadInput, match="no check character"):
        order_labels(session, order.number)


@pytest.mark.parametrize("layout", [A4_SHEET, thermal(50, 30), thermal(40, 25)], ids=["a4", "50x30", "40x25"])
def test_every_printed_barcode_decodes_to_its_code(qapp, session, studio, clock, layout):
    order = new_order(session, studio, clock)
    labels = order_labels(session, display_order_number(order.number))
    image = render_page(labels, layout, dpi=300)
    expected = sorted(l.code for l in labels[: layout.per_page])
    assert sorted(_decode(image)) == expected


def test_label_sizes_are_checked():
    assert parse_size("50x30") == (50, 30) and parse_size("62×29") == (62, 29)
    for bad in ["50", "axb", "5x3", "500x30"]:
        with pytest.raises(ValueError):
            parse_size(bad)


def test_admin_writes_the_labels_of_an_order_to_pdf(qapp, session, studio, clock, engine, tmp_path, capsys):
    if engine.dialect.name != "sqlite":
        pytest.skip("the command is given a SQLite file here")
    order = new_order(session, studio, clock)
    out = tmp_path / "labels.pdf"
    checked = display_order_number(order.number)
    assert admin.main(["labels", "--db", engine.url.database, "--order", checked, "--out", str(out)]) == 0
    assert "4 label(s)" in capsys.readouterr().out and out.read_bytes().startswith(b"%PDF")
    subprocess.run([_tool("pdftoppm"), "-r", "300", "-png", "-singlefile", str(out), str(tmp_path / "p")], check=True)
    assert sorted(_decode(QImage(str(tmp_path / "p.png")))) == sorted(i.code for i in order.items)
    code = admin.main(["labels", "--db", engine.url.database, "--order", "2611-0042-03", "--out", str(out)])
    assert code == 1 and "incomplete" in capsys.readouterr().err


def test_pdf_pages_follow_the_layout(qapp, session, studio, clock, tmp_path):
    order = new_order(session, studio, clock)
    labels = order_labels(session, display_order_number(order.number))
    assert write_pdf(tmp_path / "a.pdf", labels, A4_SHEET) == 1
    assert write_pdf(tmp_path / "b.pdf", labels, thermal()) == 4


def test_the_order_window_saves_its_labels(qtbot, ctx, session, studio, clock, tmp_path):
    from app.ui.order_dialog import OrderDialog

    order = new_order(session, studio, clock)
    dialog = OrderDialog(ctx, order.id)
    qtbot.addWidget(dialog)
    path = dialog.save_labels(tmp_path / "labels.pdf")
    assert path is not None and path.read_bytes().startswith(b"%PDF")


def test_the_label_printer_size_is_a_station_setting(qsettings):
    from PySide6.QtCore import QSettings

    from app.devices.labels import label_size

    assert label_size() == (50, 30)
    QSettings().setValue("labels/size", "62x29")
    assert label_size() == (62, 29)
    QSettings().setValue("labels/size", "huge")
    assert label_size() == (50, 30)
