"""Delivery channels. E-mail goes through Django's mail backend (SMTP when ZT_EMAIL_HOST is set, the console
otherwise). SMS goes through the backend named by ZT_SMS_BACKEND; a city plugs in its gateway (阿里云, 腾讯云,
the government SMS platform) by writing a class with `send(mobile, text)`. The default writes to the log, as
Django's console mail backend does, because no SMS gateway can be reached from a demo machine."""

from __future__ import annotations

import logging
import os

from django.core.mail import send_mail
from django.utils.module_loading import import_string

from zhengtong.core.masking import mask_mobile

log = logging.getLogger("zhengtong.sms")


class LogSmsBackend:
    """The demo's gateway: the message in the console, the number masked (no mobile in any log)."""

    def send(self, mobile: str, text: str) -> None:
        log.warning("SMS to %s: %s", mask_mobile(mobile), text)


def sms_backend():
    return import_string(os.environ.get("ZT_SMS_BACKEND", "zhengtong.notifications.channels.LogSmsBackend"))()


def deliver(item) -> None:
    if item.channel == "email":
        send_mail(item.title, item.body, None, [item.address])
    elif item.channel == "sms":
        sms_backend().send(item.address, f"【政通】{item.title}")
    else:
        raise ValueError(item.channel)


class MemorySmsBackend:
    """Keeps the messages in `outbox` (as Django's locmem mail backend does): for tests and local trials."""

    outbox: list[tuple[str, str]] = []

    def send(self, mobile: str, text: str) -> None:
        MemorySmsBackend.outbox.append((mobile, text))
