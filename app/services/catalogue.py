"""The catalogue: product types, labs with their prices, packages with their lines.

Only a manager edits it, every change is audited, and booked orders keep the
prices they were sold at (orders copy the package price when booked).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Lab, LabPrice, Package, PackageKind, PackageLine, ProductCategory, ProductType, ShootSession
from .clock import SYSTEM_CLOCK, Clock
from .errors import BadInput, NotFound, as_enum, whole_fen
from .staff import Actor, Permission, record, require
from .messages import Message, Phrase, phrases
from .text import FIELD_TEXT, checked_text


@dataclass(frozen=True)
class PackageLineView:
    product_type_id: int
    product: str
    quantity: int
    session_index: int


@dataclass(frozen=True)
class PackageView:
    id: int
    name: str
    kind: PackageKind
    price_fen: int
    session_plan: list[str]
    lines: list[PackageLineView]
    active: bool


@dataclass(frozen=True)
class ProductView:
    id: int
    name: str
    category: ProductCategory
    in_house: bool
    default_lab_id: int | None
    active: bool
    needs_approval: bool = False  # its design needs the customer's approval (看样) before a lab makes it
    extra_price_fen: int | None = None  # price of one bought as an extra (加选); None: not sold as one


@dataclass(frozen=True)
class LabView:
    id: int
    name: str
    contact: str | None
    phone: str | None
    default_turnaround_days: int
    prices: dict[int, tuple[int, int | None]]  # product type id -> (price fen, turnaround days)
    active: bool


def packages(session: Session, *, include_inactive: bool = False) -> list[PackageView]:
    names = {p.id: p.name for p in session.scalars(select(ProductType))}
    query = select(Package).order_by(Package.id)
    if not include_inactive:
        query = query.where(Package.active.is_(True))
    return [
        PackageView(p.id, p.name, p.kind, p.price_fen, list(p.session_plan or []),
                    [PackageLineView(l.product_type_id, names[l.product_type_id], l.quantity, l.session_index)
                     for l in p.lines], p.active)
        for p in session.scalars(query)
    ]


def product_types(session: Session, *, include_inactive: bool = False) -> list[ProductView]:
    query = select(ProductType).order_by(ProductType.id)
    if not include_inactive:
        query = query.where(ProductType.active.is_(True))
    return [ProductView(p.id, p.name, p.category, p.in_house, p.default_lab_id, p.active, p.needs_approval,
                        p.extra_price_fen) for p in session.scalars(query)]


def labs(session: Session, *, include_inactive: bool = False) -> list[LabView]:
    query = select(Lab).order_by(Lab.id)
    if not include_inactive:
        query = query.where(Lab.active.is_(True))
    return [
        LabView(l.id, l.name, l.contact, l.phone, l.default_turnaround_days,
                {p.product_type_id: (p.price_fen, p.turnaround_days) for p in l.prices}, l.active)
        for l in session.scalars(query)
    ]


# The thing a name belongs to, as a refusal says it (English; translated where shown).
THING_TEXT = phrases({"product": "product", "lab": "lab", "package": "package"})


_NAME_FIELD = {"product": ("product_name", ProductType.name), "lab": ("lab_name", Lab.name),
               "package": ("package_name", Package.name)}


def _name(text: str, what: str) -> str:
    field_key, column = _NAME_FIELD[what]
    name = checked_text(text, FIELD_TEXT[field_key], column)
    if not name:
        raise BadInput("The {what} needs a name.", what=THING_TEXT[what])
    return name


def save_product_type(
    session: Session, actor: Actor, *, id: int | None, name: str, category: ProductCategory, in_house: bool,
    default_lab_id: int | None, active: bool = True, needs_approval: bool = False, extra_price_fen: int | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> int:
    """Create or change a product type. ``needs_approval``: its design needs the customer's
    approval before it goes to a lab (items booked from now on start as designing; items
    already booked keep theirs). ``extra_price_fen``: what one costs as an extra at selection
    (None: not sold as an extra). Changes of both are named in the audit entry."""
    require(actor, Permission.EDIT_CATALOGUE)
    category = as_enum(ProductCategory, category, "product category")
    name = _name(name, "product")
    needs_approval = bool(needs_approval)
    if extra_price_fen is not None and whole_fen(extra_price_fen) < 0:
        raise BadInput("A price cannot be negative.")
    clash = session.scalar(select(ProductType.id).where(ProductType.name == name))
    if clash is not None and clash != id:
        raise BadInput("There is already a product called {name}.", name=name)
    if default_lab_id is not None and session.get(Lab, default_lab_id) is None:
        raise NotFound("Lab {id} does not exist.", id=default_lab_id)
    pt = ProductType() if id is None else session.get(ProductType, id)
    if pt is None:
        raise NotFound("Product {id} does not exist.", id=id)
    changes: list[Message] = []
    if id is not None and pt.needs_approval != needs_approval:
        changes.append(Message("needs approval {before} -> {after}", {
            "before": _yes(pt.needs_approval), "after": _yes(needs_approval)}))
    if id is not None and pt.extra_price_fen != extra_price_fen:
        changes.append(Message("extra price {before} -> {after}", {
            "before": _fen(pt.extra_price_fen), "after": _fen(extra_price_fen)}))
    if id is None:
        changes = [Message("needs approval {value}", {"value": _yes(needs_approval)}),
                   Message("extra price {value}", {"value": _fen(extra_price_fen)})]
    pt.name, pt.category, pt.in_house, pt.default_lab_id, pt.active = name, category, in_house, default_lab_id, active
    pt.needs_approval, pt.extra_price_fen = needs_approval, extra_price_fen
    session.add(pt)
    session.flush()
    record(session, actor, "catalogue.product", f"product:{pt.id}",
           Message("{name}; {changes}", {"name": name, "changes": changes}) if changes else name, clock=clock)
    session.commit()
    return pt.id


YES_TEXT = phrases({True: "yes", False: "no"})


def _yes(flag: bool) -> Phrase:
    return YES_TEXT[flag]


def _fen(fen: int | None) -> Message:
    return Message("none") if fen is None else Message("{fen} fen", {"fen": fen})


def save_lab(
    session: Session, actor: Actor, *, id: int | None, name: str, default_turnaround_days: int,
    contact: str | None = None, phone: str | None = None, prices: dict[int, tuple[int, int | None]] | None = None,
    active: bool = True, clock: Clock = SYSTEM_CLOCK,
) -> int:
    """Create or change a lab and replace its price list (product type -> (price, days))."""
    require(actor, Permission.EDIT_CATALOGUE)
    name = _name(name, "lab")
    contact = checked_text(contact, FIELD_TEXT["lab_contact"], Lab.contact)
    phone = checked_text(phone, FIELD_TEXT["lab_phone"], Lab.phone)
    if not 0 <= default_turnaround_days <= 365:
        raise BadInput("Turnaround is 0 to 365 days.")
    clash = session.scalar(select(Lab.id).where(Lab.name == name))
    if clash is not None and clash != id:
        raise BadInput("There is already a lab called {name}.", name=name)
    for price, days in (prices or {}).values():
        if whole_fen(price) < 0 or (days is not None and not 0 <= days <= 365):
            raise BadInput("Lab prices cannot be negative and turnaround is 0 to 365 days.")
    lab = Lab() if id is None else session.get(Lab, id)
    if lab is None:
        raise NotFound("Lab {id} does not exist.", id=id)
    lab.name, lab.default_turnaround_days, lab.contact, lab.phone, lab.active = (
        name, default_turnaround_days, contact, phone, active)
    if prices is not None:
        lab.prices = [LabPrice(product_type_id=pt, price_fen=p, turnaround_days=d) for pt, (p, d) in prices.items()]
    session.add(lab)
    session.flush()
    record(session, actor, "catalogue.lab", f"lab:{lab.id}", name, clock=clock)
    session.commit()
    return lab.id


def save_package(
    session: Session, actor: Actor, *, id: int | None, name: str, kind: PackageKind, price_fen: int,
    session_plan: Sequence[str], lines: Sequence[tuple[int, int, int]], active: bool = True,
    clock: Clock = SYSTEM_CLOCK,
) -> int:
    """Create or change a package; ``lines`` are (product type id, quantity, session index).

    Orders already booked keep their own copy of the price and their items.
    """
    require(actor, Permission.EDIT_CATALOGUE)
    kind = as_enum(PackageKind, kind, "package kind")
    name = _name(name, "package")
    # each planned session becomes a booked order's session: its name fits that column
    plan = [n for n in (checked_text(s, FIELD_TEXT["session_name"], ShootSession.name) for s in session_plan) if n]
    if not plan:
        raise BadInput("A package plans at least one session.")
    if kind is PackageKind.SINGLE and len(plan) != 1:
        raise BadInput("A single package has exactly one session; a growth package has several.")
    if whole_fen(price_fen) < 0:
        raise BadInput("A price cannot be negative.")
    for pt, qty, s_index in lines:
        if qty < 1 or not 0 <= s_index < len(plan):
            raise BadInput("Each line needs a quantity of at least 1 and one of the package's sessions.")
        if session.get(ProductType, pt) is None:
            raise NotFound("Product {id} does not exist.", id=pt)
    clash = session.scalar(select(Package.id).where(Package.name == name))
    if clash is not None and clash != id:
        raise BadInput("There is already a package called {name}.", name=name)
    pkg = Package() if id is None else session.get(Package, id)
    if pkg is None:
        raise NotFound("Package {id} does not exist.", id=id)
    old_price = pkg.price_fen
    pkg.name, pkg.kind, pkg.price_fen, pkg.session_plan, pkg.active = name, kind, price_fen, plan, active
    pkg.lines = [PackageLine(product_type_id=pt, quantity=q, session_index=s) for pt, q, s in lines]
    session.add(pkg)
    session.flush()
    detail = name if old_price in (None, price_fen) else Message("{name}: price {before} -> {after} fen", {
        "name": name, "before": old_price, "after": price_fen})
    record(session, actor, "catalogue.package", f"package:{pkg.id}", detail, clock=clock)
    session.commit()
    return pkg.id
