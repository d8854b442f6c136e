"""A benchmark's client that calls the worker's WSGI application as gunicorn does (zhengtong.wsgi): environ in,
body read, response closed, cookies kept between calls.

Django's test client measures more than the server runs: it records each page's context and templates through
signals, and it keeps every response reachable from a reference cycle of its own (`response.json`, a partial
holding the response), so a page's whole context waits for the collector, whose passes then fall more often on
the pages with more to show. The real server does neither (decision 0020).
"""

from __future__ import annotations

import io
import re
import sys
from http.cookies import SimpleCookie
from typing import NamedTuple


class Answer(NamedTuple):
    status_code: int
    content: bytes


class WsgiClient:
    def __init__(self, application, cookies: dict[str, str] | None = None):
        self.application = application
        self.cookies = dict(cookies or {})

    def get(self, path: str) -> Answer:
        return self._call("GET", path)

    def post_form(self, path: str, body: str) -> Answer:
        return self._call("POST", path, body.encode(), "application/x-www-form-urlencoded")

    def csrf_token(self, page: str) -> str:
        """The form token a page hands a browser (its cookie is kept here)."""
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(page).content)
        assert found, f"no form token on {page}"
        return found.group(1).decode()

    def _call(self, method: str, path: str, body: bytes = b"", content_type: str = "") -> Answer:
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "SCRIPT_NAME": "",
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1",
            "CONTENT_LENGTH": str(len(body)),
            "CONTENT_TYPE": content_type,
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        if self.cookies:
            environ["HTTP_COOKIE"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        started: list[int] = []

        def start_response(status, headers, exc_info=None):
            started.append(int(status[:3]))
            for name, value in headers:
                if name.lower() == "set-cookie":
                    self.cookies.update((morsel.key, morsel.value) for morsel in SimpleCookie(value).values())

        response = self.application(environ, start_response)
        try:
            content = b"".join(response)
        finally:
            response.close()
        return Answer(started[0], content)
