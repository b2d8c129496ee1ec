"""Closed vocabularies of the domain. Values are stored as short strings."""

from __future__ import annotations

import enum

from sqlalchemy import Enum


class Role(enum.StrEnum):
    COUNTER = "counter"  # 门市/前台
    PRODUCTION = "production"  # 后期/发件理件
    MANAGER = "manager"  # 店长/经理


class Channel(enum.StrEnum):
    NATURAL = "natural"  # 自然进店
    MARKETING = "marketing"  # 市场活动
    REFERRAL = "referral"  # 转介绍
    WALK_IN = "walk_in"  # 路过进店
    THIRD_PARTY = "third_party"  # 第三方平台/合作渠道


class Tier(enum.StrEnum):
    """The customer pyramid (客户金字塔): four layers by value to the studio."""

    TOP = "top"  # 最有价值客户
    GROWTH = "growth"  # 最具增长性客户
    LOW = "low"  # 低贡献客户
    NEGATIVE = "negative"  # 负值客户


class PackageKind(enum.StrEnum):
    SINGLE = "single"  # 单次拍
    GROWTH = "growth"  # 成长套: several sessions


class ProductCategory(enum.StrEnum):
    ALBUM = "album"
    ENLARGEMENT = "enlargement"
    FRAME = "frame"
    DIGITAL = "digital"
    OTHER = "other"


class ItemStatus(enum.StrEnum):
    """The item lifecycle of DESIGN.md §3."""

    WAITING = "waiting"  # 待制作
    SENT = "sent"  # 已发件
    RETURNED = "returned"  # 已回件
    REWORK = "rework"  # 返工: QC failed, waiting to go back to the lab
    READY = "ready"  # 待取件
    PICKED_UP = "picked_up"  # 已取件
    CANCELLED = "cancelled"  # 已取消


class Progress(enum.StrEnum):
    """Derived progress of a session or order, in the order it advances."""

    BOOKED = "booked"
    SHOT = "shot"
    SELECTED = "selected"
    IN_PRODUCTION = "in_production"
    READY = "ready"
    PARTLY_PICKED_UP = "partly_picked_up"
    DONE = "done"
    CANCELLED = "cancelled"


class PaymentKind(enum.StrEnum):
    DEPOSIT = "deposit"  # 订金
    BALANCE = "balance"  # 尾款
    REFUND = "refund"  # 退款


class PaymentMethod(enum.StrEnum):
    CASH = "cash"
    WECHAT = "wechat"
    ALIPAY = "alipay"
    CARD = "card"
    TRANSFER = "transfer"


class ComplaintStatus(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class ChoiceKind(enum.StrEnum):
    """The lists a studio edits itself (rows of ``choices``, not enums)."""

    COMPLAINT_CATEGORY = "complaint_category"  # 投诉类别
    REWORK_REASON = "rework_reason"  # 返工原因


class FollowUpStage(enum.StrEnum):
    AFTER_SHOOT = "after_shoot"
    AFTER_SELECTION = "after_selection"
    AFTER_PICKUP = "after_pickup"
    ANNUAL = "annual"


class ReminderKind(enum.StrEnum):
    CALL = "call"
    SMS = "sms"
    GREETING = "greeting"


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


def enum_type(cls: type[enum.StrEnum]) -> Enum:
    """A VARCHAR column holding the enum's value (not its name), no native type.

    No CHECK constraint: adding a value later is then a code change, not a migration
    that has to rebuild SQLite tables.
    """
    return Enum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=max(len(m.value) for m in cls) + 4,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
