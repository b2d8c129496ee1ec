"""The Pickup tab (取件台): the screen a customer stands in front of.

One scan of any item label or of the order slip shows every item of the order, across its
sessions (a growth package shows each session as a group), as large tiles coloured by
status — with the status written and an icon on every tile, so colour is never the only
signal; the colours are Okabe-Ito's, told apart by colour-blind staff. The summary says how
many items are ready, what is missing and when it is expected, and the balance due.

F12 (never Enter: every scan ends with it) or scanning the order slip again hands over the
ticked ready items; all ready items are ticked at first, a click on a tile unticks it for a
partial pickup, which warns with the list of what stays behind. A balance due blocks the
hand-over until it is paid here (F9) or a manager overrides it with a reason (F10: name and
PIN asked then, audited). Every hand-over saves a pickup receipt (Ctrl+P prints the last).
Bad scans — an unknown code, a wrong check character, a cancelled item, an item of another
order while one is open (that order is shown, and said so) — get a message and the bad-scan
sound, and write nothing. The order on screen is cleared after an idle time (setting
``pickup/idle_seconds``, 60 by default), so the next customer never sees it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSettings, QSize, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor, QFont, QFontMetrics, QKeySequence, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent, QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
    QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from shiboken6 import Shiboken

from ..models import ItemStatus
from ..services import codes, orders as order_service, pickup, studio as studio_service
from ..services.errors import StudioError
from ..services.messages import Message
from ..services.pickup import PickupReceipt, StationView, Tile
from ..services.staff import Permission, require
from . import names
from .changes import ChangeWatcher
from .common import manager_fields, may, no_default
from .context import AppContext
from .i18n import QT_TRANSLATE_NOOP, date_text, error_text, local_time, money, render, status_name
from .scanning import Outcome, ScanResult

log = logging.getLogger(__name__)
S = ItemStatus
DEFAULT_IDLE_SECONDS = 60
MISSING_SHOWN = 3  # in the summary line, soonest expected first; the tiles show them all


@dataclass(frozen=True)
class Look:
    """How a status looks on a tile: background, text colour, icon (never colour alone)."""

    background: str
    text: str
    icon: str


# Okabe-Ito (Color Universal Design): distinguishable with any of the common colour blindnesses.
OVERDUE = "overdue"
LOOKS: dict[object, Look] = {
    S.WAITING: Look("#d9d9d9", "#000000", "○"),
    S.SENT: Look("#56b4e9", "#000000", "→"),  # sky blue: at the lab
    OVERDUE: Look("#d55e00", "#ffffff", "⚠"),  # vermillion: at the lab past its date
    S.RETURNED: Look("#f0e442", "#000000", "◐"),  # yellow: back, in QC
    S.REWORK: Look("#cc79a7", "#000000", "↻"),  # reddish purple
    S.READY: Look("#009e73", "#ffffff", "✔"),  # bluish green
    S.PICKED_UP: Look("#0072b2", "#ffffff", "⇧"),  # blue: gone with the customer
    S.CANCELLED: Look("#ffffff", "#555555", "✕"),
}
DUE_COLOUR = "#e69f00"  # Okabe-Ito orange: the balance banner

OVERDUE_NAME = QT_TRANSLATE_NOOP("PickupTab", "Overdue at the lab")
OVERDUE_SHORT = QT_TRANSLATE_NOOP("PickupTab", "Overdue")  # on a tile, beside "overdue since <date>"
EXPECTED = QT_TRANSLATE_NOOP("PickupTab", "expected {date}")
OVERDUE_SINCE = QT_TRANSLATE_NOOP("PickupTab", "overdue since {date}")
SHELF = QT_TRANSLATE_NOOP("PickupTab", "shelf {shelf}")
NO_SHELF = QT_TRANSLATE_NOOP("PickupTab", "on the pickup shelf")
PICKED = QT_TRANSLATE_NOOP("PickupTab", "{when} · {staff}")
NOT_SENT = QT_TRANSLATE_NOOP("PickupTab", "not yet at a lab")
IN_QC = QT_TRANSLATE_NOOP("PickupTab", "back, being checked")
REWORK = QT_TRANSLATE_NOOP("PickupTab", "going back to the lab")
NOT_HANDED = QT_TRANSLATE_NOOP("PickupTab", "not handed over")
TICKED = QT_TRANSLATE_NOOP("PickupTab", "hand over")

SHOWN = QT_TRANSLATE_NOOP("scan", "Order {order} · {customer}: {ready} of {open} items ready")
SWITCHED = QT_TRANSLATE_NOOP("scan", "That label is of another order: now showing order {order} · {customer}. "
                                     "Nothing was handed over.")
SLIP_NOT_COMPLETE = QT_TRANSLATE_NOOP("scan", "Order {order} is not complete ({ready} of {open} ready): tick the "
                                              "items to take and press F12. Nothing was handed over.")
SLIP_DUE = QT_TRANSLATE_NOOP("scan", "Order {order} still owes {due}: take it here (F9) or a manager overrides (F10). "
                                     "Nothing was handed over.")
HANDED = QT_TRANSLATE_NOOP("scan", "Order {order}: {count} items handed over")
NOTHING_LEFT = QT_TRANSLATE_NOOP("scan", "Order {order} has nothing left to hand over. Nothing changed.")


def _t(text: str) -> str:
    """One of the PickupTab texts above, in the window's language (the tiles and the legend
    are widgets of their own, whose ``tr`` would look under their own class names)."""
    return QCoreApplication.translate("PickupTab", text)


def look_of(tile: Tile) -> Look:
    return LOOKS[OVERDUE] if tile.overdue else LOOKS[tile.status]


def pixel_font(widget: QWidget, pixels: int, *, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def line_height(font: QFont) -> int:
    """One line of text in ``font`` as drawn, Chinese fallback faces included (they stand
    taller than the Latin face's own line spacing)."""
    metrics = QFontMetrics(font)
    return max(metrics.lineSpacing(), metrics.boundingRect("结果 Ag 0123").height()) + 2


def paint_label(label: QLabel, text: str, background: str | None = None) -> None:
    """Colours of a label that changes with every scan, by palette: a style sheet set again
    re-polishes the widget, which costs more than a frame."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(text))
    if background is not None:
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
    label.setAutoFillBackground(background is not None)
    label.setPalette(palette)


class TileBoard(QWidget):
    """Every item of the order as a large tile, grouped by session, painted in one pass.

    A click on a ready tile ticks or unticks it for the hand-over."""

    toggled = Signal(str)  # item code
    TILE = QSize(300, 150)
    GAP = 14
    HEADER = 40

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickupTiles")
        self.view: StationView | None = None
        self.ticked: set[str] = set()
        # what each tile shows, worked out when the order or the width changes, not at each paint
        self._rects: list[tuple[QRectF, Tile, tuple[str, str, str]]] = []
        self._headers: list[tuple[QRectF, str]] = []
        self.fonts = {size: pixel_font(self, size, bold=bold) for size, bold in
                      ((24, True), (22, True), (26, True), (19, False), (15, False))}
        self.metrics = {size: QFontMetrics(font) for size, font in self.fonts.items()}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.paints = 0  # paint events (the benchmark waits for one)

    def show_view(self, view: StationView | None, ticked: set[str]) -> None:
        self.view = view
        self.ticked = ticked
        self._layout(self.width())
        self.update()

    def _layout(self, width: int) -> None:
        self._rects, self._headers = [], []
        view = self.view
        if view is None:
            self.setMinimumHeight(0)
            return
        columns = max(1, (max(width, self.TILE.width()) + self.GAP) // (self.TILE.width() + self.GAP))
        tile_w = (max(width, self.TILE.width()) - (columns - 1) * self.GAP) / columns
        text_w = int(tile_w - 28)
        y = 0.0
        titled = len(view.groups) > 1
        for group in view.groups:
            if titled:
                self._headers.append((QRectF(0, y, width, self.HEADER), group.name))
                y += self.HEADER
            for i, tile in enumerate(group.tiles):
                row, col = divmod(i, columns)
                rect = QRectF(col * (tile_w + self.GAP), y + row * (self.TILE.height() + self.GAP), tile_w,
                              self.TILE.height())
                self._rects.append((rect, tile, self._texts(tile, text_w)))
            rows = -(-len(group.tiles) // columns)
            y += rows * (self.TILE.height() + self.GAP) + (self.GAP if titled else 0)
        self.setMinimumHeight(int(y))

    def _texts(self, tile: Tile, width: int) -> tuple[str, str, str]:
        """A tile's status line (icon and word), product and detail, cut to fit its width."""
        word = _t(OVERDUE_SHORT) if tile.overdue else status_name(tile.status)
        status = self.metrics[22].elidedText(f"{look_of(tile).icon} {word}", Qt.TextElideMode.ElideRight, width - 40)
        name = tile.product + (f" · {tile.description}" if tile.description else "")
        name = self.metrics[26].elidedText(name, Qt.TextElideMode.ElideRight, width)
        detail = self.metrics[19].elidedText(self.detail(tile, tile.code in self.ticked), Qt.TextElideMode.ElideRight,
                                             width)
        return status, name, detail

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        self._layout(event.size().width())
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(3 * (self.TILE.width() + self.GAP), max(self.minimumHeight(), self.TILE.height()))

    def tile_at(self, code: str) -> QRectF | None:
        return next((r for r, t, _texts in self._rects if t.code == code), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        for rect, tile, _texts in self._rects:
            if rect.contains(event.position()) and tile.ready:
                self.toggled.emit(tile.code)
                return
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        self.paints += 1
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.fonts[24])
        painter.setPen(QColor("#222222"))
        for rect, name in self._headers:
            painter.drawText(rect.adjusted(4, 0, 0, -6), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, name)
        clip = QRectF(event.rect())
        for rect, tile, texts in self._rects:
            if rect.intersects(clip):
                self._paint_tile(painter, rect, tile, texts)
        painter.end()

    def _paint_tile(self, painter: QPainter, rect: QRectF, tile: Tile, texts: tuple[str, str, str]) -> None:
        look = look_of(tile)
        ticked = tile.code in self.ticked
        scanned = self.view is not None and self.view.scanned_code == tile.code
        painter.setPen(QPen(QColor("#000000" if ticked or scanned else "#777777"), 5 if ticked else 3 if scanned else 1,
                            Qt.PenStyle.SolidLine if ticked or not tile.ready else Qt.PenStyle.DashLine))
        painter.setBrush(QColor(look.background))
        painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 10, 10)
        inner = rect.adjusted(14, 10, -14, -10)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        status, name, detail = texts
        painter.setPen(QColor(look.text))
        painter.setFont(self.fonts[22])
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width() - 40, 30), left, status)
        if tile.ready:  # the tick box: what F12 hands over
            painter.drawText(QRectF(inner.right() - 36, inner.top(), 36, 30), Qt.AlignmentFlag.AlignRight,
                             "☑" if ticked else "☐")
        painter.setFont(self.fonts[26])
        painter.drawText(QRectF(inner.left(), inner.top() + 34, inner.width(), 36), left, name)
        painter.setFont(self.fonts[19])
        painter.drawText(QRectF(inner.left(), inner.top() + 72, inner.width(), 28), left, detail)
        painter.setFont(self.fonts[15])
        painter.drawText(QRectF(inner.left(), inner.bottom() - 22, inner.width(), 22), left, tile.code)

    def detail(self, tile: Tile, ticked: bool = False) -> str:
        """The tile's third line: when expected, where on the shelf, when and by whom taken."""
        if tile.overdue:
            return _t(OVERDUE_SINCE).format(date=date_text(tile.expected_return))
        if tile.status is S.SENT:
            return _t(EXPECTED).format(date=date_text(tile.expected_return)) if tile.expected_return else ""
        if tile.status is S.READY:
            shelf = _t(SHELF).format(shelf=tile.shelf) if tile.shelf else _t(NO_SHELF)
            return f"{shelf} · {_t(TICKED) if ticked else _t(NOT_HANDED)}"
        if tile.status is S.PICKED_UP:
            return _t(PICKED).format(when=local_time(tile.picked_up_at), staff=tile.picked_up_by or "")
        return {S.WAITING: _t(NOT_SENT), S.RETURNED: _t(IN_QC), S.REWORK: _t(REWORK)}.get(tile.status, "")


class Legend(QWidget):
    """What each colour means, with the same icon and word the tiles carry, painted in one
    pass; the entries flow onto a second row on a narrow screen instead of being cut."""

    SPACING = 6
    PAD = (8, 4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickupLegend")
        self.font_ = pixel_font(self, 15, bold=True)
        metrics = QFontMetrics(self.font_)
        self.entries: list[tuple[str, Look, QSize]] = []
        for key in (S.WAITING, S.SENT, OVERDUE, S.RETURNED, S.REWORK, S.READY, S.PICKED_UP, S.CANCELLED):
            look = LOOKS[key]
            word = _t(OVERDUE_NAME) if key == OVERDUE else status_name(key)  # type: ignore[arg-type]
            label = f"{look.icon} {word}"
            self.entries.append((label, look, QSize(metrics.horizontalAdvance(label) + 2 * self.PAD[0],
                                                    metrics.height() + 2 * self.PAD[1])))
        self.rects: list[QRectF] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._flow(1200)

    def texts(self) -> list[str]:
        return [label for label, _look, _size in self.entries]

    def _flow(self, width: int) -> int:
        x = y = row_height = 0
        self.rects = []
        for _label, _look, size in self.entries:
            if x and x + size.width() > width:
                x, y = 0, y + row_height + self.SPACING
                row_height = 0
            self.rects.append(QRectF(x, y, size.width(), size.height()))
            x += size.width() + self.SPACING
            row_height = max(row_height, size.height())
        height = y + row_height + 1
        self.setFixedHeight(height)
        return height

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        self._flow(event.size().width())
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(sum(size.width() + self.SPACING for _l, _k, size in self.entries), self.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(max(size.width() for _l, _k, size in self.entries), self.height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font_)
        for rect, (label, look, _size) in zip(self.rects, self.entries):
            painter.setPen(QColor("#777777"))
            painter.setBrush(QColor(look.background))
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
            painter.setPen(QColor(look.text))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()


class OverrideDialog(QDialog):
    """A manager lets the order go with a balance due: name, PIN and reason, checked when
    the hand-over is made (the PIN is checked by the service in the same call)."""

    def __init__(self, ctx: AppContext, due_fen: int, behind: list[Tile], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickupOverride")
        self.setWindowTitle(self.tr("Manager's override"))
        text = self.tr("The order still owes {due}. A manager may let the customer take the items now: their name, "
                       "PIN and the reason are recorded.").format(due=money(due_fen))
        if behind:
            text += "\n" + self.tr("Staying behind: {items}").format(items=", ".join(t.product for t in behind))
        explain = QLabel(text)
        explain.setWordWrap(True)
        self.name, self.pin = manager_fields(ctx.run(studio_service.staff_names, parent=parent))
        self.reason = QLineEdit()
        self.reason.setObjectName("overrideReason")
        self.reason.setMaxLength(200)
        self.message = QLabel()
        self.message.setObjectName("overrideMessage")
        self.message.setStyleSheet("color: #d32f2f;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Hand over"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("overrideHandOver")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        no_default(self.ok)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Manager"), self.name)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.name.setFocus()

    def override(self) -> pickup.Override:
        return pickup.Override(self.name.currentText(), self.pin.text(), self.reason.text())


class PickupTab(QWidget):
    changed = Signal()  # items were handed over or paid for
    handed_over = Signal(object)  # the PickupReceipt
    cleared = Signal()  # the last order left the screen (idle time, station mode): the window forgets it too

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickupTab")
        self.ctx = ctx
        self.view: StationView | None = None
        self.ticked: set[str] = set()
        self.last_receipt: PickupReceipt | None = None
        self.last_receipt_path: Path | None = None
        self.dialog: QWidget | None = None  # the open warning / override / payment dialog (tests drive it)
        self.head = QLabel()
        self.head.setObjectName("pickupHead")
        self.head.setFont(pixel_font(self, 30, bold=True))
        # Fixed heights: a new order changes texts, not the layout, so only what changed repaints.
        self.head.setFixedHeight(line_height(self.head.font()) + 8)
        self.head.setMinimumWidth(100)  # a long name is cut on a narrow window, never widens it
        self.summary = QLabel()
        self.summary.setObjectName("pickupSummary")
        self.summary.setWordWrap(True)
        self.summary.setFont(pixel_font(self, 22))
        self.summary.setFixedHeight(2 * line_height(self.summary.font()) + 8)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.balance = QLabel()
        self.balance.setObjectName("pickupBalance")
        self.balance.setWordWrap(True)
        self.balance.setFont(pixel_font(self, 24, bold=True))
        self.balance.setMargin(6)
        self.balance.setMinimumHeight(line_height(self.balance.font()) + 12)
        self.message = QLabel()
        self.message.setObjectName("pickupMessage")
        self.message.setWordWrap(True)
        self.message.setFont(pixel_font(self, 20))
        self.message.setMinimumHeight(line_height(self.message.font()) + 6)
        self.board = TileBoard()
        self.board.toggled.connect(self.toggle)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.board)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area = scroll
        self.hand_button = QPushButton(self.tr("Hand over (F12)"))
        self.hand_button.setObjectName("handOver")
        self.pay_button = QPushButton(self.tr("Pay here… (F9)"))
        self.pay_button.setObjectName("payHere")
        self.override_button = QPushButton(self.tr("Manager override… (F10)"))
        self.override_button.setObjectName("overrideBalance")
        self.print_button = QPushButton(self.tr("Print the receipt (Ctrl+P)"))
        self.print_button.setObjectName("printReceipt")
        for button in (self.hand_button, self.pay_button, self.override_button, self.print_button):
            no_default(button)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # focus stays ready for the next scan
            button.setFont(pixel_font(self, 17))
            button.setMinimumHeight(44)
            button.setMinimumWidth(80)  # the window may be narrower than the four buttons' words
        self.hand_button.clicked.connect(self.hand_over)
        self.pay_button.clicked.connect(self.pay_here)
        self.override_button.clicked.connect(self.override)
        self.print_button.clicked.connect(self.print_receipt)
        buttons = QHBoxLayout()
        for button in (self.hand_button, self.pay_button, self.override_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # The customer's tier (customer pyramid), small beside the head: who stands at the counter.
        self.tier_label = QLabel()
        self.tier_label.setObjectName("pickupTier")
        self.tier_label.setStyleSheet("color: #6d4c41; font-weight: bold;")
        self.tier_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        head = QHBoxLayout()
        head.addWidget(self.head, 1)
        head.addWidget(self.tier_label)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.summary)
        layout.addWidget(self.balance)
        self.legend = Legend()
        layout.addWidget(self.legend)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        QShortcut(QKeySequence(Qt.Key.Key_F12), self, self.hand_over)
        QShortcut(QKeySequence(Qt.Key.Key_F9), self, self.pay_here)
        QShortcut(QKeySequence(Qt.Key.Key_F10), self, self.override)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_receipt)
        self.idle = QTimer(self, singleShot=True, interval=DEFAULT_IDLE_SECONDS * 1000)
        self.idle.timeout.connect(self.clear)
        # a phone or another station moved this order's items: read again within two seconds
        self.watcher = ChangeWatcher(ctx, lambda: self.view is not None and self.isVisible(), self)
        self.watcher.changed.connect(self._changed_elsewhere)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._show(None)

    def title(self) -> str:
        return self.tr("Pick&up")  # Alt+U: Alt+P is the complaints tab's (Com&plaints), Alt+K the schedule's

    # -- what is shown -----------------------------------------------------------
    def idle_seconds(self) -> int:
        """This station's setting ``pickup/idle_seconds``, read when the tab comes to the front."""
        try:
            return max(1, int(str(QSettings().value("pickup/idle_seconds", DEFAULT_IDLE_SECONDS))))
        except ValueError:
            return DEFAULT_IDLE_SECONDS

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        self.idle.setInterval(self.idle_seconds() * 1000)
        super().showEvent(event)

    def _track(self, dialog: QDialog) -> None:
        """The dialog open over the tab (closed by the idle clear), forgotten once it closes:
        a dialog deleted on close is never touched again."""
        self.dialog = dialog

        def closed(_result: int) -> None:
            if self.dialog is dialog:
                self.dialog = None

        dialog.finished.connect(closed)

    def _touch(self) -> None:
        """Someone is at the station: the idle clear starts again."""
        if self.view is not None:
            self.idle.start()

    def clear(self) -> None:
        """Nothing of the last customer stays on screen, not even a dialog left open."""
        self.idle.stop()
        if self.dialog is not None and Shiboken.isValid(self.dialog) and self.dialog.isVisible():
            self.dialog.close()
        self.dialog = None
        self.last_receipt = None  # Ctrl+P never prints the last customer's receipt for the next one
        self._show(None)
        self.message.setText(self.tr("Scan an item label or the order slip."))
        paint_label(self.message, "#000000")
        self.cleared.emit()

    def _show(self, view: StationView | None, *, keep_ticks: bool = False) -> None:
        previous = self.view
        self.view = view
        if view is None:
            self.ticked = set()
            self.head.setText(self.tr("Pickup"))
            self.tier_label.setText("")
            self.summary.setText(self.tr("Scan an item label or the order slip: the whole order is shown here."))
            self.balance.setText("")
            paint_label(self.balance, "#000000")
        else:
            ready = {t.code for t in view.ready}
            if keep_ticks and previous is not None and previous.order_id == view.order_id:
                self.ticked = self.ticked & ready
            else:
                self.ticked = ready
            couple = view.customer_name + (f" & {view.partner_name}" if view.partner_name else "")
            self.head.setText(f"{view.checked_number} · {couple} · {view.package_name}")
            self.tier_label.setText(self.tr("Tier: {tier}").format(tier=names.name(view.tier)) if view.tier else "")
            self.summary.setText(self.summary_text(view))
            self._show_balance(view)
        self.board.show_view(view, self.ticked)
        self._buttons()
        if view is not None:
            self._touch()

    def summary_text(self, view: StationView) -> str:
        text = self.tr("{ready} of {open} items ready").format(ready=len(view.ready), open=view.open_count)
        if view.picked_up_count:
            text += self.tr(" ({n} picked up before)").format(n=view.picked_up_count)
        if view.missing:
            parts = []
            for tile in view.missing[:MISSING_SHOWN]:
                if tile.overdue:
                    when = self.tr("overdue since {date}").format(date=date_text(tile.expected_return))
                elif tile.expected_return is not None:
                    when = self.tr("expected {date}").format(date=date_text(tile.expected_return))
                else:
                    when = status_name(tile.status)
                parts.append(f"{tile.product} ({when})")
            if len(view.missing) > MISSING_SHOWN:
                parts.append(self.tr("{n} more").format(n=len(view.missing) - MISSING_SHOWN))
            text += " · " + self.tr("missing: {items}").format(items=", ".join(parts))
        return text

    def _show_balance(self, view: StationView) -> None:
        if view.balance.cancelled:
            self.balance.setText(self.tr("✕ This order was cancelled: nothing is handed over"))
            paint_label(self.balance, "#000000", LOOKS[S.CANCELLED].background)
        elif view.due_fen > 0:
            self.balance.setText(self.tr("⚠ Balance due {due}: pay here (F9) or a manager overrides (F10)").format(
                due=money(view.due_fen)))
            paint_label(self.balance, "#000000", DUE_COLOUR)
        elif view.complete:
            self.balance.setText(self.tr("✔ Everything is ready and paid: F12 or the order slip hands it over"))
            paint_label(self.balance, "#ffffff", LOOKS[S.READY].background)
        else:
            self.balance.setText(self.tr("Paid in full"))
            paint_label(self.balance, "#000000")

    def _buttons(self) -> None:
        view = self.view
        has_ticks = view is not None and bool(self.ticked) and may(self.ctx, Permission.PICKUP)
        self.hand_button.setEnabled(has_ticks)
        due = view is not None and view.due_fen > 0
        self.pay_button.setEnabled(due and may(self.ctx, Permission.TAKE_PAYMENT))
        self.override_button.setEnabled(due and has_ticks)
        self.print_button.setEnabled(self.last_receipt is not None)

    def apply_permissions(self) -> None:
        self._buttons()

    def _say(self, text: str, good: bool) -> None:
        self.message.setText(text)
        paint_label(self.message, "#1b5e20" if good else "#c62828")

    def toggle(self, code: str) -> None:
        """A click on a ready tile: in or out of the hand-over."""
        self.ticked ^= {code}
        self.board.show_view(self.view, self.ticked)
        self._buttons()
        self._touch()

    # -- scans -------------------------------------------------------------------
    def handle_scan(self, code: str) -> ScanResult:
        current = self.view
        if current is not None and self._is_slip_of(code, current):
            return self._slip_again(current)
        try:
            view = self.ctx.call(pickup.station_view, code)
        except StudioError as exc:
            self._touch()
            result = ScanResult.refusal(exc)
            self._say(render(result.message), False)
            return result
        self._show(view, keep_ticks=True)  # a label of the order on screen keeps what was unticked
        if current is not None and current.order_id != view.order_id:
            result = ScanResult(Outcome.REFUSED, Message(SWITCHED, {"order": view.checked_number,
                                                                    "customer": view.customer_name}, context="scan"),
                                view.checked_number)
        else:
            result = ScanResult.accepted(SHOWN, view.checked_number, order=view.checked_number,
                                         customer=view.customer_name, ready=len(view.ready), open=view.open_count)
        self._say(render(result.message), result.good)
        return result

    @staticmethod
    def _is_slip_of(code: str, view: StationView) -> bool:
        try:
            parsed = codes.parse_code(code)
        except StudioError:
            return False
        return parsed.checked and not parsed.is_item and parsed.order_number == view.number

    def _slip_again(self, view: StationView) -> ScanResult:
        """The order slip scanned while its order is shown: everything is handed over, when
        everything is ready and nothing is due; else it says why, writing nothing."""
        self._touch()
        if not view.ready:
            result = ScanResult.refused(NOTHING_LEFT, order=view.checked_number)
        elif view.due_fen > 0:
            result = ScanResult.refused(SLIP_DUE, order=view.checked_number, due=money(view.due_fen))
        elif not view.complete:
            result = ScanResult.refused(SLIP_NOT_COMPLETE, order=view.checked_number, ready=len(view.ready),
                                        open=view.open_count)
        else:
            try:
                receipt = self._hand_over_or_raise([t.code for t in view.ready])
            except StudioError as exc:
                result = ScanResult.refusal(exc)
                self._say(render(result.message), False)
                return result
            result = ScanResult.accepted(HANDED, view.checked_number, order=view.checked_number,
                                         count=len(receipt.handed_over))
        self._say(render(result.message), result.good)
        return result

    # -- handing over ------------------------------------------------------------
    def hand_over(self) -> QMessageBox | None:
        """F12: the ticked items. A partial pickup first shows what stays behind (the box
        returned, answered with Yes); a balance due says what to do instead."""
        view = self.view
        self._touch()
        if view is None:
            self._say(self.tr("Scan an item label or the order slip first."), False)
            return None
        chosen = sorted(self.ticked)
        if not chosen:
            self._say(self.tr("Tick the ready items to hand over (click a tile)."), False)
            return None
        if view.due_fen > 0:
            self._say(self.tr("The order still owes {due}: take it here (F9), or a manager overrides (F10). Nothing "
                              "was handed over.").format(due=money(view.due_fen)), False)
            return None
        behind = pickup.left_behind(view, chosen)
        if not behind:
            self._hand_over(chosen)
            return None
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Partial pickup"), self.behind_text(chosen, behind),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("partialPickup")
        box.setDefaultButton(QMessageBox.StandardButton.No)  # Enter (a scan's end) never hands over

        def answered(_result: int) -> None:
            if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
                self._hand_over(chosen)

        box.finished.connect(answered)
        box.open()
        self._track(box)
        return box

    def behind_text(self, chosen: list[str], behind: list[Tile]) -> str:
        lines = []
        for tile in behind:
            if tile.expected_return is not None:
                lines.append(self.tr("{product} ({code}): {status}, expected {date}").format(
                    product=tile.product, code=tile.code, status=status_name(tile.status),
                    date=date_text(tile.expected_return)))
            else:
                lines.append(self.tr("{product} ({code}): {status}").format(
                    product=tile.product, code=tile.code, status=status_name(tile.status)))
        return self.tr("Hand over {n} items? These stay behind:\n{items}").format(
            n=len(chosen), items="\n".join(lines))

    def _hand_over_or_raise(self, chosen: list[str], override: pickup.Override | None = None) -> PickupReceipt:
        assert self.view is not None
        receipt = self.ctx.call(pickup.hand_over, self.view.number, chosen, override=override)
        self._after(receipt)
        return receipt

    def _hand_over(self, chosen: list[str]) -> PickupReceipt | None:
        try:
            return self._hand_over_or_raise(chosen)
        except StudioError as exc:
            self._say(error_text(exc), False)
            return None

    def _after(self, receipt: PickupReceipt) -> None:
        self.last_receipt = receipt
        self._say(self.tr("{count} items handed over to {customer}.").format(
            count=len(receipt.handed_over), customer=receipt.customer_name), True)
        self.save_receipt(receipt)
        self.reload()
        self.changed.emit()
        self.handed_over.emit(receipt)

    def _changed_elsewhere(self) -> None:
        """The order shown read again; the customer's idle clear keeps its time."""
        left = self.idle.remainingTime() if self.idle.isActive() else -1
        self.reload()
        if left >= 0 and self.view is not None:
            self.idle.start(max(1, left))

    def reload(self) -> None:
        if self.view is None:
            return
        try:
            view = self.ctx.call(pickup.view_of_order, self.view.number)
        except StudioError as exc:
            self._say(error_text(exc), False)
            return
        self._show(view, keep_ticks=True)

    # -- the receipt ---------------------------------------------------------------
    def receipt_folder(self) -> Path:
        folder = QSettings().value("pickup/receipt_folder")
        if folder:
            return Path(str(folder))
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents or Path.home()) / "StudioDesk pickup receipts"

    def save_receipt(self, receipt: PickupReceipt) -> Path | None:
        """Every hand-over's receipt as a PDF (written beside, renamed into place)."""
        from .pickup_receipt import save_pdf

        stamp = local_time(receipt.at).replace(":", "").replace(" ", "-")
        path = self.receipt_folder() / f"{receipt.checked_number}-{stamp}.pdf"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.last_receipt_path = save_pdf(path, receipt, self.ctx.studio_name)
        except OSError as exc:
            log.warning("pickup receipt not saved: %s", exc)
            self._say(self.message.text() + " " + self.tr("The receipt could not be saved ({error}); print it with "
                                                          "Ctrl+P.").format(error=exc.strerror or exc), False)
            self.last_receipt_path = None
        return self.last_receipt_path

    def print_receipt(self) -> bool:
        if self.last_receipt is None:
            return False
        from .pickup_receipt import print_receipt

        return print_receipt(self, self.last_receipt, self.ctx.studio_name)

    # -- the balance ---------------------------------------------------------------
    def pay_here(self) -> QDialog | None:
        """F9: the payment dialog for what the order owes; paid, the order is shown again."""
        view = self.view
        self._touch()
        if view is None or view.due_fen <= 0:
            return None
        if not may(self.ctx, Permission.TAKE_PAYMENT):
            self.ctx.run(require, permission=Permission.TAKE_PAYMENT, parent=self)
            return None
        from .order_dialog import PaymentDialog

        dialog = PaymentDialog(view.balance, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._record_payment(dialog, view.order_id))
        dialog.open()
        self._track(dialog)
        return dialog

    def _record_payment(self, dialog: QDialog, order_id: int) -> None:
        done = self.ctx.run(order_service.take_payment, order_id, dialog.kind.currentData(),  # type: ignore[attr-defined]
                            dialog.method.currentData(), dialog.amount.fen(),  # type: ignore[attr-defined]
                            note=dialog.note.text().strip() or None, parent=self)  # type: ignore[attr-defined]
        if done is not None:
            self._say(self.tr("Payment taken."), True)
            self.reload()
            self.changed.emit()

    def override(self) -> OverrideDialog | None:
        """F10: a manager lets the ticked items go with the balance due (name, PIN, reason)."""
        view = self.view
        self._touch()
        if view is None or view.due_fen <= 0 or not self.ticked:
            return None
        chosen = sorted(self.ticked)
        dialog = OverrideDialog(self.ctx, view.due_fen, pickup.left_behind(view, chosen), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def approve() -> None:
            try:
                receipt = self.ctx.call(pickup.hand_over, view.number, chosen, override=dialog.override())
            except StudioError as exc:
                dialog.message.setText(error_text(exc))
                dialog.pin.clear()
                return
            dialog.accept()
            self._after(receipt)

        dialog.ok.clicked.connect(approve)
        dialog.reason.returnPressed.connect(approve)
        dialog.open()
        self._track(dialog)
        return dialog


class StationExitDialog(QDialog):
    """Leaving station mode: a manager's name and PIN, checked at once."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("leaveStation")
        self.setWindowTitle(self.tr("Leave station mode"))
        explain = QLabel(self.tr("Only a manager leaves the pickup station mode: name and PIN."))
        explain.setWordWrap(True)
        self.name, self.pin = manager_fields(ctx.run(studio_service.staff_names, parent=parent))
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("Leave station mode"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("leave")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        no_default(self.ok)
        self.ok.clicked.connect(self.check)
        buttons.rejected.connect(self.reject)
        self.pin.returnPressed.connect(self.check)
        form = QFormLayout()
        form.addRow(self.tr("Manager"), self.name)
        form.addRow(self.tr("PIN"), self.pin)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.name.setFocus()

    def check(self) -> None:
        from ..services import staff as staff_service

        try:
            self.ctx.call(staff_service.verify_manager, self.name.currentText(), self.pin.text())
        except StudioError as exc:
            self.message.setText(error_text(exc))
            self.pin.clear()
            return
        self.accept()
