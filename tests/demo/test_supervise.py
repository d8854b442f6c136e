"""Stopping the demo stops what it started (issue 21, item 10): a service manager sends SIGTERM, and the web
server and the worker must not live on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

SCRIPT = """
import sys
import django
django.setup()
from zhengtong.demo.management.commands.demo import supervise
sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
supervise([sleeper, sleeper], started=lambda children: print(" ".join(str(c.pid) for c in children), flush=True))
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a child that ended but was not yet reaped by anyone is a zombie: not running
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"


def test_sigterm_to_the_demo_stops_its_children(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "zhengtong.settings", "ZT_VAR_DIR": str(tmp_path)}
    parent = subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, text=True, env=env)
    pids = [int(p) for p in parent.stdout.readline().split()]
    assert len(pids) == 2 and all(_alive(pid) for pid in pids)
    parent.send_signal(signal.SIGTERM)
    parent.wait(timeout=20)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in pids)


def test_a_demo_served_on_another_port_writes_its_links_with_that_port(db, monkeypatch):
    """Outside try, session 54: `zhengtong demo --port 8054` sent 好差评 SMS links to http://127.0.0.1:8000/, where
    nothing served. Unless ZT_PUBLIC_URL says otherwise, the demo's links name the port it serves on, in the seeding
    and in the server and worker it starts."""
    from collections import defaultdict

    from django.conf import settings
    from django.core.management import call_command

    from zhengtong.demo.management.commands import demo

    seen = {}

    def seeding(**_kw):
        seen["seeded"] = settings.PUBLIC_URL
        return defaultdict(int)

    monkeypatch.setenv("ZT_PUBLIC_URL", "")  # then unset: the test leaves it as it found it, unset
    monkeypatch.delenv("ZT_PUBLIC_URL")
    monkeypatch.setattr(settings, "PUBLIC_URL", settings.PUBLIC_URL)
    monkeypatch.setattr(demo, "seed_all", seeding)
    monkeypatch.setattr(demo, "collect_when_changed", lambda: None)
    monkeypatch.setattr(demo.Command, "_print_accounts", lambda self, result, port: None)
    monkeypatch.setattr(
        demo.Command, "_serve", lambda self, port: seen.setdefault("served", os.environ["ZT_PUBLIC_URL"])
    )
    call_command("demo", port=8054)
    assert seen == {"seeded": "http://127.0.0.1:8054", "served": "http://127.0.0.1:8054"}
