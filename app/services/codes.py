"""Order numbers and item codes.

An order number is ``YYMM-NNNN`` (year, month, sequence within the month): short,
readable on the phone, sortable. An item code is ``YYMM-NNNN-SS-C``: the order
number, the item's sequence in the order and a Damm check digit over the ten digits.
The Damm algorithm catches every single wrong digit and every swap of two
neighbouring digits (ISO 7064's hybrid Mod 37,36 misses about 0.5% of swaps, which
the property tests found), so a mistyped or misread code is rejected instead of
naming another item. The widths are fixed, so a moved hyphen breaks the format.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from stdnum import damm

from .errors import BadInput

ORDER_NUMBER_RE = re.compile(r"([0-9]{2})([0-9]{2})-([0-9]{4})")
ITEM_CODE_RE = re.compile(r"([0-9]{4}-[0-9]{4})-([0-9]{2})-([0-9])")
MAX_ORDERS_PER_MONTH = 9999
MAX_ITEMS_PER_ORDER = 99


def order_number(month: dt.date, seq: int) -> str:
    if not 1 <= seq <= MAX_ORDERS_PER_MONTH:
        raise BadInput("Order sequence {seq} is out of range 1-9999 for this month.", seq=seq)
    return f"{month:%y%m}-{seq:04d}"


def check_character(order_no: str, item_seq: int) -> str:
    return damm.calc_check_digit(order_no.replace("-", "") + f"{item_seq:02d}")


def item_code(order_no: str, item_seq: int) -> str:
    if not 1 <= item_seq <= MAX_ITEMS_PER_ORDER:
        raise BadInput("An order holds at most 99 items; item {seq} cannot be added.", seq=item_seq)
    return f"{order_no}-{item_seq:02d}-{check_character(order_no, item_seq)}"


@dataclass(frozen=True)
class ParsedCode:
    """What a scan or a typed code names: an order, or one item of it."""

    order_number: str
    item_seq: int | None = None

    @property
    def is_item(self) -> bool:
        return self.item_seq is not None


def clean(text: str) -> str:
    """Strip what scanners and people add around a code; full-width digits typed with
    a Chinese input method become ASCII (NFKC)."""
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def parse_code(text: str) -> ParsedCode:
    """Parse an order number or an item code; raise BadInput for anything else.

    A code whose check character does not match is refused: it is a misread or a
    typo, and guessing which item was meant could hand out the wrong product.
    """
    code = clean(text)
    if not code:
        raise BadInput("Nothing was scanned or typed.")
    m = ITEM_CODE_RE.fullmatch(code)
    if m:
        order_no, seq_text, check = m.groups()
        if not ORDER_NUMBER_RE.fullmatch(order_no) or not 1 <= int(order_no[2:4]) <= 12:
            raise BadInput("{code} is not a StudioDesk code.", code=code)
        seq = int(seq_text)
        if seq == 0 or check_character(order_no, seq) != check:
            raise BadInput(
                "{code} has a wrong check character: it was mistyped or misread. Scan it again.", code=code
            )
        return ParsedCode(order_no, seq)
    m = ORDER_NUMBER_RE.fullmatch(code)
    if m and 1 <= int(m.group(2)) <= 12 and int(m.group(3)) >= 1:
        return ParsedCode(code)
    if re.fullmatch(r"[0-9]{4}-[0-9]{4}-[0-9]{1,2}(-[0-9]?)?", code):
        raise BadInput("{code} is incomplete: an item code looks like 2611-0042-03-7.", code=code)
    raise BadInput("{code} is not a StudioDesk order number or item code.", code=code)
