"""zhengtong serve: gunicorn (gthread) on the WSGI app; static files come from WhiteNoise."""

from __future__ import annotations

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "启动网站（gunicorn）"

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("ZT_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("ZT_WEB_WORKERS", "2")))

    def handle(self, *args, bind, workers, **options):
        call_command("collectstatic", interactive=False, verbosity=0)
        os.execvp(
            sys.executable,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "zhengtong.wsgi:application",
                "--bind",
                bind,
                "--workers",
                str(workers),
                "--worker-class",
                "gthread",
                "--threads",
                "4",
                "--access-logfile",
                "-",
            ],
        )
