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


# -- staff badges ---------------------------------------------------------------------
# A badge is "B-" + 10 Crockford base32 characters (50 random bits) + a check character
# from the same alphabet. The check is Damm's algorithm over the quasigroup
# x * y = 2x + y of GF(32) (x^5 + x^2 + 1): a Latin square that is totally
# anti-symmetric (characteristic 2 and 2 != 1), so every single wrong character and every
# swap of two neighbours, the check character included, is caught.
BADGE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BADGE_BITS = 50
BADGE_PREFIX = "B-"
BADGE_RE = re.compile(r"B-([0-9A-HJKMNP-TV-Z]{10})([0-9A-HJKMNP-TV-Z])")
_BADGE_VALUE = {c: i for i, c in enumerate(BADGE_ALPHABET)}
_CROCKFORD_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})  # what people read into a printed code


def _times_two(x: int) -> int:
    x <<= 1
    return x ^ 0b100101 if x & 0b100000 else x


def _badge_interim(text: str) -> int:
    interim = 0
    for char in text:
        interim = _times_two(interim) ^ _BADGE_VALUE[char]
    return interim


def badge_check_character(body: str) -> str:
    """The character that brings Damm's interim over ``body`` + it to zero."""
    return BADGE_ALPHABET[_times_two(_badge_interim(body))]


def badge_code(value: int) -> str:
    """The badge for a number of BADGE_BITS bits (random in the service, seeded in the demo)."""
    if not 0 <= value < 1 << BADGE_BITS:
        raise ValueError(f"a badge number has {BADGE_BITS} bits")
    body = "".join(BADGE_ALPHABET[(value >> shift) & 31] for shift in range(BADGE_BITS - 5, -1, -5))
    return BADGE_PREFIX + body + badge_check_character(body)


def looks_like_badge(text: str) -> bool:
    """Is this meant as a staff badge (whether read right or not)?"""
    return clean(text).startswith(BADGE_PREFIX)


def parse_badge(text: str) -> str:
    """A scanned or typed badge in its stored form; BadInput for anything malformed."""
    code = clean(text)
    if not code.startswith(BADGE_PREFIX):
        raise BadInput("{code} is not a staff badge.", code=code)
    code = BADGE_PREFIX + code[len(BADGE_PREFIX):].translate(_CROCKFORD_ALIASES)
    m = BADGE_RE.fullmatch(code)
    if m is None:
        raise BadInput("{code} is not a StudioDesk badge: a badge looks like B-7KQ2M9XD4TC. "
                       "Ask a manager for a new one.", code=code)
    if _badge_interim(m.group(1) + m.group(2)) != 0:
        raise BadInput("{code} has a wrong check character: it was mistyped or misread. Scan it again.", code=code)
    return code
