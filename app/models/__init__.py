"""SQLAlchemy models of StudioDesk. Imports nothing of the layers above it."""

from .base import Base, UTCDateTime
from .care import (
    Complaint, ComplaintEvent, ComplaintItem, FollowUp, MessageTemplate, OutboxMessage, Reminder, ReminderRule,
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
    Tier,
)
from .items import Item, ItemEvent, Shipment, ShipmentLine
from .orders import Order, Payment, SessionChange, ShootSession, TimeSlot
from .people import Customer, CustomerPhone, CustomerSearchKey, Staff, StaffPosition
from .system import AuditEntry, Counter, Setting

__all__ = [
    "AmendKind", "ComplaintChannel", "ComplaintEvent", "ComplaintEventKind", "ComplaintItem", "ComplaintSeverity",
    "ComplaintStep", "FaultParty",
    "ApprovalVia", "DesignStatus", "Position", "SessionChange", "SessionChangeKind", "SessionState",
    "SlotKind", "StaffPosition", "TimeSlot",
    "AuditEntry", "Base", "Channel", "Choice", "ChoiceKind", "Complaint", "ComplaintStatus",
    "Counter", "Customer", "CustomerPhone", "CustomerSearchKey", "FollowUp", "FollowUpStage",
    "Item", "ItemEvent", "ItemStatus", "Lab", "LabPrice", "OutboxMessage", "OutboxStatus",
    "Order", "Package", "PackageKind", "PackageLine", "Payment", "PaymentKind", "PaymentMethod",
    "ProductCategory", "ProductType", "Progress", "MessageChannel", "MessageTemplate", "Reminder", "ReminderEvent", "ReminderOutcome",
    "ReminderRule", "Role", "Setting",
    "Shipment", "ShipmentLine", "ShootSession", "Staff", "Tier", "UTCDateTime",
]
