"""Money is integer fen end to end; this is the one place it becomes text."""

from __future__ import annotations


def amount(fen: int) -> str:
    """1,234.50 (the grouping zh_CN and en share), -0.50 when negative; never a float.
    For templates that write the ¥ themselves ("still owes ¥{due}")."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole:,}.{cents:02d}"


def yuan(fen: int) -> str:
    """¥1,234.50, and -¥0.50 when negative."""
    return f"{'-' if fen < 0 else ''}¥{amount(abs(fen))}"
