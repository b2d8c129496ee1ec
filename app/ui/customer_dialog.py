"""The customer file (客户档案): details, phones, and the whole history with the studio."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton,
    QTabWidget, QTableView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ..models import Channel, ComplaintStatus, FollowUpStage, Tier
from ..services import customers as customer_service, records
from ..services.codes import display_order_number
from ..services.customers import NewCustomer
from ..services.errors import BadInput
from ..services.staff import Permission
from . import names
from .common import STATUS_COLOURS, OptionalDateEdit, fit_columns, mark, may, no_default
from .context import AppContext
from .i18n import date_text, due_text, error_text, local_time, money, progress_name, status_name
from .table_models import Column, RowsModel

class CustomerDialog(QDialog):
    """View and edit one customer; ``customer_id=None`` creates a new one."""

    open_order = Signal(int)
    new_order = Signal(int)

    def __init__(self, ctx: AppContext, customer_id: int | None, parent: QWidget | None = None,
                 focus_order: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id = customer_id
        self.resize(900, 640)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_form(), self.tr("File"))
        self.orders = QTreeWidget()
        self.orders.setObjectName("customerOrders")
        self.orders.setHeaderLabels([self.tr("Order / item"), self.tr("Product / package"), self.tr("Session"),
                                     self.tr("Status"), self.tr("Expected back"), self.tr("Shelf"),
                                     self.tr("Balance due")])
        self.orders.itemActivated.connect(self._activate)
        self.payments_model = RowsModel([
            Column(self.tr("Time"), lambda p: local_time(p[1].paid_at)),
            Column(self.tr("Order"), lambda p: display_order_number(p[0])),
            Column(self.tr("Kind"), lambda p: names.name(p[1].kind)),
            Column(self.tr("Method"), lambda p: names.name(p[1].method)),
            Column(self.tr("Amount"), lambda p: money(p[1].amount_fen), align_right=True),
            Column(self.tr("Staff"), lambda p: p[1].staff or ""),
        ], self)
        self.complaints_model = RowsModel([
            Column(self.tr("Received"), lambda c: local_time(c.received_at)),
            Column(self.tr("Category"), lambda c: names.choice_name(c.category)),
            Column(self.tr("Status"), lambda c: names.name_of(ComplaintStatus, c.status)),
            Column(self.tr("Complaint"), lambda c: c.description),
        ], self)
        self.follow_ups_model = RowsModel([
            Column(self.tr("Called"), lambda f: local_time(f.called_at)),
            Column(self.tr("Stage"), lambda f: names.name_of(FollowUpStage, f.stage)),
            Column(self.tr("Overall score"), lambda f: "" if f.score_overall is None else str(f.score_overall)),
            Column(self.tr("Notes"), lambda f: f.notes or ""),
        ], self)
        if customer_id is not None:
            self.tabs.insertTab(0, self.orders, self.tr("Orders"))
            for model, title in ((self.payments_model, self.tr("Payments")),
                                 (self.complaints_model, self.tr("Complaints")),
                                 (self.follow_ups_model, self.tr("Follow-ups"))):
                view = QTableView()
                view.setModel(model)
                view.verticalHeader().setVisible(False)
                fit_columns(view, model.columnCount() - 1)  # times and names on one line; the text takes the rest
                self.tabs.addTab(view, title)
            self.tabs.setCurrentIndex(0)  # the orders: what the counter asks for first
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.order_button = QPushButton(self.tr("New order (Ctrl+N)"))
        self.order_button.clicked.connect(self._new_order)
        self.order_button.setEnabled(customer_id is not None)
        self.save_button.setVisible(may(ctx, Permission.EDIT_CUSTOMERS))  # others read the file
        self.order_button.setVisible(may(ctx, Permission.BOOK_ORDER))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        # Enter on an order row opens that order; it must never also press a button.
        no_default(self.save_button, self.order_button, close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.order_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        QShortcut(QKeySequence("Ctrl+N"), self, self._new_order)
        self.reload(focus_order)

    def _build_form(self) -> QWidget:
        page = self.form_page = QWidget()
        form = QFormLayout(page)
        self.name = QLineEdit()
        self.partner = QLineEdit()
        self.phones = QPlainTextEdit()
        self.phones.setPlaceholderText(self.tr("One phone per line"))
        self.phones.setFixedHeight(70)
        self.birthday = OptionalDateEdit()
        self.partner_birthday = OptionalDateEdit()
        self.wedding = OptionalDateEdit()
        self.address = QLineEdit()
        self.family = QPlainTextEdit()
        self.family.setFixedHeight(50)
        self.channel = QComboBox()
        for label, channel in names.choices(Channel):
            self.channel.addItem(label, channel)
        self.referrer = QLineEdit()
        self.referrer.setPlaceholderText(self.tr("Referrer's phone (last 4+ digits) or name"))
        self.tier = QComboBox()
        self.tier.addItem(self.tr("(not set)"), None)
        for label, tier in names.choices(Tier):
            self.tier.addItem(label, tier)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(50)
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        self.message.setWordWrap(True)
        form.addRow(self.tr("Full name"), self.name)
        form.addRow(self.tr("Partner's name"), self.partner)
        form.addRow(self.tr("Phones"), self.phones)
        form.addRow(self.tr("Birthday"), self.birthday)
        form.addRow(self.tr("Partner's birthday"), self.partner_birthday)
        form.addRow(self.tr("Wedding date"), self.wedding)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Family notes"), self.family)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Referred by"), self.referrer)
        form.addRow(self.tr("Customer tier"), self.tier)
        form.addRow(self.tr("Notes"), self.notes)
        return page

    # -- loading ---------------------------------------------------------------
    def reload(self, focus_order: int | None = None) -> None:
        if self.customer_id is None:
            self.setWindowTitle(self.tr("New customer"))
            self.title.setText(self.tr("New customer"))
            self.name.setFocus()
            return
        file = self.ctx.run(records.customer_file, self.customer_id, parent=self)
        if file is None:
            return
        self.file = file
        couple = file.name + (f" & {file.partner_name}" if file.partner_name else "")
        self.setWindowTitle(self.tr("Customer: {name}").format(name=couple))
        self.title.setText(f"{couple} · {' / '.join(raw for _l, raw in file.phones)}")
        self.name.setText(file.name)
        self.partner.setText(file.partner_name or "")
        self.phones.setPlainText("\n".join(raw for _label, raw in file.phones))
        self.birthday.set_date(file.birthday)
        self.partner_birthday.set_date(file.partner_birthday)
        self.wedding.set_date(file.wedding_date)
        self.address.setText(file.address or "")
        self.family.setPlainText(file.family_notes or "")
        self.channel.setCurrentIndex(max(0, self.channel.findData(Channel(file.channel))))
        self.referrer.setText(file.referrer[1] if file.referrer else "")
        self._referrer_id = file.referrer[0] if file.referrer else None
        self.tier.setCurrentIndex(max(0, self.tier.findData(Tier(file.tier) if file.tier else None)))
        self.notes.setPlainText(file.notes or "")
        self.orders.clear()
        focus = None
        for order in file.orders:
            top = QTreeWidgetItem([order.checked_number, order.package_name, local_time(order.booked_at)[:10],
                                   progress_name(order.progress), "", "", due_text(order.balance)])
            top.setData(0, Qt.ItemDataRole.UserRole, order.id)
            for item in order.items:
                child = QTreeWidgetItem([item.code, item.product, item.session_name, status_name(item.status),
                                         date_text(item.expected_return), item.shelf or ""])
                child.setBackground(3, QBrush(STATUS_COLOURS[item.status]))
                child.setData(0, Qt.ItemDataRole.UserRole, order.id)
                top.addChild(child)
            self.orders.addTopLevelItem(top)
            top.setExpanded(True)
            if focus is None or order.id == focus_order:
                focus = top
        for col in range(self.orders.columnCount()):
            self.orders.resizeColumnToContents(col)
        if focus is not None:
            self.orders.setCurrentItem(focus)
        self.payments_model.set_rows(file.payments)
        self.complaints_model.set_rows(file.complaints)
        self.follow_ups_model.set_rows(file.follow_ups)
        self.orders.setFocus()

    def start_from(self, typed: str) -> None:
        """A new customer begins with what the counter had typed in the search box:
        digits become the first phone, anything else the name."""
        text = typed.strip()
        if not text:
            return
        if text.replace(" ", "").replace("-", "").replace("+", "").isdigit():
            self.phones.setPlainText(text)
            self.name.setFocus()
        else:
            self.name.setText(text)
            self.phones.setFocus()

    # -- saving ----------------------------------------------------------------
    def _data(self) -> NewCustomer | None:
        phones = [line for line in self.phones.toPlainText().splitlines() if line.strip()]
        problems = [
            mark(self.name, None if self.name.text().strip() else self.tr("A customer needs a name.")),
        ]
        phone_problem = None
        for raw in phones:
            try:
                customer_service.normalise_phone(raw)
            except BadInput as exc:
                phone_problem = error_text(exc)
                break
        problems.append(mark(self.phones, phone_problem))
        referrer_problem, referrer_id = self._resolve_referrer()
        problems.append(mark(self.referrer, referrer_problem))
        dates = (self.birthday, self.partner_birthday, self.wedding)
        problems += [d.check() for d in dates]
        date_problem = next((d.problem() for d in dates if d.problem()), None)
        if not all(problems):
            self.message.setText(phone_problem or referrer_problem or date_problem
                                 or self.tr("Please correct the marked fields."))
            self.tabs.setCurrentIndex(self.tabs.indexOf(self.form_page))
            return None
        return NewCustomer(
            name=self.name.text(), phones=phones, partner_name=self.partner.text(), birthday=self.birthday.value(),
            partner_birthday=self.partner_birthday.value(), wedding_date=self.wedding.value(),
            address=self.address.text().strip() or None, family_notes=self.family.toPlainText().strip() or None,
            notes=self.notes.toPlainText().strip() or None, channel=self.channel.currentData(),
            referrer_id=referrer_id, tier=self.tier.currentData(),
        )

    def _resolve_referrer(self) -> tuple[str | None, int | None]:
        text = self.referrer.text().strip()
        current = getattr(self, "file", None)
        if not text:
            return None, None
        if current is not None and current.referrer and text == current.referrer[1]:
            return None, current.referrer[0]
        found = self.ctx.run(customer_service.search_customers, text, limit=5, parent=self)
        if found is None:
            return self.tr("The referrer could not be looked up just now; try again."), None
        hits = [h for h in found if h.id != self.customer_id]
        if len(hits) == 1:
            return None, hits[0].id
        if not hits:
            return self.tr("No customer matches the referrer."), None
        return self.tr("Several customers match the referrer; type more of the phone."), None

    def save(self) -> None:
        data = self._data()
        if data is None:
            return
        self.message.setText("")
        if self.customer_id is None:
            for raw in data.phones:
                twins = self.ctx.run(customer_service.customers_with_phone, raw, parent=self)
                if twins is None:
                    return
                if twins:
                    answer = QMessageBox.question(
                        self, self.tr("Phone already known"),
                        self.tr("{phone} already belongs to {names}. Create a new customer anyway?").format(
                            phone=raw, names=", ".join(c.name for c in twins)))
                    if answer != QMessageBox.StandardButton.Yes:
                        return
            customer = self.ctx.run(customer_service.create_customer, data, parent=self)
        else:
            customer = self.ctx.run(customer_service.update_customer, self.customer_id, data, parent=self)
        if customer is None:
            return
        created = self.customer_id is None
        self.customer_id = customer.id
        if created:
            self.accept()
            return
        self.message.setText(self.tr("Saved."))
        self.reload()

    def _activate(self, item: QTreeWidgetItem, _column: int) -> None:
        order_id = item.data(0, Qt.ItemDataRole.UserRole)
        if order_id is not None:
            self.open_order.emit(order_id)

    def _new_order(self) -> None:
        if self.customer_id is not None:
            self.new_order.emit(self.customer_id)
