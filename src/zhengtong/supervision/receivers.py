from django.dispatch import receiver

from zhengtong.workdays.signals import schedule_changed


@receiver(schedule_changed)
def _recompute(sender, **kwargs):
    from .tasks import recompute_provisional

    recompute_provisional()
