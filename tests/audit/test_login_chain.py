"""The login log is chained like the operation log (等保2.0 安全审计: 对审计记录进行保护, 避免受到未预期的删除、
修改或覆盖; DOMAIN §8): an edited outcome, a deleted failed attempt or a cut tail is found by `audit verify`, and
the anchor fixes the login log's head as well as the operation log's."""

from __future__ import annotations

import json
import threading

import pytest
from django.core.management.base import CommandError
from django.db import connection

from zhengtong.audit import anchor
from zhengtong.audit.chain import GENESIS
from zhengtong.audit.models import LoginLog
from zhengtong.audit.selectors import chain_verify, chains_verify
from zhengtong.audit.services import login_record

from .test_chain import _verify_command, _without_triggers


def _logins(n):
    for i in range(n):
        login_record(username=f"user{i}", outcome=LoginLog.Outcome.FAILURE if i % 2 else LoginLog.Outcome.SUCCESS)


def _tamper(sql, params=()):
    _without_triggers(sql, params, table="audit_loginlog")


def _refused():
    with pytest.raises(CommandError) as info:
        _verify_command()
    return str(info.value)


def test_each_login_row_carries_its_place_in_the_chain(db):
    _logins(3)
    rows = list(LoginLog.objects.order_by("pk"))
    assert [r.seq for r in rows] == [1, 2, 3]
    assert rows[0].prev_hash == GENESIS and rows[1].prev_hash == rows[0].hash and len(rows[2].hash) == 64
    assert "登录日志已校验 3 条" in _verify_command()


def test_a_failed_attempt_rewritten_as_a_success_is_named(db):
    _logins(4)
    _tamper("UPDATE audit_loginlog SET outcome = 'success' WHERE seq = 2")
    message = _refused()
    assert "登录日志" in message and "序号 2" in message and "内容" in message


def test_a_deleted_login_row_is_found(db):
    _logins(4)
    _tamper("DELETE FROM audit_loginlog WHERE seq = 3")
    assert "登录日志" in _refused()


def test_a_cut_login_tail_is_found_against_the_anchor(db):
    _logins(4)
    written = anchor.write_anchor()
    assert written.login_seq == 4
    _tamper("DELETE FROM audit_loginlog WHERE seq = 4")
    assert "登录日志" in _refused()


def test_an_anchor_is_written_when_only_the_login_log_moved(db):
    _logins(1)
    anchor.write_anchor()
    _logins(1)
    anchor.write_anchor()
    lines = [json.loads(x) for x in anchor.anchor_file().read_text().splitlines()]
    assert [line["login_seq"] for line in lines] == [1, 2]


def test_a_forged_login_head_in_an_anchor_is_reported(db):
    _logins(2)
    anchor.write_anchor()
    path = anchor.anchor_file()
    line = json.loads(path.read_text().splitlines()[-1])
    line["login_seq"] = 1
    with open(path, "a") as f:
        f.write(json.dumps(line) + "\n")
    assert "签名" in _refused()


@pytest.mark.django_db(transaction=True)
def test_concurrent_logins_never_fork_the_login_chain():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite test databases are in memory and shared by one connection; PostgreSQL runs this")
    errors = []

    def writer():
        try:
            _logins(10)
        except Exception as exc:  # report any failure from the thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert LoginLog.objects.count() == 40
    assert chain_verify(LoginLog).ok


def test_the_nightly_check_reports_a_tampered_login_log(db):
    from zhengtong.audit.models import OperationLog
    from zhengtong.audit.tasks import verify_chain_nightly

    _logins(3)
    _tamper("UPDATE audit_loginlog SET username = 'someone' WHERE seq = 1")
    assert verify_chain_nightly.call_local() is False
    entry = OperationLog.objects.get(action="audit.chain.verify")
    assert entry.changes["ok"] is False and entry.changes["reason"].startswith("登录日志")


def test_an_ipv6_address_written_in_capitals_still_verifies(db, rf):
    """Found in review: the database keeps an IPv6 address normalised; hashing it as typed broke the chain."""
    from zhengtong.audit.context import acting_as, actor_for
    from zhengtong.audit.services import audit_record

    request = rf.get("/", REMOTE_ADDR="2001:DB8:0:0::1")
    with acting_as(actor_for(None, request)):
        login_record(username="lisi", outcome=LoginLog.Outcome.FAILURE)
        audit_record(action="test.ipv6")
    assert all(result.ok for result in chains_verify())


def test_an_anchor_given_by_hand_with_seq_0_is_refused(db):
    """Found in review: `--anchor 0:x` passed every log, since a seq of 0 stands for an empty log in anchors."""
    _logins(1)
    with pytest.raises(CommandError, match="SEQ"):
        _verify_command("--anchor", "0:whatever")
