"""Discounts: the manager's limits (Settings → Discount limits…) and the manager's name and
PIN typed at the counter when a discount is above them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget,
)

from ..services import staff as staff_service, studio as studio_service
from ..services.errors import StudioError
from ..services.staff import Actor
from .common import MoneyEdit, manager_fields, mark, no_default
from .context import AppContext
from .i18n import error_text, money


class DiscountLimitsDialog(QDialog):
    """What a clerk may give without asking: a percent of the order's price and an amount."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Discount limits"))
        limits = ctx.run(studio_service.discount_limits, parent=parent) or studio_service.DiscountLimits(
            studio_service.DEFAULT_DISCOUNT_LIMIT_PERCENT, studio_service.DEFAULT_DISCOUNT_LIMIT_FEN)
        self.percent = QSpinBox()
        self.percent.setObjectName("limitPercent")
        self.percent.setRange(0, 100)
        self.percent.setSuffix(" %")
        self.percent.setValue(limits.percent)
        self.amount = MoneyEdit(limits.fen)
        self.amount.setObjectName("limitAmount")
        if not limits.fen:
            self.amount.setText("0")
        explain = QLabel(self.tr(
            "A counter clerk may give a discount up to this percent of the order's price and up to this amount; "
            "above either, a manager types their name and PIN. 0 means every discount needs a manager."))
        explain.setWordWrap(True)
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Up to percent of the price"), self.percent)
        form.addRow(self.tr("Up to the amount"), self.amount)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            fen = self.amount.fen()
        except ValueError:
            mark(self.amount, self.tr("Amounts are in yuan with at most two decimals."), self.message)
            return
        try:
            self.ctx.call(studio_service.set_discount_limits, self.percent.value(), fen)
        except StudioError as exc:
            self.message.setText(error_text(exc))
            return
        self.accept()


class ManagerApprovalDialog(QDialog):
    """A manager approves one discount at this station: name and PIN, checked at once.

    ``approver`` is the manager (an Actor) once accepted; the booking passes it on and the
    approval is audited with the manager's name."""

    def __init__(self, ctx: AppContext, discount_fen: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.approver: Actor | None = None
        self.setObjectName("managerApproval")
        self.setWindowTitle(self.tr("Manager's approval"))
        limits = ctx.run(studio_service.discount_limits, parent=parent)
        text = self.tr("A discount of {discount} is above what the counter may give alone "
                       "({percent}% of the price, {amount}). A manager approves it with their name and PIN.")
        explain = QLabel(text.format(discount=money(discount_fen), percent=limits.percent if limits else "?",
                                     amount=money(limits.fen) if limits else "?"))
        explain.setWordWrap(True)
        self.name, self.pin = manager_fields(ctx.run(studio_service.staff_names, parent=parent))
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.approve_button = buttons.addButton(self.tr("Approve"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.approve_button.setObjectName("approve")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        no_default(self.approve_button)
        buttons.accepted.connect(self.approve)
        buttons.rejected.connect(self.reject)
        self.pin.returnPressed.connect(self.approve)  # typing the PIN and Enter is the way
        form = QFormLayout()
        form.addRow(self.tr("Manager"), self.name)
        form.addRow(self.tr("PIN"), self.pin)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.name.setFocus()

    def approve(self) -> None:
        try:
            self.approver = self.ctx.call(staff_service.verify_manager, self.name.currentText(), self.pin.text())
        except StudioError as exc:
            self.message.setText(error_text(exc))
            self.pin.clear()
            self.pin.setFocus()
            return
        self.accept()
