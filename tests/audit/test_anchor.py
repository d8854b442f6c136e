"""The audit anchor (等保2.0 安全审计: records protected against deletion; DOMAIN §8): a chain cannot show that
its tail was cut off, so its head is signed and written outside the database, and `audit verify` checks against
the latest anchor by default. A verification under another key says the key is wrong, not that the log was
tampered with; a production site without its own audit key fails `check --deploy`.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhengtong.audit import anchor
from zhengtong.audit.models import OperationLog
from zhengtong.audit.tasks import anchor_chain

from .test_chain import _verify_command, _without_triggers, _write


def test_cutting_the_tail_after_an_anchor_fails_the_default_verification(db):
    _write(5)
    anchor.write_anchor()
    assert "审计日志完整" in _verify_command()
    _without_triggers("DELETE FROM audit_operationlog WHERE seq > 3")
    with pytest.raises(CommandError, match="锚点"):
        _verify_command()


def test_a_rehashed_tail_does_not_match_the_anchor(db):
    _write(3)
    anchor.write_anchor()
    head = OperationLog.objects.order_by("-seq").first()
    _without_triggers("UPDATE audit_operationlog SET hash = %s WHERE seq = %s", ["f" * 64, head.seq])
    with pytest.raises(CommandError):
        _verify_command()


def test_verifying_under_another_key_reports_the_key_not_tampering(db, settings):
    _write(3)
    anchor.write_anchor()
    settings.AUDIT_KEY = "another-key"
    with pytest.raises(CommandError) as refused:
        _verify_command()
    assert "ZT_AUDIT_KEY" in str(refused.value) and "修改" not in str(refused.value)


def test_a_forged_anchor_line_is_reported(db, settings):
    _write(2)
    anchor.write_anchor()
    path = anchor.anchor_file()
    line = json.loads(path.read_text().splitlines()[-1])
    line["seq"] = 1
    with open(path, "a") as f:
        f.write(json.dumps(line) + "\n")
    with pytest.raises(CommandError, match="签名"):
        _verify_command()


def test_the_anchor_lives_outside_the_database_and_is_written_when_the_head_moves(db, settings):
    assert not str(anchor.anchor_file()).startswith(str(settings.DATABASES["default"]["NAME"]))
    _write(2)
    anchor_chain.call_local()
    anchor_chain.call_local()  # nothing new: no second line
    _write(1, start=2)
    anchor_chain.call_local()
    lines = anchor.anchor_file().read_text().splitlines()
    assert [json.loads(x)["seq"] for x in lines] == [2, 3]


def test_the_anchor_command_prints_the_head(db):
    _write(1)
    out = io.StringIO()
    call_command("audit", "anchor", stdout=out)
    assert "锚点已写入" in out.getvalue() and anchor.latest().seq == 1


def test_check_deploy_fails_under_https_without_an_audit_key(settings):
    from zhengtong.audit.checks import audit_key_set

    settings.HTTPS, settings.AUDIT_KEY = True, ""
    assert [e.id for e in audit_key_set(None)] == ["zhengtong.E001"]
    settings.AUDIT_KEY = "k" * 40
    assert audit_key_set(None) == []


def test_a_cut_log_gets_no_new_anchor_so_the_cut_stays_visible(db):
    """Found by an outside review: the ten-minute task re-anchored a truncated log and the next verify passed."""
    _write(5)
    anchor.write_anchor()
    _without_triggers("DELETE FROM audit_operationlog WHERE seq > 2")
    anchor_chain.call_local()  # logs the failure, writes nothing
    with pytest.raises(anchor.BadAnchor):
        anchor.write_anchor()
    assert [json.loads(x)["seq"] for x in anchor.anchor_file().read_text().splitlines()] == [5]
    with pytest.raises(CommandError, match="锚点"):
        _verify_command()


def test_the_nightly_verification_records_a_missing_anchor_as_a_failure(db):
    from zhengtong.audit.tasks import verify_chain_nightly

    _write(3)
    anchor.write_anchor()
    _without_triggers("DELETE FROM audit_operationlog WHERE seq = 3")
    assert verify_chain_nightly.call_local() is False
