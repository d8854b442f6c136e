"""The OpenAPI schema, generated once per process, language and version, and rendered once per format.

The schema is public (SERVE_PUBLIC) and a function of the code alone, yet drf-spectacular walks every view to
build it on each request: 135-200 ms at /api/v1/schema/, where the clients and the docs page fetch it often.
Kept as a dict, it was still rendered to YAML on each request, 18 ms of the page's 19 (issue 26): its bytes are
kept beside it, per format a client asks for."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from drf_spectacular.views import SpectacularAPIView

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass
class Kept:
    schema: dict
    rendered: dict[str, bytes] = field(default_factory=dict)  # renderer format -> the schema in it


class SchemaView(SpectacularAPIView):
    _built: ClassVar[dict[tuple, Kept]] = {}

    def _get_schema_response(self, request):
        version = self.api_version or request.version or self._get_version_parameter(request)
        if len(self._built) < len(LANGUAGES):
            self._build_kept(request)
        # A visitor's ?lang=xx1 or ?version=abc is built for him, not kept.
        kept = self._built.get((version, translation.get_language())) or Kept(self._generate(request, version))
        # Rendered for the format alone, not the client's Accept parameters (a JSON `indent=1`), which would
        # otherwise be every later client's layout.
        renderer = request.accepted_renderer
        body = kept.rendered.get(renderer.format)
        if body is None:
            body = kept.rendered[renderer.format] = renderer.render(kept.schema, renderer.media_type, {})
        charset = f"; charset={renderer.charset}" if renderer.charset else ""
        response = HttpResponse(body, content_type=f"{renderer.media_type}{charset}")
        response["Content-Disposition"] = f'inline; filename="{self._get_filename(request, version)}"'
        return response

    def _generate(self, request, version) -> dict:
        generator = self.generator_class(urlconf=self.urlconf, api_version=version, patterns=self.patterns)
        return generator.get_schema(request=request, public=self.serve_public)

    def _build_kept(self, request) -> None:
        """Every kept language at once, in the order of settings.LANGUAGES, the default first, before anything else
        is built. drf-spectacular carries a field's title from the first language a process builds into the builds
        after it: an English "Outcome" equals the field's name and is dropped, and a Chinese schema built after it
        lost its 结果. Built in a fixed order, the schema no longer depends on the first visitor's language."""
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                self._built.setdefault((None, code), Kept(self._generate(request, None)))
