"""Order numbers and item codes: every single wrong character and every swap of two
neighbouring characters is rejected, never matched to another item."""

from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import given, strategies as st

from app.services.codes import item_code, order_number, parse_code
from app.services.errors import BadInput

ALPHABET = string.digits + string.ascii_uppercase + "-"

orders = st.builds(
    lambda y, m, n: order_number(dt.date(2000 + y, m, 1), n),
    st.integers(0, 99), st.integers(1, 12), st.integers(1, 9999),
)
codes = st.builds(item_code, orders, st.integers(1, 99))


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
    if truncated == code[:9]:  # exactly the order number: a valid scan of the order slip
        assert parse_code(truncated).is_item is False
        return
    with pytest.raises(BadInput):
        parse_code(truncated)


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
