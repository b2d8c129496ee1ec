"""Settings → Catalogue: packages, product types and labs with their prices.

Everyone may look; only a manager saves (the services refuse others). Changing a
price never changes orders already booked.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QSpinBox, QSplitter, QTableView, QTableWidget, QTabWidget, QVBoxLayout, QWidget,
)

from ..models import PackageKind, ProductCategory
from ..services import catalogue
from ..services.staff import Permission
from . import names
from .common import MoneyEdit, cell
from .context import AppContext
from .i18n import money
from .table_models import Column, RowsModel

def _list(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class CatalogueDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Catalogue"))
        self.resize(980, 600)
        self.may_edit = ctx.me().may(Permission.EDIT_CATALOGUE)
        tabs = QTabWidget()
        tabs.addTab(self._packages_page(), self.tr("Packages"))
        tabs.addTab(self._products_page(), self.tr("Products"))
        tabs.addTab(self._labs_page(), self.tr("Labs"))
        note = QLabel("" if self.may_edit else self.tr("Only a manager can change the catalogue; you can look."))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        row = QHBoxLayout()
        row.addWidget(note, 1)
        row.addWidget(close)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.package_rows = self.ctx.run(catalogue.packages, include_inactive=True, parent=self) or []
        self.product_rows = self.ctx.run(catalogue.product_types, include_inactive=True, parent=self) or []
        self.lab_rows = self.ctx.run(catalogue.labs, include_inactive=True, parent=self) or []
        self.packages.set_rows(self.package_rows)
        self.products.set_rows(self.product_rows)
        self.labs.set_rows(self.lab_rows)
        for combo in (self.product_lab,):
            combo.clear()
            combo.addItem(self.tr("(none: made in the studio)"), None)
            for lab in self.lab_rows:
                combo.addItem(lab.name, lab.id)

    def _save_button(self, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(self.tr("Save"))
        button.clicked.connect(slot)
        button.setEnabled(self.may_edit)
        return button

    def _page(self, view: QTableView, form: QWidget, new_slot) -> QWidget:  # type: ignore[no-untyped-def]
        split = QSplitter()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(view)
        new = QPushButton(self.tr("New"))
        new.clicked.connect(new_slot)
        new.setEnabled(self.may_edit)
        lv.addWidget(new)
        split.addWidget(left)
        split.addWidget(form)
        split.setSizes([420, 520])
        return split

    # -- packages --------------------------------------------------------------
    def _packages_page(self) -> QWidget:
        self.packages = RowsModel([
            Column(self.tr("Package"), lambda p: p.name),
            Column(self.tr("Kind"), lambda p: names.name_of(PackageKind, p.kind)),
            Column(self.tr("Price"), lambda p: money(p.price_fen), align_right=True),
            Column(self.tr("On sale"), lambda p: self.tr("yes") if p.active else self.tr("no")),
        ], self)
        view = _list(self.packages)
        view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show_package(cur.row()))
        form = QWidget()
        f = QFormLayout(form)
        self.package_id: int | None = None
        self.package_name = QLineEdit()
        self.package_kind = QComboBox()
        for label, kind in names.choices(PackageKind):
            self.package_kind.addItem(label, kind)
        self.package_price = MoneyEdit()
        self.package_plan = QLineEdit()
        self.package_plan.setPlaceholderText(self.tr("Session names, separated by commas: 百天, 周岁"))
        self.package_active = QCheckBox(self.tr("On sale"))
        self.package_lines = QTableWidget(0, 3)
        self.package_lines.setHorizontalHeaderLabels([self.tr("Product"), self.tr("Quantity"),
                                                      self.tr("Session (1, 2, …)")])
        self.package_lines.horizontalHeader().setStretchLastSection(True)
        add = QPushButton(self.tr("Add line"))
        add.clicked.connect(lambda: self._add_line(None, 1, 0))
        remove = QPushButton(self.tr("Remove line"))
        remove.clicked.connect(lambda: self.package_lines.removeRow(self.package_lines.currentRow()))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        f.addRow(self.tr("Name"), self.package_name)
        f.addRow(self.tr("Kind"), self.package_kind)
        f.addRow(self.tr("Price (¥)"), self.package_price)
        f.addRow(self.tr("Sessions"), self.package_plan)
        f.addRow(self.package_active)
        f.addRow(self.package_lines)
        f.addRow(buttons)
        f.addRow(self._save_button(self._save_package))
        return self._page(view, form, self._new_package)

    def _add_line(self, product_id: int | None, qty: int, session_index: int) -> None:
        r = self.package_lines.rowCount()
        self.package_lines.insertRow(r)
        product = QComboBox()
        for p in self.product_rows:
            product.addItem(p.name, p.id)
        if product_id is not None:
            product.setCurrentIndex(product.findData(product_id))
        q = QSpinBox()
        q.setRange(1, 99)
        q.setValue(qty)
        s = QSpinBox()
        s.setRange(1, 20)
        s.setValue(session_index + 1)
        self.package_lines.setCellWidget(r, 0, product)
        self.package_lines.setCellWidget(r, 1, q)
        self.package_lines.setCellWidget(r, 2, s)

    def _show_package(self, row: int) -> None:
        if row < 0:
            return
        p = self.package_rows[row]
        self.package_id = p.id
        self.package_name.setText(p.name)
        self.package_kind.setCurrentIndex(self.package_kind.findData(p.kind))
        self.package_price.set_fen(p.price_fen)
        self.package_plan.setText(", ".join(p.session_plan))
        self.package_active.setChecked(p.active)
        self.package_lines.setRowCount(0)
        for line in p.lines:
            self._add_line(line.product_type_id, line.quantity, line.session_index)

    def _new_package(self) -> None:
        self.package_id = None
        for w in (self.package_name, self.package_plan, self.package_price):
            w.clear()
        self.package_active.setChecked(True)
        self.package_lines.setRowCount(0)
        self.package_name.setFocus()

    def _save_package(self) -> None:
        plan = [x.strip() for x in self.package_plan.text().replace("，", ",").split(",") if x.strip()]
        table = self.package_lines
        lines = [(cell(table, r, 0, QComboBox).currentData(), cell(table, r, 1, QSpinBox).value(),
                  cell(table, r, 2, QSpinBox).value() - 1) for r in range(table.rowCount())]
        try:
            price = self.package_price.fen()
        except ValueError:
            price = -1
        saved = self.ctx.run(catalogue.save_package, parent=self, id=self.package_id,
                             name=self.package_name.text(), kind=self.package_kind.currentData(), price_fen=price,
                             session_plan=plan, lines=lines, active=self.package_active.isChecked())
        if saved is not None:
            self.package_id = saved
            self.reload()

    # -- products --------------------------------------------------------------
    def _products_page(self) -> QWidget:
        self.products = RowsModel([
            Column(self.tr("Product"), lambda p: p.name),
            Column(self.tr("Category"), lambda p: names.name_of(ProductCategory, p.category)),
            Column(self.tr("Made in the studio"), lambda p: self.tr("yes") if p.in_house else self.tr("no")),
            Column(self.tr("Design approval"), lambda p: self.tr("yes") if p.needs_approval else self.tr("no")),
            Column(self.tr("As an extra"), lambda p: "" if p.extra_price_fen is None else money(p.extra_price_fen),
                   align_right=True),
        ], self)
        view = _list(self.products)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # the prices show
        view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show_product(cur.row()))
        form = QWidget()
        f = QFormLayout(form)
        self.product_id: int | None = None
        self.product_name = QLineEdit()
        self.product_category = QComboBox()
        for label, c in names.choices(ProductCategory):
            self.product_category.addItem(label, c)
        self.product_in_house = QCheckBox(self.tr("Made in the studio (no lab)"))
        self.product_lab = QComboBox()
        self.product_active = QCheckBox(self.tr("In use"))
        self.product_approval = QCheckBox(self.tr("Design needs the customer's approval before it goes to a lab (看样)"))
        self.product_approval.setObjectName("productNeedsApproval")
        self.product_extra = MoneyEdit()
        self.product_extra.setObjectName("productExtraPrice")
        self.product_extra.setPlaceholderText(self.tr("empty: not sold as an extra"))
        f.addRow(self.tr("Name"), self.product_name)
        f.addRow(self.tr("Category"), self.product_category)
        f.addRow(self.product_in_house)
        f.addRow(self.tr("Usual lab"), self.product_lab)
        f.addRow(self.product_approval)
        f.addRow(self.tr("Price as an extra (¥)"), self.product_extra)
        f.addRow(self.product_active)
        f.addRow(self._save_button(self._save_product))
        return self._page(view, form, self._new_product)

    def _show_product(self, row: int) -> None:
        if row < 0:
            return
        p = self.product_rows[row]
        self.product_id = p.id
        self.product_name.setText(p.name)
        self.product_category.setCurrentIndex(self.product_category.findData(p.category))
        self.product_in_house.setChecked(p.in_house)
        self.product_lab.setCurrentIndex(max(0, self.product_lab.findData(p.default_lab_id)))
        self.product_approval.setChecked(p.needs_approval)
        self.product_extra.setText("" if p.extra_price_fen is None else f"{p.extra_price_fen // 100}."
                                   f"{p.extra_price_fen % 100:02d}")
        self.product_active.setChecked(p.active)

    def _new_product(self) -> None:
        self.product_id = None
        self.product_name.clear()
        self.product_approval.setChecked(False)
        self.product_extra.clear()
        self.product_active.setChecked(True)
        self.product_name.setFocus()

    def _save_product(self) -> None:
        try:  # empty: not sold as an extra; "0": sold for nothing
            extra = self.product_extra.fen() if self.product_extra.text().strip() else None
        except ValueError:
            extra = -1  # the service says why
        saved = self.ctx.run(catalogue.save_product_type, parent=self, id=self.product_id,
                             name=self.product_name.text(), category=self.product_category.currentData(),
                             in_house=self.product_in_house.isChecked(), default_lab_id=self.product_lab.currentData(),
                             active=self.product_active.isChecked(), needs_approval=self.product_approval.isChecked(),
                             extra_price_fen=extra)
        if saved is not None:
            self.product_id = saved
            self.reload()

    # -- labs ------------------------------------------------------------------
    def _labs_page(self) -> QWidget:
        self.labs = RowsModel([
            Column(self.tr("Lab"), lambda l: l.name),
            Column(self.tr("Turnaround (days)"), lambda l: str(l.default_turnaround_days), align_right=True),
            Column(self.tr("Phone"), lambda l: l.phone or ""),
        ], self)
        view = _list(self.labs)
        view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show_lab(cur.row()))
        form = QWidget()
        f = QFormLayout(form)
        self.lab_id: int | None = None
        self.lab_name = QLineEdit()
        self.lab_days = QSpinBox()
        self.lab_days.setRange(0, 365)
        self.lab_contact = QLineEdit()
        self.lab_phone = QLineEdit()
        self.lab_active = QCheckBox(self.tr("In use"))
        self.lab_bills_rework = QCheckBox(self.tr("Bills reworks (返工收费): a rework sent back is charged like a new product"))
        self.lab_bills_rework.setObjectName("labBillsRework")
        self.lab_prices = QTableWidget(0, 3)
        self.lab_prices.setHorizontalHeaderLabels([self.tr("Product"), self.tr("Lab price (¥)"),
                                                   self.tr("Turnaround (days)")])
        self.lab_prices.horizontalHeader().setStretchLastSection(True)
        f.addRow(self.tr("Name"), self.lab_name)
        f.addRow(self.tr("Usual turnaround (days)"), self.lab_days)
        f.addRow(self.tr("Contact"), self.lab_contact)
        f.addRow(self.tr("Phone"), self.lab_phone)
        f.addRow(self.lab_active)
        f.addRow(self.lab_bills_rework)
        f.addRow(QLabel(self.tr("Price list (leave the price empty for products this lab does not make)")))
        f.addRow(self.lab_prices)
        f.addRow(self._save_button(self._save_lab))
        return self._page(view, form, self._new_lab)

    def _fill_prices(self, prices: dict[int, tuple[int, int | None]]) -> None:
        self.lab_prices.setRowCount(0)
        for p in self.product_rows:
            if p.in_house:
                continue
            r = self.lab_prices.rowCount()
            self.lab_prices.insertRow(r)
            name = QLabel(p.name)
            name.setProperty("product_id", p.id)
            price = MoneyEdit(prices.get(p.id, (0, None))[0])
            days = QSpinBox()
            days.setRange(0, 365)
            days.setSpecialValueText(self.tr("usual"))
            days.setValue(prices.get(p.id, (0, None))[1] or 0)
            self.lab_prices.setCellWidget(r, 0, name)
            self.lab_prices.setCellWidget(r, 1, price)
            self.lab_prices.setCellWidget(r, 2, days)

    def _show_lab(self, row: int) -> None:
        if row < 0:
            return
        lab = self.lab_rows[row]
        self.lab_id = lab.id
        self.lab_name.setText(lab.name)
        self.lab_days.setValue(lab.default_turnaround_days)
        self.lab_contact.setText(lab.contact or "")
        self.lab_phone.setText(lab.phone or "")
        self.lab_active.setChecked(lab.active)
        self.lab_bills_rework.setChecked(lab.bills_rework)
        self._fill_prices(lab.prices)

    def _new_lab(self) -> None:
        self.lab_id = None
        for w in (self.lab_name, self.lab_contact, self.lab_phone):
            w.clear()
        self.lab_days.setValue(7)
        self.lab_active.setChecked(True)
        self.lab_bills_rework.setChecked(False)
        self._fill_prices({})
        self.lab_name.setFocus()

    def _save_lab(self) -> None:
        prices: dict[int, tuple[int, int | None]] = {}
        for r in range(self.lab_prices.rowCount()):
            try:
                fen = cell(self.lab_prices, r, 1, MoneyEdit).fen()
            except ValueError:
                fen = 0
            if fen:
                days = cell(self.lab_prices, r, 2, QSpinBox).value() or None
                prices[self.lab_prices.cellWidget(r, 0).property("product_id")] = (fen, days)
        saved = self.ctx.run(catalogue.save_lab, parent=self, id=self.lab_id, name=self.lab_name.text(),
                             default_turnaround_days=self.lab_days.value(), contact=self.lab_contact.text().strip() or None,
                             phone=self.lab_phone.text().strip() or None, prices=prices,
                             active=self.lab_active.isChecked(), bills_rework=self.lab_bills_rework.isChecked())
        if saved is not None:
            self.lab_id = saved
            self.reload()
