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
