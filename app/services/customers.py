"""Customers: creation with normalised phones, and search by phone tail or name.

Search never scans every customer: a phone tail is a prefix range over reversed
digits, a name fragment a prefix range over the derived name suffixes
(:class:`~app.models.CustomerSearchKey`). Both are plain b-tree index ranges that
behave the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import phonenumbers
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..models import Channel, Customer, CustomerPhone, CustomerSearchKey, Order, Tier
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, NotFound, as_enum
from .staff import Actor, Permission, require

_PHONE_CHARS = re.compile(r"[0-9+\-\s().]+")
MIN_PHONE_TAIL = 4
PHONE_SEPARATOR = " / "  # cannot occur inside a phone: normalise_phone refuses "/"
MAX_KEY_LENGTH = 60


def phones_of_customer():  # type: ignore[no-untyped-def]
    """A scalar subquery: the customer's phones as typed, joined by PHONE_SEPARATOR, for
    queries that select from ``customers`` (one round trip instead of one per customer)."""
    return (
        select(func.aggregate_strings(CustomerPhone.raw, PHONE_SEPARATOR))
        .where(CustomerPhone.customer_id == Customer.id)
        .correlate(Customer)
        .scalar_subquery()
    )


def customer_name(session: Session, customer_id: int) -> str:
    """Just the name, for a title: no need to load the whole customer file."""
    name = session.scalar(select(Customer.name).where(Customer.id == customer_id))
    if name is None:
        raise NotFound("Customer {id} does not exist.", id=customer_id)
    return name


def normalise_phone(raw: str) -> str:
    """Digits only, without +86 / 0086 / the trunk 0: what search by tail runs on."""
    text = raw.strip()
    if not text:
        raise BadInput("The phone number is empty.")
    if not _PHONE_CHARS.fullmatch(text):
        raise BadInput("{phone} is not a phone number: only digits, spaces, +, - and brackets.", phone=text)
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        raise BadInput("{phone} is not a phone number.", phone=text) from None
    if not phonenumbers.is_possible_number(number):
        raise BadInput("{phone} has too few or too many digits for a phone number.", phone=text)
    if number.country_code == 86:
        return str(number.national_number)
    return f"{number.country_code}{number.national_number}"


def _pinyin(name: str) -> tuple[str, str]:
    """(initials, full spelling) of a name; Latin letters pass through lower-cased."""
    from pypinyin import Style, lazy_pinyin  # imported late: its dictionaries take time to load

    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")).lower()
    full = "".join(lazy_pinyin(name, errors="default")).lower()
    return initials, full


def search_keys(names: Iterable[str | None]) -> set[str]:
    """Every suffix of each name and of its pinyin initials, plus the full pinyin."""
    keys: set[str] = set()
    for name in names:
        if not name:
            continue
        compact = "".join(name.split()).lower()
        initials, full = _pinyin(compact)
        for word in (compact, initials):
            keys.update(word[i:][:MAX_KEY_LENGTH] for i in range(len(word)))
        keys.add(full[:MAX_KEY_LENGTH])
    keys.discard("")
    return keys


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


@dataclass
class NewCustomer:
    name: str
    phones: Sequence[str] = ()
    partner_name: str | None = None
    birthday: dt.date | None = None
    partner_birthday: dt.date | None = None
    wedding_date: dt.date | None = None
    address: str | None = None
    family_notes: str | None = None
    notes: str | None = None
    channel: Channel = Channel.NATURAL
    referrer_id: int | None = None
    tier: Tier | None = None
    phone_labels: Sequence[str | None] = field(default_factory=tuple)


def _fill(session: Session, customer: Customer, data: NewCustomer) -> None:
    """Check what was typed and copy it onto ``customer``; raise before changing anything."""
    data.channel = as_enum(Channel, data.channel, "channel")
    data.tier = None if data.tier is None else as_enum(Tier, data.tier, "customer tier")
    name = data.name.strip()
    if not name:
        raise BadInput("A customer needs a name.")
    if len(name) > 40:
        raise BadInput("A name has at most 40 characters.")
    if data.referrer_id is not None and data.referrer_id == customer.id:
        raise BadInput("A customer cannot be their own referrer.")
    if data.referrer_id is not None and session.get(Customer, data.referrer_id) is None:
        raise NotFound("The referrer (customer {id}) does not exist.", id=data.referrer_id)
    phones = [(raw.strip(), normalise_phone(raw)) for raw in data.phones if raw.strip()]
    labels = list(data.phone_labels) + [None] * len(phones)
    customer.name = name
    customer.partner_name = (data.partner_name or "").strip() or None
    for field_name in ("birthday", "partner_birthday", "wedding_date", "address", "family_notes", "notes",
                       "channel", "referrer_id", "tier"):
        setattr(customer, field_name, getattr(data, field_name))
    customer.phones = [
        CustomerPhone(raw=raw, digits=digits, digits_reversed=digits[::-1], label=labels[i])
        for i, (raw, digits) in enumerate(phones)
    ]


def _index(session: Session, customer: Customer) -> None:
    """(Re)build the derived name search keys of a flushed customer."""
    session.execute(delete(CustomerSearchKey).where(CustomerSearchKey.customer_id == customer.id))
    session.add_all(CustomerSearchKey(customer_id=customer.id, key=k)
                    for k in sorted(search_keys([customer.name, customer.partner_name])))


def create_customer(session: Session, data: NewCustomer, actor: Actor, *, clock: Clock = SYSTEM_CLOCK) -> Customer:
    require(actor, Permission.EDIT_CUSTOMERS)
    customer = Customer(created_at=clock.now(), created_by=actor.staff_id)
    try:
        _fill(session, customer, data)
        session.add(customer)
        session.flush()
        _index(session, customer)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return customer


def update_customer(
    session: Session, customer_id: int, data: NewCustomer, actor: Actor, *, clock: Clock = SYSTEM_CLOCK
) -> Customer:
    """Change a customer's file; phones and search keys are rebuilt from what was typed."""
    require(actor, Permission.EDIT_CUSTOMERS)
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound("Customer {id} does not exist.", id=customer_id)
    try:
        _fill(session, customer, data)
        session.flush()
        _index(session, customer)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return customer


def customers_with_phone(session: Session, raw: str) -> list[Customer]:
    """Existing customers already holding this phone: pointed out before a duplicate is made."""
    digits = normalise_phone(raw)
    return list(session.scalars(
        select(Customer).join(CustomerPhone).where(CustomerPhone.digits == digits).distinct()
    ))


@dataclass(frozen=True)
class CustomerHit:
    id: int
    name: str
    partner_name: str | None
    phones: str
    orders: int


def search_customers(session: Session, text: str, *, limit: int = 50) -> list[CustomerHit]:
    """Customers whose phone ends with the digits typed (4 or more), or whose name,
    pinyin initials or pinyin spelling contains the fragment typed."""
    query = "".join(text.split()).lower()
    if not query:
        return []
    if query.replace("-", "").isdigit():  # 138-0013: phones are typed with dashes too
        query = query.replace("-", "")
        if len(query) < MIN_PHONE_TAIL:
            return []
        rev = query[::-1]
        ids = select(CustomerPhone.customer_id).where(
            CustomerPhone.digits_reversed >= rev, CustomerPhone.digits_reversed < prefix_upper_bound(rev)
        )
    else:
        key = query[:MAX_KEY_LENGTH]
        ids = select(CustomerSearchKey.customer_id).where(
            CustomerSearchKey.key >= key, CustomerSearchKey.key < prefix_upper_bound(key)
        )
    id_list = list(dict.fromkeys(session.scalars(ids.limit(limit * 4))))[:limit]
    if not id_list:
        return []
    phones = (
        select(CustomerPhone.customer_id, CustomerPhone.raw)
        .where(CustomerPhone.customer_id.in_(id_list))
        .order_by(CustomerPhone.id)
    )
    phone_map: dict[int, list[str]] = {}
    for cid, raw in session.execute(phones):
        phone_map.setdefault(cid, []).append(raw)
    order_counts = dict(session.execute(
        select(Order.customer_id, func.count(Order.id)).where(Order.customer_id.in_(id_list)).group_by(Order.customer_id)
    ).all())
    rows = session.execute(
        select(Customer.id, Customer.name, Customer.partner_name).where(Customer.id.in_(id_list))
    ).all()
    by_id = {r.id: r for r in rows}
    return [
        CustomerHit(cid, by_id[cid].name, by_id[cid].partner_name, " / ".join(phone_map.get(cid, [])),
                    order_counts.get(cid, 0))
        for cid in id_list if cid in by_id
    ]
