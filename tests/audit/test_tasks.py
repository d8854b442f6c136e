from __future__ import annotations

from zhengtong.audit.models import OperationLog
from zhengtong.audit.services import audit_record
from zhengtong.audit.tasks import verify_chain_nightly


def test_the_nightly_check_records_its_result_in_the_chain(db):
    audit_record(action="test.one")
    audit_record(action="test.two")
    assert verify_chain_nightly.call_local() is True
    entry = OperationLog.objects.get(action="audit.chain.verify")
    assert entry.changes == {"checked": 2, "login_checked": 0, "ok": True, "bad_seq": None, "reason": ""}
    assert entry.actor_name == "系统:夜间校验"
