"""Anchors: the chains' heads (seq + hash of the operation log and of the login log), signed with the chain key
and appended to a file outside the database.

A hash chain shows an edited, inserted or reordered entry, but not a tail cut off its end; an attacker with the
key (or, on a demo, the derived key next to the database) could also re-hash a forged tail. An anchor written
elsewhere every few minutes fixes the head at that moment: `audit verify` checks the log still holds it.
ZT_AUDIT_ANCHOR_DIR should be on another machine or a write-once mount; the default under var/ only protects
against a database-only attacker.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .chain import chain_key, key_id
from .models import LoginLog, OperationLog
from .selectors import chain_head

FILE_NAME = "anchors.jsonl"


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str
    at: str
    key_id: str
    sig: str = ""
    # The login log's head; 0 while it is empty (and in the anchors written before it was chained). A seq of 0
    # means that log was empty when the anchor was written.
    login_seq: int = 0
    login_hash: str = ""

    def signature(self, key: bytes | None = None) -> str:
        message = f"anchor|{self.seq}|{self.hash}|{self.at}|{self.key_id}"
        if self.login_seq:
            message += f"|login|{self.login_seq}|{self.login_hash}"
        return hmac.new(key or chain_key(), message.encode(), hashlib.sha256).hexdigest()

    def heads(self) -> tuple:
        return self.seq, self.hash, self.login_seq, self.login_hash


class BadAnchor(Exception):
    pass


def anchor_file() -> Path:
    return Path(settings.AUDIT_ANCHOR_DIR) / FILE_NAME


def latest() -> Anchor | None:
    """The last line of the anchor file, as written; None when no anchor was ever written."""
    path = anchor_file()
    if not path.exists():
        return None
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines:
        return None
    try:
        return Anchor(**json.loads(lines[-1]))
    except (ValueError, TypeError) as e:
        raise BadAnchor(f"锚点文件 {path} 的最后一行无法读取") from e


def write_anchor() -> Anchor | None:
    """Append the current head, unless it is already the latest anchor (nothing happened since). Refused while
    the log no longer holds the latest anchor: anchoring a cut or rewritten log would bless it."""
    empty = {"seq": 0, "hash": ""}
    head, login_head = chain_head() or empty, chain_head(LoginLog) or empty
    last = _latest_or_none()
    if last is not None:
        check_key(last)
        if not log_holds(last):
            raise BadAnchor(f"日志中已找不到锚点 {last.seq}：日志可能被截断或改写，不再写入新锚点")
    if head is empty and login_head is empty:
        return None
    now = timezone.now().isoformat(timespec="seconds")
    unsigned = Anchor(
        head["seq"], head["hash"], now, key_id(), login_seq=login_head["seq"], login_hash=login_head["hash"]
    )
    if last and last.heads() == unsigned.heads():
        return last
    signed = Anchor(**{**asdict(unsigned), "sig": unsigned.signature()})
    path = anchor_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(asdict(signed), sort_keys=True) + "\n")
        f.flush()
    return signed


def log_holds(found: Anchor) -> bool:
    """Both logs still hold the heads the anchor fixed."""
    if found.seq and not OperationLog.objects.filter(seq=found.seq, hash=found.hash).exists():
        return False
    return not found.login_seq or LoginLog.objects.filter(seq=found.login_seq, hash=found.login_hash).exists()


def _latest_or_none() -> Anchor | None:
    try:
        return latest()
    except BadAnchor:
        return None


def check_key(found: Anchor) -> None:
    """Raise BadAnchor when the anchor was written under another key or its signature does not hold."""
    if found.key_id != key_id():
        raise BadAnchor(
            "审计密钥与写入锚点时不同（或未设置）：请按原值设置 ZT_AUDIT_KEY（未设置时由 ZT_SECRET_KEY 推出）"
            "后再校验；这不表示日志被篡改"
        )
    if not hmac.compare_digest(found.signature(), found.sig):
        raise BadAnchor(f"锚点 {found.seq} 的签名不符：锚点文件被改写")
