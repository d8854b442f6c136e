"""Delivery channels. E-mail goes through Django's mail backend (SMTP when ZT_EMAIL_HOST is set, the console
otherwise). SMS goes through the backend named by ZT_SMS_BACKEND; a city plugs in its gateway (阿里云, 腾讯云,
the government SMS platform) by writing a class with `send(mobile, text, key="")`: `key` is the same on every try
of one queued message (a retry after a killed worker), for the gateway's client serial number (阿里云 OutId and the
like) so that its receipts can tell a repeat; a class written with `send(mobile, text)` only still works. The
default writes to the log, as Django's console mail backend does, because no SMS gateway can be reached from a demo
machine."""

from __future__ import annotations

import inspect
import logging
import os

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from zhengtong.core.codes import keyed_hash
from zhengtong.core.masking import mask_mobile

log = logging.getLogger("zhengtong.sms")


class LogSmsBackend:
    """The demo's gateway: the message in the console, the number masked (no mobile in any log)."""

    def send(self, mobile: str, text: str, key: str = "") -> None:
        log.warning("SMS to %s: %s", mask_mobile(mobile), text)


def sms_backend():
    return import_string(os.environ.get("ZT_SMS_BACKEND", "zhengtong.notifications.channels.LogSmsBackend"))()


def message_key(item) -> str:
    """The same on every try of one message and on every worker host, and different from every other site's
    (keyed by this site's SECRET_KEY): another district, a staging copy or a reset demo sharing one SMS platform
    never reuses it."""
    return "zt-" + keyed_hash("notifications-outbox", str(item.pk))[:32]


def _mail_domain() -> str:
    sender = settings.DEFAULT_FROM_EMAIL
    return sender.rpartition("@")[2].strip("> ") or "localhost"


def deliver(item) -> None:
    key = message_key(item)
    if item.channel == "email":
        # The same Message-ID on a repeat, from whichever host: mail clients show one message.
        headers = {"Message-ID": f"<{key}@{_mail_domain()}>"}
        EmailMessage(item.title, item.body, None, [item.address], headers=headers).send()
    elif item.channel == "sms":
        backend = sms_backend()
        parameters = inspect.signature(backend.send).parameters
        if "key" in parameters or any(p.kind is p.VAR_KEYWORD for p in parameters.values()):
            backend.send(item.address, f"【政通】{item.title}", key=key)
        else:
            backend.send(item.address, f"【政通】{item.title}")
    else:
        raise ValueError(item.channel)


class MemorySmsBackend:
    """Keeps the messages in `outbox` (as Django's locmem mail backend does): for tests and local trials."""

    outbox: list[tuple[str, str]] = []

    def send(self, mobile: str, text: str, key: str = "") -> None:
        MemorySmsBackend.outbox.append((mobile, text))
