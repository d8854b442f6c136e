"""Two workers scanning at once never raise the same level change twice."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from zhengtong.supervision import services
from zhengtong.supervision.models import Alert, Violation
from zhengtong.supervision.scan import scan

from .. import factories as f


@pytest.mark.django_db(transaction=True)
def test_concurrent_scans_raise_each_change_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent connections to one database: runs in the PostgreSQL suite")
    dept = f.department("C", "区测试局")
    started = timezone.now() - dt.timedelta(days=60)
    for i in range(200):
        services.clock_start(
            subject_type="test.case", subject_id=str(i), stage="review", department=dept, limit=5, started_at=started
        )
    results, errors = [], []

    def worker():
        try:
            results.append(scan())
        except Exception as exc:  # surface anything the thread hit
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sum(r["red"] for r in results) == 200
    assert Alert.objects.count() == 200
    assert Violation.objects.count() == 200
