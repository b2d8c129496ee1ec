"""Dialogs of the complaints tab: a new complaint from a phone search, one complaint with its
4A steps, the amend step (redo, discount, gift, refund), the follow-up call, closing and
reopening, and the apology letter. Keyboard first: the search box takes the phone tail,
Enter picks the customer, Tab walks the form; buttons carry mnemonics."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QPlainTextEdit, QPushButton,
    QSpinBox, QVBoxLayout, QWidget,
)

from ..models import AmendKind, ChoiceKind, ComplaintChannel, ComplaintEventKind, ComplaintSeverity, ComplaintStep, FaultParty, Position
from ..models import PaymentMethod
from ..models.db import sqlite_path
from ..services import choices as choice_service, complaints, search as search_service
from ..services import staff as staff_service, studio as studio_service
from ..services.complaints import ComplaintDetail, NewComplaint
from ..services.errors import StudioError
from ..services.staff import Actor, Permission
from . import file_dialogs, names
from .common import OVERDUE_COLOUR, STATUS_COLOURS, MoneyEdit, mark, may, no_default, rows_view
from .complaints_letter import default_template, print_letter, save_letter_pdf
from .context import AppContext
from .i18n import QT_TRANSLATE_NOOP, date_text, error_text, local_time, money, status_name
from .scanning import ScanResult
from .table_models import Column, RowsModel

OVERDUE = OVERDUE_COLOUR
TICKED = QT_TRANSLATE_NOOP("scan", "{code} of {name} ticked: the complaint is about it")
OTHER_CUSTOMER = QT_TRANSLATE_NOOP("scan", "{code} belongs to {name}, not to the customer chosen. Nothing changed.")
DONE = QColor("#c8e6c9")




def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("message")
    label.setStyleSheet("color: #d32f2f;")
    label.setWordWrap(True)
    return label


def _combo(name: str, entries: Sequence[tuple[str, object]], *, empty: str | None = None) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    if empty is not None:
        combo.addItem(empty, None)
    for label, value in entries:
        combo.addItem(label, value)
    return combo


class NewComplaintDialog(QDialog):
    """Record a complaint: find the customer by phone tail or name, tick the items it is
    about, say what and how serious. Refusals are shown at the field."""

    recorded = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("newComplaint")
        self.setWindowTitle(self.tr("New complaint"))
        self.resize(820, 640)
        self.customer_id: int | None = None
        self.complaint_id: int | None = None
        self.search = QLineEdit()
        self.search.setObjectName("complaintSearch")
        self.search.setPlaceholderText(self.tr("Last 4 digits of a phone, or a name; Enter"))
        self.search.returnPressed.connect(self.run_search)
        self.results_model = RowsModel([
            Column(self.tr("Customer"), lambda r: r.customer_name + (f" & {r.partner_name}" if r.partner_name else "")),
            Column(self.tr("Phones"), lambda r: r.phones or ""),
        ], self)
        self.results = rows_view(self.results_model, 1, "complaintCustomers")
        self.results.activated.connect(lambda index: self._pick_row(self.results_model.row(index)))
        self.customer_label = QLabel(self.tr("No customer chosen yet."))
        self.customer_label.setObjectName("complaintCustomer")
        self.customer_label.setStyleSheet("font-weight: bold;")
        self.items = QListWidget()
        self.items.setObjectName("complaintItems")
        self.items.setToolTip(self.tr("Space ticks the items the complaint is about; or scan their labels"))
        self.order = _combo("complaintOrder", [], empty=self.tr("(the order of the items ticked)"))
        self.category = _combo("complaintCategory", [
            (names.choice_name(e), e.id) for e in ctx.run(choice_service.entries, ChoiceKind.COMPLAINT_CATEGORY,
                                                           parent=parent) or []], empty="")
        self.severity = _combo("complaintSeverity", names.choices(ComplaintSeverity))
        self.severity.setCurrentIndex(self.severity.findData(ComplaintSeverity.NORMAL))
        self.channel = _combo("complaintChannel", names.choices(ComplaintChannel))
        staff = ctx.run(complaints.staff_options, parent=parent) or []
        self.staff = _combo("complaintStaff", [(s.name, s.staff_id) for s in staff], empty=self.tr("(nobody named)"))
        self.positions = {s.staff_id: s.positions for s in staff}
        self.position = _combo("complaintPosition", names.choices(Position), empty="")
        self.staff.currentIndexChanged.connect(self._staff_chosen)
        self.owner = _combo("complaintOwner", [(s.name, s.staff_id) for s in staff])
        if ctx.actor is not None:
            self.owner.setCurrentIndex(max(0, self.owner.findData(ctx.actor.staff_id)))
        self.description = QPlainTextEdit()
        self.description.setObjectName("complaintDescription")
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("What the customer says went wrong"))
        self.message = _error_label()
        buttons = QDialogButtonBox()
        self.record_button = buttons.addButton(self.tr("&Record complaint"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.record_button.setObjectName("recordComplaint")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        no_default(self.record_button)
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Rel&ated order"), self.order)
        form.addRow(self.tr("&Category"), self.category)
        form.addRow(self.tr("Se&verity"), self.severity)
        form.addRow(self.tr("C&hannel"), self.channel)
        form.addRow(self.tr("S&taff involved"), self.staff)
        form.addRow(self.tr("&Position"), self.position)
        form.addRow(self.tr("&Owner"), self.owner)
        form.addRow(self.tr("&Description"), self.description)
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("&Find the customer")))
        left.itemAt(0).widget().setBuddy(self.search)  # type: ignore[union-attr]
        left.addWidget(self.search)
        left.addWidget(self.results, 1)
        left.addWidget(self.customer_label)
        items_label = QLabel(self.tr("&Items the complaint is about"))
        items_label.setBuddy(self.items)
        left.addWidget(items_label)
        left.addWidget(self.items, 1)
        grid = QHBoxLayout()
        grid.addLayout(left, 1)
        grid.addLayout(form, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.search.setFocus()

    def run_search(self) -> None:
        try:
            rows = self.ctx.call(search_service.search, self.search.text(), limit=50)
        except StudioError as exc:
            mark(self.search, error_text(exc), self.message)
            return
        seen: set[int] = set()
        people = [r for r in rows if not (r.customer_id in seen or seen.add(r.customer_id))]  # type: ignore[func-returns-value]
        self.results_model.set_rows(people)
        mark(self.search, None if people else self.tr("Nobody found; try another phone tail or name."),
             self.message)
        if len(people) == 1:
            self.pick(people[0].customer_id, people[0].customer_name, people[0].phones)
        elif people:
            self.results.setFocus()
            self.results.selectRow(0)

    def _pick_row(self, row) -> None:  # type: ignore[no-untyped-def]
        self.pick(row.customer_id, row.customer_name, row.phones)

    def pick(self, customer_id: int, name: str = "", phones: str | None = "") -> None:
        """The customer who complains: their items are listed to tick."""
        self.customer_id = customer_id
        self.customer_label.setText(self.tr("Customer: {name} {phones}").format(name=name, phones=phones or ""))
        mark(self.search, None, self.message)
        self.items.clear()
        self.order.clear()
        self.order.addItem(self.tr("(the order of the items ticked)"), None)
        listed = self.ctx.run(complaints.customer_items, customer_id, parent=self) or []
        for number, order_id in dict.fromkeys((i.order_number, i.order_id) for i in listed):
            self.order.addItem(number, order_id)
        for item in listed:
            entry = QListWidgetItem(f"{item.code}  {item.product}  ·  {status_name(item.status)}"
                                    + (f"  ·  {item.lab}" if item.lab else ""))
            entry.setData(Qt.ItemDataRole.UserRole, item.item_id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.items.addItem(entry)
        if self.items.count():
            self.items.setCurrentRow(0)
            self.items.setFocus()
        else:
            self.category.setFocus()

    def tick(self, code: str) -> bool:
        """Tick the item whose code starts this row (a scan of its label); False: not listed."""
        for i in range(self.items.count()):
            if self.items.item(i).text().startswith(code + " "):
                self.items.item(i).setCheckState(Qt.CheckState.Checked)
                self.items.setCurrentRow(i)
                return True
        return False

    def handle_scan(self, code: str) -> ScanResult:
        """A product the customer brought back, scanned: its customer is chosen (unless
        another is) and the item ticked. Nothing is written until Record is pressed."""
        try:
            owner = self.ctx.call(complaints.item_owner, code)
        except StudioError as exc:
            return ScanResult.refusal(exc)
        if self.customer_id is not None and self.customer_id != owner.customer_id:
            return ScanResult.refused(OTHER_CUSTOMER, code=owner.code, name=owner.customer_name)
        if self.customer_id is None:
            self.pick(owner.customer_id, owner.customer_name, owner.phones)
        self.tick(owner.code)
        return ScanResult.accepted(TICKED, owner.code, code=owner.code, name=owner.customer_name)

    def item_ids(self) -> list[int]:
        return [self.items.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.items.count())
                if self.items.item(i).checkState() is Qt.CheckState.Checked]

    def _staff_chosen(self) -> None:
        held = self.positions.get(self.staff.currentData(), [])
        if len(held) == 1:
            self.position.setCurrentIndex(self.position.findData(held[0]))

    def record(self) -> None:
        ok = mark(self.search, None if self.customer_id else self.tr("Find and choose the customer first."),
                  self.message)
        ok = ok and mark(self.category, None if self.category.currentData() is not None else
                         self.tr("Choose the complaint's category."), self.message)
        ok = ok and mark(self.description, None if self.description.toPlainText().strip() else
                         self.tr("Describe the complaint."), self.message)
        if not ok:
            return
        assert self.customer_id is not None
        data = NewComplaint(
            customer_id=self.customer_id, category_id=self.category.currentData(),
            description=self.description.toPlainText(), severity=self.severity.currentData(),
            channel=self.channel.currentData(), order_id=self.order.currentData(), item_ids=self.item_ids(),
            staff_id=self.staff.currentData(),
            staff_position=self.position.currentData(), owner_id=self.owner.currentData())
        try:
            self.complaint_id = self.ctx.call(complaints.record_complaint, data)
        except StudioError as exc:
            self.message.setText(error_text(exc))
            return
        self.recorded.emit(self.complaint_id)
        self.accept()


class AskDialog(QDialog):
    """A short question: a text (reason, note), a score 1-5, or both."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None, *, text: bool = True,
                 score: bool = False, name: str = "ask") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        explain = QLabel(prompt)
        explain.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("askText")
        self.text.setTabChangesFocus(True)
        self.text.setVisible(text)
        self.score = _combo("askScore", [(str(n), n) for n in range(5, 0, -1)], empty="")
        self.score.setVisible(score)
        self.message = _error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("askOk")
        no_default(self.ok_button)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        if score:
            form.addRow(self.tr("&Satisfaction (1-5)"), self.score)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.text)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.score if score else self.text).setFocus()
        self.handler: Callable[[AskDialog], bool] | None = None

    def accept(self) -> None:  # the handler refuses inline and keeps the dialog open
        if self.handler is not None and not self.handler(self):
            return
        super().accept()


class ComplaintDialog(QDialog):
    """One complaint: who, what, the four steps with deadlines (overdue in red), the items
    and their redo, the history; buttons for the next step, amend, the follow-up call, the
    apology letter, closing and reopening."""

    changed = Signal()

    def __init__(self, ctx: AppContext, complaint_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.complaint_id = complaint_id
        self.detail: ComplaintDetail | None = None
        self.child: QDialog | None = None  # the last dialog opened from here (tests drive it)
        self.setObjectName("complaintDialog")
        self.resize(900, 680)
        self.summary = QLabel()
        self.summary.setObjectName("complaintSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.steps_model = RowsModel([
            Column(self.tr("Step"), lambda s: names.name(s.step), self._step_colour),
            Column(self.tr("Due"), lambda s: local_time(s.due)),
            Column(self.tr("Done"), lambda s: local_time(s.done_at)),
            Column(self.tr("By"), lambda s: s.done_by or ""),
            Column(self.tr("Overdue"), lambda s: self.tr("overdue") if s.overdue else "", self._step_colour),
        ], self)
        self.steps = rows_view(self.steps_model, 4, "complaintSteps")
        self.items_model = RowsModel([
            Column(self.tr("Item"), lambda i: i.code),
            Column(self.tr("Product"), lambda i: i.product),
            Column(self.tr("Status"), lambda i: status_name(i.status), lambda i: STATUS_COLOURS[i.status]),
            Column(self.tr("Lab"), lambda i: i.lab or ""),
            Column(self.tr("Redo sent"), lambda i: local_time(i.redo_at)),
            Column(self.tr("Picked up again"), lambda i: local_time(i.picked_up_at)),
        ], self)
        self.items = rows_view(self.items_model, 1, "complaintItemRows")
        self.history_model = RowsModel([
            Column(self.tr("Time"), lambda e: local_time(e.at)),
            Column(self.tr("What"), lambda e: names.name(e.kind) + (f" · {names.name(e.step)}" if e.step else "")),
            Column(self.tr("Staff"), lambda e: e.staff or ""),
            Column(self.tr("Score"), lambda e: str(e.score) if e.score is not None else ""),
            Column(self.tr("Detail"), self._event_detail),
        ], self)
        self.history = rows_view(self.history_model, 4, "complaintHistory")
        self.next_button = QPushButton()
        self.next_button.setObjectName("nextStep")
        self.next_button.clicked.connect(self.next_step)
        self.amend_button = QPushButton(self.tr("A&mend…"))
        self.amend_button.setObjectName("amend")
        self.amend_button.clicked.connect(self.amend)
        self.call_button = QPushButton(self.tr("Follow-up &call…"))
        self.call_button.setObjectName("followUpCall")
        self.call_button.clicked.connect(self.follow_up_call)
        self.letter_button = QPushButton(self.tr("Apology &letter…"))
        self.letter_button.setObjectName("apologyLetter")
        self.letter_button.clicked.connect(self.letter)
        self.close_button = QPushButton(self.tr("Cl&ose complaint…"))
        self.close_button.setObjectName("closeComplaint")
        self.close_button.clicked.connect(self.close_complaint)
        self.reopen_button = QPushButton(self.tr("&Reopen…"))
        self.reopen_button.setObjectName("reopenComplaint")
        self.reopen_button.clicked.connect(self.reopen)
        buttons = (self.next_button, self.amend_button, self.call_button, self.letter_button, self.close_button,
                   self.reopen_button)
        no_default(*buttons)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        done = QPushButton(self.tr("Done"))
        done.clicked.connect(self.accept)
        no_default(done)
        row.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("The 4A steps")))
        layout.addWidget(self.steps, 2)
        layout.addWidget(QLabel(self.tr("Items")))
        layout.addWidget(self.items, 1)
        layout.addWidget(QLabel(self.tr("History")))
        layout.addWidget(self.history, 2)
        layout.addLayout(row)
        self.reload()

    def _event_detail(self, event) -> str:  # type: ignore[no-untyped-def]
        """What was typed; a follow-up call without a score did not reach the customer."""
        if event.kind is ComplaintEventKind.FOLLOW_UP_CALL and event.score is None:
            return " ".join(x for x in (self.tr("Not reached."), event.detail or "") if x)
        return event.detail or ""

    def _step_colour(self, step) -> QColor | None:  # type: ignore[no-untyped-def]
        if step.overdue:
            return OVERDUE
        return DONE if step.done_at is not None else None

    def reload(self) -> None:
        detail = self.ctx.run(complaints.complaint_detail, self.complaint_id, parent=self)
        if detail is None:
            return
        self.detail = d = detail
        self.setWindowTitle(self.tr("Complaint {id} · {customer}").format(id=d.id, customer=d.customer_name))
        lines = [
            self.tr("{customer} ({phones}) · order {order}").format(
                customer=d.customer_name, phones=", ".join(d.phones), order=d.order_number or "–"),
            self.tr("{category} · {severity} · {channel} · {status} · received {received} by {by} · owner {owner}")
            .format(category=names.choice_name(d.category), severity=names.name(d.severity),
                    channel=names.name(d.channel), status=names.name(d.status), received=local_time(d.received_at),
                    by=d.received_by or "–", owner=d.owner or "–"),
            self.tr("Staff involved: {staff} {position}").format(staff=d.staff or "–",
                                                                 position=names.name(d.staff_position)),
            d.description,
        ]
        if d.amend_kind is not None:
            lines.append(self.tr("Amend: {kind} {amount} {action} · fault: {fault} {lab}").format(
                kind=names.name(d.amend_kind), amount=money(d.amend_fen) if d.amend_fen else "",
                action=d.amend_action or "", fault=names.name(d.fault) or "–", lab=d.lab or ""))
        if d.redo_waiting:
            lines.append(self.tr("Waiting for the redone items to be picked up; a follow-up call is then scheduled."))
        if d.follow_up_due is not None:
            lines.append(self.tr("Follow-up call due on {day}").format(day=date_text(d.follow_up_due)))
        if d.resolution_score is not None:
            lines.append(self.tr("Satisfaction with the resolution: {score} / 5").format(score=d.resolution_score))
        self.summary.setText("\n".join(lines))
        self.steps_model.set_rows(d.steps)
        self.items_model.set_rows(d.items)
        self.history_model.set_rows(d.events)
        handle = may(self.ctx, Permission.HANDLE_COMPLAINTS)
        open_ = d.status.value != "closed"
        step = d.next_step
        self.next_button.setText(self.tr("Mark “{step}” &done").format(step=names.name(step)) if step
                                 else self.tr("All steps done"))
        self.next_button.setEnabled(handle and open_ and step in (ComplaintStep.ACKNOWLEDGE, ComplaintStep.APOLOGIZE,
                                                                  ComplaintStep.ANTICIPATE)
                                    and d.follow_up_id is None and not d.redo_waiting)
        self.amend_button.setEnabled(handle and open_ and step is ComplaintStep.AMEND)
        self.call_button.setEnabled(handle and d.follow_up_id is not None)
        self.close_button.setEnabled(handle and open_ and step is None)
        self.reopen_button.setEnabled(handle and not open_)

    def _done(self, result: object) -> bool:
        if result is None:
            return False
        self.reload()
        self.changed.emit()
        return True

    def _run(self, dialog: AskDialog, fn, arguments) -> AskDialog:  # type: ignore[no-untyped-def]
        """Open ``dialog``; OK calls ``fn(*args, **kwargs)`` with ``arguments(dialog)``, a
        refusal shown in the dialog, which stays open."""
        def handler(d: AskDialog) -> bool:
            args, kwargs = arguments(d)
            try:
                self.ctx.call(fn, *args, **kwargs)
            except StudioError as exc:
                d.message.setText(error_text(exc))
                return False
            self.reload()
            self.changed.emit()
            return True
        dialog.handler = handler
        self.child = dialog
        dialog.open()
        return dialog

    def next_step(self) -> QDialog | None:
        """Acknowledge and Apologize are done at once; Anticipate asks what changes."""
        assert self.detail is not None
        step = self.detail.next_step
        if step is ComplaintStep.ANTICIPATE:
            dialog = AskDialog(self.tr("Anticipate"), self.tr(
                "What changes so that it does not happen again? (required)"), self, name="anticipateNote")
            return self._run(dialog, complaints.mark_step_done,
                             lambda d: ((self.complaint_id, step), {"note": d.text.toPlainText()}))
        if step is not None:
            self._done(self.ctx.run(complaints.mark_step_done, self.complaint_id, step, parent=self))
        return None

    def amend(self) -> AmendDialog:
        assert self.detail is not None
        dialog = AmendDialog(self.ctx, self.detail, self)
        dialog.accepted.connect(lambda: self._done(True))
        self.child = dialog
        dialog.open()
        return dialog

    def follow_up_call(self) -> FollowUpCallDialog:
        assert self.detail is not None and self.detail.follow_up_id is not None
        dialog = FollowUpCallDialog(self.ctx, self.detail.follow_up_id, self)
        dialog.accepted.connect(lambda: self._done(True))
        self.child = dialog
        dialog.open()
        return dialog

    def close_complaint(self) -> AskDialog:
        dialog = AskDialog(self.tr("Close the complaint"), self.tr(
            "How satisfied is the customer with the resolution? (1 = not at all, 5 = fully) A note if you like."),
            self, score=True, name="closeAsk")
        return self._run(dialog, complaints.close_complaint,
                         lambda d: ((self.complaint_id, d.score.currentData()), {"note": d.text.toPlainText()}))

    def reopen(self) -> AskDialog:
        dialog = AskDialog(self.tr("Reopen the complaint"), self.tr(
            "Why is it reopened? (required) Its history stays; Amend and Anticipate are open again."), self,
            name="reopenAsk")
        return self._run(dialog, complaints.reopen_complaint,
                         lambda d: ((self.complaint_id, d.text.toPlainText()), {}))

    def letter(self) -> LetterDialog:
        dialog = LetterDialog(self.ctx, self.complaint_id, self)
        self.child = dialog
        dialog.open()
        return dialog


class AmendDialog(QDialog):
    """The Amend step: a redo of ticked items (whose fault it was, the lab at fault), a
    discount or a refund with its amount, or a gift; a refund needs a manager's name and PIN
    unless a manager is signed in."""

    def __init__(self, ctx: AppContext, detail: ComplaintDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.setObjectName("amendDialog")
        self.setWindowTitle(self.tr("Amend · complaint {id}").format(id=detail.id))
        self.kind = _combo("amendKind", names.choices(AmendKind))
        self.items = QListWidget()
        self.items.setObjectName("amendItems")
        for item in detail.items:
            entry = QListWidgetItem(f"{item.code}  {item.product}  ·  {status_name(item.status)}")
            entry.setData(Qt.ItemDataRole.UserRole, item.item_id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked)
            self.items.addItem(entry)
        self.fault = _combo("amendFault", names.choices(FaultParty), empty="")
        self.lab = _combo("amendLab", [(n, i) for i, n in ctx.run(complaints.lab_options, parent=parent) or []],
                          empty=self.tr("(the items' lab)"))
        self.amount = MoneyEdit()
        self.amount.setObjectName("amendAmount")
        self.method = _combo("amendMethod", names.choices(PaymentMethod))
        self.action = QLineEdit()
        self.action.setObjectName("amendAction")
        self.action.setPlaceholderText(self.tr("What was done or given, in words"))
        self.manager = QComboBox()
        self.manager.setObjectName("amendManager")
        self.manager.setEditable(True)
        self.manager.addItems(ctx.run(studio_service.staff_names, parent=parent) or [])
        self.manager.setCurrentText("")
        self.pin = QLineEdit()
        self.pin.setObjectName("amendManagerPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = _error_label()
        form = QFormLayout()
        form.addRow(self.tr("&How"), self.kind)
        form.addRow(self.tr("&Items to redo"), self.items)
        form.addRow(self.tr("Whose &fault"), self.fault)
        form.addRow(self.tr("&Lab at fault"), self.lab)
        form.addRow(self.tr("&Amount"), self.amount)
        form.addRow(self.tr("Refund &method"), self.method)
        form.addRow(self.tr("&What was done"), self.action)
        self.approval = QGroupBox(self.tr("A manager approves the refund"))
        approval = QGridLayout(self.approval)
        approval.addWidget(QLabel(self.tr("Manager")), 0, 0)
        approval.addWidget(self.manager, 0, 1)
        approval.addWidget(QLabel(self.tr("PIN")), 1, 0)
        approval.addWidget(self.pin, 1, 1)
        self.form = form
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("Amen&d"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("amendSave")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        no_default(self.save_button)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.approval)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._shape())
        self.fault.currentIndexChanged.connect(lambda _i: self._shape())
        self._shape()
        self.kind.setFocus()

    def _shape(self) -> None:
        kind = self.kind.currentData()
        for widget, shown in ((self.items, kind == AmendKind.REDO),
                              (self.lab, self.fault.currentData() == FaultParty.LAB),
                              (self.amount, kind in (AmendKind.DISCOUNT, AmendKind.REFUND)),
                              (self.method, kind == AmendKind.REFUND)):
            widget.setVisible(shown)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setVisible(shown)
        self.approval.setVisible(kind == AmendKind.REFUND and not may(self.ctx, Permission.REFUND))

    def item_ids(self) -> list[int]:
        return [self.items.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.items.count())
                if self.items.item(i).checkState() is Qt.CheckState.Checked]

    def save(self) -> None:
        kind = self.kind.currentData()
        kwargs: dict[str, object] = {"action": self.action.text(), "fault": self.fault.currentData()}
        if kind == AmendKind.REDO:
            if not mark(self.items, None if self.item_ids() else self.tr("Tick the items to make again."),
                        self.message):
                return
            kwargs["item_ids"] = self.item_ids()
            if not mark(self.fault, None if self.fault.currentData() is not None else
                        self.tr("Say whose fault it was."), self.message):
                return
        if self.fault.currentData() == FaultParty.LAB and self.lab.currentData() is not None:
            kwargs["lab_id"] = self.lab.currentData()
        if kind in (AmendKind.DISCOUNT, AmendKind.REFUND):
            try:
                fen = self.amount.fen()
            except ValueError as exc:
                mark(self.amount, str(exc), self.message)
                return
            if not mark(self.amount, None if fen > 0 else self.tr("Give the amount."), self.message):
                return
            kwargs["amount_fen"] = fen
        if kind == AmendKind.REFUND:
            kwargs["method"] = self.method.currentData()
            if not may(self.ctx, Permission.REFUND):
                approver = self._approver()
                if approver is None:
                    return
                kwargs["approved_by"] = approver
        try:
            self.ctx.call(complaints.amend, self.detail.id, kind, **kwargs)
        except StudioError as exc:
            self.message.setText(error_text(exc))
            return
        self.accept()

    def _approver(self) -> Actor | None:
        try:
            return self.ctx.call(staff_service.verify_manager, self.manager.currentText(), self.pin.text())
        except StudioError as exc:
            self.message.setText(error_text(exc))
            self.pin.clear()
            self.pin.setFocus()
            return None


class FollowUpCallDialog(QDialog):
    """The follow-up call after a redone item was picked up: reached or not; the customer's
    score (1-5) and what they said close Anticipate."""

    def __init__(self, ctx: AppContext, follow_up_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.follow_up_id = follow_up_id
        self.setObjectName("followUpCallDialog")
        self.setWindowTitle(self.tr("Follow-up call"))
        self.reached = QCheckBox(self.tr("&Reached the customer"))
        self.reached.setObjectName("callReached")
        self.reached.setChecked(True)
        self.score = _combo("callScore", [(str(n), n) for n in range(5, 0, -1)], empty="")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("callNotes")
        self.notes.setTabChangesFocus(True)
        self.message = _error_label()
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("&Save the call"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("callSave")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        no_default(self.save_button)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.reached)
        form.addRow(self.tr("Sc&ore (1-5)"), self.score)
        form.addRow(self.tr("&Notes: what the customer said"), self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.reached.toggled.connect(self.score.setEnabled)

    def save(self) -> None:
        reached = self.reached.isChecked()
        if reached and not mark(self.score, None if self.score.currentData() is not None else
                                self.tr("Give the customer's score, 1 to 5."), self.message):
            return
        try:
            self.ctx.call(complaints.record_follow_up_call, self.follow_up_id, reached,
                          score=self.score.currentData() if reached else None, notes=self.notes.toPlainText())
        except StudioError as exc:
            self.message.setText(error_text(exc))
            return
        self.accept()


class LetterDialog(QDialog):
    """The apology letter: the studio's template (editable, saved as the studio's), the
    letter filled in below it, printed or saved as a PDF."""

    def __init__(self, ctx: AppContext, complaint_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.complaint_id = complaint_id
        self.setObjectName("letterDialog")
        self.setWindowTitle(self.tr("Apology letter · complaint {id}").format(id=complaint_id))
        self.resize(760, 640)
        self.fields = ctx.run(complaints.letter_fields, complaint_id, parent=parent) or {}
        saved: str | None = ctx.run(complaints.letter_template, parent=parent)
        self.template = QPlainTextEdit(saved or default_template())
        self.template.setObjectName("letterTemplate")
        self.template.setTabChangesFocus(True)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("letterText")
        self.preview.setTabChangesFocus(True)
        self.message = _error_label()
        hint = QLabel(self.tr("Placeholders: {customer} {date} {received} {order} {description} {amend} {studio} "
                              "{staff}. Edit the letter below before printing; save the template for next time."))
        hint.setWordWrap(True)
        self.save_template_button = QPushButton(self.tr("Save as the studio's &template"))
        self.save_template_button.setObjectName("saveLetterTemplate")
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setObjectName("printLetter")
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"))
        self.pdf_button.setObjectName("letterPdf")
        close = QPushButton(self.tr("Close"))
        no_default(self.save_template_button, self.print_button, self.pdf_button, close)
        self.save_template_button.clicked.connect(self.save_template)
        self.save_template_button.setVisible(may(ctx, Permission.MANAGE_SETTINGS))
        self.print_button.clicked.connect(lambda: print_letter(self, self.preview.toPlainText()))
        self.pdf_button.clicked.connect(lambda: self.save_pdf(None))
        close.clicked.connect(self.accept)
        self.template.textChanged.connect(self.fill)
        row = QHBoxLayout()
        for button in (self.save_template_button, self.print_button, self.pdf_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Template")))
        layout.addWidget(self.template, 1)
        layout.addWidget(hint)
        layout.addWidget(QLabel(self.tr("Letter")))
        layout.addWidget(self.preview, 2)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.fill()

    def fill(self) -> None:
        self.preview.setPlainText(complaints.fill_letter(self.template.toPlainText(), self.fields))

    def save_template(self) -> None:
        try:
            self.ctx.call(complaints.set_letter_template, self.template.toPlainText())
        except StudioError as exc:
            self.message.setText(error_text(exc))
            return
        self.message.setText("")

    def save_pdf(self, path: Path | None) -> Path | None:
        path = path or file_dialogs.save_file_name(self, self.tr("Save the letter as PDF"),
                                                   f"apology-{self.complaint_id}.pdf", "PDF (*.pdf)",
                                                   sqlite_path(self.ctx.url))
        if path is None:
            return None
        try:
            return save_letter_pdf(path, self.preview.toPlainText())
        except OSError as exc:
            QMessageBox.warning(self, "StudioDesk", self.tr("The PDF could not be written: {error}").format(error=exc))
            return None


class DeadlinesDialog(QDialog):
    """A manager sets the hours by which each step is due after a complaint is received, per
    severity (complaints already recorded keep their deadlines)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("complaintDeadlines")
        self.setWindowTitle(self.tr("Complaint step deadlines"))
        explain = QLabel(self.tr("Hours after a complaint is received by which each step is due. Complaints "
                                 "already recorded keep their deadlines."))
        explain.setWordWrap(True)
        grid = QGridLayout()
        self.spins: dict[tuple[object, object], QSpinBox] = {}
        for column, step in enumerate(complaints.STEPS, start=1):
            grid.addWidget(QLabel(names.name(step)), 0, column)
        for row, (label, severity) in enumerate(names.choices(ComplaintSeverity), start=1):
            grid.addWidget(QLabel(label), row, 0)
            hours = ctx.run(complaints.deadline_hours, severity, parent=parent) or {}
            for column, step in enumerate(complaints.STEPS, start=1):
                spin = QSpinBox()
                spin.setObjectName(f"hours_{severity}_{step.value}")
                spin.setRange(1, complaints.MAX_HOURS)
                spin.setSuffix(self.tr(" h"))
                spin.setValue(hours.get(step, 1))
                self.spins[(severity, step)] = spin
                grid.addWidget(spin, row, column)
        self.message = _error_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        no_default(self.save_button)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            for _label, severity in names.choices(ComplaintSeverity):
                self.ctx.call(complaints.set_deadline_hours, severity,
                              [self.spins[(severity, step)].value() for step in complaints.STEPS])
        except StudioError as exc:
            self.message.setText(error_text(exc))
            return
        self.accept()
