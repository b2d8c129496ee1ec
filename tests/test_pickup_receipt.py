"""The pickup receipt: items handed over, items still owed with their expected dates, the
balance and a signature line; the order's barcode decodes; written beside and renamed."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ui import printing
from app.models import ItemStatus
from app.services import pickup

from .helpers import new_order
from .pickup_helpers import item_codes, move
from .test_printing import _decode, _pdf_text

S = ItemStatus


def _partial(session, studio, clock):  # type: ignore[no-untyped-def]
    order = new_order(session, studio, clock, paid=True, name="刘备")
    album, frame1, frame2, digital = item_codes(session, order.id)
    move(session, studio, clock, album, S.SENT)
    for code in (frame1, frame2, digital):
        move(session, studio, clock, code, S.READY)
    receipt = pickup.hand_over(session, order.number, [frame1, digital], studio.counter, clock=clock)
    return receipt, album, frame2


def test_a_partial_pickups_receipt_lists_the_owed_items_with_expected_dates(qapp, session, studio, clock, tmp_path):
    from app.ui.pickup_receipt import save_pdf

    receipt, album, frame2 = _partial(session, studio, clock)
    pdf = save_pdf(tmp_path / "pickup.pdf", receipt, "测试影楼")
    assert not (tmp_path / "pickup.pdf.partial").exists()
    text = _pdf_text(pdf)
    expected = next(line.expected_return for line in receipt.owed if line.code == album)
    assert expected is not None
    for word in ["测试影楼", "Pickup receipt", receipt.checked_number, "刘备", "Items handed over (2)",
                 "Items still owed (2)", album, frame2, expected.isoformat(), "Balance due", "Customer's signature",
                 "李前台"]:
        assert word in text, word


def test_the_receipts_barcode_decodes_to_the_checked_order_number(qapp, session, studio, clock):
    from app.ui.pickup_receipt import render_image

    receipt, _album, _frame2 = _partial(session, studio, clock)
    assert _decode(render_image(receipt, "测试影楼", dpi=200)) == [receipt.checked_number]


def test_a_disk_that_refuses_leaves_the_old_receipt_and_no_partial_file(qapp, session, studio, clock, tmp_path,
                                                                      monkeypatch):
    import app.ui.pickup_receipt as pr

    receipt, _album, _frame2 = _partial(session, studio, clock)
    target = tmp_path / "pickup.pdf"
    target.write_bytes(b"%PDF old")

    def refuse(src, dst):  # type: ignore[no-untyped-def]
        raise OSError("disk full")

    monkeypatch.setattr(printing.os, "replace", refuse)  # the one writer of PDFs beside their name
    with pytest.raises(OSError):
        pr.save_pdf(target, receipt, "测试影楼")
    assert target.read_bytes() == b"%PDF old" and not Path(str(target) + ".partial").exists()
