"""The OpenAPI schema, generated once per process, language and version.

The schema is public (SERVE_PUBLIC) and a function of the code alone, yet drf-spectacular walks every view to
build it on each request: 135-200 ms at /api/v1/schema/, where the clients and the docs page fetch it often."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.utils import translation
from drf_spectacular.views import SpectacularAPIView
from rest_framework.response import Response

LANGUAGES = {code for code, _name in settings.LANGUAGES}


class SchemaView(SpectacularAPIView):
    _built: ClassVar[dict] = {}

    def _get_schema_response(self, request):
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (version, translation.get_language())
        schema = self._built.get(key)
        if schema is None:
            generator = self.generator_class(urlconf=self.urlconf, api_version=version, patterns=self.patterns)
            schema = generator.get_schema(request=request, public=self.serve_public)
            if version is None and key[1] in LANGUAGES:  # a visitor's ?lang=xx1 or ?version=abc is not kept
                self._built[key] = schema
        return Response(
            data=schema,
            headers={"Content-Disposition": f'inline; filename="{self._get_filename(request, version)}"'},
        )
