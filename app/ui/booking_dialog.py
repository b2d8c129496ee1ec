"""Booking a new order: package, deposit, sessions with their dates, extras, discount.

The keyboard path is short and nothing books by accident: the package list has the focus,
Tab leads to the deposit, Ctrl+Enter (the "Book order" button, never a default button, so
Enter in a field books nothing) asks to confirm with the customer, package, total and deposit
named, and Enter there books. Esc in the question goes back to the form as it was. A discount
above the studio's limits first asks for a manager's name and PIN (the manager approval dialog).

Beside the shoot and selection dates a time combo shows each slot's free places for that day
(the first free one is chosen when a date is typed); the session's photographer, make-up artist
and selection salesperson are chosen from those who hold the position. A time that is full
when booking is refused with the free times near it listed under the sessions: Enter picks one
into its session, and the form keeps everything typed.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton,
    QTableWidget, QVBoxLayout, QWidget,
)

from ..models import PaymentMethod, Position, SlotKind
from ..services import catalogue, orders as order_service, positions as position_service
from ..services.errors import StudioError
from ..services.orders import BookOrder, Extra, SessionPlan
from ..services.schedule import SlotFull
from ..services.staff import Actor
from . import bugs, names
from .common import MoneyEdit, OptionalDateEdit, cell, mark, no_default
from .context import AppContext, show_refusal
from .discount_dialog import ManagerApprovalDialog
from .i18n import error_text, money
from .session_dialog import OffersList, SlotCombo


class DateSlot(QWidget):
    """A date and, beside it, the time of day in the schedule with its free places."""

    def __init__(self, ctx: AppContext, kind: SlotKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.date = OptionalDateEdit(forward=True, today=ctx.clock.today)
        self.slot = SlotCombo(ctx, kind)
        self.slot.setObjectName(f"{kind.value}Slot")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.date)
        layout.addWidget(self.slot)

    def day(self) -> dt.date | None:
        day, problem = self.date.parse(self.date.text())
        return None if problem else day


class BookingDialog(QDialog):
    """Sessions and extras are small fixed-size lists, so plain widgets in a table
    serve here; lists that grow with the studio use Qt item models."""

    DATE_COLUMNS = (1, 2, 3)  # shoot, selection, pickup
    SLOT_COLUMNS = {SlotKind.SHOOT: 1, SlotKind.SELECTION: 2}  # their dates carry a time of day
    STAFF_COLUMNS = {Position.PHOTOGRAPHER: 4, Position.MAKEUP: 5, Position.SELECTION_SALES: 6}

    def __init__(self, ctx: AppContext, customer_id: int, customer_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.order_id: int | None = None
        self.order_number: str | None = None
        self.confirm_box: QMessageBox | None = None
        self.approval: ManagerApprovalDialog | None = None
        self.approver: Actor | None = None  # the manager who approved this booking's discount
        self.setWindowTitle(self.tr("New order for {name}").format(name=customer_name))
        self.resize(1220, 660)
        self.packages = ctx.run(catalogue.packages, parent=parent) or []
        self.products = ctx.run(catalogue.product_types, parent=parent) or []
        self.crew = {position: ctx.run(position_service.staff_holding, position, parent=parent) or []
                     for position in self.STAFF_COLUMNS}
        self.slot_full: SlotFull | None = None  # the last refusal for a full time (tests read it)
        self.package = QComboBox()
        self.package.setObjectName("package")
        for p in self.packages:
            self.package.addItem(f"{p.name} · {money(p.price_fen)}", p.id)
        self.package.currentIndexChanged.connect(self._package_changed)
        self.lines = QLabel()
        self.lines.setWordWrap(True)

        self.sessions = QTableWidget(0, 7)
        self.sessions.setObjectName("sessions")
        self.sessions.setHorizontalHeaderLabels([self.tr("Session"), self.tr("Shoot"), self.tr("Selection"),
                                                 self.tr("Pickup"), names.name(Position.PHOTOGRAPHER),
                                                 names.name(Position.MAKEUP), names.name(Position.SELECTION_SALES)])
        self.offers = OffersList()
        self.offers.picked.connect(self._offer_picked)
        self.extras = QTableWidget(0, 4)
        self.extras.setObjectName("extras")
        self.extras.setHorizontalHeaderLabels([self.tr("Extra product"), self.tr("Session"), self.tr("Price"),
                                               self.tr("Note")])
        self.extras.horizontalHeader().setStretchLastSection(True)
        for table in (self.sessions, self.extras):
            # Tab walks the fields in the cells, not the table's own cursor.
            table.setTabKeyNavigation(False)
            table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            table.verticalHeader().setVisible(False)
        self.add_extra_button = QPushButton(self.tr("Add extra"))
        self.add_extra_button.clicked.connect(self.add_extra)
        self.remove_extra_button = QPushButton(self.tr("Remove extra"))
        self.remove_extra_button.clicked.connect(self.remove_extra)

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

        # Book with Ctrl+Enter or a click, never with Enter: Enter ends scans and typing.
        self.book_button = QPushButton(self.tr("Book order (Ctrl+Enter)"))
        self.book_button.setObjectName("book")
        self.book_button.clicked.connect(self.book)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        no_default(self.book_button, self.cancel_button, self.add_extra_button, self.remove_extra_button)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.book)

        form = QFormLayout()
        form.addRow(self.tr("Package"), self.package)
        form.addRow("", self.lines)
        paid = QHBoxLayout()
        paid.addWidget(self.deposit)
        paid.addWidget(QLabel(self.tr("Paid by")))
        paid.addWidget(self.method)
        paid.addStretch(1)
        form.addRow(self.tr("Deposit taken now"), paid)
        extras_box = QGroupBox(self.tr("Extras (加选)"))
        eb = QVBoxLayout(extras_box)
        eb.addWidget(self.extras)
        row = QHBoxLayout()
        row.addWidget(self.add_extra_button)
        row.addWidget(self.remove_extra_button)
        row.addStretch(1)
        eb.addLayout(row)
        money_form = QFormLayout()
        money_form.addRow(self.tr("Discount"), self.discount)
        money_form.addRow(self.tr("Discount reason"), self.discount_reason)
        money_form.addRow(self.tr("Notes"), self.notes)
        buttons = QHBoxLayout()
        buttons.addWidget(self.total, 1)
        buttons.addWidget(self.book_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Sessions and dates")))
        layout.addWidget(self.sessions)
        layout.addWidget(self.offers)
        layout.addWidget(extras_box)
        layout.addLayout(money_form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._package_changed()
        self.package.setFocus()  # choose with the arrow keys, then Tab to the deposit

    def _current_package(self):  # type: ignore[no-untyped-def]
        return next((p for p in self.packages if p.id == self.package.currentData()), None)

    def date_field(self, row: int, column: int) -> OptionalDateEdit:
        widget = self.sessions.cellWidget(row, column)
        if isinstance(widget, DateSlot):
            return widget.date
        return cell(self.sessions, row, column, OptionalDateEdit)

    def date_slot(self, row: int, kind: SlotKind) -> DateSlot:
        return cell(self.sessions, row, self.SLOT_COLUMNS[kind], DateSlot)

    def slot_field(self, row: int, kind: SlotKind) -> SlotCombo:
        return self.date_slot(row, kind).slot

    def staff_field(self, row: int, position: Position) -> QComboBox:
        return cell(self.sessions, row, self.STAFF_COLUMNS[position], QComboBox)

    def _load_slots(self, row: int, kind: SlotKind, *, keep: int | None = None) -> None:
        """The times of the day typed in this row, the first with a place free chosen (the
        other sessions of this order taking their places too)."""
        field = self.date_slot(row, kind)
        day = field.day()
        if day == field.slot.day and keep is None:
            return
        others: dict[int, int] = {}
        for r in range(self.sessions.rowCount()):
            widget = self.sessions.cellWidget(r, self.SLOT_COLUMNS[kind])
            if r == row or not isinstance(widget, DateSlot) or widget.day() != day:
                continue
            taken = widget.slot.slot_id()
            if taken is not None:
                others[taken] = others.get(taken, 0) + 1
        field.slot.load(day, keep=keep, pick_free=True, also_taken=others)

    def _package_changed(self) -> None:
        pkg = self._current_package()
        if pkg is None:
            self.lines.setText(self.tr("No package in the catalogue yet: a manager adds them under Settings."))
            return
        self.lines.setText(", ".join(f"{l.product} ×{l.quantity}" + (f" ({pkg.session_plan[l.session_index]})"
                                                                       if len(pkg.session_plan) > 1 else "")
                                     for l in pkg.lines))
        # The dates already typed stay with their session by position (the first session's
        # shoot date stays the first session's), for the sessions the new package still has.
        typed = [[self.date_field(r, c).text() for c in self.DATE_COLUMNS] for r in range(self.sessions.rowCount())]
        slots = [{k: self.slot_field(r, k).slot_id() for k in self.SLOT_COLUMNS} for r in range(self.sessions.rowCount())]
        crew = [{p: self.staff_field(r, p).currentData() for p in self.STAFF_COLUMNS}
                for r in range(self.sessions.rowCount())]
        self.sessions.setRowCount(0)
        for r, name in enumerate(pkg.session_plan):
            self.sessions.insertRow(r)
            self.sessions.setCellWidget(r, 0, QLineEdit(name))
            for i, c in enumerate(self.DATE_COLUMNS):
                kind = next((k for k, column in self.SLOT_COLUMNS.items() if column == c), None)
                holder = DateSlot(self.ctx, kind) if kind is not None else None
                field = holder.date if holder is not None else OptionalDateEdit(forward=True, today=self.ctx.clock.today)
                if r < len(typed) and typed[r][i]:
                    field.setText(typed[r][i])
                    field.check()
                field.editingFinished.connect(lambda f=field: self._date_left(f))
                self.sessions.setCellWidget(r, c, holder or field)
            for position, c in self.STAFF_COLUMNS.items():
                combo = QComboBox()
                combo.addItem("—", None)
                for choice in self.crew[position]:
                    combo.addItem(choice.name, choice.staff_id)
                if r < len(crew):
                    combo.setCurrentIndex(max(0, combo.findData(crew[r][position])))
                self.sessions.setCellWidget(r, c, combo)
        for r in range(self.sessions.rowCount()):  # once every row is there: they count each other's times
            for kind in self.SLOT_COLUMNS:
                if self.date_slot(r, kind).day() is not None:
                    self._load_slots(r, kind, keep=slots[r][kind] if r < len(slots) else None)
                self.date_slot(r, kind).date.textChanged.connect(lambda _t, r=r, k=kind: self._load_slots(r, k))
        self.sessions.resizeColumnsToContents()
        self.sessions.setColumnWidth(0, min(self.sessions.columnWidth(0), 96))  # 百天照, 婚纱照: short names
        self.sessions.resizeRowsToContents()
        for r in range(self.sessions.rowCount()):  # a date field with its calendar button, not clipped
            self.sessions.setRowHeight(r, max(self.sessions.rowHeight(r), self.date_field(r, 1).sizeHint().height() + 2))
        rows_height = sum(self.sessions.rowHeight(r) for r in range(self.sessions.rowCount()))
        self.sessions.setMinimumHeight(rows_height + self.sessions.horizontalHeader().height() + 6)
        for r in range(self.extras.rowCount()):
            self._fill_session_choices(cell(self.extras, r, 1, QComboBox))
        self._update_total()
        self._tab_order()

    def _date_left(self, field: OptionalDateEdit) -> None:
        """Say at once what is wrong with a date just typed (the field marks itself)."""
        problem = field.problem()
        if problem:
            self.message.setText(problem)
        elif self.message.text() and not any(f.problem() for f in self._date_fields()):
            self.message.setText("")

    def _date_fields(self) -> list[OptionalDateEdit]:
        fields = (self.sessions.cellWidget(r, c) for r in range(self.sessions.rowCount()) for c in self.DATE_COLUMNS)
        return [f for f in fields if isinstance(f, OptionalDateEdit)]  # rows being rebuilt have none yet

    def _tab_order(self) -> None:
        """Package, deposit, paid by, then the rest top to bottom, then the buttons."""
        chain: list[QWidget] = [self.package, self.deposit, self.method]
        for table in (self.sessions, self.extras):
            for r in range(table.rowCount()):
                for c in range(table.columnCount()):
                    widget = table.cellWidget(r, c)
                    chain += [widget.date, widget.slot] if isinstance(widget, DateSlot) else [widget]
        chain += [self.add_extra_button, self.remove_extra_button, self.discount, self.discount_reason, self.notes,
                  self.book_button, self.cancel_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _fill_session_choices(self, combo: QComboBox) -> None:
        combo.clear()
        for r in range(self.sessions.rowCount()):
            combo.addItem(cell(self.sessions, r, 0, QLineEdit).text(), r)

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
        self._tab_order()
        product.setFocus()

    def remove_extra(self) -> None:
        self.extras.removeRow(self.extras.currentRow() if self.extras.currentRow() >= 0 else self.extras.rowCount() - 1)
        self._update_total()
        self._tab_order()

    def _extras_total(self) -> int:
        total = 0
        for r in range(self.extras.rowCount()):
            try:
                total += cell(self.extras, r, 2, MoneyEdit).fen()
            except ValueError:
                pass
        return total

    def _grand_total(self) -> int:
        pkg = self._current_package()
        try:
            discount = self.discount.fen()
        except ValueError:
            discount = 0
        return (pkg.price_fen if pkg else 0) + self._extras_total() - discount

    def _update_total(self) -> None:
        pkg = self._current_package()
        if pkg is None:
            return
        try:
            discount = self.discount.fen()
        except ValueError:
            discount = 0
        self.total.setText(self.tr("Total {total} (package {package} + extras {extras} − discount {discount})").format(
            total=money(self._grand_total()), package=money(pkg.price_fen),
            extras=money(self._extras_total()), discount=money(discount)))

    def _plans(self) -> list[SessionPlan] | None:
        plans = []
        fine = True
        for r in range(self.sessions.rowCount()):
            name = cell(self.sessions, r, 0, QLineEdit)
            dates = [self.date_field(r, c) for c in self.DATE_COLUMNS]
            fine &= mark(name, None if name.text().strip() else self.tr("Every session needs a name."))
            values: list[dt.date | None] = []
            for d in dates:
                if not d.check():
                    fine = False
                    self.message.setText(d.problem() or "")
                    values.append(None)
                else:
                    values.append(d.value())
            known = [(d, v) for d, v in zip(dates, values) if v is not None]
            for (d1, v1), (d2, v2) in zip(known, known[1:]):
                if v2 < v1:
                    fine = False
                    mark(d2, self.tr("This date is before the one on its left."))
                    self.message.setText(self.tr("Session {name}: a later step is dated before an earlier one.")
                                         .format(name=name.text()))
            shoot_day, selection_day, pickup_day = values
            plans.append(SessionPlan(
                name.text(), shoot_day, selection_day, pickup_day,
                shoot_slot_id=self.slot_field(r, SlotKind.SHOOT).slot_id() if values[0] else None,
                selection_slot_id=self.slot_field(r, SlotKind.SELECTION).slot_id() if values[1] else None,
                photographer_id=self.staff_field(r, Position.PHOTOGRAPHER).currentData(),
                makeup_id=self.staff_field(r, Position.MAKEUP).currentData(),
                selection_sales_id=self.staff_field(r, Position.SELECTION_SALES).currentData()))
        return plans if fine else None

    def _data(self) -> BookOrder | None:
        """The order as typed, or None with the problems marked."""
        self.message.setText("")
        pkg = self._current_package()
        if pkg is None:
            return None
        plans = self._plans()
        try:
            discount = self.discount.fen()
            deposit = self.deposit.fen()
            extras = [Extra(cell(self.extras, r, 0, QComboBox).currentData(), cell(self.extras, r, 2, MoneyEdit).fen(),
                            cell(self.extras, r, 1, QComboBox).currentData() or 0,
                            cell(self.extras, r, 3, QLineEdit).text().strip() or None)
                      for r in range(self.extras.rowCount())]
        except ValueError:
            self.message.setText(self.tr("Amounts are in yuan with at most two decimals."))
            return None
        ok = mark(self.discount_reason, self.tr("A discount needs a reason.")
                  if discount and not self.discount_reason.text().strip() else None)
        if plans is None or not ok:
            if not self.message.text():
                self.message.setText(self.tr("Please correct the marked fields."))
            return None
        return BookOrder(self.customer_id, pkg.id, sessions=plans, extras=extras, discount_fen=discount,
                         discount_reason=self.discount_reason.text(), notes=self.notes.text().strip() or None,
                         deposit_fen=deposit, deposit_method=self.method.currentData())

    def book(self) -> None:
        """Check the form, then (a discount above the limits) a manager's approval, then ask
        to confirm; nothing is booked before the answer."""
        if self.confirm_box is not None and self.confirm_box.isVisible():
            return
        if self.approval is not None and self.approval.isVisible():
            return
        data = self._data()
        if data is None:
            return
        self.approver = None
        needs = self.ctx.run(order_service.needs_discount_approval, data, parent=self)
        if needs is None:
            return
        if not needs:
            self._confirm(data)
            return
        dialog = ManagerApprovalDialog(self.ctx, data.discount_fen, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self._approved(dialog, data))
        self.approval = dialog
        dialog.open()

    def _approved(self, dialog: ManagerApprovalDialog, data: BookOrder) -> None:
        self.approval = None
        if dialog.approver is None:
            self.message.setText(self.tr("This discount needs a manager's approval; nothing was booked."))
            self.discount.setFocus()
            return
        self.approver = dialog.approver
        self._confirm(data)

    def _confirm(self, data: BookOrder) -> None:
        pkg = self._current_package()
        values = dict(package=pkg.name, customer=self.customer_name, total=money(self._grand_total()),
                      deposit=money(data.deposit_fen), method=self.method.currentText())
        question = (self.tr("Book {package} for {customer}: total {total}, deposit {deposit} ({method}) now?")
                    if data.deposit_fen else self.tr("Book {package} for {customer}: total {total}, no deposit now?"))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Confirm the order"), question.format(**values),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("confirmBooking")
        box.setTextFormat(Qt.TextFormat.PlainText)  # a customer's name is never markup
        yes = box.addButton(self.tr("Book it"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Back to the form"), QMessageBox.ButtonRole.RejectRole)
        # Here, and only here, Enter or Space books: the question has been read.
        box.setDefaultButton(yes)
        box.setEscapeButton(back)
        box.finished.connect(lambda _r: self._answered(box, yes, data))
        self.confirm_box = box
        box.open()
        yes.setFocus()

    def _answered(self, box: QMessageBox, yes: QPushButton, data: BookOrder) -> None:
        box.deleteLater()
        self.confirm_box = None
        if box.clickedButton() is not yes:
            return  # back to the form, everything as it was
        try:
            order = self.ctx.call(order_service.book_order, data, approved_by=self.approver)
        except SlotFull as exc:
            self._offer(exc)
            return
        except StudioError as exc:
            show_refusal(self, exc)
            return
        except Exception as exc:  # noqa: BLE001 - a bug: reported once, the form stays as typed
            bugs.report(self, exc)
            return
        self.order_id = order.id
        self.order_number = order.number
        self.accept()

    def _offer(self, refusal: SlotFull) -> None:
        """A full time: say so, mark it, and list the free times near it (Enter picks one)."""
        self.slot_full = refusal
        row = refusal.session_index or 0
        combo = self.slot_field(row, refusal.kind)
        combo.load(refusal.day, keep=refusal.slot_id)  # its places as they are now
        mark(combo, error_text(refusal))
        self.message.setText(error_text(refusal) + ("\n" + self.tr("Pick a free time below (Enter), then book again.")
                                                    if refusal.offers else ""))
        self.offers.show_offers(refusal.offers)

    def _offer_picked(self, day: dt.date, slot_id: int) -> None:
        refusal = self.slot_full
        if refusal is None:
            return
        field = self.date_slot(refusal.session_index or 0, refusal.kind)
        field.date.set_date(day)
        field.slot.load(day, keep=slot_id)
        mark(field.slot, None)
        self.message.setText("")
        self.slot_full = None
        self.book_button.setFocus()
