import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengtong.settings")

from zhengtong.core.handler import application as _application  # noqa: E402

application = _application()

from zhengtong.core import heap  # noqa: E402  (Django is set up by now)

heap.settle()  # each gunicorn worker, before its first request (core/heap.py)
