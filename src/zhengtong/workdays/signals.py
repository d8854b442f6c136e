from django.db import transaction
from django.dispatch import Signal

# Sent after commit whenever the holiday table changed (admin, import). Engines above listen: supervision
# recomputes the open clocks whose due date was provisional.
schedule_changed = Signal()


def table_changed() -> None:
    """Call after any write to the holiday table; bulk writes send no model signals, so they call it too."""
    from . import calendar
    from .models import CalendarYear

    calendar.invalidate()  # this process at once; other processes within calendar.RECHECK_SECONDS

    def announce():
        calendar.invalidate()
        schedule_changed.send(sender=CalendarYear)

    transaction.on_commit(announce)
