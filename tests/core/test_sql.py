"""core.sql.next_key: a row's primary key taken before its insert, so a number made from it is written with the
row instead of through a placeholder (which, being unique, made concurrent inserts wait on each other)."""

from __future__ import annotations

import pytest
from django.db import transaction

from zhengtong.core.sql import next_key, next_keys
from zhengtong.letters.models import Limit


@pytest.mark.django_db
def test_keys_taken_in_turn_are_new_and_the_rows_inserted_with_them_keep_them():
    with transaction.atomic():
        existing = Limit.objects.create(key="k0", limit=1, unit="hours").pk
        first = next_key(Limit)
        Limit.objects.create(pk=first, key="k1", limit=1, unit="hours")
        second = next_key(Limit)
        Limit.objects.create(pk=second, key="k2", limit=1, unit="hours")
    assert existing < first < second
    assert Limit.objects.create(key="k3", limit=1, unit="hours").pk > second  # the database's own next


@pytest.mark.django_db
def test_a_batch_takes_its_keys_at_once_and_keeps_them_through_a_bulk_insert():
    """An import writes each row's number with it, as intake does (letters/services/history.py)."""
    with transaction.atomic():
        keys = next_keys(Limit, 3)
        Limit.objects.bulk_create(Limit(pk=k, key=f"b{k}", limit=1, unit="hours") for k in keys)
        after = next_key(Limit)
    assert len(set(keys)) == 3 and after > max(keys)
    assert sorted(Limit.objects.filter(key__startswith="b").values_list("pk", flat=True)) == sorted(keys)


@pytest.mark.django_db(transaction=True)  # no test-wide transaction around it
def test_outside_a_transaction_a_key_is_refused():
    """On SQLite the key is read, not drawn: only the insert's own write transaction keeps another writer from
    reading the same one."""
    with pytest.raises(RuntimeError):
        next_key(Limit)


@pytest.mark.django_db
def test_a_row_read_in_plain_sql_becomes_the_instance_the_orm_reads():
    """Decision 0023: hot paths (an API key's owner on every API call) read in plain SQL, because compiling the
    ORM's query cost more than running it. Their rows must still come out as the ORM's do: an encrypted column
    decrypted, a date read as a date on either database, the instance marked as stored."""
    from django.db import connection

    from tests import factories as f
    from zhengtong.accounts.models import User
    from zhengtong.core.sql import columns, instance

    user = f.staff("sqlrow", "王小明", f.department("SQLROW", "测试局"))
    User.objects.filter(pk=user.pk).update(mobile="13805749876", id_number=f.valid_id_number())
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 7, {columns(User, 'u')} FROM accounts_user u WHERE u.id = %s", [user.pk])
        row = cursor.fetchone()
    made, stored = instance(User, row[1:]), User.objects.get(pk=user.pk)
    assert made.mobile == "13805749876" and made.date_joined == stored.date_joined
    assert {f.attname: getattr(made, f.attname) for f in User._meta.concrete_fields} == {
        f.attname: getattr(stored, f.attname) for f in User._meta.concrete_fields
    }
    assert not made._state.adding and made._state.db == "default"


@pytest.mark.django_db
def test_a_row_inserted_in_plain_sql_is_stored_as_the_orm_stores_it():
    """The exchange log's insert, made on every exchange call: JSON, a timestamp and the defaults of the fields
    not given are written as the ORM writes them, and the new key is returned."""
    from django.utils import timezone

    from zhengtong.core.sql import insert
    from zhengtong.sharing.models import ExchangeEntry

    at = timezone.now()
    pk = insert(ExchangeEntry, at=at, resource_code="A-1", caller="wangwu", fields=["uscc", "名称"], query_hash="h")
    stored = ExchangeEntry.objects.get(pk=pk)
    assert (stored.at, stored.fields, stored.rows, stored.hash, stored.seq) == (at, ["uscc", "名称"], 0, "", None)
    assert insert(ExchangeEntry, at=at, resource_code="A-2", caller="x", query_hash="h") == pk + 1


@pytest.mark.django_db
def test_an_insert_refuses_a_model_whose_omitted_fields_the_orm_would_compute():
    """Review: insert() runs no pre_save, so an auto_now field left out would be written NULL: it must be given."""
    from zhengtong.accounts.models import ApiToken
    from zhengtong.core.sql import insert

    with pytest.raises(TypeError, match="created_at"):
        insert(ApiToken, user_id=1, name="x", prefix="zt_", digest="d")
