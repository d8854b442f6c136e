"""Static files are collected when they change, not at every start (issue 21, item 10): collecting took about
40 s before a restarted server listened."""

from __future__ import annotations

import os

from django.contrib.staticfiles import finders

from zhengtong.core import staticfiles


def test_collected_once_then_skipped_until_a_source_file_changes(settings, tmp_path, monkeypatch):
    settings.STATIC_ROOT = tmp_path / "static"
    runs = []
    monkeypatch.setattr(staticfiles, "call_command", lambda *a, **k: runs.append(a))
    assert staticfiles.collect_when_changed() is True
    assert staticfiles.collect_when_changed() is False
    assert len(runs) == 1

    source = finders.find("vendor/bootstrap/bootstrap.min.css") or next(
        finders.find(path) for finder in finders.get_finders() for path, _storage in finder.list([])
    )
    stat = os.stat(source)
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    try:
        assert staticfiles.collect_when_changed() is True
    finally:
        os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert len(runs) == 2


def test_source_maps_are_not_compressed_at_collection(settings):
    """Brotli at its highest level took about 18 of the 45 s a first start spends collecting, on source maps
    (`.js.map`, `.css.map`): only a developer's browser tools fetch them, so they are served as they are. Scripts
    and styles, which every visitor loads, are still compressed."""
    from whitenoise.compress import Compressor

    compressor = Compressor(extensions=settings.WHITENOISE_SKIP_COMPRESS_EXTENSIONS, quiet=True)
    assert not compressor.should_compress("drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js.map")
    assert not compressor.should_compress("rest_framework/css/bootstrap.min.css.map")
    assert compressor.should_compress("vendor/echarts/echarts.min.js")
    assert compressor.should_compress("vendor/bootstrap/bootstrap.min.css")
    assert not compressor.should_compress("portal/logo.png")  # WhiteNoise's own list is kept
