"""zhengtong demo_otp USERNAME: the current TOTP code of a demo account's seeded device.

Works only on the device `zhengtong demo` created (named 演示设备); a real staff member's authenticator
is never readable this way.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ...seed import DEMO_DEVICE


class Command(BaseCommand):
    help = "显示演示账户的当前动态口令"

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        device = TOTPDevice.objects.filter(user__username=username, name=DEMO_DEVICE, confirmed=True).first()
        if device is None:
            raise CommandError(f"{username} 没有演示用的动态口令设备")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
        self.stdout.write(f"{code:0{device.digits}d}")
