"""The follow-up sheet of the manager's monthly workbook (registered in
:data:`app.services.month_end.MONTH_SHEETS`): per stage the calls due, made, reached and
given up with the overall satisfaction, and the satisfaction per position and stage."""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from .follow_ups import SCORED_POSITIONS, STAGE_TEXT, STAGES, month_figures, stage_position_averages
from .messages import phrases
from .month_sheets import MonthBook
from .positions import POSITION_TEXT
from .xlsx import Formula, Styles, cells_of

SHEET_TEXT = phrases({
    "title": "Follow-ups",
    "stage": "Stage",
    "due": "Calls due",
    "made": "Calls made",
    "reached": "Reached",
    "given_up": "Given up",
    "satisfaction": "Overall satisfaction (1-5)",
    "position": "Position",
    "answers": "Answers",
    "average": "Average (1-5)",
    "total": "Total",
})


def _mean(total: int, n: int) -> float | None:
    return round(total / n, 2) if n else None


def follow_up_sheet(session: Session, book: MonthBook) -> dict[str, int]:
    """Calls of the month per stage (due, made, reached, given up; SUBTOTAL totals) with the
    overall satisfaction, then the average answer per position and stage."""
    w = {k: book.translate(v) for k, v in SHEET_TEXT.items()}
    figures = month_figures(session, book.month)
    ws = book.sheet(SHEET_TEXT["title"], (26, 12, 12, 12, 12, 14, 12))
    styles = Styles(ws)
    header = [w["stage"], w["due"], w["made"], w["reached"], w["given_up"], w["satisfaction"]]
    ws.append(cells_of(ws, styles, header, ["bold"] * len(header)))
    for f in figures:
        ws.append(cells_of(ws, styles, [book.translate(STAGE_TEXT[f.stage]), f.due, f.made, f.reached, f.given_up,
                                        _mean(f.overall_total, f.overall_answers)]))
    last = 1 + len(figures)
    answers = sum(f.overall_answers for f in figures)
    total = [w["total"], *(Formula(f"=SUBTOTAL(109,{get_column_letter(c)}2:{get_column_letter(c)}{last})")
                           for c in range(2, 6)), _mean(sum(f.overall_total for f in figures), answers)]
    ws.append(cells_of(ws, styles, total, ["bold"] * len(total)))
    ws.append([])
    ws.append([])
    by = stage_position_averages(session, book.month)
    header = [w["position"], *(book.translate(STAGE_TEXT[s]) for s in STAGES), w["answers"], w["average"]]
    ws.append(cells_of(ws, styles, header, ["bold"] * len(header)))
    for position in SCORED_POSITIONS:
        row: list[object] = [book.translate(POSITION_TEXT[position])]
        n_all = t_all = 0
        for stage in STAGES:
            n, t = by.get((stage, position), (0, 0))
            n_all, t_all = n_all + n, t_all + t
            row.append(_mean(t, n))
        ws.append(cells_of(ws, styles, [*row, n_all, _mean(t_all, n_all)]))
    return {"follow_ups_made": sum(f.made for f in figures)}
