from django.dispatch import Signal

# Sent after commit whenever the holiday table changed (admin, import). Engines above listen: supervision
# recomputes the open clocks whose due date was provisional.
schedule_changed = Signal()
