"""zhengtong scan: run the supervision scan once (the worker runs it every minute)."""

from django.core.management.base import BaseCommand

from zhengtong.audit.context import acting_as, console_actor

from ...scan import scan


class Command(BaseCommand):
    help = "电子监察：检查一次全部在办时限，记录预警和超时"

    def handle(self, *args, **options):
        with acting_as(console_actor("scan")):
            result = scan()
        self.stdout.write(f"新增预警 {result['yellow']} 件，新增超时 {result['red']} 件。")
