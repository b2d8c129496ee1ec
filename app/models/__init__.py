"""SQLAlchemy models of StudioDesk. Imports nothing of the layers above it."""

from .base import Base, UTCDateTime
from .care import (
    Complaint, ComplaintEvent, ComplaintItem, FollowUp, FollowUpQuestion, FollowUpScore, MessageTemplate, OutboxMessage,
    ReferralLead, Reminder, ReminderRule,
)
from .catalog import Lab, LabPrice, Package, PackageLine, ProductType
from .choices import Choice
from .enums import (
    AmendKind,
    ComplaintChannel,
    ComplaintEventKind,
    ComplaintSeverity,
    ComplaintStep,
    FaultParty,
    ApprovalVia,
    DesignStatus,
    Position,
    SessionChangeKind,
    SessionState,
    SlotKind,
    Channel,
    ChoiceKind,
    ComplaintStatus,
    FollowUpStage,
    ItemStatus,
    OutboxStatus,
    PackageKind,
    PaymentKind,
    PaymentMethod,
    ProductCategory,
    Progress,
    MessageChannel,
    ReminderEvent,
    ReminderOutcome,
    Role,
    SurveyKind,
    SurveyPhase,
    Tier,
)
from .items import Item, ItemEvent, Shipment, ShipmentLine
from .orders import Order, Payment, SessionChange, ShootSession, TimeSlot
from .people import Customer, CustomerPhone, CustomerSearchKey, Staff, StaffPosition, SurveyAnswer, SurveyQuestion
from .system import AuditEntry, Counter, Setting

__all__ = [
    "AmendKind", "ComplaintChannel", "ComplaintEvent", "ComplaintEventKind", "ComplaintItem", "ComplaintSeverity",
    "ComplaintStep", "FaultParty",
    "ApprovalVia", "DesignStatus", "Position", "SessionChange", "SessionChangeKind", "SessionState",
    "SlotKind", "StaffPosition", "TimeSlot",
    "AuditEntry", "Base", "Channel", "Choice", "ChoiceKind", "Complaint", "ComplaintStatus",
    "Counter", "Customer", "CustomerPhone", "CustomerSearchKey", "FollowUp", "FollowUpQuestion", "FollowUpScore", "FollowUpStage", "ReferralLead",
    "Item", "ItemEvent", "ItemStatus", "Lab", "LabPrice", "OutboxMessage", "OutboxStatus",
    "Order", "Package", "PackageKind", "PackageLine", "Payment", "PaymentKind", "PaymentMethod",
    "ProductCategory", "ProductType", "Progress", "MessageChannel", "MessageTemplate", "Reminder", "ReminderEvent",
    "ReminderOutcome", "ReminderRule", "Role", "Setting",
    "Shipment", "ShipmentLine", "ShootSession", "Staff", "SurveyAnswer", "SurveyKind", "SurveyPhase",
    "SurveyQuestion", "Tier", "UTCDateTime",
]
