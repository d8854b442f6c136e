"""The indicators every report computes alike from the clocks, so that the dashboard, the letters' summary and
the rankings cannot disagree."""

from __future__ import annotations


def on_time_rate(*, on_time: int, late: int, overdue: int) -> float | None:
    """按期办结率 (percent, one decimal): finished on time, of everything that was due — finished late and still
    open past its limit count against it, so sitting on overdue work never improves the rate."""
    due = on_time + late + overdue
    return round(100 * on_time / due, 1) if due else None
