"""Fuzzed scans: generated scan strings through every scan entry point of the services.

The rule: a scan string names the item or order whose code it is, once the blanks around
and inside it are dropped, full-width characters folded (NFKC) and letters upper-cased;
anything else is refused with a StudioError (BadInput, NotFound, ScanRefused...) and
writes nothing. Never a wrong item, never another exception.

The strings (a seeded generator, :func:`scan_strings`): random bytes read as Latin-1, UTF-8
(with half characters) and GBK; real item codes and order slips truncated at each end and
extended; every single-character substitution and every neighbour swap of each real code;
scanner prefixes and suffixes (AIM identifiers, STX/ETX, CR/LF, tab, Code 39 stars, GS,
BOM); full-width and other look-alike characters; and two mutations at once.

The short version (``FUZZ_SHORT`` strings) runs in every test run; ``scripts/reliability.sh``
(``STUDIODESK_RELIABILITY=full``) runs ``FUZZ_FULL`` strings through each entry point.
"""

from __future__ import annotations

import os
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Item, ItemEvent, ItemStatus, Order
from app.services import codes, labels, lifecycle, lookup, receiving, scanner_files, shipments, staff
from app.services.errors import ScanRefused, StudioError

from .helpers import drive, new_order

S = ItemStatus
FULL = os.environ.get("STUDIODESK_RELIABILITY") == "full"
FUZZ_SHORT = 3_000
FUZZ_FULL = 100_000
FUZZ_COUNT = FUZZ_FULL if FULL else FUZZ_SHORT
SEED = 20261126

# What scanners put around a code (symbology identifiers, framing, terminators) and what
# people's keyboards add.
PREFIXES = ["]C0", "]C1", "]E0", "]Q3", "]A0", "\x02", "*", "\x1d", "\ufeff", " ", "\t", "\u3000", "\x1b", "#"]
SUFFIXES = ["\r", "\n", "\r\n", "\t", " ", "\x03", "*", "\x1d", "\x04", "\u3000", "\x00", "\u200b", "?"]
# Characters a misread or a mistype puts in place of one character of a code.
SUBSTITUTES = list("0123456789-ABOIZ ._/") + [
    "０", "５", "９", "－", "—", "ー", "‐", "‑", "٣", "¹", "Ⅷ", "\x00", "\ud800", "\u3000", "\u00a0", "?",
]
FULL_WIDTH = {**{str(d): chr(0xFF10 + d) for d in range(10)}, "-": "－"}


def normal(text: str) -> str:
    """The rule's own reading of a scan string, written apart from codes.clean: NFKC, no
    whitespace anywhere, upper case."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace()).upper()


def _random_bytes(rng: random.Random) -> str:
    data = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 24)))
    how = rng.randrange(3)
    if how == 0:
        return data.decode("latin-1")
    if how == 1:
        return data.decode("utf-8", "surrogateescape")
    return data.decode("gbk", "replace")


def _mutate(rng: random.Random, code: str) -> str:
    if len(code) < 2:  # what a first mutation left of a code
        return code + rng.choice(SUBSTITUTES)
    kind = rng.randrange(8)
    if kind == 0:  # truncated at the end or the start
        k = rng.randrange(len(code))
        return code[:k] if rng.random() < 0.7 else code[len(code) - k:]
    if kind == 1:  # extended
        extra = "".join(rng.choice("0123456789-AX") for _ in range(rng.randrange(1, 4)))
        return code + extra if rng.random() < 0.7 else extra + code
    if kind == 2:  # one character substituted
        i = rng.randrange(len(code))
        return code[:i] + rng.choice(SUBSTITUTES) + code[i + 1:]
    if kind == 3:  # neighbours swapped
        i = rng.randrange(len(code) - 1)
        return code[:i] + code[i + 1] + code[i] + code[i + 2:]
    if kind == 4:  # scanner prefix and/or suffix
        return rng.choice(["", *PREFIXES]) + code + rng.choice(["", *SUFFIXES])
    if kind == 5:  # full-width characters mixed in
        return "".join(FULL_WIDTH.get(ch, ch) if rng.random() < 0.5 else ch for ch in code)
    if kind == 6:  # a character deleted or inserted
        i = rng.randrange(len(code))
        if rng.random() < 0.5:
            return code[:i] + code[i + 1:]
        return code[:i] + rng.choice(SUBSTITUTES) + code[i:]
    return _mutate(rng, _mutate(rng, code))  # two at once


def exhaustive(real: list[str]) -> list[str]:
    """Every single-character substitution and every neighbour swap of each real code."""
    out: list[str] = []
    for code in real:
        for i in range(len(code)):
            out += [code[:i] + ch + code[i + 1:] for ch in SUBSTITUTES if ch != code[i]]
        out += [code[:i] + code[i + 1] + code[i] + code[i + 2:] for i in range(len(code) - 1)
                if code[i] != code[i + 1]]
    return out


def scan_strings(real: list[str], count: int, seed: int = SEED) -> list[str]:
    """``count`` scan strings: the exhaustive errors of the real codes (all of them in the
    full run, a sample in the short one), then random bytes and random mutations."""
    rng = random.Random(seed)
    every = exhaustive(real)
    if len(every) > count // 2:
        every = rng.sample(every, count // 2)
    out = list(every)
    while len(out) < count:
        r = rng.random()
        if r < 0.15:
            out.append(_random_bytes(rng))
        elif r < 0.25:
            out.append(rng.choice(real))  # the code itself, as read
        else:
            out.append(_mutate(rng, rng.choice(real)))
    rng.shuffle(out)
    return out


@dataclass
class Fuzzed:
    """A small studio with items in each state, its real codes, and the strings."""

    studio: object
    item_codes: dict[str, int]  # item code -> item id
    order_slips: dict[str, str]  # checked order number -> stored number
    strings: list[str]

    def expected(self, text: str) -> str | None:
        code = normal(text)
        return code if code in self.item_codes or code in self.order_slips else None


STATES = [S.WAITING, S.WAITING, S.SENT, S.SENT, S.SENT, S.RETURNED, S.READY, S.REWORK]


@pytest.fixture
def fuzzed(session: Session, studio, clock) -> Fuzzed:  # type: ignore[no-untyped-def]
    items: dict[str, int] = {}
    slips: dict[str, str] = {}
    for n, state in enumerate(STATES):
        order = new_order(session, studio, clock, name=f"顾客{n}", phone=f"1380013{n:04d}")
        slips[codes.display_order_number(order.number)] = order.number
        for item in session.scalars(select(Item).where(Item.order_id == order.id).order_by(Item.seq)).all():
            items[item.code] = item.id
            if state is not S.WAITING and not _in_house(session, item):
                drive(session, item.code, state, studio.production, clock)
    real = sorted(items) + sorted(slips)
    return Fuzzed(studio, items, slips, scan_strings(real, FUZZ_COUNT))


def _in_house(session: Session, item: Item) -> bool:
    return bool(item.product_type.in_house)


def _snapshot(session: Session) -> dict[int, tuple[ItemStatus, int]]:
    """Each item's status and number of events."""
    session.expire_all()
    rows = session.execute(select(Item.id, Item.status)).all()
    counts: dict[int, int] = {}
    for (item_id,) in session.execute(select(ItemEvent.item_id)).all():
        counts[item_id] = counts.get(item_id, 0) + 1
    return {item_id: (status, counts.get(item_id, 0)) for item_id, status in rows}


def _changed_items(before: dict, after: dict) -> set[int]:
    return {k for k in after if before.get(k) != after[k]}


Problem = tuple[str, str]


def _check_refusal(exc: StudioError, expected: str | None, text: str, problems: list[Problem]) -> None:
    """A refusal naming an item names the item the string is the code of."""
    named = exc.params.get("code")
    if isinstance(exc, ScanRefused) and named is not None and named != expected:
        problems.append((text, f"refusal names {named}, the string names {expected}: {exc}"))


def _run(fz: Fuzzed, session: Session, call: Callable[[str], str | None]) -> tuple[list[Problem], set[str], int]:
    """Each string through ``call`` (which returns the item or order code it acted on);
    the problems found, the codes that were acted on, and how many strings were refused."""
    problems: list[Problem] = []
    matched: set[str] = set()
    refused = 0
    for text in fz.strings:
        expected = fz.expected(text)
        try:
            got = call(text)
        except StudioError as exc:
            refused += 1
            _check_refusal(exc, expected, text, problems)
            continue
        except Exception as exc:  # noqa: BLE001 - the finding
            problems.append((text, f"{type(exc).__name__}: {exc}"))
            session.rollback()
            continue
        if got != expected:
            problems.append((text, f"matched {got}, the string names {expected}"))
        if got is not None:
            matched.add(got)
    return problems, matched, refused


def _assert_only_named_items_changed(fz: Fuzzed, before: dict, after: dict, matched: set[str]) -> None:
    ids = {fz.item_codes[c] for c in matched if c in fz.item_codes}
    stray = _changed_items(before, after) - ids
    assert not stray, f"items changed that no string named: {sorted(stray)}"


def _report(problems: list[Problem]) -> str:
    return "\n".join(f"{text!r}: {why}" for text, why in problems[:20]) + f"\n({len(problems)} in all)"


def test_fuzzed_strings_cover_every_kind_of_scan_error(fuzzed: Fuzzed) -> None:
    """The generator makes what the rule is about: exact codes, look-alikes of real codes that
    name nothing, and strings of every shape; without this the other tests prove little."""
    strings = fuzzed.strings
    assert len(strings) == FUZZ_COUNT
    exact = [s for s in strings if fuzzed.expected(s)]
    assert len(exact) > FUZZ_COUNT // 20
    assert any(s != fuzzed.expected(s) for s in exact)  # a prefix, a suffix or full width that still names it
    assert any("\ud800" <= ch <= "\udfff" for s in strings for ch in s)
    assert any(any(0xFF10 <= ord(ch) <= 0xFF19 for ch in s) for s in strings)
    assert sum(1 for s in strings if fuzzed.expected(s) is None) > FUZZ_COUNT // 2


def test_order_sheet_of_a_fuzzed_scan_is_the_order_it_names_or_a_refusal(fuzzed: Fuzzed, session: Session) -> None:
    def call(text: str) -> str | None:
        sheet = lookup.order_sheet(session, text)
        slip = codes.display_order_number(sheet.number)
        if sheet.scanned_item_seq is None:
            return slip
        return codes.item_code(sheet.number, sheet.scanned_item_seq)

    problems, matched, _ = _run(fuzzed, session, call)
    assert not problems, _report(problems)
    assert matched  # the real codes among the strings opened their orders


def test_labels_of_a_fuzzed_scan_are_those_of_the_item_or_order_it_names(fuzzed: Fuzzed, session: Session) -> None:
    """Reprinting labels (studiodesk-admin labels, the order's label button): one item's label
    for its code, every label of an order for its slip, nothing for anything else."""
    def call(text: str) -> str | None:
        printed = [label.code for label in labels.order_labels(session, text)]
        order = printed[0][:9]  # YYMM-NNNN
        if printed == [normal(text)]:
            return printed[0]  # one item's label
        if printed == sorted(c for c in fuzzed.item_codes if c.startswith(order)):
            return codes.display_order_number(order)  # the whole order's
        return f"labels {printed}"

    problems, matched, _ = _run(fuzzed, session, call)
    assert not problems, _report(problems)
    assert any(c in fuzzed.order_slips for c in matched) and any(c in fuzzed.item_codes for c in matched)


_BADGE_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})  # what people read into a printed badge


def test_a_fuzzed_scan_is_the_staff_badge_it_names_or_no_badge_or_a_refusal(
    session: Session, studio,  # type: ignore[no-untyped-def]
) -> None:
    """Every scan is first asked whether it is a staff badge (the window switches staff on
    one): a string names the badge it is (read with Crockford's O→0, I/L→1), never another
    staff member's; anything else is no badge (None) or refused."""
    badges = {code: name for name, code in studio.badges.items()}
    strings = scan_strings(sorted(badges) + ["2611-0001-01-0", "2611-0001-7"], FUZZ_COUNT, seed=SEED + 1)

    def named(text: str) -> str | None:
        code = normal(text)
        if not code.startswith("B-"):
            return None
        code = "B-" + code[2:].translate(_BADGE_ALIASES)
        return code if code in badges else None

    problems: list[Problem] = []
    switched = 0
    for text in strings:
        expected = named(text)
        try:
            actor = staff.badge_owner(session, text)
        except StudioError:
            if expected is not None:
                problems.append((text, f"refused, but it is {badges[expected]}'s badge"))
            continue
        except Exception as exc:  # noqa: BLE001 - the finding
            problems.append((text, f"{type(exc).__name__}: {exc}"))
            continue
        got = actor.name if actor is not None else None
        if got != (badges[expected] if expected else None):
            problems.append((text, f"signed in {got}, the string is {expected and badges[expected]}'s badge"))
        switched += actor is not None
    assert not problems, _report(problems)
    assert switched > FUZZ_COUNT // 40


@pytest.mark.parametrize("target", [S.SENT, S.RETURNED, S.READY])
def test_a_fuzzed_transition_moves_only_the_item_the_string_names(
    fuzzed: Fuzzed, session: Session, clock, target: ItemStatus,  # type: ignore[no-untyped-def]
) -> None:
    studio = fuzzed.studio
    before = _snapshot(session)

    def call(text: str) -> str | None:
        clock.advance(seconds=1)
        return lifecycle.transition(session, text, target, studio.production, lab_id=studio.lab, clock=clock).code

    problems, matched, _ = _run(fuzzed, session, call)
    assert not problems, _report(problems)
    _assert_only_named_items_changed(fuzzed, before, _snapshot(session), matched)


def test_a_fuzzed_send_out_scan_adds_only_the_item_the_string_names(
    fuzzed: Fuzzed, session: Session, clock,  # type: ignore[no-untyped-def]
) -> None:
    studio = fuzzed.studio
    before = _snapshot(session)

    def call(text: str) -> str | None:
        clock.advance(seconds=1)
        return shipments.add_to_shipment(session, text, studio.production, lab_id=studio.lab, clock=clock).line.code

    problems, matched, _ = _run(fuzzed, session, call)
    assert not problems, _report(problems)
    assert _snapshot(session) == before  # send-out scans write lines, never a status
    on_open_shipments = session.scalars(select(Item.code).join(
        shipments.ShipmentLine, shipments.ShipmentLine.open_item_id == Item.id)).all()
    assert on_open_shipments and set(on_open_shipments) <= matched


def test_a_fuzzed_receiving_scan_moves_only_the_item_the_string_names(
    fuzzed: Fuzzed, session: Session, clock,  # type: ignore[no-untyped-def]
) -> None:
    studio = fuzzed.studio
    before = _snapshot(session)

    def call(text: str) -> str | None:
        clock.advance(seconds=1)
        return receiving.apply_scan(session, text, receiving.ScanMode.RECEIVE_AND_PASS, studio.production,
                                    clock=clock).item.code

    problems, matched, _ = _run(fuzzed, session, call)
    assert not problems, _report(problems)
    _assert_only_named_items_changed(fuzzed, before, _snapshot(session), matched)


def _file_lines(strings: list[str]) -> list[str]:
    """The strings a scanner file can hold as lines: text (no NUL, no half characters) with
    no line break of its own."""
    return [s for s in strings if not any(ch in s for ch in "\r\n\x00") and not any(
        "\ud800" <= ch <= "\udfff" for ch in s)]


def test_a_fuzzed_scanner_file_accepts_only_the_lines_that_name_an_item(
    fuzzed: Fuzzed, session: Session, clock, tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    studio = fuzzed.studio
    before = _snapshot(session)
    lines = _file_lines(fuzzed.strings)
    assert len(lines) > len(fuzzed.strings) * 0.8
    problems: list[Problem] = []
    matched: set[str] = set()
    chunk = 1000
    for start in range(0, len(lines), chunk):
        part = lines[start:start + chunk]
        path = tmp_path / f"scans{start}.txt"
        path.write_bytes("\n".join(part).encode("utf-8") + b"\n")
        clock.advance(seconds=1)
        try:
            result = scanner_files.apply_file(session, path, scanner_files.ScanMode.RECEIVE, studio.production,
                                              clock=clock)
        except StudioError as exc:  # a file that is only blanks
            assert not any(s.strip() for s in part), exc
            continue
        for line in result.lines:
            text = part[line.number - 1]
            if line.number == 1:  # a file starting with U+FEFF starts with a byte order mark, not a character
                text = text.removeprefix("\ufeff")
            expected = fuzzed.expected(text)
            named = line.message.params.get("code")
            if line.outcome is scanner_files.LineOutcome.REFUSED:
                if line.message.template.startswith("{code} is {state}") and named != expected:
                    problems.append((text, f"refusal names {named}, the line names {expected}"))
                continue
            if named != expected:
                problems.append((text, f"{line.outcome.value} {named}, the line names {expected}"))
            matched.add(str(named))
    assert not problems, _report(problems)
    _assert_only_named_items_changed(fuzzed, before, _snapshot(session), matched)


def test_scanner_files_of_random_bytes_are_read_or_refused_never_a_crash(
    fuzzed: Fuzzed, session: Session, clock, tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    rng = random.Random(SEED)
    studio = fuzzed.studio
    before = _snapshot(session)
    for n in range(max(50, FUZZ_COUNT // 100)):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 200)))
        if rng.random() < 0.3:  # a real code somewhere in the noise
            data += b"\n" + rng.choice(list(fuzzed.item_codes)).encode() + b"\n"
        if rng.random() < 0.2:
            data = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]) + data
        path = tmp_path / f"noise{n}.txt"
        path.write_bytes(data)
        try:
            result = scanner_files.apply_file(session, path, scanner_files.ScanMode.RECEIVE, studio.production,
                                              clock=clock)
        except StudioError:
            continue
        for line in result.lines:
            if line.outcome is not scanner_files.LineOutcome.REFUSED:
                assert line.message.params.get("code") == fuzzed.expected(line.text), line
    after = _snapshot(session)
    for item_id in _changed_items(before, after):
        assert after[item_id][0] is S.RETURNED


def test_no_order_or_item_row_is_made_by_fuzzed_scans(fuzzed: Fuzzed, session: Session, clock) -> None:  # type: ignore[no-untyped-def]
    """Lookups and refusals write nothing: the counts of orders and items stay."""
    orders = len(session.scalars(select(Order.id)).all())
    items = len(session.scalars(select(Item.id)).all())
    for text in fuzzed.strings[:500]:
        try:
            lookup.order_sheet(session, text)
        except StudioError:
            pass
    assert len(session.scalars(select(Order.id)).all()) == orders
    assert len(session.scalars(select(Item.id)).all()) == items
