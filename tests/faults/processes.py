"""The site's two processes as an operator runs them (`zhengtong serve`, `zhengtong worker`), each in its own
process group so that SIGKILL takes the whole of it, as a crash or the OOM killer would."""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent / "zhengtong"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    def __init__(self, env: dict, port: int, log_dir: Path):
        self.env, self.port, self.log_dir = env, port, log_dir
        self.web: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self.kills = {"web": 0, "worker": 0}
        self._log_from = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _start(self, *args: str) -> subprocess.Popen:
        log = open(self.log_dir / f"{args[0]}.log", "ab")  # noqa: SIM115 - kept open by the child
        return subprocess.Popen(
            [str(BIN), *args],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )

    def start_web(self) -> None:
        log = self.log_dir / "serve.log"
        self._log_from = log.stat().st_size if log.exists() else 0  # this start's lines, not a killed one's
        self.web = self._start("serve", "--bind", f"127.0.0.1:{self.port}", "--workers", "2")

    def start_worker(self) -> None:
        self.worker = self._start("worker")

    def wait_ready(self, timeout: float = 120, collecting: float = 600) -> None:
        """Until /healthz answers 200, `timeout` seconds once gunicorn listens. Before that, a first start
        collects the static files into the drill's new folder (about 25 s of compression on an idle machine, over
        100 s while CI's other test process loads it); that has its own budget, as it is not what the drill
        tries. A site that never comes up fails with what its log says."""
        started, last = time.monotonic(), ""
        deadline = started + collecting
        listening = False
        while time.monotonic() < deadline and (self.web is None or self.web.poll() is None):
            if not listening and self._logged("Listening at"):
                listening, deadline = True, time.monotonic() + timeout
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
                last = repr(exc)
            time.sleep(0.2)
        log = self._log_tail()
        exited = self.web.poll() if self.web else None
        raise TimeoutError(
            f"the web process did not answer on {self.url} in {time.monotonic() - started:.0f} s"
            f" ({'listening' if listening else 'never listening'}, exit {exited}, last {last}); serve.log:\n{log}"
        )

    def _log_tail(self) -> str:
        return (self.log_dir / "serve.log").read_text(errors="replace")[-3000:]

    def _logged(self, text: str) -> bool:
        with open(self.log_dir / "serve.log", "rb") as log:
            log.seek(self._log_from)
            return text.encode() in log.read()

    def kill(self, which: str) -> None:
        process = getattr(self, which)
        _kill_group(process.pid)
        process.wait()
        self.kills[which] += 1
        if which == "web":
            _wait_port_free(self.port)

    def stop(self) -> None:
        for process in (self.web, self.worker):
            if process is not None and process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    _kill_group(process.pid)
                    process.wait()
                except ProcessLookupError:
                    pass


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _die_with_parent() -> None:
    """Linux: the child is killed when the drill's process dies without reaching its `finally` (a killed pytest),
    so no server stays connected to the test database."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _wait_port_free(port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", port))
                return
            except OSError:
                time.sleep(0.1)
    raise TimeoutError(f"port {port} still taken {timeout} s after the web process was killed")
