"""One session after booking: its details and history, and what the counter does to it —
move its shoot or selection (改期, with a reason), set the date of a later growth-package
session, shot, no-show (未到店) and rebook, cancel it (one session of a growth package, manager),
its photographer, make-up artist and selection salesperson.

The pieces here (the slot combo showing free places, the list of free slots offered when one
is full, the move dialog) serve the schedule tab and the booking dialog too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListView, QMessageBox,
    QPushButton, QTableView, QVBoxLayout, QWidget,
)

from ..models import Position, SessionChangeKind, SessionState, SlotKind
from ..services import positions as position_service, schedule, staff as staff_service
from ..services.errors import StudioError
from ..services.schedule import HistoryLine, Place, SessionDetail, SlotFull
from ..services.staff import Permission
from . import bugs, names
from .common import OptionalDateEdit, fit_columns, mark, may, no_default
from .context import AppContext
from .i18n import error_text, local_time
from .table_models import Column, RowsModel

FULL_COLOUR = QColor("#c62828")


def day_label(day: dt.date) -> str:
    """12-05 Sat (12-05 周六): a day as the schedule shows it."""
    return f"{day:%m-%d} {QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)}"


def when_text(day: dt.date | None, slot: schedule.Slot | None) -> str:
    if day is None:
        return ""
    return f"{day.isoformat()} {day_label(day).split(' ', 1)[1]} {slot.label}" if slot else \
        f"{day.isoformat()} {day_label(day).split(' ', 1)[1]}"


def call_inline(ctx: AppContext, parent: QWidget, fn: Callable, *args, **kwargs):  # type: ignore[no-untyped-def]
    """``ctx.call`` for a form that shows a refusal beside its fields: returns (result, refusal);
    a bug is reported as by ``ctx.run``."""
    try:
        return ctx.call(fn, *args, **kwargs), None
    except StudioError as exc:
        return None, exc
    except Exception as exc:  # noqa: BLE001 - a bug: logged and reported once, the form stays as typed
        bugs.report(parent, exc)
        return None, None


class SlotCombo(QComboBox):
    """The slots of one day with their free places (full ones in red); first entry: no time yet."""

    def __init__(self, ctx: AppContext, kind: SlotKind, parent: QWidget | None = None, *,
                 ignore_session_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.ignore_session_id = ignore_session_id
        self.day: dt.date | None = None
        self.places: list[Place] = []
        self.addItem(self.tr("no time yet"), None)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)  # 09:00–11:00 · 2 free

    def load(self, day: dt.date | None, *, keep: int | None = None, pick_free: bool = False,
             also_taken: dict[int, int] | None = None) -> None:
        """Show the slots of ``day``; keep the slot chosen (or ``keep``), else with ``pick_free``
        the first with a free place (``also_taken``: places other sessions on screen will take)."""
        wanted = keep if keep is not None else self.slot_id()
        self.day = day
        self.places = []
        if day is not None:
            self.places = self.ctx.run(schedule.day_places, self.kind, day, ignore_session_id=self.ignore_session_id,
                                       parent=self) or []
        self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("no time yet"), None)
        for place in self.places:
            state = self.tr("{n} free").format(n=place.free) if place.free else self.tr("full")
            self.addItem(f"{place.slot.label} · {state}", place.slot.slot_id)
            if not place.free:
                self.setItemData(self.count() - 1, FULL_COLOUR, Qt.ItemDataRole.ForegroundRole)
        index = self.findData(wanted) if wanted is not None else -1
        if pick_free and keep is None and index > 0 and not self.places[index - 1].free:
            index = -1  # the same time on another day, unless it is full there
        if index < 0 and pick_free:
            extra = also_taken or {}
            index = next((i + 1 for i, p in enumerate(self.places) if p.free > extra.get(p.slot.slot_id, 0)), 0)
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)
        self.currentIndexChanged.emit(self.currentIndex())

    def slot_id(self) -> int | None:
        return self.currentData()

    def select_slot(self, slot_id: int | None) -> None:
        self.setCurrentIndex(max(0, self.findData(slot_id)) if slot_id is not None else 0)


class OffersList(QListView):
    """The free slots offered when the one asked for is full: Enter or a double click picks one."""

    picked = Signal(object, int)  # day, slot id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offers")
        self.setMaximumHeight(130)
        self.rows = RowsModel([Column("", lambda p: self.tr("{day} {time} · {n} free").format(
            day=day_label(p.day), time=p.slot.label, n=p.free))], self)
        self.setModel(self.rows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.doubleClicked.connect(lambda _i: self.pick_current())
        self.hide()

    def show_offers(self, offers: Sequence[Place]) -> None:
        self.rows.set_rows(offers)
        self.setVisible(bool(offers))
        if offers:
            self.setCurrentIndex(self.rows.index(0, 0))
            self.setFocus()

    def current(self) -> Place | None:
        index = self.currentIndex()
        return self.rows.row(index) if index.isValid() else None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current() is not None:
            self.pick_current()
            return
        super().keyPressEvent(event)

    def pick_current(self) -> None:
        place = self.current()
        if place is None:
            return
        self.hide()
        self.picked.emit(place.day, place.slot.slot_id)


class MoveDialog(QDialog):
    """Move (改期) a session's shoot or selection, set it where there was none yet, or rebook
    a no-show: a day (today by default), a time showing its free places, and a reason (a move
    needs one). A full time is refused with the free ones near it: Enter picks one, the dialog
    stays open with what was typed."""

    MOVE, SET, REBOOK = "move", "set", "rebook"

    def __init__(self, ctx: AppContext, detail: SessionDetail, kind: SlotKind, parent: QWidget | None = None, *,
                 day: dt.date | None = None, slot_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.kind = kind
        current_day, current_slot = detail.date_of(kind), detail.slot_of(kind)
        if kind is SlotKind.SHOOT and detail.state is SessionState.NO_SHOW:
            self.mode = self.REBOOK
        elif current_day is None:
            self.mode = self.SET
        else:
            self.mode = self.MOVE
        titles = {self.MOVE: self.tr("Move the {what} of {session} ({customer})"),
                  self.SET: self.tr("Set the {what} of {session} ({customer})"),
                  self.REBOOK: self.tr("Rebook the shoot of {session} ({customer})")}
        self.setWindowTitle(titles[self.mode].format(what=names.name(kind).lower(), session=detail.name,
                                                     customer=detail.customer))
        self.date = OptionalDateEdit(day or current_day or ctx.clock.today(), forward=True, today=ctx.clock.today)
        self.date.setObjectName("moveDate")
        self.slot = SlotCombo(ctx, kind, ignore_session_id=detail.session_id)
        self.slot.setObjectName("moveSlot")
        self.reason = QLineEdit()
        self.reason.setObjectName("moveReason")
        self.reason.setPlaceholderText(self.tr("e.g. the customer is away that week") if self.mode == self.MOVE
                                       else self.tr("optional"))
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        self.message.setWordWrap(True)
        self.offers = OffersList()
        self.offers.picked.connect(self.pick)
        self.save_button = QPushButton({self.MOVE: self.tr("Move (Ctrl+Enter)"), self.SET: self.tr("Set (Ctrl+Enter)"),
                                        self.REBOOK: self.tr("Rebook (Ctrl+Enter)")}[self.mode])
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Cancel"))
        close.clicked.connect(self.reject)
        no_default(self.save_button, close)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        form = QFormLayout()
        if current_day is not None:
            form.addRow(self.tr("Now"), QLabel(when_text(current_day, current_slot)))
        form.addRow(self.tr("New day"), self.date)
        form.addRow(self.tr("Time"), self.slot)
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.offers)
        layout.addLayout(buttons)
        self.date.textChanged.connect(self._date_changed)
        if day is not None:  # dropped on a slot (or on "no time yet"): exactly that
            self.slot.load(self._day(), keep=slot_id)
        else:  # the time it has now, or the first free one
            self.slot.load(self._day(), keep=current_slot.slot_id if current_slot else None, pick_free=True)
        if day is not None:
            self.reason.setFocus()  # dropped on a slot: only the reason is left to type
        else:
            self.date.setFocus()
            self.date.selectAll()  # typing replaces the day

    def _day(self) -> dt.date | None:
        day, problem = self.date.parse(self.date.text())
        return None if problem else day

    def _date_changed(self) -> None:
        day = self._day()
        if day != self.slot.day:
            self.slot.load(day, pick_free=True)

    def pick(self, day: dt.date, slot_id: int) -> None:
        """An offered free slot: into the fields, ready to save."""
        self.date.set_date(day)
        self.slot.load(day, keep=slot_id)
        self.message.setText("")
        self.save_button.setFocus()

    def save(self) -> None:
        self.message.setText("")
        if not self.date.check():
            self.message.setText(self.date.problem() or "")
            return
        day = self.date.value()
        if day is None:
            mark(self.date, self.tr("Type the new day."), self.message)
            return
        reason = self.reason.text().strip()
        if self.mode == self.MOVE and not mark(self.reason, None if reason else self.tr(
                "Say why the session moves (the customer asked, the photographer is ill…)."), self.message):
            self.reason.setFocus()
            return
        if self.mode == self.REBOOK:
            done, refusal = call_inline(self.ctx, self, schedule.rebook, self.detail.session_id, day,
                                        self.slot.slot_id(), reason=reason or None)
        else:
            done, refusal = call_inline(self.ctx, self, schedule.schedule, self.detail.session_id, self.kind, day,
                                        self.slot.slot_id(), reason=reason or None)
        if refusal is not None:
            self.message.setText(error_text(refusal))
            if isinstance(refusal, SlotFull):
                if refusal.offers:
                    self.message.setText(error_text(refusal) + "\n" + self.tr("Pick a free time below (Enter)."))
                self.offers.show_offers(refusal.offers)
            return
        if done is not None:
            self.accept()


class CancelSessionDialog(QDialog):
    """Cancel one session of a growth package (manager): its items not yet made are cancelled too."""

    def __init__(self, ctx: AppContext, detail: SessionDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.setWindowTitle(self.tr("Cancel session {session} of order {number}").format(
            session=detail.name, number=detail.order_number))
        self.reason = QLineEdit()
        self.reason.setObjectName("cancelReason")
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        self.message.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Cancel this session"))
        self.cancel_button.setObjectName("cancelSession")
        self.cancel_button.clicked.connect(self.save)
        back = QPushButton(self.tr("Keep it"))
        back.clicked.connect(self.reject)
        no_default(self.cancel_button, back)
        form = QFormLayout()
        form.addRow(QLabel(self.tr("The session's products that are not made yet are cancelled with it; the rest of "
                                   "the order stays. Money is returned by a refund.")))
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(back)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def save(self) -> None:
        if not mark(self.reason, None if self.reason.text().strip() else self.tr("A cancellation needs a reason."),
                    self.message):
            return
        done, refusal = call_inline(self.ctx, self, schedule.cancel_session, self.detail.session_id,
                                    self.reason.text())
        if refusal is not None:
            self.message.setText(error_text(refusal))
        elif done is not None:
            self.accept()


class StaffAssignDialog(QDialog):
    """The session's photographer, make-up artist and selection salesperson, each chosen from
    those who hold that position."""

    POSITIONS = (Position.PHOTOGRAPHER, Position.MAKEUP, Position.SELECTION_SALES)

    def __init__(self, ctx: AppContext, detail: SessionDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.setWindowTitle(self.tr("Staff of {session} ({customer})").format(session=detail.name,
                                                                            customer=detail.customer))
        current = {Position.PHOTOGRAPHER: detail.photographer_id, Position.MAKEUP: detail.makeup_id,
                   Position.SELECTION_SALES: detail.selection_sales_id}
        self.current = current
        self.combos: dict[Position, QComboBox] = {}
        form = QFormLayout()
        for position in self.POSITIONS:
            combo = staff_combo(ctx, position, self)
            combo.setCurrentIndex(max(0, combo.findData(current[position])))
            self.combos[position] = combo
            form.addRow(names.name(position), combo)
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save (Ctrl+Enter)"))
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Cancel"))
        close.clicked.connect(self.reject)
        no_default(self.save_button, close)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def save(self) -> None:
        for position, combo in self.combos.items():
            if combo.currentData() == self.current[position]:
                continue
            done, refusal = call_inline(self.ctx, self, schedule.assign_staff, self.detail.session_id, position,
                                        combo.currentData())
            if refusal is not None:
                self.message.setText(error_text(refusal))
                return
            if done is None:
                return
            self.current[position] = combo.currentData()
        self.accept()


def staff_combo(ctx: AppContext, position: Position, parent: QWidget | None = None) -> QComboBox:
    """Those who hold ``position``, after "nobody yet"."""
    combo = QComboBox(parent)
    combo.addItem("—", None)
    for choice in ctx.run(position_service.staff_holding, position, parent=parent) or []:
        combo.addItem(choice.name, choice.staff_id)
    return combo


class SessionActions:
    """The acts on one session, shared by the schedule tab and the session dialog; ``changed``
    runs after any of them changed something."""

    def __init__(self, owner: QWidget, ctx: AppContext, changed: Callable[[], None]) -> None:
        self.owner = owner
        self.ctx = ctx
        self.changed = changed
        self.dialog: QDialog | None = None  # the last dialog opened (tests drive it)

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.changed)
        self.dialog = dialog
        dialog.open()
        return dialog

    def move(self, detail: SessionDetail, kind: SlotKind, *, day: dt.date | None = None,
             slot_id: int | None = None) -> QDialog:
        return self._open(MoveDialog(self.ctx, detail, kind, self.owner, day=day, slot_id=slot_id))

    def cancel(self, detail: SessionDetail) -> QDialog | None:
        if not may(self.ctx, Permission.CANCEL):
            self.ctx.run(staff_service.require, permission=Permission.CANCEL, parent=self.owner)
            return None
        return self._open(CancelSessionDialog(self.ctx, detail, self.owner))

    def staff(self, detail: SessionDetail) -> QDialog:
        return self._open(StaffAssignDialog(self.ctx, detail, self.owner))

    def shot(self, detail: SessionDetail) -> None:
        if self.ctx.run(schedule.mark_shot, detail.session_id, parent=self.owner) is not None:
            self.changed()

    def no_show(self, detail: SessionDetail) -> None:
        if QMessageBox.question(self.owner, QCoreApplication.translate("SessionActions", "No-show"),
                                QCoreApplication.translate("SessionActions",
                "{customer} did not come for {session}? The place is freed; rebook the session when they call.")
                .format(customer=detail.customer, session=detail.name)) != QMessageBox.StandardButton.Yes:
            return
        if self.ctx.run(schedule.mark_no_show, detail.session_id, parent=self.owner) is not None:
            self.changed()

    def allowed(self, detail: SessionDetail | None, today: dt.date) -> dict[str, bool]:
        """Which acts fit the session as it is now (the services refuse the others anyway)."""
        if detail is None or detail.order_cancelled or detail.state is SessionState.CANCELLED:
            return dict.fromkeys(("move_shoot", "move_selection", "shot", "no_show", "rebook", "cancel", "staff"),
                                 False)
        came = detail.shoot_date is not None and detail.shoot_date <= today
        return dict(
            move_shoot=detail.state in (SessionState.BOOKED, SessionState.NO_SHOW),
            move_selection=detail.state in (SessionState.BOOKED, SessionState.SHOT),
            shot=came and detail.state in (SessionState.BOOKED, SessionState.NO_SHOW),
            no_show=came and detail.state is SessionState.BOOKED,
            rebook=detail.state is SessionState.NO_SHOW,
            cancel=detail.live_sessions > 1 and may(self.ctx, Permission.CANCEL),
            staff=True,
        )


def history_text(line: HistoryLine) -> str:
    """What one history line says, in the window's language."""
    if line.kind in (SessionChangeKind.SCHEDULED, SessionChangeKind.RESCHEDULED):
        what = names.name(line.slot_kind)
        before = f"{line.from_date.isoformat()} {line.from_slot or ''}".strip() if line.from_date else ""
        after = f"{line.to_date.isoformat()} {line.to_slot or ''}".strip() if line.to_date else ""
        text = f"{what}: {before} → {after}" if before else f"{what}: {after}"
        return f"{text} · {line.reason}" if line.reason else text
    if line.kind is SessionChangeKind.STAFF:
        return f"{names.name(line.position)}: {line.reason}" if line.position else (line.reason or "")
    if line.kind is SessionChangeKind.NO_SHOW and line.from_date:
        return f"{line.from_date.isoformat()} {line.from_slot or ''}".strip()
    return line.reason or ""


class SessionDialog(QDialog):
    """A session's details, its history and the acts on it; opened from the schedule tab (Enter)
    and from an order."""

    changed = Signal()

    def __init__(self, ctx: AppContext, session_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session_id = session_id
        self.detail: SessionDetail | None = None
        self.session_actions = SessionActions(self, ctx, self._changed)
        self.resize(760, 560)
        self.header = QLabel()
        self.header.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.fields = {key: QLabel() for key in ("shoot", "selection", "pickup", "photographer", "makeup", "sales")}
        form = QFormLayout()
        for key, label in (("shoot", self.tr("Shoot")), ("selection", self.tr("Selection")),
                           ("pickup", self.tr("Pickup")), ("photographer", names.name(Position.PHOTOGRAPHER)),
                           ("makeup", names.name(Position.MAKEUP)), ("sales", names.name(Position.SELECTION_SALES))):
            self.fields[key].setTextFormat(Qt.TextFormat.PlainText)
            form.addRow(label, self.fields[key])
        self.history = RowsModel([
            Column(self.tr("When"), lambda r: local_time(r.at)),
            Column(self.tr("Change"), lambda r: names.name(r.kind)),
            Column(self.tr("Details"), history_text),
            Column(self.tr("Staff"), lambda r: r.staff or ""),
        ], self)
        self.history_view = QTableView()
        self.history_view.setObjectName("sessionHistory")
        self.history_view.setModel(self.history)
        self.history_view.verticalHeader().setVisible(False)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        fit_columns(self.history_view, 2)
        self.buttons = {
            "move_shoot": QPushButton(self.tr("Move &shoot…")),
            "move_selection": QPushButton(self.tr("Move se&lection…")),
            "shot": QPushButton(self.tr("S&hot")),
            "no_show": QPushButton(self.tr("&No-show")),
            "rebook": QPushButton(self.tr("&Rebook…")),
            "staff": QPushButton(self.tr("S&taff…")),
            "cancel": QPushButton(self.tr("&Cancel session…")),
        }
        self.buttons["move_shoot"].clicked.connect(lambda: self._with(lambda d: self.session_actions.move(d, SlotKind.SHOOT)))
        self.buttons["move_selection"].clicked.connect(
            lambda: self._with(lambda d: self.session_actions.move(d, SlotKind.SELECTION)))
        self.buttons["rebook"].clicked.connect(lambda: self._with(lambda d: self.session_actions.move(d, SlotKind.SHOOT)))
        self.buttons["shot"].clicked.connect(lambda: self._with(self.session_actions.shot))
        self.buttons["no_show"].clicked.connect(lambda: self._with(self.session_actions.no_show))
        self.buttons["staff"].clicked.connect(lambda: self._with(self.session_actions.staff))
        self.buttons["cancel"].clicked.connect(lambda: self._with(self.session_actions.cancel))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        no_default(close, *self.buttons.values())
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("History")))
        layout.addWidget(self.history_view, 1)
        layout.addLayout(row)
        self.load()

    def load(self) -> bool:
        detail = self.ctx.run(schedule.session_detail, self.session_id, parent=self.parentWidget() or self)
        if detail is None:
            return False
        self.detail = detail
        self.setWindowTitle(self.tr("Session {session} of order {number}").format(session=detail.name,
                                                                                number=detail.order_number))
        state = self.tr("order cancelled") if detail.order_cancelled else names.name(detail.state)
        self.header.setText(f"{detail.order_number} · {detail.customer} · {detail.name} — {state}")
        self.fields["shoot"].setText(when_text(detail.shoot_date, detail.shoot_slot) or self.tr("not set yet"))
        self.fields["selection"].setText(when_text(detail.selection_date, detail.selection_slot) or self.tr("not set yet"))
        self.fields["pickup"].setText(detail.pickup_date.isoformat() if detail.pickup_date else "")
        self.fields["photographer"].setText(detail.photographer or "—")
        self.fields["makeup"].setText(detail.makeup or "—")
        self.fields["sales"].setText(detail.selection_sales or "—")
        self.history.set_rows(self.ctx.run(schedule.session_history, self.session_id, parent=self) or [])
        allowed = self.session_actions.allowed(detail, self.ctx.clock.today())
        allowed["move_shoot"] = allowed["move_shoot"] and detail.state is SessionState.BOOKED
        for key, button in self.buttons.items():
            button.setEnabled(allowed[key])
        self.buttons["move_shoot"].setText(self.tr("Move &shoot…") if detail.shoot_date else self.tr("Set &shoot date…"))
        self.buttons["move_selection"].setText(self.tr("Move se&lection…") if detail.selection_date
                                               else self.tr("Set se&lection date…"))
        self.buttons["rebook"].setVisible(detail.state is SessionState.NO_SHOW)
        self.buttons["move_shoot"].setVisible(detail.state is not SessionState.NO_SHOW)
        return True

    def _with(self, act: Callable[[SessionDetail], object]) -> None:
        if self.detail is not None:
            act(self.detail)

    def _changed(self) -> None:
        self.load()
        self.changed.emit()

