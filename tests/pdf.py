"""PDF tests read the Chinese text back with pypdf; a machine without fonts-noto-cjk renders boxes, so they skip
there. `.ci/run` installs the fonts before any suite runs, so in CI they always run."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

needs_cjk_fonts = pytest.mark.skipif(
    not shutil.which("fc-list") or "CJK" not in subprocess.run(["fc-list"], capture_output=True, text=True).stdout,
    reason="fonts-noto-cjk is not installed",
)


def pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "").replace("\n", "")
