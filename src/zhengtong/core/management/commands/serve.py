"""zhengtong serve: gunicorn (gthread) on the WSGI app; static files come from WhiteNoise."""

from __future__ import annotations

import os
import sys

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connections

from ...staticfiles import collect_when_changed

# The path, never the query string or the referring page: a search for an ID number or a mobile, or the page it
# came from, must not be written down (个人信息保护法 Art. 51). Address, time, method, path, status, bytes,
# duration (s), browser.
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(L)s "%(a)s"'
# A value in the path itself (/letters/138…/), or in a request line gunicorn cannot parse, is masked.
LOGGER_CLASS = "zhengtong.privacy.logs.GunicornLogger"


class Command(BaseCommand):
    help = "启动网站（gunicorn）"

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("ZT_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("ZT_WEB_WORKERS", "2")))

    def handle(self, *args, bind, workers, **options):
        collect_when_changed()
        for config in apps.get_app_configs():  # an app whose first requests would read from disk warms up first
            if hasattr(config, "warm"):
                self.stdout.write(config.warm())
        connections.close_all()  # the workers open their own
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
                "--access-logformat",
                ACCESS_LOG_FORMAT,
                "--logger-class",
                LOGGER_CLASS,
            ],
        )
