"""The follow-up sheet of the manager's monthly workbook (registered in
:data:`app.services.month_end.MONTH_SHEETS`): per stage the calls due, made, reached and
given up with the overall satisfaction, and the satisfaction per position and stage."""

from __future__ import annotations

from sqlalchemy.orm import Session

from .follow_ups import SCORED_POSITIONS, STAGE_TEXT, STAGES, month_figures, stage_position_averages
from .messages import phrases
from .month_sheets import MonthBook, _put, _table
from .positions import POSITION_TEXT
from .xlsx import Styles

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
    w = {k: book.translate(v) for k, v in SHEET_TEXT.items()}
    figures = month_figures(session, book.month)
    ws = book.sheet(SHEET_TEXT["title"], (26, 12, 12, 12, 12, 14, 12))
    rows = [[book.translate(STAGE_TEXT[f.stage]), f.due, f.made, f.reached, f.given_up, _mean(f.overall_total,
             f.overall_answers)] for f in figures]
    last = _table(ws, [w["stage"], w["due"], w["made"], w["reached"], w["given_up"], w["satisfaction"]], rows,
                  [None, None, None, None, None, None], sums=(1, 2, 3, 4), total=w["total"], filter_rows=False)
    answers = sum(f.overall_answers for f in figures)
    _put(ws, Styles(ws), last, 6, _mean(sum(f.overall_total for f in figures), answers), "bold")
    by = stage_position_averages(session, book.month)
    top = last + 3
    styles = Styles(ws)
    header = [w["position"], *(book.translate(STAGE_TEXT[s]) for s in STAGES), w["answers"], w["average"]]
    for c, text in enumerate(header, start=1):
        _put(ws, styles, top, c, text, "bold")
    for r, position in enumerate(SCORED_POSITIONS, start=top + 1):
        _put(ws, styles, r, 1, book.translate(POSITION_TEXT[position]))
        n_all = t_all = 0
        for c, stage in enumerate(STAGES, start=2):
            n, t = by.get((stage, position), (0, 0))
            n_all, t_all = n_all + n, t_all + t
            _put(ws, styles, r, c, _mean(t, n))
        _put(ws, styles, r, len(STAGES) + 2, n_all)
        _put(ws, styles, r, len(STAGES) + 3, _mean(t_all, n_all))
    return {"follow_ups_made": sum(f.made for f in figures)}


