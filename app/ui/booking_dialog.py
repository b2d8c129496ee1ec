"""Booking a new order: package, sessions with their dates, extras, discount, deposit."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QTableWidget, QVBoxLayout, QWidget,
)

from ..models import PaymentMethod
from ..services import catalogue, orders as order_service
from ..services.orders import BookOrder, Extra, SessionPlan
from . import names
from .common import MoneyEdit, OptionalDateEdit, mark
from .context import AppContext
from .i18n import money


class BookingDialog(QDialog):
    """Sessions and extras are small fixed-size lists, so plain widgets in a table
    serve here; lists that grow with the studio use Qt item models."""

    def __init__(self, ctx: AppContext, customer_id: int, customer_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id = customer_id
        self.order_id: int | None = None
        self.setWindowTitle(self.tr("New order for {name}").format(name=customer_name))
        self.resize(820, 620)
        self.packages = ctx.run(catalogue.packages, parent=parent) or []
        self.products = ctx.run(catalogue.product_types, parent=parent) or []
        self.package = QComboBox()
        self.package.setObjectName("package")
        for p in self.packages:
            self.package.addItem(f"{p.name} · {money(p.price_fen)}", p.id)
        self.package.currentIndexChanged.connect(self._package_changed)
        self.lines = QLabel()
        self.lines.setWordWrap(True)

        self.sessions = QTableWidget(0, 4)
        self.sessions.setObjectName("sessions")
        self.sessions.setHorizontalHeaderLabels([self.tr("Session"), self.tr("Shoot"), self.tr("Selection"),
                                                 self.tr("Pickup")])
        self.sessions.horizontalHeader().setStretchLastSection(True)
        self.extras = QTableWidget(0, 4)
        self.extras.setObjectName("extras")
        self.extras.setHorizontalHeaderLabels([self.tr("Extra product"), self.tr("Session"), self.tr("Price"),
                                               self.tr("Note")])
        self.extras.horizontalHeader().setStretchLastSection(True)
        add_extra = QPushButton(self.tr("Add extra"))
        add_extra.clicked.connect(self.add_extra)
        remove_extra = QPushButton(self.tr("Remove extra"))
        remove_extra.clicked.connect(lambda: self.extras.removeRow(self.extras.currentRow()))

        self.discount = MoneyEdit()
        self.discount.setObjectName("discount")
        self.discount_reason = QLineEdit()
        self.deposit = MoneyEdit()
        self.deposit.setObjectName("deposit")
        self.method = QComboBox()
        for label, m in names.choices(PaymentMethod):
            self.method.addItem(label, m)
        self.notes = QLineEdit()
        self.total = QLabel()
        self.total.setStyleSheet("font-size: 15px; font-weight: bold;")
        for edit in (self.discount, self.deposit):
            edit.textChanged.connect(self._update_total)
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Package"), self.package)
        form.addRow("", self.lines)
        extras_box = QGroupBox(self.tr("Extras (加选)"))
        eb = QVBoxLayout(extras_box)
        eb.addWidget(self.extras)
        row = QHBoxLayout()
        row.addWidget(add_extra)
        row.addWidget(remove_extra)
        row.addStretch(1)
        eb.addLayout(row)
        money_form = QFormLayout()
        money_form.addRow(self.tr("Discount"), self.discount)
        money_form.addRow(self.tr("Discount reason"), self.discount_reason)
        money_form.addRow(self.tr("Deposit taken now"), self.deposit)
        money_form.addRow(self.tr("Paid by"), self.method)
        money_form.addRow(self.tr("Notes"), self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Book order"))
        buttons.accepted.connect(self.book)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Sessions and dates")))
        layout.addWidget(self.sessions)
        layout.addWidget(extras_box)
        layout.addLayout(money_form)
        layout.addWidget(self.total)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._package_changed()

    def _current_package(self):  # type: ignore[no-untyped-def]
        return next((p for p in self.packages if p.id == self.package.currentData()), None)

    def _package_changed(self) -> None:
        pkg = self._current_package()
        if pkg is None:
            self.lines.setText(self.tr("No package in the catalogue yet: a manager adds them under Settings."))
            return
        self.lines.setText(", ".join(f"{l.product} ×{l.quantity}" + (f" ({pkg.session_plan[l.session_index]})"
                                                                       if len(pkg.session_plan) > 1 else "")
                                     for l in pkg.lines))
        self.sessions.setRowCount(0)
        for name in pkg.session_plan:
            r = self.sessions.rowCount()
            self.sessions.insertRow(r)
            self.sessions.setCellWidget(r, 0, QLineEdit(name))
            for c in (1, 2, 3):
                self.sessions.setCellWidget(r, c, OptionalDateEdit())
        self.sessions.resizeColumnsToContents()
        self.sessions.resizeRowsToContents()
        rows_height = sum(self.sessions.rowHeight(r) for r in range(self.sessions.rowCount()))
        self.sessions.setMinimumHeight(rows_height + self.sessions.horizontalHeader().height() + 6)
        for r in range(self.extras.rowCount()):
            self._fill_session_choices(self.extras.cellWidget(r, 1))
        self._update_total()

    def _fill_session_choices(self, combo: QComboBox) -> None:
        combo.clear()
        for r in range(self.sessions.rowCount()):
            combo.addItem(self.sessions.cellWidget(r, 0).text(), r)

    def add_extra(self) -> None:
        r = self.extras.rowCount()
        self.extras.insertRow(r)
        product = QComboBox()
        for p in self.products:
            product.addItem(p.name, p.id)
        session_choice = QComboBox()
        self._fill_session_choices(session_choice)
        price = MoneyEdit()
        price.textChanged.connect(self._update_total)
        self.extras.setCellWidget(r, 0, product)
        self.extras.setCellWidget(r, 1, session_choice)
        self.extras.setCellWidget(r, 2, price)
        self.extras.setCellWidget(r, 3, QLineEdit())
        self.extras.resizeColumnsToContents()

    def _extras_total(self) -> int:
        total = 0
        for r in range(self.extras.rowCount()):
            try:
                total += self.extras.cellWidget(r, 2).fen()
            except ValueError:
                pass
        return total

    def _update_total(self) -> None:
        pkg = self._current_package()
        if pkg is None:
            return
        try:
            discount = self.discount.fen()
        except ValueError:
            discount = 0
        self.total.setText(self.tr("Total {total} (package {package} + extras {extras} − discount {discount})").format(
            total=money(pkg.price_fen + self._extras_total() - discount), package=money(pkg.price_fen),
            extras=money(self._extras_total()), discount=money(discount)))

    def _plans(self) -> list[SessionPlan] | None:
        plans = []
        fine = True
        for r in range(self.sessions.rowCount()):
            name = self.sessions.cellWidget(r, 0)
            dates = [self.sessions.cellWidget(r, c) for c in (1, 2, 3)]
            values = [d.value() for d in dates]
            fine &= mark(name, None if name.text().strip() else self.tr("Every session needs a name."))
            for d in dates:
                mark(d, None)
            known = [(d, v) for d, v in zip(dates, values) if v is not None]
            for (d1, v1), (d2, v2) in zip(known, known[1:]):
                if v2 < v1:
                    fine = False
                    mark(d2, self.tr("This date is before the one on its left."))
                    self.message.setText(self.tr("Session {name}: a later step is dated before an earlier one.")
                                         .format(name=name.text()))
            plans.append(SessionPlan(name.text(), *values))
        return plans if fine else None

    def book(self) -> None:
        self.message.setText("")
        pkg = self._current_package()
        if pkg is None:
            return
        plans = self._plans()
        try:
            discount = self.discount.fen()
            deposit = self.deposit.fen()
        except ValueError:
            self.message.setText(self.tr("Amounts are in yuan with at most two decimals."))
            return
        ok = mark(self.discount_reason, self.tr("A discount needs a reason.")
                  if discount and not self.discount_reason.text().strip() else None)
        extras = []
        for r in range(self.extras.rowCount()):
            price = self.extras.cellWidget(r, 2)
            extras.append(Extra(self.extras.cellWidget(r, 0).currentData(), price.fen(),
                                self.extras.cellWidget(r, 1).currentData() or 0,
                                self.extras.cellWidget(r, 3).text().strip() or None))
        if plans is None or not ok:
            if not self.message.text():
                self.message.setText(self.tr("Please correct the marked fields."))
            return
        data = BookOrder(self.customer_id, pkg.id, sessions=plans, extras=extras, discount_fen=discount,
                         discount_reason=self.discount_reason.text(), notes=self.notes.text().strip() or None,
                         deposit_fen=deposit, deposit_method=self.method.currentData())
        order = self.ctx.run(order_service.book_order, data, parent=self)
        if order is not None:
            self.order_id = order.id
            self.order_number = order.number
            self.accept()
