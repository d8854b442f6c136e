"""Static file storage for production: WhiteNoise's compressed manifest storage, with each file's URL worked
out once per process. Every page names the same five layout files, and each name was looked up in the manifest
again on every page (path cleaning, the hashed-name table, URL joining); the manifest is read at start-up and
never changes while the process runs, so neither do the URLs."""

from __future__ import annotations

import functools

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = functools.lru_cache(maxsize=1024)(super().url)

    def url(self, name, force=False):
        if force:  # collectstatic's post-processing asks for fresh answers while it writes the manifest
            return super().url(name, force)
        return self._urls(name)
