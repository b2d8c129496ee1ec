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


class Position(enum.StrEnum):
    """What a staff member does in the studio (岗位), apart from what they may do in the
    program (``Role``). One person can hold several; complaints score staff by these."""

    PHOTOGRAPHER = "photographer"  # 摄影师
    MAKEUP = "makeup"  # 化妆师
    SELECTION_SALES = "selection_sales"  # 选片/看样销售
    COUNTER = "counter"  # 门市/前台
    PRODUCTION = "production"  # 后期/制作
    SERVICE = "service"  # 客服


class SlotKind(enum.StrEnum):
    """What a time slot of the schedule (档期) is for."""

    SHOOT = "shoot"  # 拍摄
    SELECTION = "selection"  # 选片


class SessionState(enum.StrEnum):
    """What has happened to one shoot session; recorded by staff, never derived from dates."""

    BOOKED = "booked"  # 已预约 (or planned without a date yet: growth packages)
    NO_SHOW = "no_show"  # 未到店: waits to be rebooked
    SHOT = "shot"  # 已拍摄
    SELECTED = "selected"  # 已选片
    CANCELLED = "cancelled"  # 已取消 (one session of a growth package)


class SessionChangeKind(enum.StrEnum):
    """One line of a session's history (改期, 未到店, 拍摄, 选片 ...)."""

    SCHEDULED = "scheduled"  # a date or slot set where there was none
    RESCHEDULED = "rescheduled"  # 改期: a date or slot moved
    NO_SHOW = "no_show"
    SHOT = "shot"
    SELECTED = "selected"
    CANCELLED = "cancelled"
    STAFF = "staff"  # photographer / make-up / selection sales assigned or changed


class DesignStatus(enum.StrEnum):
    """Design approval (看样/看效果图) of one item, before it may go to a lab."""

    NOT_NEEDED = "not_needed"  # its product type needs no approval
    DESIGNING = "designing"  # 设计中
    AWAITING_APPROVAL = "awaiting_approval"  # 待确认: shown or sent to the customer
    APPROVED = "approved"  # 已确认


class ApprovalVia(enum.StrEnum):
    """How the customer approved a design."""

    IN_STORE = "in_store"  # 到店确认
    WECHAT = "wechat"  # 微信发图确认


class Progress(enum.StrEnum):
    """Derived progress of a session or order, in the order it advances."""

    BOOKED = "booked"
    NO_SHOW = "no_show"
    SHOT = "shot"
    SELECTED = "selected"
    AWAITING_APPROVAL = "awaiting_design"  # designs shown, the customer has not approved all
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


class ComplaintSeverity(enum.StrEnum):
    """How serious a complaint is; the 4A steps' deadlines follow from it (settings)."""

    SEVERE = "severe"  # 严重
    NORMAL = "normal"  # 一般
    MINOR = "minor"  # 轻微


class ComplaintChannel(enum.StrEnum):
    """How a complaint reached the studio."""

    PHONE = "phone"  # 电话
    WALK_IN = "walk_in"  # 到店
    ONLINE = "online"  # 网络/微信


class ComplaintStep(enum.StrEnum):
    """The 4A steps of handling a complaint, in order."""

    ACKNOWLEDGE = "acknowledge"  # 接受/确认
    APOLOGIZE = "apologize"  # 道歉
    AMEND = "amend"  # 补救
    ANTICIPATE = "anticipate"  # 预防


class AmendKind(enum.StrEnum):
    """What the studio did to make up for it (the Amend step)."""

    REDO = "redo"  # 重做 (items back to rework)
    DISCOUNT = "discount"  # 折扣
    GIFT = "gift"  # 赠品
    REFUND = "refund"  # 退款 (a manager)


class FaultParty(enum.StrEnum):
    """Whose fault a complaint was."""

    LAB = "lab"  # 厂商
    STUDIO = "studio"  # 影楼
    CUSTOMER = "customer"  # 顾客


class ComplaintEventKind(enum.StrEnum):
    """One line of a complaint's history (only ever added)."""

    RECORDED = "recorded"
    STEP_DONE = "step_done"
    REDO = "redo"
    FOLLOW_UP_SCHEDULED = "follow_up_scheduled"
    FOLLOW_UP_CALL = "follow_up_call"
    CLOSED = "closed"
    REOPENED = "reopened"


class ChoiceKind(enum.StrEnum):
    """The lists a studio edits itself (rows of ``choices``, not enums)."""

    COMPLAINT_CATEGORY = "complaint_category"  # 投诉类别
    REWORK_REASON = "rework_reason"  # 返工原因


class FollowUpStage(enum.StrEnum):
    AFTER_SHOOT = "after_shoot"
    AFTER_SELECTION = "after_selection"
    AFTER_PICKUP = "after_pickup"
    ANNUAL = "annual"


class SurveyPhase(enum.StrEnum):
    """When a customer information survey question is asked (seed 000: 前期/中期/后期)."""

    BEFORE_SHOOT = "before_shoot"
    DURING_SHOOT = "during_shoot"
    AFTER_SHOOT = "after_shoot"


class SurveyKind(enum.StrEnum):
    """What an answer to a survey question holds."""

    TEXT = "text"
    CHOICE = "choice"  # one of the question's options
    DATE = "date"  # YYYY-MM-DD
    YES_NO = "yes_no"  # "yes" / "no"


class ReminderEvent(enum.StrEnum):
    """What a reminder rule counts its days from (提醒事件)."""

    SHOOT = "shoot"  # 拍摄日
    SELECTION = "selection"  # 选片日
    PICKUP_DATE = "pickup_date"  # 约定取件日
    ALL_READY = "all_ready"  # 全部产品到店
    BIRTHDAY = "birthday"  # 生日
    WEDDING_ANNIVERSARY = "wedding_anniversary"  # 结婚纪念日
    FOLLOW_UP_DUE = "follow_up_due"  # 回访到期 (from the follow-up worklist, never a rule)
    BALANCE_DUE = "balance_due"  # 尾款未付
    UNCOLLECTED = "uncollected"  # 到店未取


class ReminderOutcome(enum.StrEnum):
    DONE = "done"  # 已完成
    SKIPPED = "skipped"  # 已跳过


class MessageChannel(enum.StrEnum):
    SMS = "sms"  # 短信
    WECHAT = "wechat"  # 微信: the text is copied and pasted there


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
