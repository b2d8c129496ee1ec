"""What the studio sells and who makes it: product types, labs, packages."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .enums import PackageKind, ProductCategory, enum_type


class ProductType(Base):
    __tablename__ = "product_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    category: Mapped[ProductCategory] = mapped_column(enum_type(ProductCategory))
    # Made in the studio (e.g. digital files): goes straight from waiting to ready.
    in_house: Mapped[bool] = mapped_column(Boolean, default=False)
    default_lab_id: Mapped[int | None] = mapped_column(ForeignKey("labs.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The customer must approve its design (看样) before it goes to a lab.
    needs_approval: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    # Price of one bought as an extra on selection day (加选); None: not sold as an extra.
    extra_price_fen: Mapped[int | None] = mapped_column(Integer)


class Lab(Base):
    """An outside vendor (厂商) producing items."""

    __tablename__ = "labs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    contact: Mapped[str | None] = mapped_column(String(60))
    phone: Mapped[str | None] = mapped_column(String(40))
    default_turnaround_days: Mapped[int] = mapped_column(Integer, default=7)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Month-end (对账): whether the lab bills a rework like a new product (most redo their
    # own faults free), and where its statements keep each column (JSON; NULL until the
    # first statement is read).
    bills_rework: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    statement_columns: Mapped[dict[str, object] | None] = mapped_column(JSON)

    prices: Mapped[list[LabPrice]] = relationship(back_populates="lab", cascade="all, delete-orphan")


class LabPrice(Base):
    """A lab's price and turnaround for one product type (the basis of 对账)."""

    __tablename__ = "lab_prices"
    __table_args__ = (UniqueConstraint("lab_id", "product_type_id", name="uq_lab_prices_lab_product"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("labs.id", ondelete="CASCADE"))
    product_type_id: Mapped[int] = mapped_column(ForeignKey("product_types.id"))
    price_fen: Mapped[int] = mapped_column(Integer)
    turnaround_days: Mapped[int | None] = mapped_column(Integer)

    lab: Mapped[Lab] = relationship(back_populates="prices")


class Package(Base):
    """A priced bundle (套系). A growth package plans several sessions by name."""

    __tablename__ = "packages"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    kind: Mapped[PackageKind] = mapped_column(enum_type(PackageKind), default=PackageKind.SINGLE)
    price_fen: Mapped[int] = mapped_column(Integer)
    # Session names in order, e.g. ["百天", "周岁", "两周岁"]; one entry for a single shoot.
    session_plan: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    lines: Mapped[list[PackageLine]] = relationship(
        back_populates="package", cascade="all, delete-orphan", order_by="PackageLine.id"
    )


class PackageLine(Base):
    __tablename__ = "package_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("packages.id", ondelete="CASCADE"), index=True)
    product_type_id: Mapped[int] = mapped_column(ForeignKey("product_types.id"))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    # Which planned session (0-based index into session_plan) the line belongs to.
    session_index: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str | None] = mapped_column(String(100))

    package: Mapped[Package] = relationship(back_populates="lines")
    product_type: Mapped[ProductType] = relationship()
