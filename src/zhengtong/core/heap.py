"""A web worker's heap, settled before its first request.

Once Django and the apps are loaded, a worker holds some 140,000 objects the collector tracks (modules, classes,
functions, URL patterns, translation catalogues), and each full collection walks all of them: 82-86 ms on the
2-core benchmark machine, a pause every thread of the worker waits through, wherever it falls (the OpenAPI
schema's p95 was 103 ms against a p50 of 18). They live as long as the worker does, so `settle` loads what the
first requests would load anyway and moves it all out of the collector's reach (`gc.freeze`, as the Python
documentation suggests for a server's workers); later collections walk only what requests made since. It runs
where the WSGI application is loaded (wsgi.py): in each gunicorn worker, and in any process that imports it
(runserver, the schemathesis tests), where it is as harmless: what it freezes lives as long as the process.
"""

from __future__ import annotations

import gc


def settle() -> None:
    from django.conf import settings
    from django.urls import resolve, reverse
    from django.utils import translation

    resolve(reverse("portal:home"))  # the URL patterns, both ways
    for code, _name in settings.LANGUAGES:  # each language's catalogue
        with translation.override(code):
            translation.gettext("首页")
    gc.collect()
    gc.freeze()
