"""The manager's audit log: who did what privileged act, when; filtered, paged, exported to Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from ..services import audit, codes
from ..services.audit import AuditRow
from .common import OptionalDateEdit, fit_columns, no_default
from .context import AppContext, BackgroundTask
from .i18n import local_time, render
from .table_models import Column, PagedRowsModel


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


# The acts services record (staff.record), as people read them; an act not listed here
# (a newer one) is shown as its code.
ACT_NAMES: dict[str, str] = {
    "catalogue.lab": QT_TRANSLATE_NOOP("acts", "Lab changed"),
    "catalogue.package": QT_TRANSLATE_NOOP("acts", "Package changed"),
    "catalogue.product": QT_TRANSLATE_NOOP("acts", "Product changed"),
    "choices.activate": QT_TRANSLATE_NOOP("acts", "List entry restored"),
    "choices.add": QT_TRANSLATE_NOOP("acts", "List entry added"),
    "choices.deactivate": QT_TRANSLATE_NOOP("acts", "List entry retired"),
    "choices.rename": QT_TRANSLATE_NOOP("acts", "List entry renamed"),
    "database.restore": QT_TRANSLATE_NOOP("acts", "Database restored from a backup"),
    "design.changes": QT_TRANSLATE_NOOP("acts", "Design changes asked"),
    "export.audit": QT_TRANSLATE_NOOP("acts", "Audit log exported"),
    "export.customers": QT_TRANSLATE_NOOP("acts", "Customers exported"),
    "export.lab_month": QT_TRANSLATE_NOOP("acts", "Lab month exported (对账)"),
    "export.month": QT_TRANSLATE_NOOP("acts", "Monthly workbook exported"),
    "follow_up.call": QT_TRANSLATE_NOOP("acts", "Follow-up call made"),
    "follow_up.not_reached": QT_TRANSLATE_NOOP("acts", "Follow-up call not reached"),
    "follow_up.given_up": QT_TRANSLATE_NOOP("acts", "Follow-up given up"),
    "follow_up.question.add": QT_TRANSLATE_NOOP("acts", "Follow-up question added"),
    "follow_up.question.change": QT_TRANSLATE_NOOP("acts", "Follow-up question changed"),
    "follow_up.question.move": QT_TRANSLATE_NOOP("acts", "Follow-up question moved"),
    "item.cancel": QT_TRANSLATE_NOOP("acts", "Item cancelled"),
    "lab.statement_columns": QT_TRANSLATE_NOOP("acts", "Lab statement columns saved"),
    "shipment.discard": QT_TRANSLATE_NOOP("acts", "Shipment discarded"),
    "order.cancel": QT_TRANSLATE_NOOP("acts", "Order cancelled"),
    "order.discount": QT_TRANSLATE_NOOP("acts", "Discount given"),
    "order.discount_approved": QT_TRANSLATE_NOOP("acts", "Discount approved by a manager"),
    "payment.refund": QT_TRANSLATE_NOOP("acts", "Refund"),
    "pickup.override_balance": QT_TRANSLATE_NOOP("acts", "Pickup with a balance due"),
    "selection.extra_price": QT_TRANSLATE_NOOP("acts", "Extra sold at a price typed by hand"),
    "session.cancel": QT_TRANSLATE_NOOP("acts", "Session cancelled"),
    "session.rebook": QT_TRANSLATE_NOOP("acts", "No-show rebooked"),
    "session.reschedule": QT_TRANSLATE_NOOP("acts", "Session moved"),
    "setting.change": QT_TRANSLATE_NOOP("acts", "Setting changed"),
    "template.save": QT_TRANSLATE_NOOP("acts", "Message template saved"),
    "reminder_rule.save": QT_TRANSLATE_NOOP("acts", "Reminder rule saved"),
    "reminder.mark": QT_TRANSLATE_NOOP("acts", "Reminder handled"),
    "outbox.sent": QT_TRANSLATE_NOOP("acts", "Messages marked sent"),
    "outbox.export": QT_TRANSLATE_NOOP("acts", "Messages exported"),
    "settings.export": QT_TRANSLATE_NOOP("acts", "Settings exported"),
    "settings.import": QT_TRANSLATE_NOOP("acts", "Settings imported"),
    "slot.add": QT_TRANSLATE_NOOP("acts", "Time slot added"),
    "slot.change": QT_TRANSLATE_NOOP("acts", "Time slot changed"),
    "setting.discount_limits": QT_TRANSLATE_NOOP("acts", "Discount limits changed"),
    "staff.create": QT_TRANSLATE_NOOP("acts", "Staff member added"),
    "staff.badge": QT_TRANSLATE_NOOP("acts", "Badge issued"),
    "staff.unlock": QT_TRANSLATE_NOOP("acts", "Account unlocked"),
    "staff.positions": QT_TRANSLATE_NOOP("acts", "Positions changed"),
    "customer.consent": QT_TRANSLATE_NOOP("acts", "Customer consent changed"),
    "customer.export": QT_TRANSLATE_NOOP("acts", "Customer's data exported for them"),
    "customer.erase": QT_TRANSLATE_NOOP("acts", "Customer's data erased on request"),
    "survey.answers": QT_TRANSLATE_NOOP("acts", "Survey answers changed"),
    "survey.question": QT_TRANSLATE_NOOP("acts", "Survey question saved"),
    "login": QT_TRANSLATE_NOOP("acts", "Signed in"),
    "login.failed": QT_TRANSLATE_NOOP("acts", "Sign-in refused"),
    "login.locked": QT_TRANSLATE_NOOP("acts", "Account locked"),
    "logout": QT_TRANSLATE_NOOP("acts", "Signed out"),
    "switch": QT_TRANSLATE_NOOP("acts", "Staff switched"),
}


# What an audit entry is about, "kind:key" as services record it; the kind in words.
TARGET_KINDS: dict[str, str] = {
    "order": QT_TRANSLATE_NOOP("acts", "Order"),
    "item": QT_TRANSLATE_NOOP("acts", "Item"),
    "staff": QT_TRANSLATE_NOOP("acts", "Staff member"),
    "customer": QT_TRANSLATE_NOOP("acts", "Customer"),
    "lab": QT_TRANSLATE_NOOP("acts", "Lab"),
    "package": QT_TRANSLATE_NOOP("acts", "Package"),
    "product": QT_TRANSLATE_NOOP("acts", "Product"),
    "slot": QT_TRANSLATE_NOOP("acts", "Time slot"),
    "setting": QT_TRANSLATE_NOOP("acts", "Setting"),
    "choice": QT_TRANSLATE_NOOP("acts", "List entry"),
    "survey_question": QT_TRANSLATE_NOOP("acts", "Survey question"),
    "follow_up": QT_TRANSLATE_NOOP("acts", "Follow-up call"),
    "follow_up_question": QT_TRANSLATE_NOOP("acts", "Follow-up question"),
}


# Targets recorded without a kind: the settings.
TARGET_SETTINGS: dict[str, str] = {
    "studio_name": QT_TRANSLATE_NOOP("acts", "Studio name"),
    "discount limits": QT_TRANSLATE_NOOP("acts", "Discount limits"),
    "tier_rules": QT_TRANSLATE_NOOP("acts", "Customer tier weights and thresholds"),
}


def target_name(target: str | None) -> str:
    """``order:2611-0042`` as "Order 2611-0042-7"; an unknown kind is shown as recorded."""
    if not target:
        return ""
    if target in TARGET_SETTINGS:
        return QCoreApplication.translate("acts", TARGET_SETTINGS[target])
    kind, _, key = target.partition(":")
    if kind not in TARGET_KINDS:
        return target
    if kind == "order":
        try:
            key = codes.display_order_number(key)
        except (ValueError, KeyError, IndexError):
            pass
    return f"{QCoreApplication.translate('acts', TARGET_KINDS[kind])} {key}"


def act_name(code: str) -> str:
    """An act in the window's language; one this table does not know, as typed."""
    label = ACT_NAMES.get(code)
    return QCoreApplication.translate("acts", label) if label else code


class AuditDialog(QDialog):
    """Filters at the top (staff, act, from, to), newest acts first, more as you scroll."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.export_task: BackgroundTask | None = None
        self.setWindowTitle(self.tr("Audit log"))
        self.resize(1000, 600)
        self.staff = QComboBox()
        self.staff.setObjectName("auditStaff")
        self.staff.addItem(self.tr("Everyone"), None)
        for staff_id, name in ctx.run(audit.staff_choices, parent=parent) or []:
            self.staff.addItem(name, staff_id)
        self.act = QComboBox()
        self.act.setObjectName("auditAct")
        self.act.addItem(self.tr("Every act"), None)
        for code in ctx.run(audit.acts, parent=parent) or []:
            self.act.addItem(act_name(code), code)
        self.since = OptionalDateEdit(today=ctx.clock.today)
        self.since.setObjectName("auditSince")
        self.until = OptionalDateEdit(today=ctx.clock.today)
        self.until.setObjectName("auditUntil")
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        self.model = PagedRowsModel([
            Column(self.tr("Time"), lambda r: local_time(r.at)),
            Column(self.tr("Staff"), lambda r: r.staff or ""),
            Column(self.tr("Station"), lambda r: r.station or ""),
            Column(self.tr("Act"), lambda r: act_name(r.act)),
            Column(self.tr("Target"), lambda r: target_name(r.target)),
            Column(self.tr("Detail"), lambda r: render(r.message) if r.message else r.detail or ""),
        ], page_size=audit.PAGE_SIZE, parent=self)
        self.table = QTableView()
        self.table.setObjectName("auditRows")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        fit_columns(self.table, 5)
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.setObjectName("auditExport")
        self.export_button.clicked.connect(lambda: self.export(None))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        no_default(self.export_button, close)

        filters = QHBoxLayout()
        for label, widget in ((self.tr("Staff"), self.staff), (self.tr("Act"), self.act),
                              (self.tr("From"), self.since), (self.tr("To"), self.until)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.staff.currentIndexChanged.connect(lambda _i: self.refresh())
        self.act.currentIndexChanged.connect(lambda _i: self.refresh())
        self.since.editingFinished.connect(self.refresh)
        self.until.editingFinished.connect(self.refresh)
        self.refresh()

    def filters(self) -> dict | None:
        """The filters as typed, or None (with the reason shown) when a date is not a date."""
        try:
            since, until = self.since.value(), self.until.value()
        except ValueError as exc:
            self.message.setText(str(exc))
            return None
        return dict(staff_id=self.staff.currentData(), act=self.act.currentData(), since=since, until=until)

    def refresh(self) -> None:
        flt = self.filters()
        if flt is None:
            return
        self.message.setText("")

        def page(offset: int) -> tuple[list[AuditRow], bool]:
            rows = self.ctx.run(audit.entries, offset=offset, limit=audit.PAGE_SIZE, parent=self, **flt)
            if rows is None:
                return [], False
            return rows, len(rows) >= audit.PAGE_SIZE

        self.model.start(page)

    def export(self, path: Path | None) -> None:
        """Write what the filters select to an Excel file, in the background."""
        flt = self.filters()
        if flt is None:
            return
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export the audit log"), f"audit-{self.ctx.clock.today():%Y%m%d}.xlsx", "Excel (*.xlsx)")
            if not name:
                return
            path = Path(name)
        headers = [self.model.headerData(c, Qt.Orientation.Horizontal) for c in range(self.model.columnCount())]
        names = {code: act_name(code) for code in ACT_NAMES}
        self.export_task = self.ctx.run_in_background(
            audit.export_entries, path, headers=headers, act_names=names, detail_text=render, label=self.tr("Exporting the audit log…"),
            parent=self, on_done=lambda n: self._exported(path, n), **flt)

    def _exported(self, path: Path, n: int) -> None:
        self.message.setText("")
        QMessageBox.information(self, "StudioDesk", self.tr("{n} entries written to {path}").format(n=n, path=path))
