"""Order numbers and item codes: every single wrong character and every swap of two
neighbouring characters is rejected, never matched to another item or another order."""

from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import given, strategies as st
from stdnum import damm

from app.services.codes import (
    WrongCheck, display_order_number, item_code, order_check, order_number, order_number_from_text, parse_checked,
    parse_code,
)
from app.services.errors import BadInput

ALPHABET = string.digits + string.ascii_uppercase + "-"

orders = st.builds(
    lambda y, m, n: order_number(dt.date(2000 + y, m, 1), n),
    st.integers(0, 99), st.integers(1, 12), st.integers(1, 9999),
)
codes = st.builds(item_code, orders, st.integers(1, 99))
checked_orders = st.builds(display_order_number, orders)


def test_order_number_shape():
    assert order_number(dt.date(2026, 11, 5), 42) == "2611-0042"


def test_item_code_shape_and_round_trip():
    code = item_code("2611-0042", 3)
    assert code.startswith("2611-0042-03-") and len(code) == 14
    parsed = parse_code(code)
    assert (parsed.order_number, parsed.item_seq) == ("2611-0042", 3)


def test_scanner_noise_and_full_width_digits_are_cleaned():
    code = item_code("2611-0042", 3)
    assert parse_code(f"  {code}\r\n").item_seq == 3
    assert parse_code(" 2611-0042\t").is_item is False
    assert parse_code("２６１１－００４２") == parse_code("2611-0042")  # typed with a Chinese IME


@given(codes, st.data())
def test_every_single_wrong_character_is_rejected(code, data):
    pos = data.draw(st.integers(0, len(code) - 1))
    wrong = data.draw(st.sampled_from([c for c in ALPHABET if c != code[pos]]))
    typo = code[:pos] + wrong + code[pos + 1:]
    with pytest.raises(BadInput):
        result = parse_code(typo)
        # an order number parsed from a typo would also be "another thing"
        assert False, f"{typo} was accepted as {result}"


@given(codes, st.data())
def test_every_swap_of_neighbours_is_rejected(code, data):
    pos = data.draw(st.integers(0, len(code) - 2))
    if code[pos] == code[pos + 1]:
        return  # swapping equal characters is no error
    swapped = code[:pos] + code[pos + 1] + code[pos] + code[pos + 2:]
    with pytest.raises(BadInput):
        parse_code(swapped)


@given(codes, st.integers(1, 13))
def test_truncated_codes_are_rejected_not_matched(code, cut):
    truncated = code[:-cut]
    if truncated in (code[:9], code[:11]):
        # the bare order number (unchecked), or YYMM-NNNN-S where S happens to be the order's check
        # digit: either way the item's own order, never another one
        try:
            parsed = parse_code(truncated)
        except BadInput:
            return
        assert parsed.order_number == code[:9] and parsed.is_item is False and parsed.checked == (len(truncated) == 11)
        return
    with pytest.raises(BadInput):
        parse_code(truncated)


def test_a_checked_order_number_is_the_stored_number_and_a_damm_digit_over_its_eight_digits():
    assert order_check("2611-0042") == damm.calc_check_digit("26110042")
    assert display_order_number("2611-0042") == f"2611-0042-{order_check('2611-0042')}"
    assert damm.is_valid(display_order_number("2611-0042").replace("-", ""))
    parsed = parse_code(display_order_number("2611-0042"))
    assert (parsed.order_number, parsed.item_seq, parsed.checked) == ("2611-0042", None, True)
    assert parse_code(item_code("2611-0042", 3)).checked  # item codes carry their own check


def test_an_order_number_without_its_check_character_parses_as_unchecked():
    parsed = parse_code(" 2611-0042 ")
    assert (parsed.order_number, parsed.checked, parsed.is_item) == ("2611-0042", False, False)
    with pytest.raises(BadInput, match="no check character"):
        parse_checked("2611-0042")
    assert parse_checked(display_order_number("2611-0042")).order_number == "2611-0042"


def test_an_order_number_with_a_wrong_check_character_is_refused_with_check_the_number():
    good = display_order_number("2611-0042")
    wrong = good[:-1] + str((int(good[-1]) + 1) % 10)
    with pytest.raises(WrongCheck, match="check the number"):
        parse_code(wrong)
    with pytest.raises(WrongCheck):
        parse_checked(wrong)
    with pytest.raises(WrongCheck):
        order_number_from_text(wrong)


def test_checked_order_numbers_are_cleaned_like_item_codes():
    good = display_order_number("2611-0042")
    full_width = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else "－" for c in good)
    assert parse_code(f"  {full_width}\r\n") == parse_code(good)


@given(checked_orders, st.data())
def test_every_single_wrong_character_of_a_checked_order_number_is_refused(number, data):
    pos = data.draw(st.integers(0, len(number) - 1))
    wrong = data.draw(st.sampled_from([c for c in ALPHABET if c != number[pos]]))
    typo = number[:pos] + wrong + number[pos + 1:]
    with pytest.raises(BadInput):
        result = parse_code(typo)
        assert False, f"{typo} was accepted as {result}"


@given(checked_orders, st.data())
def test_every_swap_of_neighbours_in_a_checked_order_number_is_refused(number, data):
    pos = data.draw(st.integers(0, len(number) - 2))
    if number[pos] == number[pos + 1]:
        return  # swapping equal characters is no error
    swapped = number[:pos] + number[pos + 1] + number[pos] + number[pos + 2:]
    with pytest.raises(BadInput):
        result = parse_code(swapped)
        assert False, f"{swapped} was accepted as {result}"


def test_every_single_typo_and_neighbour_swap_of_one_checked_number_is_refused_exhaustively():
    """All 10 x 11 substitutions (every character of the alphabet at every place) and all
    10 neighbour swaps of one number, beside the random ones above."""
    number = display_order_number("2611-0042")
    typos = {number[:p] + c + number[p + 1:] for p in range(len(number)) for c in ALPHABET if c != number[p]}
    typos |= {number[:p] + number[p + 1] + number[p] + number[p + 2:] for p in range(len(number) - 1)
              if number[p] != number[p + 1]}
    accepted = []
    for typo in typos:
        try:
            accepted.append((typo, parse_code(typo)))
        except BadInput:
            pass
    assert accepted == []


@given(orders)
def test_imports_read_an_order_number_with_or_without_its_check_character(number):
    assert order_number_from_text(number) == number
    assert order_number_from_text(f" {display_order_number(number)} ") == number


def test_imports_refuse_an_item_code_or_garbage_as_an_order_number():
    for text in [item_code("2611-0042", 3), "hello", "2611-42", ""]:
        with pytest.raises(BadInput):
            order_number_from_text(text)


@pytest.mark.parametrize("text", ["", "   ", "hello", "2613-0001", "2611-0000", "2611-0042-00-0", "2611-42",
                                  "2611-0042-03-77", "2611_0042_03_7", "2611-0042-03-A"])
def test_garbage_is_refused_with_a_message(text):
    with pytest.raises(BadInput) as err:
        parse_code(text)
    assert err.value.message


def test_out_of_range_sequences_are_refused():
    with pytest.raises(BadInput):
        order_number(dt.date(2026, 11, 1), 10000)
    with pytest.raises(BadInput):
        item_code("2611-0042", 100)
