"""A double click or two tabs: the same writer's same letter submitted at the same moment is one case, and
concurrent different letters are all kept (PostgreSQL, where transactions really run side by side)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from zhengtong.letters.models import Letter

from .conftest import submit


@pytest.mark.django_db(transaction=True)
def test_simultaneous_identical_submissions_make_one_case_and_different_ones_are_all_kept(hotline):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite test databases are in memory and shared by one connection; PostgreSQL runs this")
    errors, barrier = [], threading.Barrier(8)

    def writer(n):
        try:
            barrier.wait()
            submit()  # the same writer, the same text, eight times at once
            submit(writer_phone=f"1390574{n:04d}", content=f"第{n}位来信人：某路段第{n * 37}号路灯不亮，请尽快维修。")
        except Exception as exc:  # report any failure from the thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert Letter.objects.filter(writer_phone="13805740001").count() == 1
    assert Letter.objects.exclude(writer_phone="13805740001").count() == 8
