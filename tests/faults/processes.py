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
from pathlib import Path

from ..serving import wait_serving

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

    def wait_ready(self) -> None:
        wait_serving(self.url, self.log_dir / "serve.log", self.web, log_from=self._log_from)

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
