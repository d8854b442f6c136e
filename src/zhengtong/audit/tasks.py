"""Nightly verification of the audit chain and its anchor every ten minutes (等保2.0 安全审计: protect the
records and check them)."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from zhengtong.core.locks import single_runner

from . import anchor
from .context import Actor, acting_as
from .selectors import chains_verify
from .services import audit_record

log = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="2", minute="15"))
@single_runner("audit-chain-verify")
def verify_chain_nightly():
    """Record the outcome in the chain itself, so the audit administrator sees every check (and a gap in
    the nightly entries is itself a finding)."""
    operations, logins = chains_verify()
    held = _latest_anchor_held()
    for result in (operations, logins):
        if not result.ok:
            log.error(
                "审计日志校验失败：%s第 %s 条（序号 %s）：%s",
                result.log,
                result.bad_position,
                result.bad_seq,
                result.reason,
            )
    bad = operations if not operations.ok else logins
    ok = operations.ok and logins.ok and held is not False
    with acting_as(Actor(name="系统:夜间校验")):
        audit_record(
            action="audit.chain.verify",
            object_type="audit.operationlog",
            changes={
                "checked": operations.checked,
                "login_checked": logins.checked,
                "ok": ok,
                "bad_seq": bad.bad_seq,
                "reason": (f"{bad.log}：{bad.reason}" if bad.reason else "")
                or ("" if held is not False else "日志中已找不到最新锚点"),
            },
        )
    return ok


def _latest_anchor_held() -> bool | None:
    """Whether the log still holds the latest anchor; None when there is none (a new site) or it cannot be read."""
    try:
        latest = anchor.latest()
    except anchor.BadAnchor:
        return None
    if latest is None:
        return None
    if not anchor.log_holds(latest):
        log.error("审计日志校验失败：日志中已找不到锚点 %s", latest.seq)
        return False
    return True


@db_periodic_task(crontab(minute="*/10"))
@single_runner("audit-chain-anchor")
def anchor_chain():
    """The head, signed, outside the database: what a cut tail is found against (audit/anchor.py). A log that no
    longer holds the latest anchor gets no new one, and the failure is logged for the operators."""
    try:
        anchor.write_anchor()
    except anchor.BadAnchor as bad:
        log.error("审计日志锚点：%s", bad)
