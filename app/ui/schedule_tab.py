"""The schedule (档期): a day or a week of shoots (or selections), each time slot of each day
showing how many of its places are taken ("1/2"), full ones coloured, with the sessions in it.

Keys: PgUp / PgDn the previous / next day or week, T today, D day view, W week view, S shoots,
L selections; Enter on a slot goes to its sessions, Enter on a session opens it. The acts on the
selected session are the buttons at the right (with their Alt keys); drag a session from the
list onto another slot to move it (the move dialog opens with that slot, the reason still to type).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QListView, QPushButton,
    QSizePolicy, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from ..models import SessionState, SlotKind
from ..services import schedule
from ..services.schedule import Calendar, CalendarEntry, SessionDetail
from . import names
from .common import no_default
from .context import AppContext
from .session_dialog import SessionActions, SessionDialog, day_label, when_text
from .table_models import Column, RowsModel

MIME = "application/x-studiodesk-session"
FULL = QColor("#ffcdd2")
TODAY_HEADER = QColor("#fff59d")
NO_TIME = QColor("#f5f5f5")
Index = QModelIndex | QPersistentModelIndex


class CalendarModel(QAbstractTableModel):
    """Rows: the slots (and a last row for sessions whose time is not set yet); columns: days."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calendar: Calendar | None = None
        self.detailed = False  # the day view lists the staff too
        self.today: dt.date | None = None

    def set_calendar(self, calendar: Calendar, *, detailed: bool, today: dt.date) -> None:
        self.beginResetModel()
        self.calendar = calendar
        self.detailed = detailed
        self.today = today
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if self.calendar is None or parent.isValid() else len(self.calendar.slots) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if self.calendar is None or parent.isValid() else len(self.calendar.days)

    def cell(self, index: Index) -> tuple[dt.date, int | None]:
        assert self.calendar is not None
        day = self.calendar.days[index.column()]
        slot = self.calendar.slots[index.row()].slot_id if index.row() < len(self.calendar.slots) else None
        return day, slot

    def entries(self, index: Index) -> list[CalendarEntry]:
        if self.calendar is None or not index.isValid():
            return []
        return self.calendar.sessions(*self.cell(index))

    def index_of(self, day: dt.date, slot_id: int | None) -> QModelIndex:
        if self.calendar is None or day not in self.calendar.days:
            return QModelIndex()
        ids = [s.slot_id for s in self.calendar.slots] + [None]
        return self.index(ids.index(slot_id), self.calendar.days.index(day)) if slot_id in ids else QModelIndex()

    def usual(self, state: SessionState) -> bool:
        """A state not worth a word in a cell: booked for a shoot, booked or shot for a selection."""
        if self.calendar is not None and self.calendar.kind is SlotKind.SELECTION:
            return state in (SessionState.BOOKED, SessionState.SHOT)
        return state is SessionState.BOOKED

    def entry_text(self, entry: CalendarEntry) -> str:
        text = f"{entry.customer} · {entry.session_name}"
        if not self.usual(entry.state):
            text += f" ({names.name(entry.state)})"
        if self.detailed:
            crew = [n for n in (entry.photographer, entry.makeup) if n] if self.calendar and \
                self.calendar.kind is SlotKind.SHOOT else [n for n in (entry.selection_sales,) if n]
            text = f"{entry.order_number}  {text}" + (f"  [{' / '.join(crew)}]" if crew else "")
        return text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.calendar is None or not index.isValid():
            return None
        day, slot_id = self.cell(index)
        entries = self.calendar.sessions(day, slot_id)
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [self.entry_text(e) for e in entries]
            if slot_id is None:
                return "\n".join(lines)
            head = f"{self.calendar.taken(day, slot_id)}/{self.calendar.capacity(slot_id)}"
            if self.calendar.is_full(day, slot_id):
                head += "  " + self.tr("full")
            return "\n".join([head, *lines])
        if role == Qt.ItemDataRole.BackgroundRole:
            if slot_id is None:
                return NO_TIME
            return FULL if self.calendar.is_full(day, slot_id) else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.calendar is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            day = self.calendar.days[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return day_label(day)
            if role == Qt.ItemDataRole.BackgroundRole and day == self.today:
                return TODAY_HEADER
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < len(self.calendar.slots):
                slot = self.calendar.slots[section]
                return slot.label + ("" if slot.active else " " + self.tr("(not offered)"))
            return self.tr("No time yet")
        return None


class CalendarView(QTableView):
    """The grid; a session dragged from the list is dropped on a slot here."""

    dropped = Signal(int, object, object)  # session id, day, slot id (None: no time)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if event.mimeData().hasFormat(MIME) and self.indexAt(event.position().toPoint()).isValid():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        index = self.indexAt(event.position().toPoint())
        model = self.model()
        if not event.mimeData().hasFormat(MIME) or not index.isValid() or not isinstance(model, CalendarModel):
            event.ignore()
            return
        session_id = int(bytes(event.mimeData().data(MIME).data()).decode())
        day, slot_id = model.cell(index)
        event.acceptProposedAction()
        self.dropped.emit(session_id, day, slot_id)


class SessionRows(RowsModel):
    """The sessions of the selected slot; each can be dragged onto another slot."""

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt API
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]  # noqa: N802
        data = QMimeData()
        if indexes:
            entry: CalendarEntry = self.row(indexes[0])
            data.setData(MIME, QByteArray(str(entry.session_id).encode()))
        return data


class ScheduleTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.day = ctx.clock.today()
        self.kind = SlotKind.SHOOT
        self.week = True
        self.detail: SessionDetail | None = None
        self.session_actions = SessionActions(self, ctx, self.refresh)
        self.session_dialog: SessionDialog | None = None

        self.previous_button = QPushButton(self.tr("◀ Previous (PgUp)"))
        self.today_button = QPushButton(self.tr("&Today (T)"))
        self.next_button = QPushButton(self.tr("Next (PgDn) ▶"))
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_today)
        self.day_button = QPushButton(self.tr("Day (D)"))
        self.week_button = QPushButton(self.tr("Week (W)"))
        self.shoot_button = QPushButton(self.tr("Shoots (S)"))
        self.selection_button = QPushButton(self.tr("Selections (L)"))
        for group_buttons in ((self.day_button, self.week_button), (self.shoot_button, self.selection_button)):
            group = QButtonGroup(self)
            for button in group_buttons:
                button.setCheckable(True)
                group.addButton(button)
        self.week_button.setChecked(True)
        self.shoot_button.setChecked(True)
        self.day_button.clicked.connect(lambda: self.set_week(False))
        self.week_button.clicked.connect(lambda: self.set_week(True))
        self.shoot_button.clicked.connect(lambda: self.set_kind(SlotKind.SHOOT))
        self.selection_button.clicked.connect(lambda: self.set_kind(SlotKind.SELECTION))
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.model = CalendarModel(self)
        self.grid = CalendarView()
        self.grid.setObjectName("calendar")
        self.grid.setModel(self.model)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(True)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.grid.selectionModel().currentChanged.connect(lambda _c, _p: self._cell_changed())
        self.grid.activated.connect(lambda _i: self._to_sessions())
        self.grid.dropped.connect(self.dropped)

        self.session_rows = SessionRows([Column("", self._session_text)], self)
        self.sessions = QListView()
        self.sessions.setObjectName("slotSessions")
        self.sessions.setModel(self.session_rows)
        self.sessions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sessions.setDragEnabled(True)
        self.sessions.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.sessions.selectionModel().currentChanged.connect(lambda _c, _p: self._session_changed())
        self.sessions.activated.connect(lambda _i: self.open_session())
        self.cell_title = QLabel()
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.buttons = {
            "open": QPushButton(self.tr("Op&en… (Enter)")),
            "move": QPushButton(self.tr("&Move…")),
            "shot": QPushButton(self.tr("Mar&k shot")),
            "no_show": QPushButton(self.tr("&No-show")),
            "rebook": QPushButton(self.tr("&Rebook…")),
            "staff": QPushButton(self.tr("St&aff…")),
            "cancel": QPushButton(self.tr("&Cancel session…")),
        }
        no_default(self.previous_button, self.today_button, self.next_button, self.day_button, self.week_button,
                   self.shoot_button, self.selection_button, *self.buttons.values())
        self.buttons["open"].clicked.connect(self.open_session)
        self.buttons["move"].clicked.connect(lambda: self.move_session())
        self.buttons["rebook"].clicked.connect(lambda: self.move_session())
        self.buttons["shot"].clicked.connect(lambda: self._with(self.session_actions.shot))
        self.buttons["no_show"].clicked.connect(lambda: self._with(self.session_actions.no_show))
        self.buttons["staff"].clicked.connect(lambda: self._with(self.session_actions.staff))
        self.buttons["cancel"].clicked.connect(lambda: self._with(self.session_actions.cancel))

        top = QHBoxLayout()
        for widget in (self.previous_button, self.today_button, self.next_button):
            top.addWidget(widget)
        top.addSpacing(12)
        top.addWidget(self.title, 1)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        toggles = QGridLayout()
        toggles.addWidget(self.shoot_button, 0, 0)
        toggles.addWidget(self.selection_button, 0, 1)
        toggles.addWidget(self.day_button, 1, 0)
        toggles.addWidget(self.week_button, 1, 1)
        side_layout.addLayout(toggles)
        side_layout.addWidget(self.cell_title)
        side_layout.addWidget(self.sessions, 1)
        side_layout.addWidget(self.info)
        acts = QGridLayout()
        for i, key in enumerate(("open", "move", "shot", "no_show", "staff", "cancel", "rebook")):
            acts.addWidget(self.buttons[key], i // 2, i % 2)
        side_layout.addLayout(acts)
        splitter = QSplitter()
        splitter.addWidget(self.grid)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([820, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        legend = QLabel(self.tr("Each slot shows places taken / places in it; full slots are red. Drag a session "
                                "onto another slot to move it."))
        legend.setStyleSheet("color: #666;")
        legend.setWordWrap(True)
        layout.addWidget(legend)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for shortcut, act in ((Qt.Key.Key_PageUp, lambda: self.step(-1)), (Qt.Key.Key_PageDown, lambda: self.step(1)),
                          (Qt.Key.Key_T, self.go_today), (Qt.Key.Key_D, lambda: self.set_week(False)),
                          (Qt.Key.Key_W, lambda: self.set_week(True)),
                          (Qt.Key.Key_S, lambda: self.set_kind(SlotKind.SHOOT)),
                          (Qt.Key.Key_L, lambda: self.set_kind(SlotKind.SELECTION))):
            QShortcut(QKeySequence(shortcut), self, act, context=context)
        self.loaded = False

    # -- showing --------------------------------------------------------------------
    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        super().showEvent(event)
        self.refresh()

    def range(self) -> tuple[dt.date, dt.date]:
        return schedule.week_of(self.day) if self.week else (self.day, self.day)

    def refresh(self) -> None:
        """Read the days shown again, keeping the slot and the session selected."""
        first, last = self.range()
        calendar = self.ctx.run(schedule.calendar, self.kind, first, last, parent=self)
        if calendar is None:
            return
        current = self.grid.currentIndex()
        keep = self.model.cell(current) if current.isValid() and self.model.calendar is not None else None
        keep_session = self.detail.session_id if self.detail is not None else None
        today = self.ctx.clock.today()
        self.model.set_calendar(calendar, detailed=not self.week, today=today)
        kind = names.name(self.kind)
        if self.week:
            self.title.setText(self.tr("{kind}: week of {first} – {last}").format(
                kind=kind, first=first.isoformat(), last=last.isoformat()))
        else:
            self.title.setText(self.tr("{kind}: {day}").format(kind=kind, day=f"{first.isoformat()} "
                                                                           f"{day_label(first).split(' ', 1)[1]}"))
        self.grid.resizeRowsToContents()
        index = QModelIndex()
        if keep is not None and keep[0] in calendar.days:
            index = self.model.index_of(*keep)
        if not index.isValid():
            index = self.model.index_of(self.day, calendar.slots[0].slot_id if calendar.slots else None)
        if index.isValid():
            self.grid.setCurrentIndex(index)
        self._cell_changed(keep_session)
        self.loaded = True

    def _cell_changed(self, keep_session: int | None = None) -> None:
        index = self.grid.currentIndex()
        entries = self.model.entries(index)
        if index.isValid():
            day, slot_id = self.model.cell(index)
            slot = next((s for s in self.model.calendar.slots if s.slot_id == slot_id), None) \
                if self.model.calendar else None
            no_time = self.tr("No time yet")
            self.cell_title.setText(when_text(day, slot) if slot else f"{when_text(day, None)} · {no_time}")
        self.session_rows.set_rows(entries)
        row = next((i for i, e in enumerate(entries) if e.session_id == keep_session), 0)
        if entries:
            self.sessions.setCurrentIndex(self.session_rows.index(row, 0))
        self._session_changed()

    def _session_text(self, entry: CalendarEntry) -> str:
        text = f"{entry.customer} · {entry.session_name}"
        if self.model.detailed:
            text = f"{entry.order_number}  {text}"
        return text + (f" ({names.name(entry.state)})" if not self.model.usual(entry.state) else "")

    def selected_entry(self) -> CalendarEntry | None:
        index = self.sessions.currentIndex()
        return self.session_rows.row(index) if index.isValid() else None

    def _session_changed(self) -> None:
        entry = self.selected_entry()
        self.detail = self.ctx.run(schedule.session_detail, entry.session_id, parent=self) if entry else None
        detail = self.detail
        if detail is None:
            self.info.setText(self.tr("No session in this slot.") if self.grid.currentIndex().isValid() else "")
        else:
            lines = [f"{detail.order_number} · {detail.customer}",
                     f"{detail.name} — {names.name(detail.state)}",
                     self.tr("Shoot: {when}").format(when=when_text(detail.shoot_date, detail.shoot_slot) or "—"),
                     self.tr("Selection: {when}").format(
                         when=when_text(detail.selection_date, detail.selection_slot) or "—"),
                     self.tr("Photographer: {name}   Make-up: {makeup}").format(name=detail.photographer or "—",
                                                                              makeup=detail.makeup or "—"),
                     self.tr("Selection sales: {name}").format(name=detail.selection_sales or "—")]
            self.info.setText("\n".join(lines))
        allowed = self.session_actions.allowed(detail, self.ctx.clock.today())
        move = allowed["move_shoot"] if self.kind is SlotKind.SHOOT else allowed["move_selection"]
        no_show = detail is not None and detail.state is SessionState.NO_SHOW
        self.buttons["move"].setEnabled(move and not (self.kind is SlotKind.SHOOT and no_show))
        self.buttons["rebook"].setVisible(no_show and self.kind is SlotKind.SHOOT)
        self.buttons["rebook"].setEnabled(allowed["rebook"])
        for key in ("shot", "no_show", "staff", "cancel"):
            self.buttons[key].setEnabled(allowed[key])
        self.buttons["open"].setEnabled(detail is not None)

    # -- navigation -----------------------------------------------------------------
    def step(self, direction: int) -> None:
        self.day += dt.timedelta(days=direction * (7 if self.week else 1))
        self._moved_day()

    def go_today(self) -> None:
        self.day = self.ctx.clock.today()
        self._moved_day()

    def _moved_day(self) -> None:
        current = self.grid.currentIndex()
        slot = self.model.cell(current)[1] if current.isValid() and self.model.calendar else None
        self.refresh()
        index = self.model.index_of(self.day, slot)
        if index.isValid():
            self.grid.setCurrentIndex(index)
            self._cell_changed()

    def set_week(self, week: bool) -> None:
        current = self.grid.currentIndex()
        if current.isValid() and self.model.calendar is not None:
            self.day = self.model.cell(current)[0]  # the day view opens on the day selected
        self.week = week
        (self.week_button if week else self.day_button).setChecked(True)
        self.refresh()

    def set_kind(self, kind: SlotKind) -> None:
        self.kind = kind
        (self.shoot_button if kind is SlotKind.SHOOT else self.selection_button).setChecked(True)
        self.grid.setCurrentIndex(QModelIndex())
        self.refresh()

    def _to_sessions(self) -> None:
        if self.session_rows.rowCount():
            self.sessions.setFocus()

    # -- acts -------------------------------------------------------------------------
    def _with(self, act) -> None:  # type: ignore[no-untyped-def]
        if self.detail is not None:
            act(self.detail)

    def move_session(self, day: dt.date | None = None, slot_id: int | None = None) -> None:
        if self.detail is not None:
            self.session_actions.move(self.detail, self.kind, day=day, slot_id=slot_id)

    def dropped(self, session_id: int, day: dt.date, slot_id: int | None) -> None:
        """A session dropped on a slot: the move dialog with that day and time, the reason to type."""
        detail = self.ctx.run(schedule.session_detail, session_id, parent=self)
        if detail is None:
            return
        self.detail = detail
        self.session_actions.move(detail, self.kind, day=day, slot_id=slot_id)

    def open_session(self) -> SessionDialog | None:
        entry = self.selected_entry()
        if entry is None:
            return None
        dialog = SessionDialog(self.ctx, entry.session_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.refresh)
        self.session_dialog = dialog
        dialog.open()
        return dialog

    def apply_permissions(self) -> None:
        self._session_changed()
