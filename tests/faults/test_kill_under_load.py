"""Faults under load (issue 21 item 11; GB/T 22239-2019 数据完整性 and 可用性): citizens submit applications and
letters through the API and Open311 while the web and the worker processes are killed with SIGKILL and started
again. A client whose answer is lost retries with the same key, as a browser's form does. Afterwards nothing is
lost (every submission acknowledged and stored), nothing is stored twice, every retry got the first answer, each
queued SMS reached the gateway once, and the audit chains verify.

PostgreSQL and Redis, as a production site runs: the processes are `zhengtong serve` and `zhengtong worker` on the
test database, with the test process's keys."""

from __future__ import annotations

import datetime as dt
import os
import random
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
import requests
from django.conf import settings
from django.db import connection

from zhengtong.accounts import services as account_services
from zhengtong.approvals.models import Application
from zhengtong.audit.models import OperationLog
from zhengtong.audit.selectors import chains_verify
from zhengtong.letters.models import Channel, Letter
from zhengtong.notifications import channels, tasks
from zhengtong.notifications.models import Outbox

from .. import factories as f
from ..approvals.conftest import make_item
from ..files import samples
from .fault_gateway import journal
from .processes import Site, free_port

# A Redis database of the drill's own, emptied before and after (ZT_FAULT_REDIS_URL names another).
REDIS_URL = os.environ.get("ZT_FAULT_REDIS_URL", "redis://127.0.0.1:6379/13")
CLIENTS = 3  # applicants, and as many letter writers
EACH = int(os.environ.get("ZT_FAULT_SUBMISSIONS", "8"))
KILLS = int(os.environ.get("ZT_FAULT_KILLS", "8"))


def _redis_up() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The processes it kills must share the test database, which SQLite's test run keeps in memory; .ci/run's
    # PostgreSQL pass runs the drill on every CI run.
    pytest.mark.skipif(
        not os.environ.get("ZT_DATABASE_URL", "").startswith("postgres"), reason="the drill runs on PostgreSQL"
    ),
]


class Client:
    """One citizen's client: each submission retried with its key until it is answered (a lost answer, a
    refused connection, a 502 while the site restarts), every answer kept."""

    def __init__(self, site: Site, post, n: int):
        self.site, self.post, self.n = site, post, n
        self.answers: dict[str, list[dict]] = {}
        self.retries = 0
        self.failures: list[str] = []

    def run(self) -> None:
        for i in range(self.n):
            key = uuid.uuid4().hex
            deadline = time.monotonic() + 120
            while True:
                try:
                    response = self.post(self.site.url, key, i)
                except requests.RequestException:
                    response = None
                if response is not None and response.status_code in (200, 201):
                    self.answers.setdefault(key, []).append(response.json())
                    # The answer arrived; half the time the client "loses" it and asks again, as a browser whose
                    # connection dropped would.
                    if random.random() < 0.5 or len(self.answers[key]) > 1:
                        break
                elif response is not None and response.status_code not in (502, 503, 504):
                    self.failures.append(f"{response.status_code} {response.text[:200]}")
                    break
                if time.monotonic() > deadline:
                    self.failures.append(f"no answer for {key} in 120 s")
                    break
                self.retries += 1
                time.sleep(0.2)


def _apply(token: str, item):
    licence = item.materials.get(name="营业执照")

    def post(url, key, i):
        return requests.post(
            f"{url}/api/v1/approvals/items/{item.code}/applications/",
            data={"shop_name": f"港城小吃{i}", "area": "45", "promise": "1"},
            files={f"material_{licence.pk}": ("营业执照.pdf", samples.pdf())},
            headers={"Authorization": f"Token {token}", "Idempotency-Key": key},
            timeout=15,
        )

    return post


def _write(api_key: str, who: int):
    def post(url, key, i):
        return requests.post(
            f"{url}/open311/v2/requests.json",
            data={
                "api_key": api_key,
                "service_code": "food",
                "address_string": f"大碶街道第{who}小区",
                "description": f"第{who}位市民第{i}次反映：小区门口餐馆油烟扰民，编号{key[:8]}。",
            },
            headers={"Idempotency-Key": key},
            timeout=15,
        )

    return post


def _citizen(n: int):
    return account_services.citizen_register(
        real_name=f"市民{n}", id_number=f.valid_id_number(), mobile=f"1380574{n:04d}", password=f.PASSWORD
    )


@pytest.fixture
def redis_db():
    # Redis runs wherever the PostgreSQL suite runs (CI, a production-like machine): its absence is a failure,
    # not a reason to check nothing.
    assert _redis_up(), f"the fault drill needs Redis at {REDIS_URL}"
    server = redis.Redis.from_url(REDIS_URL)
    server.flushdb()
    yield
    server.flushdb()


def test_nothing_lost_nothing_twice_each_message_once_under_sigkill(district, hotline, redis_db, tmp_path, monkeypatch):
    item = make_item(district)
    applicants = [_citizen(100 + n) for n in range(CLIENTS)]
    writers = [_citizen(200 + n) for n in range(CLIENTS)]
    journal_path = tmp_path / "sms.jsonl"
    env = {
        **os.environ,
        "ZT_DATABASE_URL": _test_database_url(),
        "ZT_REDIS_URL": REDIS_URL,
        "ZT_VAR_DIR": str(tmp_path),
        "ZT_SECRET_KEY": settings.SECRET_KEY,
        "ZT_FIELD_KEY": settings.FIELD_KEYS,
        "ZT_SMS_BACKEND": "fault_gateway.JournalGateway",
        "ZT_FAULT_JOURNAL": str(journal_path),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).parent), os.environ.get("PYTHONPATH")])),
    }
    if settings.AUDIT_KEY:
        env["ZT_AUDIT_KEY"] = settings.AUDIT_KEY
    site = Site(env, free_port(), tmp_path)
    clients = [Client(site, _apply(f.api_key(u), item), EACH) for u in applicants]
    clients += [Client(site, _write(f.api_key(u), n), EACH) for n, u in enumerate(writers)]
    site.start_web()
    site.start_worker()
    try:
        site.wait_ready()
        threads = [threading.Thread(target=c.run) for c in clients]
        for t in threads:
            t.start()
        for n in range(KILLS):  # while the clients submit: kill one process or the other, start it again
            time.sleep(random.uniform(0.5, 2.0))
            which = "web" if n % 2 == 0 else "worker"
            site.kill(which)
            site.start_web() if which == "web" else site.start_worker()
        for t in threads:
            t.join(timeout=300)
        assert not any(t.is_alive() for t in threads), "a client still waits for an answer after 300 s"
        site.wait_ready()
        _drain(monkeypatch, journal_path)
    finally:
        site.stop()

    failures = [failure for c in clients for failure in c.failures]
    assert failures == []
    applied = {key: answers for c in clients[:CLIENTS] for key, answers in c.answers.items()}
    written = {key: answers for c in clients[CLIENTS:] for key, answers in c.answers.items()}
    assert len(applied) == len(written) == CLIENTS * EACH  # every submission answered: nothing lost
    for answers in [*applied.values(), *written.values()]:
        assert all(a == answers[0] for a in answers)  # every retry got the first answer, code included

    # Stored once each.
    receipts = {answers[0]["receipt_no"] for answers in applied.values()}
    assert set(Application.objects.values_list("receipt_no", flat=True)) == receipts
    numbers = {answers[0][0]["service_request_id"] for answers in written.values()}
    assert set(Letter.objects.filter(channel=Channel.OPEN311).values_list("number", flat=True)) == numbers
    assert OperationLog.objects.filter(action="approvals.application.submit").count() == len(receipts)
    assert OperationLog.objects.filter(action="letters.letter.submit").count() == len(numbers)

    # Each message (one SMS per case with its number and query code) queued once and delivered once.
    outbox = list(Outbox.objects.values_list("pk", "status"))
    assert len(outbox) == len(receipts) + len(numbers) and {status for _pk, status in outbox} == {Outbox.Status.SENT}
    calls = Counter(line["key"] for line in journal(journal_path))
    assert set(calls) == {channels.message_key(Outbox(pk=pk)) for pk, _status in outbox}
    assert all(result.ok for result in chains_verify())

    answers = sum(len(a) for a in [*applied.values(), *written.values()])
    print(
        f"\nfault drill: {site.kills['web']} web and {site.kills['worker']} worker kills; "
        f"{len(receipts)} applications and {len(numbers)} letters submitted, "
        f"{sum(c.retries for c in clients)} retries, {answers} answers; "
        f"{len(outbox)} SMS, {sum(calls.values())} gateway calls, {sum(n - 1 for n in calls.values())} repeats"
    )


def _test_database_url() -> str:
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    return f"postgres://{quote(db['USER'] or '', safe='')}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _drain(monkeypatch, journal_path: Path, timeout: float = 15) -> None:
    """What the periodic retry does: messages a killed worker left waiting are sent by the running one; a claim
    it left half-done is taken again once its lease is over (here at once, in this process)."""
    deadline = time.monotonic() + timeout
    while Outbox.objects.filter(status=Outbox.Status.PENDING).exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    monkeypatch.setenv("ZT_SMS_BACKEND", "fault_gateway.JournalGateway")
    monkeypatch.setenv("ZT_FAULT_JOURNAL", str(journal_path))
    monkeypatch.setattr(tasks, "OUTBOX_LEASE", dt.timedelta(0))
    tasks.deliver_outbox.call_local()
