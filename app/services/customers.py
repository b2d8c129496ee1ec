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

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from ..models import Channel, Customer, CustomerPhone, CustomerSearchKey, Order, Tier
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, NotAllowed, NotFound, as_enum
from .staff import Actor, Permission, require
from .text import FIELD_TEXT, checked_text, is_storable

_PHONE_CHARS = re.compile(r"[0-9+\-\s().]+")
MIN_PHONE_TAIL = 4
PHONE_SEPARATOR = " / "  # cannot occur inside a phone: normalise_phone refuses "/"
MAX_KEY_LENGTH = 60


def phones_of_customer():  # type: ignore[no-untyped-def]
    """A scalar subquery: the customer's phones as typed, joined by PHONE_SEPARATOR, for
    queries that select from ``customers`` (one round trip instead of one per customer).
    The one way phones are joined for showing; :func:`split_phones` takes them apart."""
    return (
        select(func.aggregate_strings(CustomerPhone.raw, PHONE_SEPARATOR))
        .where(CustomerPhone.customer_id == Customer.id)
        .correlate(Customer)
        .scalar_subquery()
    )


def split_phones(joined: str | None) -> list[str]:
    """The phones of a :func:`phones_of_customer` value, as typed."""
    return joined.split(PHONE_SEPARATOR) if joined else []


def customer_ids_matching(text: str, *, min_name_fragment: int = 1) -> Select | None:
    """A query for the ids of the customers ``text`` finds, newest customer first: a phone
    ending with the digits typed (4 or more; dashes and spaces allowed), or a name, pinyin
    initials or pinyin spelling containing the fragment typed. None when the text is too
    short to mean anything. The one definition of who matches, for every search box."""
    if not isinstance(text, str) or not is_storable(text):
        return None  # a NUL or half a character: no name or phone holds one, so nobody matches
    query = "".join(text.split()).lower()
    if query.replace("-", "").isdigit():  # 138-0013: phones are typed with dashes too
        query = query.replace("-", "")
        if len(query) < MIN_PHONE_TAIL:
            return None
        prefix: str = query[::-1]
        key_column = CustomerPhone.digits_reversed
        column = CustomerPhone.customer_id
    else:
        if not query or len(query) < min_name_fragment:
            return None
        prefix = query[:MAX_KEY_LENGTH]
        key_column = CustomerSearchKey.key
        column = CustomerSearchKey.customer_id
    where = [key_column >= prefix]
    upper = prefix_upper_bound(prefix)
    if upper is not None:
        where.append(key_column < upper)
    return select(column).where(*where).distinct().order_by(column.desc())


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
    import phonenumbers  # imported when a phone is first typed: its tables cost a start 30 ms

    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        raise BadInput("{phone} is not a phone number.", phone=text) from None
    if not phonenumbers.is_possible_number(number):
        raise BadInput("{phone} has too few or too many digits for a phone number.", phone=text)
    if number.country_code == 86:
        return str(number.national_number)
    return f"{number.country_code}{number.national_number}"


def pinyin_of(name: str) -> tuple[str, str]:
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
        initials, full = pinyin_of(compact)
        for word in (compact, initials):
            keys.update(word[i:][:MAX_KEY_LENGTH] for i in range(len(word)))
        keys.add(full[:MAX_KEY_LENGTH])
    keys.discard("")
    return keys


def prefix_upper_bound(prefix: str) -> str | None:
    """The smallest storable string greater than every string starting with ``prefix``, in
    code point order (byte order of UTF-8); None when there is none (only U+10FFFF: every
    string from ``prefix`` on starts with it). Never a surrogate, which no database stores."""
    stem = prefix.rstrip(_LAST_CHARACTER)
    if not stem:
        return None
    following = ord(stem[-1]) + 1
    if _SURROGATES[0] <= following <= _SURROGATES[1]:
        following = _SURROGATES[1] + 1  # U+D7FF is followed by U+E000 in any text that can be stored
    return stem[:-1] + chr(following)


_LAST_CHARACTER = chr(0x10FFFF)
_SURROGATES = (0xD800, 0xDFFF)


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
    name = checked_text(data.name, FIELD_TEXT["customer_name"], Customer.name)
    if not name:
        raise BadInput("A customer needs a name.")
    partner = checked_text(data.partner_name, FIELD_TEXT["partner_name"], Customer.partner_name)
    texts = {key: checked_text(getattr(data, key), FIELD_TEXT[key], getattr(Customer, key))
             for key in ("address", "family_notes", "notes")}
    if data.referrer_id is not None and data.referrer_id == customer.id:
        raise BadInput("A customer cannot be their own referrer.")
    if data.referrer_id is not None and session.get(Customer, data.referrer_id) is None:
        raise NotFound("The referrer (customer {id}) does not exist.", id=data.referrer_id)
    phones = []
    for raw in data.phones:
        typed = checked_text(raw, FIELD_TEXT["phone"], CustomerPhone.raw)
        if typed:
            phones.append((typed, normalise_phone(typed)))
    labels = [checked_text(label, FIELD_TEXT["phone_label"], CustomerPhone.label) for label in data.phone_labels]
    labels += [None] * len(phones)
    customer.name = name
    customer.partner_name = partner
    for field_name in ("birthday", "partner_birthday", "wedding_date", "channel", "referrer_id", "tier"):
        setattr(customer, field_name, getattr(data, field_name))
    for field_name, value in texts.items():
        setattr(customer, field_name, value)
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
    return _save(session, Customer(created_at=clock.now(), created_by=actor.staff_id), data)


def add_customer_in_transaction(session: Session, data: NewCustomer, staff_id: int | None, now: dt.datetime) -> Customer:
    """A new customer written inside the caller's transaction (not committed): for a service
    that creates one as part of its own act (a follow-up call's referral lead)."""
    customer = Customer(created_at=now, created_by=staff_id)
    _fill(session, customer, data)
    session.add(customer)
    session.flush()
    _index(session, customer)
    return customer


def update_customer(
    session: Session, customer_id: int, data: NewCustomer, actor: Actor, *, clock: Clock = SYSTEM_CLOCK
) -> Customer:
    """Change a customer's file; phones and search keys are rebuilt from what was typed."""
    require(actor, Permission.EDIT_CUSTOMERS)
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound("Customer {id} does not exist.", id=customer_id)
    if customer.erased_at is not None:
        raise NotAllowed("This customer's data was erased on request; nothing more is collected.")
    return _save(session, customer, data)


def _save(session: Session, customer: Customer, data: NewCustomer) -> Customer:
    """Fill a new or loaded customer from what was typed, rebuild its search keys, commit."""
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
    pinyin initials or pinyin spelling contains the fragment typed; newest first."""
    ids = customer_ids_matching(text)
    if ids is None:
        return []
    id_list = list(session.scalars(ids.limit(limit)))
    if not id_list:
        return []
    orders = (select(func.count(Order.id)).where(Order.customer_id == Customer.id).correlate(Customer)
              .scalar_subquery())
    rows = session.execute(
        select(Customer.id, Customer.name, Customer.partner_name, phones_of_customer(), orders)
        .where(Customer.id.in_(id_list))
    ).all()
    by_id = {r[0]: r for r in rows}
    return [CustomerHit(cid, by_id[cid][1], by_id[cid][2], by_id[cid][3] or "", by_id[cid][4])
            for cid in id_list if cid in by_id]
