"""Pages of the customer-service tab about customers as a whole: the channel analysis per
month (客源渠道) and the customer pyramid (客户金字塔: four tiers, a list per tier to act on)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel,
    QPushButton, QVBoxLayout, QWidget,
)

from ..models import Tier
from ..services import channels, tiers
from ..services.channels import ChannelLine, ChannelMonth, ReferrerLine
from ..services.errors import StudioError
from ..services.staff import Permission
from ..services.tiers import TierCounts, TierRow, TierRules
from . import names
from .common import may, month_chooser, no_default, percent, rows_view
from .context import AppContext, BackgroundTask
from .i18n import error_text, local_time, money
from .table_models import Column, RowsModel









class _LoadOnShow(QWidget):
    loaded = False

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            self.refresh()

    def refresh(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class ChannelsPage(_LoadOnShow):
    """Orders and their value by channel for a month, the referral rate, the top referrers."""

    open_customer = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.month = month_chooser(ctx.clock.today(), "channelMonth")
        self.month.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model = RowsModel([
            Column(self.tr("Channel"), lambda c: names.name(c.channel)),
            Column(self.tr("Orders"), lambda c: str(c.orders), align_right=True),
            Column(self.tr("Share"), lambda c: percent(c.share), align_right=True),
            Column(self.tr("Value"), lambda c: money(c.revenue_fen), align_right=True),
        ], self)
        self.table = rows_view(self.model, 0, "channelRows")
        self.summary = QLabel()
        self.summary.setObjectName("channelSummary")
        self.summary.setStyleSheet("font-weight: bold;")
        self.referrers_model = RowsModel([
            Column(self.tr("Referrer"), lambda r: r.name),
            Column(self.tr("Phones"), lambda r: r.phones),
            Column(self.tr("Customers referred"), lambda r: str(r.referred_customers), align_right=True),
            Column(self.tr("Orders"), lambda r: str(r.orders), align_right=True),
            Column(self.tr("Value"), lambda r: money(r.revenue_fen), align_right=True),
        ], self)
        self.referrers = rows_view(self.referrers_model, 1, "topReferrers")
        self.referrers.activated.connect(
            lambda index: self.open_customer.emit(self.referrers_model.row(index).customer_id))
        footnote = QLabel(self.tr(
            "Orders booked in the month (cancelled ones left out) by the customer's channel; value: what the "
            "orders cost. Referral rate: referral orders ÷ all orders. Top referrers: whose referred customers "
            "booked the most orders in the month."))
        footnote.setWordWrap(True)
        footnote.setStyleSheet("color: #616161;")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month")))
        top.addWidget(self.month)
        top.addStretch(1)
        top.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 2)
        layout.addWidget(QLabel(self.tr("Top referrers")))
        layout.addWidget(self.referrers, 3)
        layout.addWidget(footnote)

    def refresh(self) -> None:
        year, month = self.month.currentData()
        report = self.ctx.run(channels.channel_month, year, month, parent=self)
        if report is not None:
            self.show_report(report)

    def show_report(self, report: ChannelMonth) -> None:
        self.report = report
        self.model.set_rows(report.lines)
        self.referrers_model.set_rows(report.referrers)
        self.summary.setText(self.tr("{orders} orders, {value}; referral rate {rate}").format(
            orders=report.orders, value=money(report.revenue_fen),
            rate=percent(report.referral_rate) or self.tr("none")))

    def lines(self) -> list[ChannelLine]:
        return list(self.model.rows)

    def referrer_lines(self) -> list[ReferrerLine]:
        return list(self.referrers_model.rows)


class TiersPage(_LoadOnShow):
    """The customer pyramid: how many customers in each tier and the list of one tier, sortable
    by any column, to act on (keep the most valuable, grow the growth tier...)."""

    open_customer = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: BackgroundTask | None = None
        self.dialog: TierRulesDialog | None = None
        self.tier = QComboBox()
        self.tier.setObjectName("tierChoice")
        for label, tier in names.choices(Tier):
            self.tier.addItem(label, tier)
        self.tier.currentIndexChanged.connect(lambda _i: self.show_tier())
        self.recompute_button = QPushButton(self.tr("&Recompute tiers"))
        self.recompute_button.setObjectName("recomputeTiers")
        self.recompute_button.clicked.connect(self.recompute)
        self.rules_button = QPushButton(self.tr("&Weights and thresholds…"))
        self.rules_button.setObjectName("tierRules")
        self.rules_button.clicked.connect(self.edit_rules)
        no_default(self.recompute_button, self.rules_button)
        self.counts = QLabel()
        self.counts.setObjectName("tierCounts")
        self.columns: list[tuple[Column, Callable[[TierRow], Any]]] = [
            (Column(self.tr("Customer"), lambda r: r.name + (f" & {r.partner_name}" if r.partner_name else "")),
             lambda r: r.name),
            (Column(self.tr("Phones"), lambda r: r.phones), lambda r: r.phones),
            (Column(self.tr("Score"), lambda r: "" if r.score is None else QLocale().toString(r.score, "f", 1),
                    align_right=True), lambda r: r.score or 0.0),
            (Column(self.tr("Orders"), lambda r: str(r.orders), align_right=True), lambda r: r.orders),
            (Column(self.tr("Net paid"), lambda r: money(r.paid_fen), align_right=True), lambda r: r.paid_fen),
            (Column(self.tr("Last order"), lambda r: local_time(r.last_order_at)[:10]),
             lambda r: r.last_order_at or dt.datetime.min.replace(tzinfo=dt.UTC)),
        ]
        self.model = RowsModel([c for c, _key in self.columns], self)
        self.table = rows_view(self.model, 1, "tierRows")
        self.table.activated.connect(lambda index: self.open_customer.emit(self.model.row(index).customer_id))
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self.sort_by)
        self.sort_column, self.sort_order = 2, Qt.SortOrder.DescendingOrder
        self.footnote = QLabel()
        self.footnote.setWordWrap(True)
        self.footnote.setStyleSheet("color: #616161;")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Tier")))
        top.addWidget(self.tier)
        top.addWidget(self.counts, 1)
        top.addWidget(self.recompute_button)
        top.addWidget(self.rules_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.footnote)
        self.rows: list[TierRow] = []
        self.apply_permissions()

    def apply_permissions(self) -> None:
        self.rules_button.setVisible(may(self.ctx, Permission.MANAGE_SETTINGS))

    def refresh(self) -> None:
        """Recompute (the scores follow every payment, order, referral and complaint), then show."""
        self.recompute()

    def recompute(self) -> None:
        if self.task is not None:
            return
        self.recompute_button.setEnabled(False)
        self.task = self.ctx.run_in_background(tiers.recompute_tiers, label=self.tr("Computing the customer tiers…"),
                                               parent=self, on_done=self._recomputed)
        self.task.finished.connect(self._done)

    def _done(self, *_args: object) -> None:
        self.task = None
        self.recompute_button.setEnabled(True)

    def _recomputed(self, counts: TierCounts) -> None:
        self.counts.setText("  ·  ".join(f"{names.name(t)}: {counts.counts[t]}" for t in Tier))
        self.show_tier()

    def show_tier(self) -> None:
        rows = self.ctx.run(tiers.customers_in_tier, self.tier.currentData(), parent=self)
        rules = self.ctx.run(tiers.tier_rules, parent=self)
        if rows is None or rules is None:
            return
        self.rows = rows
        self._show_sorted()
        self.footnote.setText(self.tr(
            "Score = {spend} × net paid in ¥1,000s + {orders} × orders + {referrals} × customers referred + "
            "{satisfaction} × (average satisfaction − 3) − {complaints} × complaints. Most valuable from {top}, "
            "growth from {growth}, low contribution from {low}, negative value below. Customers without an "
            "order have no tier.").format(
            spend=rules.spend_weight, orders=rules.orders_weight, referrals=rules.referral_weight,
            satisfaction=rules.satisfaction_weight, complaints=rules.complaint_weight, top=rules.top,
            growth=rules.growth, low=rules.low))

    def sort_by(self, column: int) -> None:
        if column == self.sort_column:
            self.sort_order = (Qt.SortOrder.AscendingOrder if self.sort_order == Qt.SortOrder.DescendingOrder
                               else Qt.SortOrder.DescendingOrder)
        else:
            self.sort_column, self.sort_order = column, Qt.SortOrder.AscendingOrder
        self._show_sorted()

    def _show_sorted(self) -> None:
        key = self.columns[self.sort_column][1]
        rows = sorted(self.rows, key=key, reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setSortIndicator(self.sort_column, self.sort_order)
        self.model.set_rows(rows)

    def edit_rules(self) -> TierRulesDialog | None:
        rules = self.ctx.run(tiers.tier_rules, parent=self)
        if rules is None:
            return None
        self.dialog = TierRulesDialog(self.ctx, rules, self)
        self.dialog.accepted.connect(self.recompute)
        self.dialog.open()
        return self.dialog


class TierRulesDialog(QDialog):
    """A manager sets the weights of the tier score and the three thresholds."""

    FIELDS = ("spend_weight", "orders_weight", "referral_weight", "satisfaction_weight", "complaint_weight",
              "top", "growth", "low")

    def __init__(self, ctx: AppContext, rules: TierRules, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Customer tiers: weights and thresholds"))
        labels = {
            "spend_weight": self.tr("Points per ¥1,000 paid"),
            "orders_weight": self.tr("Points per order"),
            "referral_weight": self.tr("Points per customer referred"),
            "satisfaction_weight": self.tr("Points per satisfaction point above 3"),
            "complaint_weight": self.tr("Points taken off per complaint"),
            "top": self.tr("Most valuable from score"),
            "growth": self.tr("Growth from score"),
            "low": self.tr("Low contribution from score (below: negative value)"),
        }
        form = QFormLayout()
        self.edits: dict[str, QDoubleSpinBox] = {}
        for name in self.FIELDS:
            edit = QDoubleSpinBox()
            edit.setObjectName(name)
            edit.setDecimals(1)
            edit.setRange(-1000.0 if name in ("top", "growth", "low") else 0.0, 1000.0)
            edit.setValue(getattr(rules, name))
            self.edits[name] = edit
            form.addRow(labels[name], edit)
        self.message = QLabel()
        self.message.setStyleSheet("color: #d32f2f;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        rules = TierRules(**{name: edit.value() for name, edit in self.edits.items()})
        try:
            self.ctx.call(tiers.set_tier_rules, rules)
        except StudioError as exc:
            self.message.setText(error_text(exc))
            return
        self.accept()
