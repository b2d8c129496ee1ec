"""Display names of every fixed vocabulary (item status, progress, roles, channels, payments…).

One table for the whole program, so no raw value such as ``picked_up`` or ``after_pickup``
reaches a screen, a slip or an export. The English label is the translation source; the
zh_CN label lives in ``resources/translations/studiodesk_zh_CN.ts`` under the context given
here. ``tests/test_names.py`` fails when a value lacks a label in either language.

Lists a studio edits itself (rework reasons, complaint categories) are database rows with
their own names, not enums; they are not here.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QCoreApplication, QLocale

from ..models.enums import (
    Channel, ChoiceKind, ComplaintStatus, FollowUpStage, ItemStatus, OutboxStatus, PackageKind, PaymentKind, PaymentMethod,
    ProductCategory, Progress, ReminderEvent, ReminderOutcome, Role, SurveyKind, SurveyPhase, Tier, MessageChannel,
)
from ..models.enums import ApprovalVia, DesignStatus, Position, SessionChangeKind, SessionState, SlotKind
from ..models.enums import (
    AmendKind, ComplaintChannel, ComplaintEventKind, ComplaintSeverity, ComplaintStep, FaultParty,
)
from ..services.choices import ChoiceEntry, display_name


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


# enum class -> (translation context, {value: English label})
VOCABULARY: dict[type[enum.StrEnum], tuple[str, dict[str, str]]] = {
    ItemStatus: ("status", {
        ItemStatus.WAITING: QT_TRANSLATE_NOOP("status", "Waiting"),
        ItemStatus.SENT: QT_TRANSLATE_NOOP("status", "At the lab"),
        ItemStatus.RETURNED: QT_TRANSLATE_NOOP("status", "Returned"),
        ItemStatus.REWORK: QT_TRANSLATE_NOOP("status", "Rework"),
        ItemStatus.READY: QT_TRANSLATE_NOOP("status", "Ready"),
        ItemStatus.PICKED_UP: QT_TRANSLATE_NOOP("status", "Picked up"),
        ItemStatus.CANCELLED: QT_TRANSLATE_NOOP("status", "Cancelled"),
    }),
    Progress: ("progress", {
        Progress.BOOKED: QT_TRANSLATE_NOOP("progress", "Booked"),
        Progress.NO_SHOW: QT_TRANSLATE_NOOP("progress", "No-show, to rebook"),
        Progress.SHOT: QT_TRANSLATE_NOOP("progress", "Shot"),
        Progress.SELECTED: QT_TRANSLATE_NOOP("progress", "Selected"),
        Progress.AWAITING_APPROVAL: QT_TRANSLATE_NOOP("progress", "Awaiting design approval"),
        Progress.IN_PRODUCTION: QT_TRANSLATE_NOOP("progress", "In production"),
        Progress.READY: QT_TRANSLATE_NOOP("progress", "Ready for pickup"),
        Progress.PARTLY_PICKED_UP: QT_TRANSLATE_NOOP("progress", "Partly picked up"),
        Progress.DONE: QT_TRANSLATE_NOOP("progress", "Done"),
        Progress.CANCELLED: QT_TRANSLATE_NOOP("progress", "Cancelled"),
    }),
    Position: ("position", {
        Position.PHOTOGRAPHER: QT_TRANSLATE_NOOP("position", "Photographer"),
        Position.MAKEUP: QT_TRANSLATE_NOOP("position", "Make-up artist"),
        Position.SELECTION_SALES: QT_TRANSLATE_NOOP("position", "Selection sales"),
        Position.COUNTER: QT_TRANSLATE_NOOP("position", "Counter"),
        Position.PRODUCTION: QT_TRANSLATE_NOOP("position", "Production"),
        Position.SERVICE: QT_TRANSLATE_NOOP("position", "Customer service"),
    }),
    SlotKind: ("slot", {
        SlotKind.SHOOT: QT_TRANSLATE_NOOP("slot", "Shoot"),
        SlotKind.SELECTION: QT_TRANSLATE_NOOP("slot", "Selection"),
    }),
    SessionState: ("session", {
        SessionState.BOOKED: QT_TRANSLATE_NOOP("session", "Booked"),
        SessionState.NO_SHOW: QT_TRANSLATE_NOOP("session", "No-show"),
        SessionState.SHOT: QT_TRANSLATE_NOOP("session", "Shot"),
        SessionState.SELECTED: QT_TRANSLATE_NOOP("session", "Selected"),
        SessionState.CANCELLED: QT_TRANSLATE_NOOP("session", "Cancelled"),
    }),
    SessionChangeKind: ("session change", {
        SessionChangeKind.SCHEDULED: QT_TRANSLATE_NOOP("session change", "Scheduled"),
        SessionChangeKind.RESCHEDULED: QT_TRANSLATE_NOOP("session change", "Rescheduled"),
        SessionChangeKind.NO_SHOW: QT_TRANSLATE_NOOP("session change", "Did not come"),
        SessionChangeKind.SHOT: QT_TRANSLATE_NOOP("session change", "Shot"),
        SessionChangeKind.SELECTED: QT_TRANSLATE_NOOP("session change", "Photos selected"),
        SessionChangeKind.CANCELLED: QT_TRANSLATE_NOOP("session change", "Session cancelled"),
        SessionChangeKind.STAFF: QT_TRANSLATE_NOOP("session change", "Staff assigned"),
    }),
    DesignStatus: ("design", {
        DesignStatus.NOT_NEEDED: QT_TRANSLATE_NOOP("design", "No approval needed"),
        DesignStatus.DESIGNING: QT_TRANSLATE_NOOP("design", "Designing"),
        DesignStatus.AWAITING_APPROVAL: QT_TRANSLATE_NOOP("design", "Awaiting approval"),
        DesignStatus.APPROVED: QT_TRANSLATE_NOOP("design", "Approved"),
    }),
    ApprovalVia: ("approval", {
        ApprovalVia.IN_STORE: QT_TRANSLATE_NOOP("approval", "In store"),
        ApprovalVia.WECHAT: QT_TRANSLATE_NOOP("approval", "Photo sent by WeChat"),
    }),
    Role: ("role", {
        Role.COUNTER: QT_TRANSLATE_NOOP("role", "Counter"),
        Role.PRODUCTION: QT_TRANSLATE_NOOP("role", "Production"),
        Role.MANAGER: QT_TRANSLATE_NOOP("role", "Manager"),
    }),
    Channel: ("channel", {
        Channel.NATURAL: QT_TRANSLATE_NOOP("channel", "Natural (came by themselves)"),
        Channel.MARKETING: QT_TRANSLATE_NOOP("channel", "Marketing campaign"),
        Channel.REFERRAL: QT_TRANSLATE_NOOP("channel", "Referral"),
        Channel.WALK_IN: QT_TRANSLATE_NOOP("channel", "Walk-in"),
        Channel.THIRD_PARTY: QT_TRANSLATE_NOOP("channel", "Third-party platform"),
    }),
    Tier: ("tier", {
        Tier.TOP: QT_TRANSLATE_NOOP("tier", "Most valuable"),
        Tier.GROWTH: QT_TRANSLATE_NOOP("tier", "Growth"),
        Tier.LOW: QT_TRANSLATE_NOOP("tier", "Low contribution"),
        Tier.NEGATIVE: QT_TRANSLATE_NOOP("tier", "Negative value"),
    }),
    PackageKind: ("package", {
        PackageKind.SINGLE: QT_TRANSLATE_NOOP("package", "Single shoot"),
        PackageKind.GROWTH: QT_TRANSLATE_NOOP("package", "Growth package (several sessions)"),
    }),
    ProductCategory: ("category", {
        ProductCategory.ALBUM: QT_TRANSLATE_NOOP("category", "Album"),
        ProductCategory.ENLARGEMENT: QT_TRANSLATE_NOOP("category", "Enlargement"),
        ProductCategory.FRAME: QT_TRANSLATE_NOOP("category", "Frame"),
        ProductCategory.DIGITAL: QT_TRANSLATE_NOOP("category", "Digital"),
        ProductCategory.OTHER: QT_TRANSLATE_NOOP("category", "Other"),
    }),
    PaymentKind: ("payment", {
        PaymentKind.DEPOSIT: QT_TRANSLATE_NOOP("payment", "Deposit"),
        PaymentKind.BALANCE: QT_TRANSLATE_NOOP("payment", "Balance"),
        PaymentKind.REFUND: QT_TRANSLATE_NOOP("payment", "Refund"),
    }),
    PaymentMethod: ("payment", {
        PaymentMethod.CASH: QT_TRANSLATE_NOOP("payment", "Cash"),
        PaymentMethod.WECHAT: QT_TRANSLATE_NOOP("payment", "WeChat Pay"),
        PaymentMethod.ALIPAY: QT_TRANSLATE_NOOP("payment", "Alipay"),
        PaymentMethod.CARD: QT_TRANSLATE_NOOP("payment", "Bank card"),
        PaymentMethod.TRANSFER: QT_TRANSLATE_NOOP("payment", "Bank transfer"),
    }),
    ComplaintStatus: ("complaint", {
        ComplaintStatus.OPEN: QT_TRANSLATE_NOOP("complaint", "Open"),
        ComplaintStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("complaint", "Being handled"),
        ComplaintStatus.CLOSED: QT_TRANSLATE_NOOP("complaint", "Closed"),
    }),
    ComplaintSeverity: ("complaint", {
        ComplaintSeverity.SEVERE: QT_TRANSLATE_NOOP("complaint", "Severe"),
        ComplaintSeverity.NORMAL: QT_TRANSLATE_NOOP("complaint", "Normal"),
        ComplaintSeverity.MINOR: QT_TRANSLATE_NOOP("complaint", "Minor"),
    }),
    ComplaintChannel: ("complaint", {
        ComplaintChannel.PHONE: QT_TRANSLATE_NOOP("complaint", "Phone"),
        ComplaintChannel.WALK_IN: QT_TRANSLATE_NOOP("complaint", "Walk-in"),
        ComplaintChannel.ONLINE: QT_TRANSLATE_NOOP("complaint", "Online"),
    }),
    ComplaintStep: ("complaint", {
        ComplaintStep.ACKNOWLEDGE: QT_TRANSLATE_NOOP("complaint", "Acknowledge"),
        ComplaintStep.APOLOGIZE: QT_TRANSLATE_NOOP("complaint", "Apologize"),
        ComplaintStep.AMEND: QT_TRANSLATE_NOOP("complaint", "Amend"),
        ComplaintStep.ANTICIPATE: QT_TRANSLATE_NOOP("complaint", "Anticipate"),
    }),
    AmendKind: ("complaint", {
        AmendKind.REDO: QT_TRANSLATE_NOOP("complaint", "Redo"),
        AmendKind.DISCOUNT: QT_TRANSLATE_NOOP("complaint", "Discount"),
        AmendKind.GIFT: QT_TRANSLATE_NOOP("complaint", "Gift"),
        AmendKind.REFUND: QT_TRANSLATE_NOOP("complaint", "Refund"),
    }),
    FaultParty: ("complaint", {
        FaultParty.LAB: QT_TRANSLATE_NOOP("complaint", "The lab"),
        FaultParty.STUDIO: QT_TRANSLATE_NOOP("complaint", "The studio"),
        FaultParty.CUSTOMER: QT_TRANSLATE_NOOP("complaint", "The customer"),
    }),
    ComplaintEventKind: ("complaint", {
        ComplaintEventKind.RECORDED: QT_TRANSLATE_NOOP("complaint", "Recorded"),
        ComplaintEventKind.STEP_DONE: QT_TRANSLATE_NOOP("complaint", "Step done"),
        ComplaintEventKind.REDO: QT_TRANSLATE_NOOP("complaint", "Items sent to rework"),
        ComplaintEventKind.FOLLOW_UP_SCHEDULED: QT_TRANSLATE_NOOP("complaint", "Follow-up call scheduled"),
        ComplaintEventKind.FOLLOW_UP_CALL: QT_TRANSLATE_NOOP("complaint", "Follow-up call"),
        ComplaintEventKind.CLOSED: QT_TRANSLATE_NOOP("complaint", "Closed"),
        ComplaintEventKind.REOPENED: QT_TRANSLATE_NOOP("complaint", "Reopened"),
    }),
    FollowUpStage: ("follow-up", {
        FollowUpStage.AFTER_SHOOT: QT_TRANSLATE_NOOP("follow-up", "After the shoot"),
        FollowUpStage.AFTER_SELECTION: QT_TRANSLATE_NOOP("follow-up", "After the selection"),
        FollowUpStage.AFTER_PICKUP: QT_TRANSLATE_NOOP("follow-up", "After pickup"),
        FollowUpStage.ANNUAL: QT_TRANSLATE_NOOP("follow-up", "Annual call"),
    }),
    SurveyPhase: ("survey", {
        SurveyPhase.BEFORE_SHOOT: QT_TRANSLATE_NOOP("survey", "Before the shoot"),
        SurveyPhase.DURING_SHOOT: QT_TRANSLATE_NOOP("survey", "During the shoot"),
        SurveyPhase.AFTER_SHOOT: QT_TRANSLATE_NOOP("survey", "After the shoot"),
    }),
    SurveyKind: ("survey", {
        SurveyKind.TEXT: QT_TRANSLATE_NOOP("survey", "Text"),
        SurveyKind.CHOICE: QT_TRANSLATE_NOOP("survey", "Choice"),
        SurveyKind.DATE: QT_TRANSLATE_NOOP("survey", "Date"),
        SurveyKind.YES_NO: QT_TRANSLATE_NOOP("survey", "Yes / no"),
    }),
    ReminderEvent: ("reminder", {
        ReminderEvent.SHOOT: QT_TRANSLATE_NOOP("reminder", "Shoot"),
        ReminderEvent.SELECTION: QT_TRANSLATE_NOOP("reminder", "Photo selection"),
        ReminderEvent.PICKUP_DATE: QT_TRANSLATE_NOOP("reminder", "Promised pickup date"),
        ReminderEvent.ALL_READY: QT_TRANSLATE_NOOP("reminder", "All items ready"),
        ReminderEvent.BIRTHDAY: QT_TRANSLATE_NOOP("reminder", "Birthday"),
        ReminderEvent.WEDDING_ANNIVERSARY: QT_TRANSLATE_NOOP("reminder", "Wedding anniversary"),
        ReminderEvent.FOLLOW_UP_DUE: QT_TRANSLATE_NOOP("reminder", "Follow-up call due"),
        ReminderEvent.BALANCE_DUE: QT_TRANSLATE_NOOP("reminder", "Balance due"),
        ReminderEvent.UNCOLLECTED: QT_TRANSLATE_NOOP("reminder", "Ready but not collected"),
    }),
    ReminderOutcome: ("reminder", {
        ReminderOutcome.DONE: QT_TRANSLATE_NOOP("reminder", "Done"),
        ReminderOutcome.SKIPPED: QT_TRANSLATE_NOOP("reminder", "Skipped"),
    }),
    MessageChannel: ("outbox", {
        MessageChannel.SMS: QT_TRANSLATE_NOOP("outbox", "SMS"),
        MessageChannel.WECHAT: QT_TRANSLATE_NOOP("outbox", "WeChat"),
    }),
    ChoiceKind: ("lists", {
        ChoiceKind.COMPLAINT_CATEGORY: QT_TRANSLATE_NOOP("lists", "Complaint categories"),
        ChoiceKind.REWORK_REASON: QT_TRANSLATE_NOOP("lists", "Rework reasons"),
    }),
    OutboxStatus: ("outbox", {
        OutboxStatus.PENDING: QT_TRANSLATE_NOOP("outbox", "Waiting to be sent"),
        OutboxStatus.SENT: QT_TRANSLATE_NOOP("outbox", "Sent"),
        OutboxStatus.FAILED: QT_TRANSLATE_NOOP("outbox", "Failed"),
    }),
}


def name(value: enum.StrEnum | None) -> str:
    """The label of ``value`` in the window's language ("" for None).

    A value missing from the table is a bug caught by the tests; shown, it stays
    readable rather than crashing the screen that shows it.
    """
    if value is None:
        return ""
    context, labels = VOCABULARY[type(value)]
    label = labels.get(value)
    return QCoreApplication.translate(context, label) if label is not None else str(value)


def name_of(cls: type[enum.StrEnum], raw: str | None) -> str:
    """The label of a value given as its stored string (Qt hands those back), "" for None."""
    return "" if raw is None else name(cls(raw))


def choice_name(entry: ChoiceEntry | None) -> str:
    """The name of an entry of a list the studio edits, in the window's language (what the
    studio typed shows as typed)."""
    return "" if entry is None else display_name(entry, QLocale().name())


def choices(cls: type[enum.StrEnum]) -> list[tuple[str, enum.StrEnum]]:
    """(label, value) for every value of ``cls``, in declaration order: what a combo box lists."""
    return [(name(member), member) for member in cls]
