from __future__ import annotations

import pytest
from django.db import connection
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from huey.contrib.djhuey import HUEY

from zhengtong.accounts import services as account_services
from zhengtong.audit import guard
from zhengtong.letters.models import Centre, Mailbox, Responsibility
from zhengtong.org.models import DataScope, Department, Membership
from zhengtong.sharing import guard as exchange_guard
from zhengtong.workdays import calendar
from zhengtong.workdays.seed import ensure_seeded

from . import factories as f

HUEY.immediate = True  # tasks run inline in tests: no queue file under var/, no worker needed


@pytest.fixture(autouse=True)
def _fast_hashing(settings, request):
    """Argon2 is slow on purpose; tests that are not about hashing use a fast hasher."""
    if "real_hashing" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _cache_per_worker(tmp_path_factory):
    """The shared cache is files under var/ (or Redis): each test process gets a folder of its own, so that
    parallel workers never clear or count in each other's cache."""
    from django.conf import settings as django_settings
    from django.test.utils import override_settings

    default = django_settings.CACHES["default"]
    if "filebased" in default["BACKEND"]:  # the setting_changed signal drops caches made before this
        override_settings(CACHES={"default": {**default, "LOCATION": str(tmp_path_factory.mktemp("cache"))}}).enable()


@pytest.fixture(autouse=True)
def _empty_cache(_cache_per_worker):
    from django.core.cache import cache

    cache.clear()  # throttles count in the cache; one test's failures must not block the next


@pytest.fixture(autouse=True)
def _language_per_test():
    """A request through the locale middleware leaves its language active in the thread (the fuzz switches to
    English through set_language): the next test on this worker must start in the site's language."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _isolated_var(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AUDIT_ANCHOR_DIR = tmp_path / "audit-anchors"
    # No collectstatic in tests: serve from the finders, as DEBUG does.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return (
        "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
        or bool(marker and marker.kwargs.get("transaction"))
    )


@pytest.fixture(autouse=True)
def _audit_guard(request):
    """Keep the append-only triggers on for every test, and off only while a transactional test's database
    is flushed (flushing deletes every row, which the guard rightly refuses)."""
    uses_db = "db" in request.fixturenames or request.node.get_closest_marker("django_db")
    if not (uses_db or _transactional(request)):
        yield
        return
    transactional = _transactional(request)
    request.getfixturevalue("transactional_db" if transactional else "db")
    guard.install(connection)
    exchange_guard.install(connection)
    ensure_seeded()  # a transactional test's flush empties the migration-seeded holiday table
    calendar.recheck()  # a previous test's rolled-back calendar edit must not linger in the cached index
    yield
    if transactional:
        guard.remove(connection)
        exchange_guard.remove(connection)


@pytest.fixture
def district(db):
    """A small tree: 北仑区 → 区政府 → 部门A (with office A1) and 部门B."""
    region = f.department("330206", "宁波市北仑区", kind=Department.Kind.REGION)
    government = f.department("330206000", "北仑区人民政府", region, kind=Department.Kind.GOVERNMENT)
    dept_a = f.department("A", "区市场监督管理局", government)
    office_a1 = f.department("A1", "登记注册科", dept_a, kind=Department.Kind.OFFICE)
    dept_b = f.department("B", "区卫生健康局", government)
    return {
        "region": region,
        "government": government,
        "A": Department.objects.get(pk=dept_a.pk),
        "A1": office_a1,
        "B": Department.objects.get(pk=dept_b.pk),
    }


@pytest.fixture
def zhangsan(db):
    """张三, a citizen."""
    return account_services.citizen_register(
        real_name="张三", id_number=f.valid_id_number(), mobile="13805740001", password=f.PASSWORD
    )


@pytest.fixture
def lisi(district):
    """李四, clerk of department A (本部门数据)."""
    return f.staff("lisi", "李四", district["A"], f.role("clerk", DataScope.DEPARTMENT))


@pytest.fixture
def wangwu(district):
    """王五, clerk of department B: must be denied department A's data."""
    return f.staff("wangwu", "王五", district["B"], f.role("clerk", DataScope.DEPARTMENT))


def _verified_client(client, user):
    client.force_login(user)
    # Mark the session as having passed the second factor, as the OTP view does.
    from django.http import HttpRequest

    request = HttpRequest()
    request.session = client.session
    request.user = user
    otp_login(request, TOTPDevice.objects.get(user=user, confirmed=True))
    request.session.save()
    return client


@pytest.fixture
def verified_client(client):
    return lambda user: _verified_client(client, user)


@pytest.fixture
def admins(district):
    return {
        "system": f.staff("sys", "周系统", district["A"], f.role("sysadmin", duty="system")),
        "security": f.staff("sec", "吴安全", district["A"], f.role("secadmin", duty="security")),
        "audit": f.staff("aud", "郑审计", district["B"], f.role("auditor", duty="audit")),
    }


@pytest.fixture
def sms_outbox(monkeypatch):
    """SMS kept in memory (MemorySmsBackend); `sms_code(outbox)` reads the last verification code sent."""
    from zhengtong.notifications.channels import MemorySmsBackend

    monkeypatch.setenv("ZT_SMS_BACKEND", "zhengtong.notifications.channels.MemorySmsBackend")
    MemorySmsBackend.outbox.clear()
    return MemorySmsBackend.outbox


def sms_code(outbox) -> str:
    return outbox[-1][1].split("验证码是")[1][:6]


@pytest.fixture
def hotline(district):
    """The 12345 centre with an operator, a catalogue row per department and a fallback, the heads of A and B."""
    centre = f.department("C", "12345热线中心", district["government"])
    Centre.objects.create(department=centre)
    Responsibility.objects.create(code="food", name="食品安全", keywords="食品 餐馆 过期", department=district["A"])
    Responsibility.objects.create(code="medical", name="医疗服务", keywords="医院 挂号 医生", department=district["B"])
    Responsibility.objects.create(code="unclear", name="职责不清", department=district["government"], is_fallback=True)
    head_a = f.staff("head_a", "甲局长", district["A"])
    head_b = f.staff("head_b", "乙局长", district["B"])
    Membership.objects.filter(user__in=[head_a, head_b]).update(is_head=True)
    mailbox = Mailbox.objects.create(code="quzhang", name="区长信箱")
    return {
        "centre": centre,
        "operator": f.staff("op", "话务员", centre),
        "head_a": head_a,
        "head_b": head_b,
        "mailbox": mailbox,
    }
