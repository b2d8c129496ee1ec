"""An order's whole story: sessions, items with status, payments, history; payments,
printing the slip or receipt, and cancelling (manager)."""

from __future__ import annotations

import datetime as dt

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QInputDialog, QLabel, QLineEdit,
    QMenu, QMessageBox, QPushButton, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from ..models import DesignStatus, PaymentKind, PaymentMethod
from ..models.db import sqlite_path
from ..devices.labels import A4_SHEET, LabelLayout, label_size, print_labels, thermal, write_pdf
from ..services import approval, orders as order_service, records, selection
from ..services.balance import Balance
from ..services.labels import order_labels
from ..services.staff import Permission, require
from . import file_dialogs, names
from .approval_dialog import DESIGN_COLOURS, ApprovalDialog
from .common import PROGRESS_COLOURS, STATUS_COLOURS, MoneyEdit, fit_columns, mark, may, no_default
from .context import AppContext
from .i18n import date_text, local_time, money, progress_name, status_name
from .printing import print_document, save_pdf
from .session_dialog import SessionDialog
from .selection_dialog import SelectionDialog
from .table_models import Column, RowsModel


def _when(day: dt.date | None, time: dt.time | None) -> str:
    """A session's day with its time of day when one is booked."""
    return f"{date_text(day)} {time:%H:%M}" if day is not None and time is not None else date_text(day)


def _table(model: RowsModel, name: str, stretch: int) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    fit_columns(view, stretch)
    view.setAlternatingRowColors(True)
    return view


class OrderDialog(QDialog):
    def __init__(self, ctx: AppContext, order_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.order_id = order_id
        self.resize(960, 640)
        self.header = QLabel()
        self.header.setStyleSheet("font-size: 15px;")
        self.header.setWordWrap(True)
        self.sessions_model = RowsModel([
            Column(self.tr("Session"), lambda s: s.name),
            Column(self.tr("Shoot"), lambda s: _when(s.shoot_date, s.shoot_time)),
            Column(self.tr("Selection"), lambda s: _when(s.selection_date, s.selection_time)),
            Column(self.tr("Pickup"), lambda s: date_text(s.pickup_date)),
            Column(self.tr("Photographer"), lambda s: s.photographer or ""),
            Column(self.tr("Progress"), lambda s: progress_name(s.progress), lambda s: PROGRESS_COLOURS.get(s.progress)),
        ], self)
        self.items_model = RowsModel([
            Column(self.tr("Item"), lambda i: i.code),
            Column(self.tr("Product"), lambda i: i.product + (f" ({i.description})" if i.description else "")),
            Column(self.tr("Session"), lambda i: i.session_name),
            Column(self.tr("Status"), lambda i: status_name(i.status), lambda i: STATUS_COLOURS[i.status]),
            Column(self.tr("Design"), lambda i: names.name(self.designs.get(i.id)),
                   lambda i: DESIGN_COLOURS.get(self.designs.get(i.id))),  # type: ignore[arg-type]
            Column(self.tr("Lab"), lambda i: i.lab or ""),
            Column(self.tr("Expected back"), lambda i: date_text(i.expected_return)),
            Column(self.tr("Shelf"), lambda i: i.shelf or ""),
            Column(self.tr("Extra price"), lambda i: money(i.extra_price_fen) if i.extra_price_fen else "",
                   align_right=True),
        ], self)
        self.payments_model = RowsModel([
            Column(self.tr("Time"), lambda p: local_time(p.paid_at)),
            Column(self.tr("Kind"), lambda p: names.name(p.kind)),
            Column(self.tr("Method"), lambda p: names.name(p.method)),
            Column(self.tr("Amount"), lambda p: money(p.amount_fen), align_right=True),
            Column(self.tr("Staff"), lambda p: p.staff or ""),
            Column(self.tr("Note"), lambda p: p.note or ""),
        ], self)
        self.events_model = RowsModel([
            Column(self.tr("Time"), lambda e: local_time(e.at)),
            Column(self.tr("Item"), lambda e: e.code),
            Column(self.tr("From"), lambda e: status_name(e.from_status) if e.from_status else self.tr("(new)")),
            Column(self.tr("To"), lambda e: status_name(e.to_status), lambda e: STATUS_COLOURS[e.to_status]),
            Column(self.tr("Staff"), lambda e: e.staff or ""),
            Column(self.tr("Station"), lambda e: e.station or ""),
            Column(self.tr("Reason / note"), lambda e: e.reason or ""),
        ], self)
        tabs = QTabWidget()
        tabs.addTab(_table(self.items_model, "orderItems", 1), self.tr("Items"))
        self.sessions_view = _table(self.sessions_model, "orderSessions", 0)
        self.sessions_view.setToolTip(self.tr("Enter or double-click: the session, its history, move it, no-show…"))
        self.sessions_view.activated.connect(lambda index: self.open_session(index.row()))
        tabs.addTab(self.sessions_view, self.tr("Sessions"))
        tabs.addTab(_table(self.payments_model, "orderPayments", 5), self.tr("Payments"))
        tabs.addTab(_table(self.events_model, "orderHistory", 6), self.tr("History"))
        self.tabs = tabs

        self.pay_button = pay = QPushButton(self.tr("Take payment (Ctrl+P)"))
        pay.setObjectName("takePayment")
        pay.clicked.connect(self.take_payment)
        pay.setVisible(may(ctx, Permission.TAKE_PAYMENT))
        self.selection_button = QPushButton(self.tr("Selection day… (Ctrl+E)"))
        self.selection_button.setObjectName("selectionDay")
        self.selection_button.clicked.connect(lambda: self.open_selection())
        self.selection_button.setVisible(may(ctx, Permission.BOOK_ORDER))
        slip = QPushButton(self.tr("Print slip"))
        slip.clicked.connect(lambda: self._print(receipt=False))
        slip_pdf = QPushButton(self.tr("Slip as PDF…"))
        slip_pdf.clicked.connect(lambda: self.save_pdf(None, receipt=False))
        receipt = QPushButton(self.tr("Print receipt"))
        receipt.clicked.connect(lambda: self._print(receipt=True))
        labels = QPushButton(self.tr("Labels"))
        labels_menu = QMenu(labels)
        labels_menu.addAction(self.tr("Print an A4 sheet (3 × 8)…"), lambda: self.print_labels(thermal_printer=False))
        labels_menu.addAction(self.tr("Print on the label printer…"), lambda: self.print_labels(thermal_printer=True))
        labels_menu.addAction(self.tr("Labels as PDF…"), lambda: self.save_labels(None))
        labels.setMenu(labels_menu)
        self.approve_button = QPushButton(self.tr("Approve designs… (Ctrl+D)"))
        self.approve_button.setObjectName("approveDesigns")
        self.approve_button.clicked.connect(self.approve_designs)
        self.cancel_button = QPushButton(self.tr("Cancel order…"))
        self.cancel_button.setObjectName("cancelOrder")
        self.cancel_button.clicked.connect(self.cancel_order)
        self.cancel_button.setVisible(may(ctx, Permission.CANCEL))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        no_default(pay, self.selection_button, self.approve_button, slip, slip_pdf, receipt, labels,
                   self.cancel_button, close)
        row = QHBoxLayout()
        for b in (pay, self.selection_button, self.approve_button, slip, slip_pdf, receipt, labels, self.cancel_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(tabs, 1)
        layout.addLayout(row)
        QShortcut(QKeySequence("Ctrl+P"), self, self.take_payment)
        QShortcut(QKeySequence("Ctrl+E"), self, self.open_selection)
        QShortcut(QKeySequence("Ctrl+D"), self, self.approve_designs)
        self.designs: dict[int, DesignStatus] = {}
        self.reload()

    def reload(self) -> None:
        detail = self.ctx.run(records.order_detail, self.order_id, parent=self)
        if detail is None:
            return
        self.detail = d = detail
        self.setWindowTitle(self.tr("Order {number}").format(number=d.checked_number))
        couple = d.customer_name + (f" & {d.partner_name}" if d.partner_name else "")
        b = d.balance
        if b.refund_due_fen:  # cancelled after money was paid: the studio owes it back
            owed = self.tr("<b style='color:#d32f2f'>refund due {amount}</b>").format(amount=money(b.refund_due_fen))
        elif d.cancelled:
            owed = self.tr("<b style='color:#2e7d32'>nothing due</b>")
        else:
            owed = self.tr("<b style='color:{colour}'>balance due {amount}</b>").format(
                amount=money(b.due_fen), colour="#d32f2f" if b.due_fen > 0 else "#2e7d32")
        self.header.setText(self.tr(
            "<b>{number}</b> · {customer} · {phones}<br>{package} · {progress}{cancelled}<br>"
            "Total {total} · paid {paid} · {owed}").format(
            number=d.checked_number, customer=couple, phones=" / ".join(d.phones), package=d.package_name,
            progress=progress_name(d.progress), cancelled=self.tr(" (cancelled)") if d.cancelled else "",
            total=money(b.total_fen), paid=money(b.paid_fen), owed=owed))
        lines = self.ctx.run(approval.order_designs, self.order_id, parent=self) or []
        self.designs = {line.id: line.design_status for line in lines}
        self.approve_button.setEnabled(not d.cancelled and any(line.needs_approval for line in lines))
        self.items_model.set_rows(d.items)
        self.sessions_model.set_rows(d.sessions)
        self.payments_model.set_rows(d.payments)
        self.events_model.set_rows(d.events)
        self.cancel_button.setEnabled(not d.cancelled)
        # Selection day: for sessions shot, or booked with the shoot day come.
        self.selection_button.setEnabled(bool(self.ctx.run(selection.selectable_sessions, self.order_id, parent=self)))

    def approve_designs(self) -> ApprovalDialog | None:
        """The customer approves designs (看样): tick, then sent / approved / needs changes."""
        if not self.approve_button.isEnabled():
            return None
        dialog = ApprovalDialog(self.ctx, self.order_id, self.detail.checked_number, self.header.text(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.reload)
        dialog.open()
        self.approval_dialog = dialog
        return dialog

    def open_session(self, row: int) -> SessionDialog | None:
        """One session: its details and history, and the acts on it (move, no-show, staff…)."""
        if not 0 <= row < len(self.sessions_model.rows):
            return None
        dialog = SessionDialog(self.ctx, self.sessions_model.rows[row].id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.reload)
        dialog.open()
        self.session_dialog = dialog
        return dialog

    def take_payment(self) -> PaymentDialog | None:
        if not may(self.ctx, Permission.TAKE_PAYMENT):  # Ctrl+P: say why, as the service would
            self.ctx.run(require, permission=Permission.TAKE_PAYMENT, parent=self)
            return None
        dialog = PaymentDialog(self.detail.balance, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._record_payment(dialog))
        dialog.open()
        self.payment_dialog = dialog
        return dialog

    def open_selection(self, session_id: int | None = None) -> SelectionDialog | None:
        """The selection-day dialog (选片) of the first session that may be selected, or of ``session_id``."""
        if not may(self.ctx, Permission.BOOK_ORDER):  # Ctrl+E: say why, as the service would
            self.ctx.run(require, permission=Permission.BOOK_ORDER, parent=self)
            return None
        dialog = SelectionDialog(self.ctx, self.order_id, session_id, self)
        if dialog.summary is None:
            dialog.deleteLater()
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.reload)
        dialog.open()
        self.selection_dialog = dialog
        return dialog

    def _record_payment(self, dialog: PaymentDialog) -> None:
        done = self.ctx.run(order_service.take_payment, self.order_id, dialog.kind.currentData(),
                            dialog.method.currentData(), dialog.amount.fen(), note=dialog.note.text().strip() or None,
                            parent=self)
        if done is not None:
            self.reload()

    def cancel_order(self) -> None:
        if not may(self.ctx, Permission.CANCEL):
            self.ctx.run(require, permission=Permission.CANCEL, parent=self)
            return
        title = self.tr("Cancel order {number}").format(number=self.detail.checked_number)
        reason, ok = QInputDialog.getText(self, title,
                                          self.tr("Reason (required). Items not yet picked up are cancelled; "
                                                  "refund money separately."))
        if not ok:
            return
        done = self.ctx.run(order_service.cancel_order, self.order_id, reason, parent=self)
        if done is not None:
            self.reload()

    def _pdf_path(self, title: str, suggested: str) -> Path | None:
        return file_dialogs.save_file_name(self, title, suggested, "PDF (*.pdf)", sqlite_path(self.ctx.url))

    def _written(self, path: Path, write) -> Path | None:  # type: ignore[no-untyped-def]
        """Run ``write(path)``; a disk that refuses is a message, not a crash."""
        try:
            write(path)
        except OSError as exc:
            QMessageBox.warning(self, "StudioDesk", self.tr("The PDF could not be written: {error}").format(error=exc))
            return None
        return path

    def save_pdf(self, path: Path | None, *, receipt: bool) -> Path | None:
        path = path or self._pdf_path(self.tr("Save as PDF"),
                                      f"{self.detail.checked_number}{'-receipt' if receipt else ''}.pdf")
        if path is None:
            return None
        return self._written(path, lambda p: save_pdf(p, self.detail, self.ctx.studio_name, receipt=receipt))

    def _labels(self) -> list:
        return self.ctx.run(order_labels, self.detail.checked_number, parent=self) or []

    def print_labels(self, *, thermal_printer: bool) -> bool:
        layout = thermal(*label_size()) if thermal_printer else A4_SHEET
        return print_labels(self, self._labels(), layout)

    def save_labels(self, path: Path | None, *, layout: LabelLayout = A4_SHEET) -> Path | None:
        path = path or self._pdf_path(self.tr("Save labels as PDF"), f"{self.detail.checked_number}-labels.pdf")
        if path is None:
            return None
        return self._written(path, lambda p: write_pdf(p, self._labels(), layout))

    def _print(self, *, receipt: bool) -> None:
        print_document(self, self.detail, self.ctx.studio_name, receipt=receipt)


class PaymentDialog(QDialog):
    def __init__(self, balance: Balance, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Take payment"))
        self.kind = QComboBox()
        for label, k in names.choices(PaymentKind):
            self.kind.addItem(label, k)
        refund = balance.refund_due_fen
        due_fen = refund or balance.due_fen
        kind = PaymentKind.REFUND if refund else PaymentKind.BALANCE if due_fen > 0 else PaymentKind.DEPOSIT
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.method = QComboBox()
        for label, m in names.choices(PaymentMethod):
            self.method.addItem(label, m)
        self.amount = MoneyEdit(max(due_fen, 0))
        self.amount.setObjectName("amount")
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Required for a refund"))
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Refund due: {due}").format(due=money(refund)) if refund
                           else self.tr("Balance due: {due}").format(due=money(due_fen))))
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Amount (¥)"), self.amount)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.amount.setFocus()
        self.amount.selectAll()

    def _check(self) -> None:
        try:
            fen = self.amount.fen()
        except ValueError:
            fen = 0
        if not mark(self.amount, None if fen > 0 else self.tr("Enter an amount above ¥0.00."), self.message):
            return
        if self.kind.currentData() == PaymentKind.REFUND and not mark(
                self.note, None if self.note.text().strip() else self.tr("A refund needs a reason."), self.message):
            return
        self.accept()
