"""等保2.0 (GB/T 22239-2019, 8.1.4.1 d): a session ends after about 30 idle minutes. The idle age is kept by
moving the session's expiry forward on activity, at most once a minute: a write per click would make every staff
page pay for a transaction."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zhengtong.accounts import middleware


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def _session_writes(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q for q in queries.captured_queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")]


def test_activity_within_a_minute_does_not_write_the_session(client, zhangsan):
    client.force_login(zhangsan)
    url = reverse("approvals:mine")
    client.get(url)
    assert _session_writes(client, url) == []


def test_activity_after_a_minute_moves_the_idle_expiry_forward(client, zhangsan):
    client.force_login(zhangsan)
    url = reverse("approvals:mine")
    client.get(url)
    before = _expiry(client)
    later = middleware.time.time() + middleware.TOUCH_SECONDS + 1
    with mock.patch.object(middleware.time, "time", return_value=later):
        assert len(_session_writes(client, url)) == 1
    assert _expiry(client) > before


def test_after_any_request_the_session_lives_at_least_29_more_minutes(client, zhangsan):
    client.force_login(zhangsan)
    client.get(reverse("approvals:mine"))
    assert _expiry(client) >= timezone.now() + dt.timedelta(minutes=29)


def test_an_anonymous_visit_creates_no_session(client, db):
    client.get(reverse("portal:home"))
    assert Session.objects.count() == 0
