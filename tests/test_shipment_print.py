"""The printed shipment list: every item's barcode decodes back to its code; studio, lab,
number, prices, total and the signature lines are on the paper, in the staff's language."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app.ui import printing
from app.services import shipments
from app.ui.shipment_print import pages, render_page, save_pdf

from .helpers import new_order
from .test_printing import _decode, _pdf_text, _tool


def _closed_shipment(session, studio, clock, orders: int = 2) -> shipments.ShipmentView:
    ship_id = None
    for n in range(orders):
        order = new_order(session, studio, clock, name=f"刘备{n}", phone=f"1380013{n:04d}")
        ship_id, _added, refused = shipments.add_many(
            session, [i.code for i in order.items if i.lab_id], studio.production, lab_id=studio.lab, clock=clock)
        assert not refused
    assert ship_id is not None
    shipments.close_shipment(session, ship_id, studio.production, clock=clock)
    return shipments.shipment(session, ship_id)


def test_each_printed_barcode_decodes_to_its_item_code(qapp, session, studio, clock):
    sheet = _closed_shipment(session, studio, clock)
    assert len(sheet.lines) == 6
    found = _decode(render_page(sheet, "测试影楼", dpi=200))
    assert sorted(found) == sorted(line.code for line in sheet.lines)


def test_the_shipment_pdf_holds_the_list_and_its_barcodes(qapp, session, studio, clock, tmp_path):
    sheet = _closed_shipment(session, studio, clock)
    pdf = save_pdf(tmp_path / "shipment.pdf", sheet, "测试影楼")
    assert pdf.read_bytes().startswith(b"%PDF") and not (tmp_path / "shipment.pdf.partial").exists()
    text = _pdf_text(pdf)
    for word in ["测试影楼", f"Shipment list No. {sheet.id}", "金彩相册厂", "张后期", "30P 相册", "刘备0",
                 "¥380.00", "no price", "6 items, total ¥760.00", "Courier signature", "Received by the lab"]:
        assert word in text, word
    subprocess.run([_tool("pdftoppm"), "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / "page")],
                   check=True)
    assert sorted(_decode(QImage(str(tmp_path / "page.png")))) == sorted(line.code for line in sheet.lines)


def test_a_long_shipment_goes_on_several_pages_and_every_barcode_still_decodes(qapp, session, studio, clock):
    sheet = _closed_shipment(session, studio, clock, orders=5)
    layout = pages(sheet)
    assert len(layout) == 2 and sum(map(len, layout)) == 15
    found = _decode(render_page(sheet, "测试影楼", page=0)) + _decode(render_page(sheet, "测试影楼", page=1))
    assert sorted(found) == sorted(line.code for line in sheet.lines)


def test_a_disk_that_refuses_leaves_no_partial_file_and_the_old_list(qapp, session, studio, clock, tmp_path,
                                                                     monkeypatch):
    sheet = _closed_shipment(session, studio, clock)
    target = tmp_path / "shipment.pdf"
    target.write_bytes(b"%PDF old")

    def refuse(src, dst):  # type: ignore[no-untyped-def]
        raise OSError("disk full")

    monkeypatch.setattr(printing.os, "replace", refuse)  # the one writer of PDFs beside their name
    with pytest.raises(OSError):
        save_pdf(target, sheet, "测试影楼")
    assert target.read_bytes() == b"%PDF old" and not Path(str(target) + ".partial").exists()

