"""Item labels carry a QR code of the item's phone address while the phone server is on."""

from __future__ import annotations

import pytest

from app.devices.labels import A4_SHEET, render_page, thermal
from app.services.codes import display_order_number
from app.services.errors import BadInput, NotAllowed
from app.services.labels import order_labels
from app.services.phone import phone_address, set_phone_address

from .helpers import new_order
from .test_printing import _decode

BASE = "https://192.168.1.5:8443"


def test_labels_carry_no_qr_code_while_the_phone_server_is_off(qapp, session, studio, clock):  # type: ignore[no-untyped-def]
    order = new_order(session, studio, clock)
    labels = order_labels(session, display_order_number(order.number))
    assert all(l.address is None for l in labels)
    assert sorted(_decode(render_page(labels, A4_SHEET, dpi=300))) == sorted(l.code for l in labels)


@pytest.mark.parametrize("layout", [A4_SHEET, thermal(50, 30)], ids=["a4", "50x30"])
def test_labels_carry_a_qr_code_of_the_item_address_while_the_phone_server_is_on(
        qapp, session, studio, clock, layout):  # type: ignore[no-untyped-def]
    set_phone_address(session, BASE, studio.manager, clock=clock)
    order = new_order(session, studio, clock)
    labels = order_labels(session, display_order_number(order.number))[: layout.per_page]
    decoded = sorted(_decode(render_page(labels, layout, dpi=600)))
    expected = sorted([l.code for l in labels] + [f"{BASE}/i/{l.code}" for l in labels])
    assert decoded == expected
    set_phone_address(session, None, studio.manager, clock=clock)
    assert phone_address(session) is None and order_labels(session, labels[0].code)[0].address is None


def test_only_a_manager_sets_the_phone_address_and_only_a_server_address(session, studio, clock):  # type: ignore[no-untyped-def]
    with pytest.raises(NotAllowed):
        set_phone_address(session, BASE, studio.production, clock=clock)
    for bad in ("192.168.1.5:8443", "ftp://x", "https://x/path", "javascript:alert(1)"):
        with pytest.raises(BadInput):
            set_phone_address(session, bad, studio.manager, clock=clock)
    assert phone_address(session) is None
