"""A line of text that changes at every scan (the receive page's answer) lays nothing else out."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from app.ui.common import steady_label


class LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_a_new_answer_of_the_planned_lines_lays_out_only_its_label_and_a_long_one_is_shown_whole(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    answer = QLabel("扫描回件")
    answer.setWordWrap(True)
    answer.setStyleSheet("font-size: 18px; padding: 8px;")
    holder = steady_label(answer, lines=2, padding=8)
    layout.addWidget(holder)
    layout.addWidget(QLabel("本次：扫描 0 次"), 1)
    window.resize(900, 400)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()  # the first layout, done
    base = holder.height()
    spy = LayoutRequests()
    window.installEventFilter(spy)

    for n in range(5):  # scans whose answers fit the planned two lines
        answer.setText(f"2611-0001-0{n}-3：夏艳若 · 30P 水晶相册 · 订单 2611-0001-2：在厂商制作中 → 已回件")
        QApplication.processEvents()
    assert spy.count == 0 and holder.height() == base

    long = "2610-0401-01-6 · 夏艳若 · 30P 水晶相册 · 订单 2610-0401-6：请按返工原因的数字键 (Esc：不返工)。" * 4
    answer.setText(long)
    QApplication.processEvents()
    assert holder.height() > base and holder.height() >= answer.heightForWidth(holder.width())
    assert answer.geometry() == holder.rect()  # nothing of it cut off

    answer.setText("2611-0001-01-3：已回件")
    QApplication.processEvents()
    assert holder.height() == base
