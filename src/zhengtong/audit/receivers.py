"""Login log: every success, failure, lockout and logout, with IP and browser (等保2.0 安全审计)."""

from __future__ import annotations

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import LoginLog
from .services import login_record


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    login_record(username=user.get_username(), user_id=user.pk, outcome=LoginLog.Outcome.SUCCESS)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    login_record(username=str(credentials.get("username", "")), outcome=LoginLog.Outcome.FAILURE)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        login_record(username=user.get_username(), user_id=user.pk, outcome=LoginLog.Outcome.LOGOUT)


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    login_record(username=str(username or ""), outcome=LoginLog.Outcome.LOCKED)
