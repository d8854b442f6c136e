"""PDF tests read the Chinese text back with pypdf; a machine without fonts-noto-cjk renders boxes, so they skip
there. `.ci/run` installs the fonts before any suite runs; in CI (`CI` set) they never skip: a missing font fails
them rather than passing them unchecked."""

from __future__ import annotations

import io
import os
import shutil
import subprocess

import pytest
from pypdf import PdfReader


def _cjk_fonts() -> bool:
    return bool(shutil.which("fc-list")) and "CJK" in subprocess.run(["fc-list"], capture_output=True, text=True).stdout


needs_cjk_fonts = pytest.mark.skipif(
    not os.environ.get("CI") and not _cjk_fonts(), reason="fonts-noto-cjk is not installed"
)


def pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "").replace("\n", "")
