"""One item's whole history (every event: from, to, when, who, where, shipment, why) and,
below it, every item of its order with its status."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QTableView, QVBoxLayout, QWidget

from ..models import ItemStatus
from ..services import history
from .common import STATUS_COLOURS, fit_columns
from .context import AppContext
from .i18n import date_text, local_time, status_name
from .names import choice_name
from .table_models import Column, RowsModel


class ItemHistoryDialog(QDialog):
    def __init__(self, ctx: AppContext, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.code = code
        self.setWindowTitle(self.tr("History of {code}").format(code=code))
        self.title = QLabel()
        self.title.setObjectName("historyTitle")
        self.title.setStyleSheet("font-weight: bold; font-size: 15px;")
        self.title.setWordWrap(True)
        self.events_model = RowsModel([
            Column(self.tr("Time"), lambda e: local_time(e.at)),
            Column(self.tr("From"), lambda e: status_name(e.from_status) if e.from_status else self.tr("(made)")),
            Column(self.tr("To"), lambda e: status_name(e.to_status), lambda e: STATUS_COLOURS[e.to_status]),
            Column(self.tr("Staff"), lambda e: e.staff_name or ""),
            Column(self.tr("Station"), lambda e: e.station or ""),
            Column(self.tr("Shipment"), self._shipment),
            Column(self.tr("Reason"), self._reason),
            Column(self.tr("Note"), lambda e: e.note or ""),
        ], self)
        self.events = self._table("historyEvents", self.events_model, 6)
        self.order_title = QLabel()
        self.items_model = RowsModel([
            Column(self.tr("Item"), lambda i: i.code),
            Column(self.tr("Product"), lambda i: i.product + (f" ({i.description})" if i.description else "")),
            Column(self.tr("Session"), lambda i: i.session_name),
            Column(self.tr("Status"), lambda i: status_name(i.status), lambda i: STATUS_COLOURS[i.status]),
            Column(self.tr("Expected back"), lambda i: date_text(i.expected_return)),
            Column(self.tr("Shelf"), lambda i: i.shelf or ""),
        ], self)
        self.items = self._table("historyOrderItems", self.items_model, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.events, 3)
        layout.addWidget(self.order_title)
        layout.addWidget(self.items, 2)
        layout.addWidget(buttons)
        self.resize(1000, 620)

    def _table(self, name: str, model: RowsModel, stretch: int) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        fit_columns(view, stretch)
        return view

    def _shipment(self, event: history.HistoryEvent) -> str:
        if event.shipment_id is None:
            return ""
        return self.tr("No. {id} to {lab}").format(id=event.shipment_id, lab=event.shipment_lab or "")

    @staticmethod
    def _reason(event: history.HistoryEvent) -> str:
        parts = [choice_name(event.rework_reason)] if event.rework_reason is not None else []
        if event.reason:
            parts.append(event.reason)
        return ": ".join(parts)

    def load(self) -> bool:
        """Read the history; False (the refusal shown) when the item cannot be read."""
        found = self.ctx.run(history.item_history, self.code, parent=self.parentWidget())
        if found is None:
            return False
        item = found.item
        place = f" · {self.tr('shelf')} {found.shelf}" if found.shelf else ""
        back = (f" · {self.tr('expected back')} {date_text(found.expected_return)}"
                if found.expected_return and item.status is ItemStatus.SENT else "")
        self.title.setText(f"{item.code} · {item.customer_name} · {item.product} · {item.order_number} · "
                           f"{status_name(item.status)}" + (f" · {item.lab_name}" if item.lab_name else "") + place + back)
        self.events_model.set_rows(found.events)
        self.events.scrollToBottom()
        self.order_title.setText(self.tr("Order {number}: every item").format(number=item.order_number))
        self.items_model.set_rows(found.order.items)
        for row, line in enumerate(found.order.items):
            if line.code == item.code:
                self.items.selectRow(row)
        return True


def open_history(ctx: AppContext, code: str | None, parent: QWidget) -> ItemHistoryDialog | None:
    """Open the history of ``code`` (nothing when no item is chosen or it cannot be read)."""
    if not code:
        return None
    dialog = ItemHistoryDialog(ctx, code, parent)
    if not dialog.load():
        dialog.deleteLater()
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
