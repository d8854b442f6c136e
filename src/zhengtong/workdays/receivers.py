from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CalendarDay, CalendarYear
from .signals import table_changed


@receiver([post_save, post_delete], sender=CalendarDay)
@receiver([post_save, post_delete], sender=CalendarYear)
def _row_changed(sender, **kwargs):
    table_changed()
