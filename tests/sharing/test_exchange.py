"""The exchange API (DOMAIN.md §6; the issue's "done when"): a department reads a resource it was granted, through
its staff API key, and gets the granted fields and rows only; every call, answered or refused, is in the signed,
hash-chained exchange log, and `zhengtong exchange verify` finds a changed, missing or forged entry."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from zhengtong.audit.models import OperationLog
from zhengtong.sharing import guard, log, signing
from zhengtong.sharing.log import entry_hash
from zhengtong.sharing.models import ExchangeBatch, ExchangeEntry, Grant, LegalPerson, Person
from zhengtong.sharing.services.requests import grant_revoke, share_request_grant

from .. import factories as f
from .test_requests import ask

URL = "/api/v1/exchange/resources/{code}/rows/"


@pytest.fixture
def granted(legal_resource, lisi, wangwu, registers):
    """B asked for A's legal persons (three fields, 北仑区 only); A granted it."""
    request = ask(
        legal_resource, wangwu, registers["B"], fields=["uscc", "name", "status"], row_filter={"district": "北仑区"}
    )
    share_request_grant(request=request, by=lisi, rate_per_minute=5)
    return Grant.objects.get(request=request)


@pytest.fixture
def key(wangwu):
    return f.api_key(wangwu)


def read(client, key, code="A-0001", **params):
    return client.get(URL.format(code=code), params, HTTP_AUTHORIZATION=f"Token {key}")


def test_a_granted_department_reads_the_granted_fields_and_rows_and_the_log_verifies(client, granted, key):
    response = read(client, key)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["fields"] == ["uscc", "name", "status"]
    assert [row["name"] for row in body["rows"]] == ["宁波港城贸易有限公司"]  # 镇海区's row is outside the grant
    assert set(body["rows"][0]) == {"uscc", "name", "status"}  # never the representative or the address
    entry = ExchangeEntry.objects.get(pk=body["log_id"])
    assert (entry.outcome, entry.rows, entry.grant_id) == ("answered", 1, granted.pk)
    assert log.seal() is not None
    result = log.verify()
    assert result.ok and result.entries == 1 and result.unsealed == 0
    call_command("exchange", "verify")


def test_a_field_outside_the_grant_is_refused_logged_and_audited(client, granted, key):
    response = read(client, key, fields="uscc,legal_representative")
    assert response.status_code == 403 and response.json()["code"] == "EXCHANGE_FIELD_NOT_GRANTED"
    assert "王小明" not in response.content.decode()
    assert ExchangeEntry.objects.get().outcome == "EXCHANGE_FIELD_NOT_GRANTED"
    assert OperationLog.objects.filter(action="sharing.denied.exchange").exists()


def test_rows_outside_the_grant_are_refused(client, granted, key):
    response = read(client, key, district="镇海区")
    assert response.status_code == 403 and response.json()["code"] == "EXCHANGE_ROWS_NOT_GRANTED"
    response = read(client, key, address="x")
    assert response.status_code == 400 and response.json()["code"] == "EXCHANGE_FILTER_NOT_ALLOWED"


def test_an_expired_a_revoked_and_a_missing_grant_are_refused(client, granted, key, lisi, registers):
    Grant.objects.filter(pk=granted.pk).update(expires_on=timezone.localdate() - dt.timedelta(days=1))
    assert read(client, key).json()["code"] == "EXCHANGE_GRANT_EXPIRED"
    Grant.objects.filter(pk=granted.pk).update(expires_on=timezone.localdate() + dt.timedelta(days=30))
    grant_revoke(grant=granted, by=lisi, reason="用途已结束")
    response = read(client, key)
    assert response.status_code == 403 and response.json()["code"] == "EXCHANGE_GRANT_REVOKED"
    stranger = f.staff("zhaoliu", "赵六", f.department("C", "区教育局", registers["government"]), f.role("c"))
    assert read(client, f.api_key(stranger)).json()["code"] == "EXCHANGE_NO_GRANT"
    assert ExchangeEntry.objects.count() == 3 and log.verify().ok


def test_a_call_naming_its_grant_reads_through_that_grant_only(client, granted, key, registers):
    """Item 4: a department holding several grants names the one it calls under; a grant of another
    department's, named by its number, is no grant of the caller's."""
    assert read(client, key, grant=granted.pk).json()["grant"] == granted.pk
    stranger = f.staff("zhaoliu", "赵六", f.department("C", "区教育局", registers["government"]), f.role("c"))
    assert read(client, f.api_key(stranger), grant=granted.pk).json()["code"] == "EXCHANGE_NO_GRANT"
    assert read(client, key, grant=granted.pk + 1000).json()["code"] == "EXCHANGE_NO_GRANT"


def test_the_grants_rate_is_kept_across_calls(client, granted, key):
    codes = [read(client, key).status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]


def test_an_id_number_is_matched_by_its_blind_index_and_never_logged_in_clear(
    client, population_resource, lisi, wangwu, registers
):
    request = ask(population_resource, lisi, registers["A"], fields=["id_number", "name"])
    share_request_grant(request=request, by=wangwu)
    number = f.valid_id_number(sequence=7)
    body = read(client, f.api_key(lisi), code="B-0001", id_number=number).json()
    assert body["rows"] == [{"id_number": number, "name": "赵六"}]
    assert number not in str(list(ExchangeEntry.objects.values()))
    with connection.cursor() as cursor:  # encrypted at rest: the stored column, not the field's decrypted value
        cursor.execute(f"SELECT id_number, name FROM {Person._meta.db_table}")
        stored = cursor.fetchall()
    assert number not in str(stored) and "赵六" not in str(stored)


def test_an_unauthenticated_or_unverified_caller_reads_nothing(client, granted, wangwu):
    assert client.get(URL.format(code="A-0001")).status_code in (401, 403)
    client.force_login(wangwu)  # a session without the second factor
    assert client.get(URL.format(code="A-0001")).status_code == 403
    assert not ExchangeEntry.objects.exists()


def _three_calls(client, key):
    for _ in range(3):
        assert read(client, key).status_code == 200
    log.seal()


def _refused(write) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        write()


def _sql(statement: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement)


def test_the_database_refuses_to_change_or_delete_the_log(client, granted, key):
    """Issue 25 leftover: a row deleted before its minute's seal went unnoticed (verify vouches for sealed rows
    only). As on the audit tables, the database refuses it; only the seal writes a row's place in the chain,
    once. Against the tables' owner, who can drop a trigger, the chain and the signature are the defence."""
    read(client, key)
    _refused(lambda: ExchangeEntry.objects.all().delete())
    _refused(lambda: ExchangeEntry.objects.update(rows=900))
    log.seal()
    assert log.verify().ok
    _refused(lambda: ExchangeEntry.objects.update(hash="0" * 64))
    _refused(lambda: ExchangeBatch.objects.update(signature="00"))
    _refused(lambda: _sql(f"DELETE FROM {ExchangeBatch._meta.db_table}"))
    assert ExchangeEntry.objects.count() == 1 and log.verify().ok


@pytest.fixture
def owner():
    """Tamper as the tables' owner would: the guard dropped, on a test copy."""
    guard.remove(connection)
    yield
    guard.install(connection)


def test_verify_finds_a_changed_entry(client, granted, key, owner):
    _three_calls(client, key)
    ExchangeEntry.objects.filter(seq=2).update(rows=900)
    result = log.verify()
    assert not result.ok and any("第 2 条内容哈希不符" in p for p in result.problems)
    with pytest.raises(CommandError):
        call_command("exchange", "verify")


def test_verify_finds_a_missing_entry(client, granted, key, owner):
    _three_calls(client, key)
    ExchangeEntry.objects.filter(seq=2).delete()
    assert any("缺失" in p for p in log.verify().problems)


def test_verify_finds_a_chain_rebuilt_after_a_change(client, granted, key, owner):
    """Whoever rewrites an entry and every hash after it still cannot make the signed batch agree."""
    _three_calls(client, key)
    prev = ExchangeEntry.objects.get(seq=1).hash
    for entry in ExchangeEntry.objects.filter(seq__gte=2).order_by("seq"):
        values = {name: getattr(entry, name) for name in log.HASHED}
        values.update(prev_hash=prev, rows=0 if entry.seq == 2 else entry.rows)
        ExchangeEntry.objects.filter(pk=entry.pk).update(rows=values["rows"], prev_hash=prev, hash=entry_hash(values))
        prev = entry_hash(values)
    problems = log.verify().problems  # every row's own hash holds: only the signed seal and its record tell
    assert any("签名批次" in p for p in problems) and not any("内容哈希" in p for p in problems)


def test_verify_finds_a_forged_batch(client, granted, key, owner):
    _three_calls(client, key)
    ExchangeBatch.objects.update(signature="00" * 64)
    assert any("签名无效" in p for p in log.verify().problems)
    ExchangeBatch.objects.update(signature="not hex")
    assert any("签名无效" in p for p in log.verify().problems)


@pytest.fixture
def signing_keys(settings):
    """Sets ZT_EXCHANGE_SIGNING_KEY to the seeds given, as a deployment's environment would."""

    def use(*seeds: bytes) -> None:
        settings.EXCHANGE_SIGNING_KEY = ",".join(base64.b64encode(seed).decode() for seed in seeds)
        signing.signers.cache_clear()

    yield use
    signing.signers.cache_clear()


def test_a_rotated_signing_key_keeps_the_older_batches_verifiable(client, granted, key, signing_keys):
    """A signing key is rotated (等保: keys are changed on a schedule) by putting the new seed first in
    ZT_EXCHANGE_SIGNING_KEY: the first signs, every one verifies, as ZT_FIELD_KEY's keys do. Without the old
    seed, its batches are named as unverifiable rather than passed."""
    old, new = b"o" * 32, b"n" * 32
    for seeds in ((old,), (new, old)):  # two calls under each key: the grant allows five a minute
        signing_keys(*seeds)
        assert [read(client, key).status_code for _ in range(2)] == [200, 200]
        log.seal()
    assert ExchangeBatch.objects.values("key_id").distinct().count() == 2
    assert log.verify().ok
    signing_keys(new)
    problems = log.verify().problems
    assert len(problems) == 1 and "另一把密钥" in problems[0] and "ZT_EXCHANGE_SIGNING_KEY" in problems[0]


def test_a_retired_key_listed_by_its_public_key_verifies_and_signs_nothing(
    client, granted, key, signing_keys, settings
):
    """Review: a retired key listed as its seed let whoever held it sign again. Listed as `pub:…` (what
    `zhengtong exchange public-key` printed while it was current), it verifies its batches, and its seed can go."""
    import io

    old, new = b"o" * 32, b"n" * 32
    signing_keys(old)
    assert read(client, key).status_code == 200
    log.seal()
    printed = io.StringIO()
    call_command("exchange", "public-key", stdout=printed)
    settings.EXCHANGE_SIGNING_KEY = f"{base64.b64encode(new).decode()},{printed.getvalue().strip()}"
    signing.signers.cache_clear()
    assert read(client, key).status_code == 200
    log.seal()
    assert log.verify().ok and ExchangeBatch.objects.values("key_id").distinct().count() == 2
    settings.EXCHANGE_SIGNING_KEY = printed.getvalue().strip()
    signing.signers.cache_clear()
    with pytest.raises(ImproperlyConfigured):
        signing.signer()


def test_a_batch_signed_with_a_retired_key_after_a_newer_one_is_named(client, granted, key, signing_keys):
    """Review: whoever still holds a rotated-out seed could sign new batches with it, and they verified while it
    stayed listed. Keys are used in the list's order, newest first: once a newer key has signed, an older one
    signing again is a problem, whatever its signature."""
    old, new = b"o" * 32, b"n" * 32
    for seeds in ((new, old), (old, new)):  # the second puts the old seed first, as a thief signing with it would
        signing_keys(*seeds)
        assert read(client, key).status_code == 200
        log.seal()
    signing_keys(new, old)
    problems = log.verify().problems
    assert len(problems) == 1 and "已被更新的密钥取代" in problems[0]


def test_the_public_key_of_each_batch_is_published_by_its_id(client, signing_keys):
    """Whoever checks the log outside the platform needs the key each batch names, retired ones too."""
    signing_keys(b"n" * 32, b"o" * 32)
    current = client.get("/api/v1/exchange/public-key/")
    assert current.status_code == 200 and current["X-Key-Id"]
    old_id = signing.signers()[1].key_id
    answer = client.get("/api/v1/exchange/public-key/", {"key_id": old_id})
    assert answer.status_code == 200 and answer["X-Key-Id"] == old_id
    assert answer.content.decode() != current.content.decode() and "PUBLIC KEY" in answer.content.decode()
    assert client.get("/api/v1/exchange/public-key/", {"key_id": "0" * 16}).status_code == 404


def test_the_grants_endpoint_shows_both_sides_their_usage(client, granted, key, lisi):
    read(client, key)
    read(client, key, fields="legal_representative")
    mine = client.get("/api/v1/exchange/grants/", HTTP_AUTHORIZATION=f"Token {key}").json()["results"]
    assert mine[0]["role"] == "consumer" and mine[0]["usage"]["calls"] == 2 and mine[0]["usage"]["refused"] == 1
    theirs = client.get("/api/v1/exchange/grants/", HTTP_AUTHORIZATION=f"Token {f.api_key(lisi)}").json()["results"]
    assert theirs[0]["role"] == "provider" and theirs[0]["usage"]["rows"] == 1


def test_the_public_key_is_published_for_any_party_to_verify(client):
    response = client.get("/api/v1/exchange/public-key/")
    assert response.status_code == 200 and b"BEGIN PUBLIC KEY" in response.content


def test_an_unknown_resource_is_a_coded_404(client, granted, key):
    response = read(client, key, code="NOPE")
    assert response.status_code == 404 and response.json()["code"] == "EXCHANGE_RESOURCE_UNKNOWN"
    assert LegalPerson.objects.count() == 2


def test_a_row_committed_after_a_later_one_was_sealed_goes_into_the_next_batch(db):
    """Calls append without a lock, so keys can commit out of order: the chain follows the seals, not the keys."""
    values = {"resource_code": "A-0001", "caller": "wangwu", "query_hash": "x", "outcome": "answered"}
    ExchangeEntry.objects.create(id=20, at=timezone.now(), **values)
    first = log.seal()
    ExchangeEntry.objects.create(id=10, at=timezone.now(), **values)  # its transaction was the slower one
    assert log.verify().unsealed == 1
    second = log.seal()
    assert (first.first_seq, first.last_seq, second.first_seq, second.last_seq) == (1, 1, 2, 2)
    assert ExchangeEntry.objects.get(id=10).seq == 2
    result = log.verify()
    assert result.ok and result.unsealed == 0 and result.batches == 2


def test_verify_finds_the_newest_batches_cut_off(client, granted, key, owner):
    """The audit chain records each seal, so removing the latest batch with its rows is not a quiet minute."""
    _three_calls(client, key)
    read(client, key)
    newest = log.seal()
    ExchangeEntry.objects.filter(batch=newest).delete()
    newest.delete()
    assert any("最近的批次和日志被删除" in p for p in log.verify().problems)


def test_check_deploy_fails_under_https_without_a_signing_key(settings):
    from zhengtong.sharing.checks import signing_key_set

    settings.HTTPS, settings.EXCHANGE_SIGNING_KEY = True, ""
    assert [e.id for e in signing_key_set(None)] == ["sharing.E001"]
    settings.EXCHANGE_SIGNING_KEY = "a" * 44
    assert signing_key_set(None) == []


def test_of_two_grants_the_one_with_the_fields_asked_for_answers(
    client, granted, key, legal_resource, lisi, wangwu, registers
):
    from .test_requests import ask

    narrow = ask(legal_resource, wangwu, registers["B"], fields=["uscc"])
    share_request_grant(request=narrow, by=lisi)
    assert read(client, key, fields="uscc,name").status_code == 200
