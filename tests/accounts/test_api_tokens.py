"""API tokens (等保2.0 8.1.4.1 身份鉴别 and 8.1.4.2 访问控制; DOMAIN §8): a token is issued by its owner in a
session that passed the second factor, or by the operator's console to a named integration account. Its key is
shown once and stored only as a hash; the security administrator may list and revoke tokens but can neither issue
one for somebody else nor read one. Issuing and revoking are audited.
"""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import NoReverseMatch, reverse

from zhengtong.accounts.models import ApiToken, User
from zhengtong.audit.models import OperationLog

KEY = re.compile(r"zt_[A-Za-z0-9_-]{40,}")


def _me(key: str):
    return Client().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")


def test_staff_issue_their_own_token_after_the_second_factor_and_see_the_key_once(verified_client, lisi):
    client = verified_client(lisi)
    response = client.post(reverse("accounts:tokens"), {"name": "办件同步脚本"})
    key = KEY.search(response.content.decode()).group()
    assert "no-store" in response["Cache-Control"]
    assert key not in client.get(reverse("accounts:tokens")).content.decode()

    token = ApiToken.objects.get(user=lisi)
    assert token.name == "办件同步脚本" and token.digest == hashlib.sha256(key.encode()).hexdigest()
    stored = " ".join(str(v) for v in ApiToken.objects.values().get().values())
    assert key not in stored
    assert _me(key).json()["username"] == "lisi"
    entry = OperationLog.objects.get(action="accounts.token.issue")
    assert entry.actor_id == lisi.pk and key not in str(entry.changes)


def test_a_password_only_session_issues_no_token(client, lisi):
    client.force_login(lisi)
    response = client.post(reverse("accounts:tokens"), {"name": "x"})
    assert response.status_code == 302 and reverse("accounts:otp") in response["Location"]
    assert not ApiToken.objects.exists()


def test_citizens_issue_no_token(client, zhangsan):
    client.force_login(zhangsan)
    assert client.post(reverse("accounts:tokens"), {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_a_revoked_token_is_refused_and_the_revocation_audited(verified_client, lisi):
    client = verified_client(lisi)
    key = KEY.search(client.post(reverse("accounts:tokens"), {"name": "脚本"}).content.decode()).group()
    token = ApiToken.objects.get()
    client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert _me(key).status_code == 401
    assert OperationLog.objects.filter(action="accounts.token.revoke", actor_id=lisi.pk).exists()


def test_nobody_revokes_another_persons_token_from_his_own_page(verified_client, lisi, wangwu):
    key = KEY.search(verified_client(lisi).post(reverse("accounts:tokens"), {"name": "a"}).content.decode()).group()
    other = verified_client(wangwu)
    assert other.post(reverse("accounts:token_revoke", args=[ApiToken.objects.get().pk])).status_code == 404
    assert _me(key).status_code == 200


def test_the_security_administrator_can_revoke_but_not_issue_or_read(verified_client, admins, lisi):
    verified_client(lisi).post(reverse("accounts:tokens"), {"name": "脚本"})
    client = verified_client(admins["security"])
    assert client.get(reverse("admin:accounts_apitoken_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    with pytest.raises(NoReverseMatch):
        reverse("admin:authtoken_token_add")  # the clear-text token table is gone


def test_an_integration_account_gets_its_key_once_from_the_console(db):
    out = io.StringIO()
    call_command("integration", "create", "hotline12345", "--name", "12345政务服务热线平台", stdout=out)
    key = KEY.search(out.getvalue()).group()
    account = User.objects.get(username="hotline12345")
    assert account.kind == User.Kind.INTEGRATION and not account.has_usable_password()
    assert _me(key).json()["username"] == "hotline12345"

    call_command("integration", "rotate", "hotline12345", stdout=(out := io.StringIO()))
    assert _me(key).status_code == 401 and _me(KEY.search(out.getvalue()).group()).status_code == 200


def test_the_console_issues_no_token_for_a_person(db):
    User.objects.create_user("someone", password="x", kind=User.Kind.STAFF)
    with pytest.raises(Exception, match="对接系统"):
        call_command("integration", "rotate", "someone", stdout=io.StringIO())
