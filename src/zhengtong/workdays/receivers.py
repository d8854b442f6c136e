from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import calendar
from .models import CalendarDay, CalendarYear
from .signals import schedule_changed


@receiver([post_save, post_delete], sender=CalendarDay)
@receiver([post_save, post_delete], sender=CalendarYear)
def _table_changed(sender, **kwargs):
    calendar.invalidate()  # this process at once; other processes within calendar.RECHECK_SECONDS
    transaction.on_commit(_announce)


def _announce():
    calendar.invalidate()
    schedule_changed.send(sender=CalendarYear)
