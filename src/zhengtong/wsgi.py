import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengtong.settings")
application = get_wsgi_application()

from zhengtong.core import heap  # noqa: E402  (Django is set up by now)

heap.settle()  # each gunicorn worker, before its first request (core/heap.py)
