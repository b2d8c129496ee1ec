"""Selection day (选片): photos chosen, extras (加选) at catalogue prices, the pickup date and the
payment of the balance and the extras, recorded together.

The keyboard path: the photos field has the focus; Tab (or Enter) leads to the product field,
where part of a name and Enter add one extra at the catalogue price (the same product again adds
one more); the pickup date (the studio's usual days from today) and the amount (balance due plus
the extras, until typed over) are filled in. Ctrl+Enter (the "Record selection" button, never a
default button) asks to confirm with the sums named; Enter there records it all in one
transaction. A refusal is shown in the dialog, which keeps everything typed. Afterwards the new
extras' labels can be printed at once.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
    QPushButton, QSpinBox, QTableWidget, QToolButton, QVBoxLayout, QWidget,
)

from ..devices.labels import A4_SHEET, label_size, print_labels, thermal
from ..models import PaymentMethod
from ..services import selection as selection_service
from ..services.errors import StudioError
from ..services.labels import order_labels
from ..services.selection import CatalogueExtra, ExtraLine, SelectionDay, SelectionResult, SelectionSummary
from . import bugs, names
from .common import MoneyEdit, OptionalDateEdit, cell, mark, no_default
from .context import AppContext
from .i18n import date_text, error_text, money

# Columns of the extras table.
PRODUCT, QUANTITY, PRICE, REASON, AMOUNT, REMOVE = range(6)


class SelectionDialog(QDialog):
    """Extras are a short list typed on the spot, so plain widgets in a table serve here."""

    def __init__(self, ctx: AppContext, order_id: int, session_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.order_id = order_id
        self.confirm_box: QMessageBox | None = None
        self.print_box: QMessageBox | None = None
        self.outcome: SelectionResult | None = None
        self.summary: SelectionSummary | None = ctx.run(selection_service.selection_summary, order_id, session_id,
                                                        parent=parent)
        self.resize(900, 680)
        self.rows: list[CatalogueExtra] = []  # the product of each row of the extras table
        self._amount_typed = False  # the amount follows the total until someone types over it

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setStyleSheet("font-size: 15px;")
        self.session_choice = QComboBox()
        self.session_choice.setObjectName("session")
        self.contents = QLabel()
        self.contents.setWordWrap(True)
        self.photos = QLineEdit()
        self.photos.setObjectName("photos")
        self.photos.setValidator(QIntValidator(0, selection_service.MAX_PHOTOS, self))
        self.photos.setPlaceholderText(self.tr("required"))
        self.photos.setMaximumWidth(120)
        self.sales = QComboBox()
        self.sales.setObjectName("sales")

        self.product = QComboBox()
        self.product.setObjectName("product")
        self.product.setEditable(True)
        self.product.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.product.setMinimumWidth(260)
        typed = self.product.lineEdit()
        assert typed is not None  # an editable combo box has its line edit
        typed.setPlaceholderText(self.tr("Type part of a name, then Enter"))
        completer = QCompleter(self.product.model(), self.product)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.product.setCompleter(completer)
        typed.returnPressed.connect(self.add_typed)
        self.quantity = QSpinBox()
        self.quantity.setObjectName("quantity")
        self.quantity.setRange(1, selection_service.MAX_QUANTITY)
        self.add_button = QPushButton(self.tr("Add (Enter)"))
        self.add_button.clicked.connect(self.add_typed)
        self.extras = QTableWidget(0, 6)
        self.extras.setObjectName("extras")
        self.extras.setHorizontalHeaderLabels([self.tr("Extra"), self.tr("Qty"), self.tr("Price each"),
                                               self.tr("Reason for a price typed by hand"), self.tr("Amount"), ""])
        self.extras.horizontalHeader().setStretchLastSection(False)
        self.extras.setTabKeyNavigation(False)  # Tab walks the fields in the cells
        self.extras.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.extras.verticalHeader().setVisible(False)

        self.pickup = OptionalDateEdit(forward=True, today=ctx.clock.today)
        self.pickup.setObjectName("pickup")
        self.amount = MoneyEdit()
        self.amount.setObjectName("amount")
        self.amount.textEdited.connect(self._amount_edited)  # (textChanged comes first, and from the program too)
        self.method = QComboBox()
        self.method.setObjectName("method")
        for label, m in names.choices(PaymentMethod):
            self.method.addItem(label, m)
        self.total = QLabel()
        self.total.setObjectName("total")
        self.total.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.total.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #d32f2f;")
        self.message.setWordWrap(True)

        # Record with Ctrl+Enter or a click, never with Enter: Enter adds extras and ends scans.
        self.record_button = QPushButton(self.tr("Record selection (Ctrl+Enter)"))
        self.record_button.setObjectName("record")
        self.record_button.clicked.connect(self.record)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        no_default(self.record_button, self.cancel_button, self.add_button)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.record)
        self.photos.returnPressed.connect(self.product.setFocus)

        self.form = form = QFormLayout()
        form.addRow(self.tr("Session"), self.session_choice)
        top = QHBoxLayout()
        top.addWidget(self.photos)
        top.addSpacing(24)
        top.addWidget(QLabel(self.tr("Selection salesperson")))
        top.addWidget(self.sales)
        top.addStretch(1)
        form.addRow(self.tr("Photos chosen"), top)
        extras_box = QGroupBox(self.tr("Extras (加选)"))
        eb = QVBoxLayout(extras_box)
        entry = QHBoxLayout()
        entry.addWidget(self.product, 1)
        entry.addWidget(QLabel(self.tr("Qty")))
        entry.addWidget(self.quantity)
        entry.addWidget(self.add_button)
        eb.addLayout(entry)
        eb.addWidget(self.extras)
        money_form = QFormLayout()
        money_form.addRow(self.tr("Pickup date"), self.pickup)
        paid = QHBoxLayout()
        paid.addWidget(self.amount)
        paid.addWidget(QLabel(self.tr("Paid by")))
        paid.addWidget(self.method)
        paid.addStretch(1)
        money_form.addRow(self.tr("Payment now"), paid)
        buttons = QHBoxLayout()
        buttons.addWidget(self.total, 1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.contents)
        layout.addLayout(form)
        layout.addWidget(extras_box, 1)
        layout.addLayout(money_form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        if self.summary is not None:
            self._show(self.summary)
        self.session_choice.currentIndexChanged.connect(self._session_changed)
        self.photos.setFocus()

    # -- showing the order ---------------------------------------------------------
    def _show(self, s: SelectionSummary) -> None:
        self.summary = s
        self.setWindowTitle(self.tr("Selection day · {number}").format(number=s.checked_number))
        couple = s.customer_name + (f" & {s.partner_name}" if s.partner_name else "")
        chosen = s.chosen
        self.header.setText(self.tr("<b>{number}</b> · {customer} · {phones}<br>{package} · {session} ({state}, shot "
                                    "{shoot}) · balance due {due}").format(
            number=s.checked_number, customer=_plain(couple), phones=_plain(" / ".join(s.phones)),
            package=_plain(s.package_name), session=_plain(chosen.name) if chosen else "—",
            state=names.name(chosen.state) if chosen else "—",
            shoot=date_text(chosen.shoot_date) if chosen and chosen.shoot_date else "—", due=money(s.balance.due_fen)))
        self.session_choice.blockSignals(True)
        self.session_choice.clear()
        for choice in s.sessions:
            self.session_choice.addItem(self.tr("{name} · {state} · shoot {shoot}").format(
                name=choice.name, state=names.name(choice.state), shoot=date_text(choice.shoot_date) or "—"),
                choice.id)
        self.session_choice.setCurrentIndex(max(0, self.session_choice.findData(s.session_id)))
        self.form.setRowVisible(self.session_choice, len(s.sessions) > 1)  # a growth package: which session today
        self.session_choice.blockSignals(False)
        package = ", ".join(_counted([i.product for i in s.package_items])) or "—"
        text = self.tr("Package: {items}").format(items=package)
        if s.extras:
            text += "\n" + self.tr("Extras already bought: {items}").format(
                items=", ".join(f"{i.product} {money(i.extra_price_fen)}" for i in s.extras))
        self.contents.setText(text)
        self.sales.clear()
        self.sales.addItem(self.tr("(not recorded)"), None)
        for sid, name in s.sales_staff:
            self.sales.addItem(name, sid)
        current = s.chosen.selection_sales_id if s.chosen else None
        me = self.ctx.actor.staff_id if self.ctx.actor else None
        index = self.sales.findData(current) if current is not None else self.sales.findData(me)
        self.sales.setCurrentIndex(max(0, index))
        self.product.clear()
        for c in s.catalogue:
            self.product.addItem(self._product_label(c), c.product_type_id)
        self.product.setCurrentIndex(-1)
        self.product.setEditText("")
        if not self.pickup.text():
            self.pickup.set_date(s.default_pickup)
        self._refusal()
        self._tab_order()
        self._update_total()

    def _product_label(self, c: CatalogueExtra) -> str:
        price = money(c.extra_price_fen) if c.extra_price_fen is not None else self.tr("no catalogue price")
        return f"{c.name} · {price}"

    def _refusal(self) -> None:
        """Say at once why the chosen session cannot be recorded (the service refuses it too)."""
        s = self.summary
        why = None
        if s is None or s.chosen is None:
            why = self.tr("This order has no session.")
        elif s.cancelled:
            why = self.tr("This order is cancelled.")
        elif s.chosen.refusal is not None:
            why = self.tr("Its selection cannot be recorded: {why}.").format(why=error_text_of(s.chosen.refusal))
        self.record_button.setEnabled(why is None)
        self.message.setText(why or "")

    def _session_changed(self) -> None:
        session_id = self.session_choice.currentData()
        summary = self.ctx.run(selection_service.selection_summary, self.order_id, session_id, parent=self)
        if summary is not None:
            self._show(summary)

    def _refresh(self) -> None:
        """Read the order again after a refusal; the fields typed stay as they are."""
        try:
            summary = self.ctx.call(selection_service.selection_summary, self.order_id, self.session_choice.currentData())
        except StudioError:
            return
        self._show(summary)

    def _tab_order(self) -> None:
        chain: list[QWidget] = [self.photos, self.product, self.quantity, self.add_button]
        for r in range(self.extras.rowCount()):
            chain += [self.extras.cellWidget(r, c) for c in (QUANTITY, PRICE, REASON, REMOVE)]
        chain += [self.pickup, self.amount, self.method, self.sales, self.session_choice, self.record_button,
                  self.cancel_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # -- extras --------------------------------------------------------------------
    def match(self, text: str) -> tuple[CatalogueExtra | None, int]:
        """The catalogue product a typed text names: its full label or name, else the only one
        whose name or pinyin contains the text. (None, how many match) when none or several do."""
        if self.summary is None:
            return None, 0
        typed = text.strip().casefold()
        if not typed:
            return None, 0
        catalogue = self.summary.catalogue
        for c in catalogue:
            if typed in (c.name.casefold(), self._product_label(c).casefold()):
                return c, 1
        hits = [c for c in catalogue if c.matches(typed)]
        return (hits[0] if len(hits) == 1 else None), len(hits)

    def add_typed(self) -> None:
        """Enter in the product field (or the Add button): add what was typed."""
        text = self.product.currentText()
        product, hits = self.match(text)
        if product is None:
            if text.strip():
                self.message.setText(
                    self.tr("“{text}” names {n} products: type more of the name or pick one from the list.")
                    .format(text=text.strip(), n=hits) if hits else
                    self.tr("No product is called “{text}”.").format(text=text.strip()))
                mark(self.product, self.message.text())
            return
        mark(self.product, None)
        self.message.setText("")
        self.add_extra(product, self.quantity.value())
        self.product.setCurrentIndex(-1)
        self.product.setEditText("")
        self.quantity.setValue(1)
        self.product.setFocus()

    def add_extra(self, product: CatalogueExtra, quantity: int = 1) -> None:
        """One row per product at the catalogue price; the same product again adds to its quantity."""
        for r, existing in enumerate(self.rows):
            price = cell(self.extras, r, PRICE, MoneyEdit)
            if existing.product_type_id == product.product_type_id and not self._typed(r):
                spin = cell(self.extras, r, QUANTITY, QSpinBox)
                spin.setValue(min(spin.maximum(), spin.value() + quantity))
                if product.extra_price_fen is None:
                    price.setFocus()
                return
        r = self.extras.rowCount()
        self.extras.insertRow(r)
        self.rows.append(product)
        name = QLabel(product.name + (self.tr(" (design approval)") if product.needs_approval else ""))
        spin = QSpinBox()
        spin.setRange(1, selection_service.MAX_QUANTITY)
        spin.setValue(quantity)
        spin.valueChanged.connect(self._update_total)
        price = MoneyEdit(product.extra_price_fen or 0)
        price.textChanged.connect(self._update_total)
        reason = QLineEdit()
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(self.tr("Remove this extra"))
        remove.clicked.connect(lambda: self.remove_extra(self._row_of(remove)))
        for c, widget in ((PRODUCT, name), (QUANTITY, spin), (PRICE, price), (REASON, reason), (AMOUNT, QLabel()),
                          (REMOVE, remove)):
            self.extras.setCellWidget(r, c, widget)
        self.extras.resizeColumnsToContents()
        self.extras.setColumnWidth(REASON, max(self.extras.columnWidth(REASON), 240))
        self._tab_order()
        self._update_total()
        if product.extra_price_fen is None:
            price.setFocus()  # no catalogue price: type one (and its reason)

    def _row_of(self, widget: QWidget) -> int:
        return next(r for r in range(self.extras.rowCount()) if self.extras.cellWidget(r, REMOVE) is widget)

    def remove_extra(self, row: int) -> None:
        self.extras.removeRow(row)
        del self.rows[row]
        self._tab_order()
        self._update_total()
        self.product.setFocus()

    def _price(self, row: int) -> int | None:
        try:
            return cell(self.extras, row, PRICE, MoneyEdit).fen() if cell(self.extras, row, PRICE, MoneyEdit).text() \
                else None
        except ValueError:
            return None

    def _typed(self, row: int) -> bool:
        """Does the row's price differ from the catalogue's (so it needs a reason)?"""
        return self._price(row) != self.rows[row].extra_price_fen

    def extras_fen(self) -> int:
        return sum((self._price(r) or 0) * cell(self.extras, r, QUANTITY, QSpinBox).value()
                   for r in range(self.extras.rowCount()))

    # -- money -----------------------------------------------------------------------
    def _amount_edited(self, _text: str) -> None:
        self._amount_typed = True
        self._update_total()

    def due_fen(self) -> int:
        """What the customer owes once the extras are added."""
        return (self.summary.balance.due_fen if self.summary else 0) + self.extras_fen()

    def _update_total(self) -> None:
        for r in range(self.extras.rowCount()):
            typed = self._typed(r)
            reason = cell(self.extras, r, REASON, QLineEdit)
            reason.setEnabled(typed)
            catalogue = self.rows[r].extra_price_fen
            reason.setPlaceholderText(
                "" if not typed else self.tr("Required: the catalogue price is {price}").format(price=money(catalogue))
                if catalogue is not None else self.tr("Required: not sold as an extra in the catalogue"))
            if not typed:
                mark(reason, None)
            cell(self.extras, r, AMOUNT, QLabel).setText(
                money((self._price(r) or 0) * cell(self.extras, r, QUANTITY, QSpinBox).value()))
        due = self.due_fen()
        if not self._amount_typed:
            self.amount.blockSignals(True)
            self.amount.set_fen(max(due, 0))
            self.amount.blockSignals(False)
        try:
            paying = self.amount.fen()
        except ValueError:
            paying = 0
        self.total.setText(self.tr("Extras {extras} · due now {due} · paying {paying} · still due {left}").format(
            extras=money(self.extras_fen()), due=money(max(due, 0)), paying=money(paying),
            left=money(max(due - paying, 0))))

    # -- recording -------------------------------------------------------------------
    def _data(self) -> SelectionDay | None:
        """The selection as typed, or None with the problems marked."""
        s = self.summary
        if s is None or s.session_id is None:
            return None
        self.message.setText("")
        problems: list[str] = []
        text = self.photos.text().strip()
        photos = int(text) if text.isdigit() else 0
        if not mark(self.photos, None if 1 <= photos <= selection_service.MAX_PHOTOS else
                    self.tr("Type how many photos the customer chose.")):
            problems.append(self.photos.toolTip())
        extras = []
        for r, product in enumerate(self.rows):
            price_field = cell(self.extras, r, PRICE, MoneyEdit)
            reason = cell(self.extras, r, REASON, QLineEdit)
            try:
                price = price_field.fen() if price_field.text().strip() else None
            except ValueError:
                price = None
            if not mark(price_field, None if price is not None else self.tr("Type a price for {product}.")
                        .format(product=product.name)):
                problems.append(price_field.toolTip())
                continue
            typed = price != product.extra_price_fen
            if not mark(reason, self.tr("A price typed by hand needs a reason.")
                        if typed and not reason.text().strip() else None):
                problems.append(reason.toolTip())
            extras.append(ExtraLine(product.product_type_id, cell(self.extras, r, QUANTITY, QSpinBox).value(),
                                    price if typed else None, reason.text().strip() or None if typed else None))
        pickup = None
        if self.pickup.check():
            pickup = self.pickup.value()
            if pickup is None:
                mark(self.pickup, self.tr("Agree a pickup date with the customer."))
            elif pickup < s.today:
                mark(self.pickup, self.tr("The pickup date cannot be before today."))
                pickup = None
        if pickup is None:
            problems.append(self.pickup.toolTip())
        try:
            amount = self.amount.fen()
            if not mark(self.amount, self.tr("That is more than is due ({due}).").format(due=money(self.due_fen()))
                        if amount > max(self.due_fen(), 0) else None):
                problems.append(self.amount.toolTip())
        except ValueError:
            amount = 0
            mark(self.amount, self.tr("Amounts are in yuan with at most two decimals."))
            problems.append(self.amount.toolTip())
        if problems or pickup is None:
            self.message.setText(problems[0] if len(problems) == 1 else
                                 self.tr("Please correct the marked fields: {first}").format(first=problems[0]))
            return None
        return SelectionDay(s.session_id, photos, pickup, extras, amount, self.method.currentData(),
                            self.sales.currentData())

    def record(self) -> None:
        """Check the form, then ask to confirm with the sums named; nothing is recorded before
        the answer."""
        if not self.record_button.isEnabled() or (self.confirm_box is not None and self.confirm_box.isVisible()):
            return
        data = self._data()
        if data is None or self.summary is None or self.summary.chosen is None:
            return
        count = sum(e.quantity for e in data.extras)
        values = dict(session=self.summary.chosen.name, customer=self.summary.customer_name, photos=data.photos_chosen,
                      count=count, extras=money(self.extras_fen()), pickup=data.pickup_date.isoformat(),
                      amount=money(data.payment_fen), method=self.method.currentText())
        question = (self.tr("Record the selection of {session} for {customer}: {photos} photos, {count} extras for "
                            "{extras}, pickup on {pickup}, and take {amount} ({method}) now?")
                    if data.payment_fen else
                    self.tr("Record the selection of {session} for {customer}: {photos} photos, {count} extras for "
                            "{extras}, pickup on {pickup}, no payment now?"))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Confirm the selection"), question.format(**values),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("confirmSelection")
        box.setTextFormat(Qt.TextFormat.PlainText)  # a customer's name is never markup
        yes = box.addButton(self.tr("Record it"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Back to the form"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)  # here, and only here, Enter records: the question has been read
        box.setEscapeButton(back)
        box.finished.connect(lambda _r: self._answered(box, yes, data))
        self.confirm_box = box
        box.open()
        yes.setFocus()

    def _answered(self, box: QMessageBox, yes: QPushButton, data: SelectionDay) -> None:
        box.deleteLater()
        self.confirm_box = None
        if box.clickedButton() is not yes:
            return  # back to the form, everything as it was
        try:
            self.outcome = self.ctx.call(selection_service.record_selection, data)
        except StudioError as exc:
            self._refresh()  # what changed meanwhile (a payment, the session's state), keeping what was typed
            self.message.setText(error_text(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a bug: reported once, the dialog lives on
            bugs.report(self, exc)
            return
        if self.outcome.new_codes:
            self._offer_labels(self.outcome)
        else:
            self.accept()

    def _offer_labels(self, result: SelectionResult) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Selection recorded"),
                          self.tr("Selection recorded: {n} new items ({codes}). Print their labels now?").format(
                              n=len(result.new_codes), codes=", ".join(result.new_codes)),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("printLabels")
        box.setTextFormat(Qt.TextFormat.PlainText)
        thermal_button = box.addButton(self.tr("Label printer"), QMessageBox.ButtonRole.AcceptRole)
        sheet_button = box.addButton(self.tr("A4 sheet"), QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(thermal_button)
        box.setEscapeButton(later)

        def answered(_r: int) -> None:
            box.deleteLater()
            self.print_box = None
            clicked = box.clickedButton()
            if clicked in (thermal_button, sheet_button):
                self.print_new_labels(thermal_printer=clicked is thermal_button)
            self.accept()

        box.finished.connect(answered)
        self.print_box = box
        box.open()
        thermal_button.setFocus()

    def new_labels(self) -> list:
        """The labels of the extras just recorded."""
        if self.outcome is None:
            return []
        labels: list = []
        for code in self.outcome.new_codes:
            labels += self.ctx.run(order_labels, code, parent=self) or []
        return labels

    def print_new_labels(self, *, thermal_printer: bool) -> bool:
        layout = thermal(*label_size()) if thermal_printer else A4_SHEET
        return print_labels(self, self.new_labels(), layout)


def error_text_of(key: str) -> str:
    """A session's refusal phrase (NOT_SELECTABLE_TEXT) in the window's language."""
    return QCoreApplication.translate("errors", selection_service.NOT_SELECTABLE_TEXT[key])


def _plain(text: str) -> str:
    """A name inside rich text is shown as it is, never as markup."""
    return html.escape(text)


def _counted(products: list[str]) -> list[str]:
    """["7寸 摆台", "7寸 摆台"] → ["7寸 摆台 ×2"], in the order first seen."""
    seen: dict[str, int] = {}
    for p in products:
        seen[p] = seen.get(p, 0) + 1
    return [p if n == 1 else f"{p} ×{n}" for p, n in seen.items()]
