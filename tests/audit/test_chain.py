"""The operation log: written in the service's transaction, append-only, an HMAC chain that
`zhengtong audit verify` checks, naming the first bad entry on any edit, deletion, insertion or reordering."""

from __future__ import annotations

import datetime as dt
import io
import threading
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from zhengtong.audit.chain import GENESIS, entry_hash, verify
from zhengtong.audit.context import Actor, acting_as
from zhengtong.audit.models import LoginLog, OperationLog
from zhengtong.audit.selectors import chain_entries, chain_verify
from zhengtong.audit.services import audit_record, login_record


def _write(n, start=0):
    with acting_as(Actor(user_id=7, name="lisi", department_id=3, ip="10.0.0.1")):
        for i in range(start, start + n):
            audit_record(
                action="test.edit", object_type="test.thing", object_id=str(i), changes={"title": ["旧", f"新{i}"]}
            )


def _verify_command(*args):
    out = io.StringIO()
    call_command("audit", "verify", *args, stdout=out)
    return out.getvalue()


def _without_triggers(sql, params=(), table="audit_operationlog"):
    """Tamper as an attacker with direct database access would: on a test copy, with the guard dropped."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            cursor.execute(sql, params)
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        else:
            cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
            cursor.execute(sql, params)


def test_an_entry_records_who_what_where(db):
    _write(1)
    entry = OperationLog.objects.get()
    assert (entry.seq, entry.actor_id, entry.actor_name, entry.department_id, entry.ip) == (1, 7, "lisi", 3, "10.0.0.1")
    assert entry.prev_hash == GENESIS and len(entry.hash) == 64
    assert entry.changes == {"title": ["旧", "新0"]}


def test_an_intact_chain_verifies_and_prints_the_count(db):
    _write(5)
    output = _verify_command()
    assert "已校验 5 条" in output
    assert chain_verify().ok


def test_an_entry_stamped_in_local_time_still_verifies(db):
    """The database hands the time back in UTC; the hash must not depend on the zone it was written in."""
    local = timezone.make_aware(dt.datetime(2025, 1, 6, 9, 30))  # Asia/Shanghai, as a simulated clock gives it
    with mock.patch("django.utils.timezone.now", return_value=local):
        _write(2)
    assert chain_verify().ok


def test_it_is_written_in_the_same_transaction_as_the_change(db):
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            _write(1)
            raise RuntimeError("the service failed after auditing")
    assert not OperationLog.objects.exists()


@pytest.mark.parametrize("model", [OperationLog, LoginLog])
def test_the_database_refuses_update_and_delete(db, model):
    if model is OperationLog:
        _write(1)
    else:
        login_record(username="x", outcome="success")
    with pytest.raises((DatabaseError, IntegrityError)):
        with transaction.atomic():
            model.objects.update(ip="10.9.9.9")
    with pytest.raises((DatabaseError, IntegrityError)):
        with transaction.atomic():
            model.objects.all().delete()
    assert model.objects.count() == 1


def _bad_seq(*args):
    with pytest.raises(CommandError) as info:
        _verify_command(*args)
    assert info.value.returncode == 1
    return str(info.value)


def test_an_edited_entry_is_named(db):
    _write(5)
    _without_triggers("UPDATE audit_operationlog SET object_repr = %s WHERE seq = 3", ["篡改"])
    message = _bad_seq()
    assert "第 3 条（序号 3）" in message and "内容" in message


def test_a_deleted_entry_is_found(db):
    _write(5)
    _without_triggers("DELETE FROM audit_operationlog WHERE seq = 2")
    assert "第 2 条（序号 3）" in _bad_seq()


def test_an_inserted_entry_is_found(db):
    _write(5)
    # A forger who knows the format but not the key: renumber the tail and slip a row in after seq 2.
    row = OperationLog.objects.get(seq=2)
    _without_triggers("UPDATE audit_operationlog SET seq = seq + 100 WHERE seq > 2")
    _without_triggers("UPDATE audit_operationlog SET seq = seq - 99 WHERE seq > 100")
    fields = {
        k: getattr(row, k)
        for k in (
            "at",
            "actor_id",
            "actor_name",
            "department_id",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "changes",
            "ip",
        )
    }
    fields.update(seq=3, prev_hash=row.hash, object_repr="伪造记录")
    forged = entry_hash(fields, key=b"a guess at the key")
    _without_triggers(
        "INSERT INTO audit_operationlog (seq, at, actor_id, actor_name, department_id, action, object_type, object_id,"
        " object_repr, changes, ip, prev_hash, hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        [
            3,
            row.at,
            row.actor_id,
            row.actor_name,
            row.department_id,
            row.action,
            row.object_type,
            row.object_id,
            "伪造记录",
            '{"title": ["旧", "新1"]}',
            row.ip,
            row.hash,
            forged,
        ],
    )
    message = _bad_seq()
    assert "第一条异常记录为第 3 条" in message
    result = verify(chain_entries())
    assert not result.ok and result.bad_position == 3


def test_reordered_entries_are_found(db):
    _write(5)
    # swap the contents of rows 2 and 4 (their seq and hashes travel with them)
    _without_triggers("UPDATE audit_operationlog SET seq = 1000 WHERE seq = 2")
    _without_triggers("UPDATE audit_operationlog SET seq = 2 WHERE seq = 4")
    _without_triggers("UPDATE audit_operationlog SET seq = 4 WHERE seq = 1000")
    assert "第 2 条（序号 4）" in _bad_seq()


def test_a_truncated_tail_is_caught_with_an_anchor(db):
    _write(5)
    head = OperationLog.objects.get(seq=5)
    _without_triggers("DELETE FROM audit_operationlog WHERE seq = 5")
    assert "已校验 4 条" in _verify_command()  # a chain alone cannot see a cut end ...
    assert "锚点" in _bad_seq("--anchor", f"5:{head.hash}")  # ... the anchor kept elsewhere can


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite test databases are in memory and shared by one connection; PostgreSQL runs this")

    errors = []

    def writer(start):
        try:
            for i in range(10):
                with transaction.atomic(durable=True):
                    _write(1, start + i)
        except Exception as exc:  # report any failure from the thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n * 100,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    # the writers' rows (a transactional test's setup may write its own: the calendar's recheck after a flush)
    assert OperationLog.objects.filter(action="test.edit").count() == 40
    assert chain_verify().ok


def test_an_entry_names_its_object_as_people_read_it_where_the_model_gives_no_name(db):
    """An auditor reads the log's object column (等保 2.0, 安全审计): rows of models with no name of their own read
    "FollowUp object (89)" there. They read as the model's Chinese name and the row's key."""
    from zhengtong.evaluation.models import TallyMonth

    month = TallyMonth.objects.create(month=dt.date(2026, 12, 1), refreshed_at=timezone.now())
    entry = audit_record(action="evaluation.tally.refresh", obj=month)
    assert entry.object_repr == "排名统计 2026-12-01"
