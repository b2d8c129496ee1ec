"""Settings → Staff…: a manager's list of the staff, to unlock an account, issue a new badge or
tick the positions (岗位) each one holds."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QGroupBox, QHBoxLayout, QMessageBox, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from ..models import Position
from ..services import positions as position_service, staff as staff_service
from ..services.staff import StaffRow
from . import names
from .common import no_default
from .context import AppContext
from .table_models import Column, RowsModel


class StaffDialog(QDialog):
    """Who works here, their role, whether they have a badge and whether they are locked out.

    Every read and act goes through the services, which refuse anyone but a manager."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Staff"))
        self.resize(640, 380)
        yes, no = self.tr("yes"), self.tr("no")
        self.model = RowsModel([
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Role"), lambda r: names.name(r.role)),
            Column(self.tr("Active"), lambda r: yes if r.active else no),
            Column(self.tr("Badge"), lambda r: yes if r.has_badge else no),
            Column(self.tr("Locked"), lambda r: self.tr("locked") if r.locked else ""),
            Column(self.tr("Wrong tries"), lambda r: str(r.failed_logins) if r.failed_logins else "", align_right=True),
            Column(self.tr("Positions"), lambda r: "、".join(names.name(p) for p in self.positions.get(r.staff_id, []))),
        ], self)
        self.positions: dict[int, list[Position]] = {}
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.badge_button = QPushButton(self.tr("Issue new &badge"))
        no_default(self.unlock_button, self.badge_button)
        self.unlock_button.clicked.connect(self.unlock)
        self.badge_button.clicked.connect(self.issue_badge)
        actions = QHBoxLayout()
        actions.addWidget(self.unlock_button)
        actions.addWidget(self.badge_button)
        actions.addStretch(1)
        self.position_boxes = {position: QCheckBox(names.name(position)) for position in Position}
        self.positions_button = QPushButton(self.tr("Save &positions"))
        self.positions_button.clicked.connect(self.save_positions)
        no_default(self.positions_button)
        positions_box = QGroupBox(self.tr("Positions of the selected staff member"))
        boxes = QHBoxLayout(positions_box)
        for box in self.position_boxes.values():
            boxes.addWidget(box)
        boxes.addStretch(1)
        boxes.addWidget(self.positions_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(actions)
        layout.addWidget(positions_box)
        layout.addWidget(close)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.selectionModel().selectionChanged.connect(self._show_positions)
        self.issued: str | None = None  # the last badge issued here (tests read it)

    def load(self) -> bool:
        """Read the list; False when the service refused (the refusal was shown)."""
        rows = self.ctx.run(staff_service.staff_list, parent=self.parentWidget() or self)
        if rows is None:
            return False
        selected = self.selected()
        self.positions = self.ctx.run(position_service.positions_by_staff, parent=self) or {}
        self.model.set_rows(rows)
        if selected is not None:
            self.select_staff(selected.staff_id)
        self._update_buttons()
        self._show_positions()
        return True

    def selected(self) -> StaffRow | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.row(rows[0]) if rows else None

    def select_staff(self, staff_id: int) -> None:
        for i, row in enumerate(self.model.rows):
            if row.staff_id == staff_id:
                self.view.selectRow(i)
                return

    def _update_buttons(self) -> None:
        row = self.selected()
        self.unlock_button.setEnabled(row is not None and (row.locked or row.failed_logins > 0))
        self.badge_button.setEnabled(row is not None and row.active)

    def unlock(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.ctx.run(staff_service.unlock_staff, row.staff_id, parent=self)
        self.load()

    def issue_badge(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.has_badge and QMessageBox.question(self, self.tr("Issue new badge"), self.tr(
                "{name}'s old badge stops working at once. Issue a new one?").format(name=row.name),
        ) != QMessageBox.StandardButton.Yes:
            return
        code = self.ctx.run(staff_service.new_badge, row.staff_id, parent=self)
        self.load()
        if code is None:
            return
        self.issued = code
        QMessageBox.information(self, self.tr("New badge"), self.tr(
            "The new badge of {name} is:\n\n{code}\n\nPrint it as a Code 128 barcode (or write it on the card); "
            "it works from now on, the old one no longer.").format(name=row.name, code=code))

    def _show_positions(self) -> None:
        row = self.selected()
        held = self.positions.get(row.staff_id, []) if row is not None else []
        for position, box in self.position_boxes.items():
            box.setEnabled(row is not None)
            box.setChecked(position in held)
        self.positions_button.setEnabled(row is not None)

    def save_positions(self) -> None:
        row = self.selected()
        if row is None:
            return
        wanted = [p for p, box in self.position_boxes.items() if box.isChecked()]
        if self.ctx.run(position_service.set_positions, row.staff_id, wanted, parent=self) is not None:
            self.load()
