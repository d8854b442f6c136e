"""Django's template backend, with each page's context released when its render ends (decision 0013).

A RequestContext keeps the ContextDicts it pushes in a list, and each ContextDict points back at the context:
a reference cycle. Everything a view gave its page (a list's rows, its paginator, the figures read from the
cache) then outlived the request until Python's cycle collector found it. The public letters list left 179
objects a request so, and the collector ran in one list request of five or six, 0.28 ms each time. Emptying the
context's list after the render breaks the cycle, and reference counting frees the page's values at once."""

from __future__ import annotations

from django.template import TemplateDoesNotExist
from django.template.backends import django as django_backend
from django.template.context import make_context


class Template(django_backend.Template):
    def render(self, context=None, request=None):
        context = make_context(context, request, autoescape=self.backend.engine.autoescape)
        try:
            return self.template.render(context)
        except TemplateDoesNotExist as exc:
            django_backend.reraise(exc, self.backend)
        finally:
            # The test client keeps a copy of the context, with its own list: it still sees every value.
            context.dicts.clear()


class DjangoTemplates(django_backend.DjangoTemplates):
    def from_string(self, template_code):
        return Template(self.engine.from_string(template_code), self)

    def get_template(self, template_name):
        try:
            return Template(self.engine.get_template(template_name), self)
        except TemplateDoesNotExist as exc:
            django_backend.reraise(exc, self)
