"""An enterprise account's registered data comes from the legal-person register (不再重复采集): whenever the
account is saved with a credit code the register holds, its name and legal representative are the register's."""

from __future__ import annotations

from django.db.models.signals import pre_save
from django.dispatch import receiver

from zhengtong.accounts.models import User

from .models import LegalPerson


@receiver(pre_save, sender=User, dispatch_uid="sharing.enterprise_from_register")
def enterprise_from_register(sender, instance: User, update_fields=None, **kwargs):
    if instance.kind != User.Kind.ENTERPRISE or not instance.uscc:
        return
    if update_fields is not None and "uscc" not in update_fields:
        return  # a save of other fields (a log-in's last_login) need not read the register
    found = LegalPerson.objects.filter(uscc=instance.uscc).values("name", "legal_representative").first()
    if found:
        instance.enterprise_name = found["name"]
        instance.legal_representative = found["legal_representative"]
