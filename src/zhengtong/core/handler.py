"""The web worker's WSGI application: Django's, letting each request go once its response has closed.

Django's request holds its message storage and its lazy user (with the otp middleware's partials), and each of
them holds the request back: reference cycles that reference counting never frees, so every request leaves its
objects for the collector, whose young-generation pass then runs every few requests and falls on whichever
request is running (decision 0020). Once the server has closed the response nothing reads the request again, so
emptying it there frees all of them at once. The test client keeps its own handler: a test reads the request
back from the response (`response.wsgi_request`).
"""

from __future__ import annotations

from django.core.handlers.wsgi import WSGIHandler


class Handler(WSGIHandler):
    def get_response(self, request):
        response = super().get_response(request)
        # The response's closers run once the server has sent it (HttpResponseBase.close), streamed or not.
        response._resource_closers.append(request.__dict__.clear)
        return response


def application() -> Handler:
    """`django.core.wsgi.get_wsgi_application`, with this handler."""
    import django

    django.setup(set_prefix=False)
    return Handler()
