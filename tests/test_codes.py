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


# -- every refusal names what was refused (the UI shows the template filled with these) --------------
def refusal(call, *args) -> BadInput:
    with pytest.raises(BadInput) as err:
        call(*args)
    return err.value


def test_the_first_and_last_sequences_of_a_month_and_an_order_are_accepted_and_their_neighbours_refused():
    assert order_number(dt.date(2026, 11, 1), 1) == "2611-0001"
    assert order_number(dt.date(2026, 11, 1), 9999) == "2611-9999"
    assert item_code("2611-0042", 1).startswith("2611-0042-01-")
    assert item_code("2611-0042", 99).startswith("2611-0042-99-")
    for seq in (0, 10000):
        err = refusal(order_number, dt.date(2026, 11, 1), seq)
        assert err.params == {"seq": seq}
        assert err.message == f"Order sequence {seq} is out of range 1-9999 for this month."
    for seq in (0, 100):
        err = refusal(item_code, "2611-0042", seq)
        assert err.params == {"seq": seq}
        assert err.message == f"An order holds at most 99 items; item {seq} cannot be added."


def test_a_code_refusal_names_the_cleaned_code_it_refuses():
    good = item_code("2611-0042", 3)
    wrong_item = good[:-1] + str((int(good[-1]) + 1) % 10)
    checked = display_order_number("2611-0042")
    wrong_order = checked[:-1] + str((int(checked[-1]) + 1) % 10)
    cases = [
        (" ", "Nothing was scanned or typed.", {}),
        (" hello ", "HELLO is not a StudioDesk order number or item code.", {"code": "HELLO"}),
        ("2613-0042-03-1", "2613-0042-03-1 is not a StudioDesk code.", {"code": "2613-0042-03-1"}),
        ("2600-0042-03-1", "2600-0042-03-1 is not a StudioDesk code.", {"code": "2600-0042-03-1"}),
        ("2613-0042-5", "2613-0042-5 is not a StudioDesk code.", {"code": "2613-0042-5"}),
        ("2611-0042-03", "2611-0042-03 is incomplete: an item code looks like 2611-0042-03-7.",
         {"code": "2611-0042-03"}),
        ("2611-0042-03-", "2611-0042-03- is incomplete: an item code looks like 2611-0042-03-7.",
         {"code": "2611-0042-03-"}),
        (wrong_item, f"{wrong_item} has a wrong check character: it was mistyped or misread. Scan it again.",
         {"code": wrong_item}),
        (wrong_order, f"{wrong_order} has a wrong check character: check the number and type it again, "
                      "or scan the slip's barcode.", {"code": wrong_order}),
    ]
    for text, message, params in cases:
        err = refusal(parse_code, text)
        assert (err.message, err.params) == (message, params), text


def test_a_december_item_code_parses_and_month_thirteen_or_zero_does_not():
    code = item_code("2612-0001", 1)
    assert parse_code(code).order_number == "2612-0001"
    assert parse_code(item_code("2601-0001", 1)).order_number == "2601-0001"
    assert refusal(parse_code, item_code("2613-0001", 1)).params == {"code": item_code("2613-0001", 1)}
    assert refusal(parse_code, item_code("2600-0001", 1)).params == {"code": item_code("2600-0001", 1)}


def test_item_sequence_zero_is_refused_as_a_wrong_check_even_when_its_digit_matches():
    zero = f"2611-0042-00-{damm.calc_check_digit('2611004200')}"
    assert isinstance(refusal(parse_code, zero), WrongCheck)


def test_an_unchecked_order_number_is_refused_for_acting_naming_the_number():
    err = refusal(parse_checked, " 2611-0042 ")
    assert err.params == {"code": "2611-0042"}
    assert err.message == ("2611-0042 has no check character: scan the slip's barcode or type the number with "
                           "its check character.")


def test_an_import_refuses_an_item_code_naming_it_cleaned():
    code = item_code("2611-0042", 3)
    err = refusal(order_number_from_text, f" {code.lower()} ")
    assert err.params == {"code": code}
    assert err.message == f"{code} is an item code, not an order number."


def test_a_badge_refusal_names_the_cleaned_badge():
    from app.services.codes import badge_code, parse_badge
    good = badge_code(12345)
    body = good[2:-1]
    wrong_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    cases = [
        (" x-123 ", "X-123 is not a staff badge.", {"code": "X-123"}),
        ("b-12", "B-12 is not a StudioDesk badge: a badge looks like B-7KQ2M9XD4TC. Ask a manager for a new one.",
         {"code": "B-12"}),
        (good + "0", f"{good}0 is not a StudioDesk badge: a badge looks like B-7KQ2M9XD4TC. "
                     "Ask a manager for a new one.", {"code": good + "0"}),
        (wrong_check, f"{wrong_check} has a wrong check character: it was mistyped or misread. Scan it again.",
         {"code": wrong_check}),
    ]
    for text, message, params in cases:
        err = refusal(parse_badge, text)
        assert (err.message, err.params) == (message, params), text
    # read aliases are mapped only after the prefix: the refusal names the code as it will be stored
    assert refusal(parse_badge, "B-" + body[:-1]).params == {"code": "B-" + body[:-1]}
    assert refusal(parse_badge, "B-O" + body).params == {"code": "B-0" + body}


def test_a_badge_read_with_lower_case_or_o_i_l_for_0_1_1_is_the_stored_badge():
    from app.services.codes import BADGE_ALPHABET, badge_check_character, badge_code, parse_badge
    body = "0110000000"
    badge = "B-" + body + badge_check_character(body)
    assert parse_badge(badge.lower()) == badge
    assert parse_badge("B-OIL0000000" + badge[-1]) == badge
    assert badge_code(0) == "B-" + "0" * 10 + badge_check_character("0" * 10)
    assert badge_code((1 << 50) - 1) == "B-" + "Z" * 10 + badge_check_character("Z" * 10)
    assert badge_code(1)[2:12] == "0000000001" and badge_code(32)[2:12] == "0000000010"
    for bad in (-1, 1 << 50):
        with pytest.raises(ValueError, match="a badge number has 50 bits"):
            badge_code(bad)
    assert set(badge_code(0x123456789ABCD)[2:]) <= set(BADGE_ALPHABET)


def _gf32_times(a: int, b: int) -> int:
    """Multiplication in GF(32) modulo x^5 + x^2 + 1, by the schoolbook method (a reference
    independent of the service's shift-and-reduce)."""
    product = 0
    for bit in range(5):
        if b >> bit & 1:
            product ^= a << bit
    for bit in range(9, 4, -1):
        if product >> bit & 1:
            product ^= 0b100101 << (bit - 5)
    return product


def test_a_badges_check_character_is_damms_over_gf32_starting_from_zero():
    """Badges are printed and worn for years: the check character must stay the one of the
    published scheme (Damm's quasigroup x*y = 2x + y over GF(32), interim starting at 0), or
    every badge printed before would be refused."""
    from app.services.codes import BADGE_ALPHABET, badge_check_character

    def reference(body: str) -> str:
        interim = 0
        for ch in body:
            interim = _gf32_times(interim, 2) ^ BADGE_ALPHABET.index(ch)
        return BADGE_ALPHABET[_gf32_times(interim, 2)]

    bodies = ["0" * 10, "Z" * 10, "0000000001", "0000000C1S", "938NKRKAYD", "7KQ2M9XD4T", "1" * 10, "Z0Z0Z0Z0Z0"]
    bodies += ["".join(BADGE_ALPHABET[(i * 7 + k * 13) % 32] for k in range(10)) for i in range(32)]
    for body in bodies:
        assert badge_check_character(body) == reference(body), body


@pytest.mark.parametrize(("value", "badge"), [
    (0, "B-00000000000"), (1, "B-00000000012"), (32, "B-00000000104"), (12345, "B-0000000C1SW"),
    ((1 << 50) - 1, "B-ZZZZZZZZZZ4"), (0x123456789ABCD, "B-938NKRKAYDZ"),
])
def test_badges_printed_by_earlier_versions_still_read_as_themselves(value, badge):
    from app.services.codes import badge_code, parse_badge

    assert badge_code(value) == badge
    assert parse_badge(badge) == badge
