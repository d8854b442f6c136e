"""A download's bytes in a test, whether it was streamed (a list's Excel export, core/excel.py) or not."""

from __future__ import annotations


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content
