"""The customer file (客户档案): details, phones, and the whole history with the studio."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit,
    QPushButton, QTabWidget, QTableView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ..models import Channel, ComplaintStatus, FollowUpStage, Tier
from ..models.db import sqlite_path
from ..services import customers as customer_service, privacy, records
from ..services.codes import display_order_number
from ..services.customers import NewCustomer
from ..services.errors import BadInput, StudioError
from ..services.staff import Permission
from . import file_dialogs, names
from .common import STATUS_COLOURS, OptionalDateEdit, fit_columns, mark, may, no_default
from .context import AppContext
from .i18n import date_text, due_text, error_text, local_time, money, progress_name, render, status_name
from .survey_pages import SurveyPage
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
            self.survey = SurveyPage(ctx, customer_id)
            self.survey.saved.connect(self.reload)
            self.tabs.addTab(self.survey, self.tr("Survey"))
            self.tabs.addTab(self._build_privacy(), self.tr("Privacy"))
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
        self.tier = QLabel()  # computed (customer tiers page), never typed
        self.tier.setObjectName("customerTier")
        self._tier: Tier | None = None
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
        self._tier = Tier(file.tier) if file.tier else None
        score = QLocale().toString(float(file.tier_score or 0), "f", 1)
        self.tier.setText(self.tr("(not computed yet)") if self._tier is None else
                          self.tr("{tier} (score {score})").format(tier=names.name(self._tier), score=score))
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
        self._show_privacy(file)
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
            referrer_id=referrer_id, tier=self._tier,
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

    # -- privacy (personal information law) ---------------------------------------------------
    def _build_privacy(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.marketing_consent = QCheckBox(self.tr("Agrees to marketing messages (greetings, offers)"))
        self.marketing_consent.setObjectName("marketingConsent")
        self.marketing_consent.clicked.connect(lambda on: self.set_consent("marketing", on))
        self.survey_consent = QCheckBox(self.tr("Agrees that the studio keeps survey facts (family, preferences, "
                                                "occasions)"))
        self.survey_consent.setObjectName("surveyConsent")
        self.survey_consent.clicked.connect(lambda on: self.set_consent("survey", on))
        self.consent_times = QLabel()
        self.consent_times.setObjectName("consentTimes")
        self.export_button = QPushButton(self.tr("&Export their data…"))
        self.export_button.setObjectName("exportCustomerData")
        self.export_button.clicked.connect(lambda: self.export_data())
        self.erase_button = QPushButton(self.tr("E&rase on request…"))
        self.erase_button.setObjectName("eraseCustomer")
        self.erase_button.clicked.connect(self.ask_erase)
        no_default(self.export_button, self.erase_button)
        self.export_button.setVisible(may(self.ctx, Permission.EXPORT_CUSTOMERS))
        self.erase_button.setVisible(may(self.ctx, Permission.ERASE_CUSTOMER))
        self.privacy_message = QLabel()
        self.privacy_message.setObjectName("privacyMessage")
        self.privacy_message.setWordWrap(True)
        note = QLabel(self.tr(
            "Personal information law: marketing messages go only to customers who agreed; survey answers are kept "
            "only with consent (withdrawing it deletes them). On request, a manager exports the customer's data "
            "for them or erases it: names, phones, dates, address, notes and survey answers are removed; orders, "
            "payments and item history stay for the accounts. Every change is in the audit log."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #616161;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.erase_button)
        buttons.addStretch(1)
        form.addRow(self.tr("Consent"), self.marketing_consent)
        form.addRow("", self.survey_consent)
        form.addRow("", self.consent_times)
        form.addRow(buttons)
        form.addRow(self.privacy_message)
        form.addRow(note)
        return page

    def _show_privacy(self, file: records.CustomerFile) -> None:
        erased = file.erased_at is not None
        self.marketing_consent.setChecked(file.marketing_consent_at is not None)
        self.survey_consent.setChecked(file.survey_consent_at is not None)
        times = []
        if file.marketing_consent_at:
            times.append(self.tr("marketing since {time}").format(time=local_time(file.marketing_consent_at)))
        if file.survey_consent_at:
            times.append(self.tr("survey since {time}").format(time=local_time(file.survey_consent_at)))
        self.consent_times.setText("; ".join(times))
        editable = may(self.ctx, Permission.EDIT_CUSTOMERS) and not erased
        for widget in (self.marketing_consent, self.survey_consent):
            widget.setEnabled(editable)
        self.erase_button.setEnabled(not erased)
        if erased:
            self.privacy_message.setText(self.tr("Erased on request on {time}.").format(time=local_time(file.erased_at)))
            self.form_page.setEnabled(False)
            self.save_button.setEnabled(False)
        self.survey.load(file.survey_consent_at is not None and not erased, erased)

    def set_consent(self, kind: str, given: bool) -> None:
        if kind == "survey" and not given:
            answer = QMessageBox.question(
                self, self.tr("Withdraw survey consent"),
                self.tr("Withdrawing the survey consent deletes every survey answer of {name}. Withdraw it?").format(
                    name=self.file.name))
            if answer != QMessageBox.StandardButton.Yes:
                self.survey_consent.setChecked(True)
                return
        result = self.ctx.run(privacy.set_consent, self.customer_id, kind, given, parent=self)
        if result is not None:
            self.privacy_message.setText(render(result))
        self.reload()

    def export_data(self, path: Path | None = None) -> Path | None:
        path = path or file_dialogs.save_file_name(
            self, self.tr("Save the customer's data"), self.tr("{name} data.xlsx").format(name=self.file.name),
            "Excel (*.xlsx)", sqlite_path(self.ctx.url))
        if path is None:
            return None
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        written = self.ctx.run(privacy.export_customer_data, self.customer_id, path, parent=self)
        if written is not None:
            self.privacy_message.setText(self.tr("Saved to {path}.").format(path=written))
        return written

    def ask_erase(self) -> EraseDialog:
        self.erase_dialog = EraseDialog(self.ctx, self.customer_id or 0, self.file.name, self)
        self.erase_dialog.accepted.connect(self.reload)
        self.erase_dialog.open()
        return self.erase_dialog


class EraseDialog(QDialog):
    """Irreversible: the manager types the customer's name to erase their personal data."""

    def __init__(self, ctx: AppContext, customer_id: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id = customer_id
        self.setWindowTitle(self.tr("Erase {name}'s personal data").format(name=name))
        text = QLabel(self.tr(
            "This erases {name}'s names, phones, birthdays, address, notes and survey answers for good; orders, "
            "payments and item history stay for the accounts. It cannot be undone.\n\nType the customer's name "
            "“{name}” to confirm:").format(name=name))
        text.setWordWrap(True)
        self.confirmation = QLineEdit()
        self.confirmation.setObjectName("eraseConfirmation")
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        self.message.setWordWrap(True)
        self.erase_button = QPushButton(self.tr("Erase for good"))
        self.erase_button.setObjectName("confirmErase")
        self.erase_button.clicked.connect(self.erase)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        no_default(self.erase_button, cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.erase_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.confirmation)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def erase(self) -> None:
        try:
            self.ctx.call(privacy.erase_customer, self.customer_id, self.confirmation.text())
        except StudioError as exc:
            self.message.setText(error_text(exc))
            return
        self.accept()
