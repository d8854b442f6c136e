"""`zhengtong backup` and `zhengtong restore`: what they copy, the order they do it in, and what they refuse.

A backup is one folder, written under a temporary name and renamed when complete, so an interrupted run never
looks like a backup. A restore checks everything before it touches anything: the manifest's hashes, the audit
key, and that the target site is empty (it never overwrites a site). Afterwards it compares the restored rows,
files and audit chain with the manifest and fails loudly on any difference.

The keys are not in a backup, on purpose: ZT_SECRET_KEY, ZT_AUDIT_KEY, ZT_FIELD_KEY and the TLS keys are kept
apart (README).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.utils import timezone

from zhengtong.audit import anchor, chain
from zhengtong.audit.selectors import chains_verify
from zhengtong.core import crypto

from . import database, media
from .manifest import Manifest, sha256_file


class Refused(Exception):
    """The restore did not start (or, after loading, found a difference); the message says why, in Chinese."""


def backup(root: Path, progress: Callable[[str], None] = lambda _m: None) -> tuple[Path, Manifest]:
    root.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    partial = root / f".zhengtong-backup-{stamp}.partial"
    partial.mkdir(mode=0o700)  # it holds every ID number's ciphertext and every upload: for the operator only
    progress("数据库：一致性复制……")
    dump_name, contents = database.dump(partial)
    progress(f"数据库：{len(contents.tables)} 张表，{sum(contents.tables.values())} 行。上传文件：复制……")
    files = media.copy_out(partial, progress)
    anchors = _copy_anchors(partial, contents.audit_head)
    manifest = Manifest(
        created_at=timezone.now().isoformat(timespec="seconds"),
        version=version("zhengtong"),
        engine=database.connection.vendor,
        database=dump_name,
        database_sha256=sha256_file(partial / dump_name),
        tables=contents.tables,
        files=files,
        audit_head=contents.audit_head,
        audit_key_id=chain.key_id(),
        field_key_id=crypto.key_id(),
        anchors=anchors and anchors.name,
        anchors_sha256=anchors and sha256_file(anchors),
        notes=[
            "不含密钥：ZT_SECRET_KEY、ZT_AUDIT_KEY、ZT_FIELD_KEY 须另行保管",
            "不含任务队列：未完成的通知由发件箱重新投递",
        ],
    )
    manifest.write(partial)
    final = root / f"zhengtong-backup-{stamp}"
    partial.rename(final)
    return final, manifest


ANCHORS = "audit-anchors.jsonl"


def _copy_anchors(into: Path, head: dict | None) -> Path | None:
    """The signed chain heads written up to the copy's head: with them, the restored site's `audit verify`
    checks the same anchors by default. An anchor the worker wrote after the database was copied names a head
    the copy lacks, so it stays out."""
    source = anchor.anchor_file()
    if not source.exists() or head is None:
        return None
    kept = [line for line in source.read_text(encoding="utf-8").splitlines() if _within(line, head)]
    target = into / ANCHORS
    target.write_text("".join(f"{line}\n" for line in kept), encoding="utf-8")
    return target


def _within(line: str, head: dict) -> bool:
    """Whether the anchor on this line fixes heads the copy holds (both logs at or before the copy's heads)."""
    try:
        found = json.loads(line)
        return int(found["seq"]) <= head["seq"] and int(found.get("login_seq", 0)) <= head.get("login_seq", 0)
    except (ValueError, KeyError, TypeError, AttributeError):
        return False  # an unreadable line is left out


@dataclass
class Restored:
    tables: int
    rows: int
    files: int
    audit_checked: int


def restore(folder: Path, *, ignore_audit_key: bool = False, progress=lambda _m: None) -> Restored:
    manifest = _readable(folder)
    progress("校验备份文件……")
    _check_hashes(folder, manifest)
    if manifest.audit_key_id != chain.key_id() and not ignore_audit_key:
        raise Refused(
            "审计密钥与备份时不同（或未设置）：请先按备份时的值设置 ZT_AUDIT_KEY（未设置时由 ZT_SECRET_KEY 推出）"
            "再恢复。密钥已丢失时可加 --ignore-audit-key 恢复数据，但审计日志将无法校验。"
        )
    if manifest.field_key_id not in {kid for kid, _key in crypto.keys()}:
        raise Refused(
            "个人信息加密密钥与备份时不同（或未设置）：请先把备份时的 ZT_FIELD_KEY 加入本站点的 ZT_FIELD_KEY 再恢复，"
            "否则恢复出的身份证号码、手机号码等将无法解密。"
        )
    if manifest.engine != database.connection.vendor:
        raise Refused(f"备份来自 {manifest.engine} 数据库，本站点使用 {database.connection.vendor}")
    if not database.is_empty() or media.holds_files():
        raise Refused("目标站点非空：恢复只写入新建的空数据库和空的上传目录，从不覆盖现有数据")
    progress("恢复数据库……")
    database.load(folder / manifest.database)
    try:
        progress("恢复上传文件……")
        media.copy_in(folder, manifest.files)
        if manifest.anchors and not anchor.anchor_file().exists():
            anchor.anchor_file().parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(folder / manifest.anchors, anchor.anchor_file())
        progress("核对……")
        return _compare(manifest, check_audit=not ignore_audit_key)
    except (Refused, OSError) as failed:
        raise Refused(
            f"{failed}。本站点已部分恢复：请删除它的数据库和上传目录（{settings.MEDIA_ROOT}）后重新恢复"
        ) from failed


def _readable(folder: Path) -> Manifest:
    try:
        return Manifest.read(folder)
    except FileNotFoundError as e:
        raise Refused(f"{folder} 不是备份目录：没有 manifest.json") from e
    except (ValueError, TypeError) as e:
        raise Refused(f"manifest.json 无法读取：{e}") from e


def _check_hashes(folder: Path, manifest: Manifest) -> None:
    expected = {manifest.database: manifest.database_sha256, **manifest.files}
    if manifest.anchors:
        expected[manifest.anchors] = manifest.anchors_sha256
    for name, digest in expected.items():
        if not _inside(name, media_file=name in manifest.files):
            raise Refused(f"备份清单中的文件名不合法：{name}")
        path = folder / name
        if not path.is_file():
            raise Refused(f"备份不完整：缺少 {name}")
        if sha256_file(path) != digest:
            raise Refused(f"备份文件已损坏或被改动：{name}")


def _inside(name: str, *, media_file: bool) -> bool:
    """A name the manifest may list: relative, without "..", uploads under media/, the rest at the top (a
    manifest is read from a folder that may have come from anywhere: it must not write outside the site)."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\\" in name or not name:
        return False
    return path.parts[0] == media.PREFIX and len(path.parts) > 1 if media_file else len(path.parts) == 1


def _compare(manifest: Manifest, *, check_audit: bool) -> Restored:
    contents = database.describe()
    if contents.tables != manifest.tables:
        differ = sorted(
            t
            for t in manifest.tables.keys() | contents.tables.keys()
            if manifest.tables.get(t) != contents.tables.get(t)
        )
        raise Refused(f"恢复后行数与备份不符：{'、'.join(differ[:10])}")
    if media.hashes() != manifest.files:
        raise Refused("恢复后的上传文件与备份不符")
    checked = 0
    if check_audit:
        results = chains_verify()
        for result in results:
            if not result.ok:
                raise Refused(
                    f"恢复后审计日志校验失败：{result.log}第 {result.bad_position} 条（序号 {result.bad_seq}）："
                    f"{result.reason}"
                )
        if contents.audit_head != manifest.audit_head:
            raise Refused("恢复后审计日志链头与备份不符")
        checked = sum(result.checked for result in results)
    return Restored(len(manifest.tables), sum(manifest.tables.values()), len(manifest.files), checked)
