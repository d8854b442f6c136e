"""Waiting for `zhengtong serve` as a test starts it. Before gunicorn listens, a first start collects the static
files into the test's new folder (about 25 s of compression on an idle machine, over 100 s while CI's other test
process loads it): that has a budget of its own, as it is not what the tests try. Once gunicorn listens, /healthz
must answer within `timeout`. A site that never comes up fails with what its log says."""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path


def wait_serving(
    url: str, log: Path, process: subprocess.Popen, *, log_from: int = 0, timeout: float = 120, collecting: float = 600
) -> None:
    """Until `url`/healthz answers 200; `log_from`: where this start's lines begin in `log` (a restart appends)."""
    started, last, listening = time.monotonic(), "", False
    deadline = started + collecting
    while time.monotonic() < deadline and process.poll() is None:
        if not listening and _listening(log, log_from):
            listening, deadline = True, time.monotonic() + timeout
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last = repr(exc)
        time.sleep(0.2)
    raise TimeoutError(
        f"the web process did not answer on {url} in {time.monotonic() - started:.0f} s"
        f" ({'listening' if listening else 'never listening'}, exit {process.poll()}, last {last});"
        f" {log.name}:\n{log.read_text(errors='replace')[-3000:]}"
    )


def _listening(log: Path, log_from: int) -> bool:
    with open(log, "rb") as lines:
        lines.seek(log_from)
        return b"Listening at" in lines.read()
