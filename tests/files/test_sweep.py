"""Uploaded bytes that no row names are removed after a day (issue 20: personal data is not kept past its purpose,
个人信息保护法 第十九条). A file refused for the personal data in it, or any upload whose transaction rolled back,
left its bytes on disk for good: its row was rolled back, the file written before it was not. The sweep removes
such a file once a day has passed since it was last written or reused; a file a row names, a young one, and one a
new upload of the same content reused meanwhile stay."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone

from zhengtong.audit.models import OperationLog
from zhengtong.files.models import FileText, StoredFile
from zhengtong.files.reading import file_reading
from zhengtong.files.services import file_open, file_store
from zhengtong.files.sweep import GRACE, sweep_unreferenced

from . import samples

pytestmark = pytest.mark.django_db


class _RolledBack(Exception):
    pass


def _rolled_back_upload(data: bytes) -> Path:
    """What an upload refused inside its transaction leaves behind: the file, and no row naming it."""
    with pytest.raises(_RolledBack), transaction.atomic():
        stored = file_store(data=data, name="身份证.png")
        path = Path(stored.path)
        raise _RolledBack
    return path


def _aged(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_rolled_back_upload_s_bytes_are_removed_after_a_day_and_a_named_file_stays(settings):
    media = Path(settings.MEDIA_ROOT)
    orphan = media / _rolled_back_upload(samples.png_with_text())
    kept = file_store(data=samples.pdf(), name="申请书.pdf")
    _aged(orphan, GRACE.total_seconds() + 60)
    _aged(media / kept.path, GRACE.total_seconds() + 60)
    assert sweep_unreferenced() == 1
    assert not orphan.exists()
    assert file_open(kept).startswith(b"%PDF")
    assert list(orphan.parent.iterdir()) == []  # nothing held aside is left either
    assert OperationLog.objects.filter(action="files.sweep").get().changes == {"rows": [None, 0], "files": [None, 1]}


def test_the_nightly_task_sweeps_in_its_own_name(settings):
    from zhengtong.files.tasks import sweep_unreferenced_files

    _aged(Path(settings.MEDIA_ROOT) / _rolled_back_upload(samples.png_with_text()), GRACE.total_seconds() + 60)
    assert sweep_unreferenced_files.call_local() == 1
    assert OperationLog.objects.get(action="files.sweep").actor_name == "定时任务:清理无主文件"


def test_a_young_unnamed_file_stays_for_its_upload_may_not_have_committed_yet(settings):
    orphan = Path(settings.MEDIA_ROOT) / _rolled_back_upload(samples.png_with_text())
    _aged(orphan, GRACE.total_seconds() - 60)
    assert sweep_unreferenced() == 0 and orphan.exists()
    assert not OperationLog.objects.filter(action="files.sweep").exists()


def test_a_file_reused_by_a_new_upload_of_the_same_content_stays(settings):
    """Two uploads of the same content share one file: the second finds it there and only touches it. The sweep
    reads the time of that touch, so a file a new row is about to name is never removed under it."""
    orphan = Path(settings.MEDIA_ROOT) / _rolled_back_upload(samples.png_with_text())
    _aged(orphan, GRACE.total_seconds() + 60)
    with transaction.atomic():
        again = file_store(data=samples.png_with_text(), name="照片.png")
        assert sweep_unreferenced() == 0  # the row not yet committed, as in another worker's request
    assert file_open(again).startswith(b"\x89PNG")


def test_a_writer_s_leftover_part_file_is_swept_too(settings):
    shard = Path(settings.MEDIA_ROOT) / "uploads" / "ab"
    shard.mkdir(parents=True)
    part = shard / ".abcdef.x1y2.part"  # a worker killed mid-write (services.write_once)
    part.write_bytes(b"ztf1:half")
    _aged(part, GRACE.total_seconds() + 60)
    assert sweep_unreferenced() == 1 and not part.exists()


def test_many_files_in_a_folder_are_looked_up_in_bounded_queries(settings, django_assert_max_num_queries):
    shard = Path(settings.MEDIA_ROOT) / "uploads" / "cd"
    shard.mkdir(parents=True)
    for n in range(1200):
        orphan = shard / f"{n:064x}.png"
        orphan.write_bytes(b"ztf1:")
        _aged(orphan, GRACE.total_seconds() + 60)
    named = f"uploads/cd/{0:064x}.png"
    StoredFile.objects.create(sha256=f"{0:064x}", size=5, kind="png", content_type="image/png", path=named)
    with django_assert_max_num_queries(16):  # names looked up in batches, not a query a file
        assert sweep_unreferenced() == 1199
    assert [p.name for p in shard.iterdir()] == [f"{0:064x}.png"]


def test_a_sweep_stopped_midway_puts_back_what_it_left_aside(settings):
    """An outside review (session 66): a file moved aside, then named by a committed upload of the same content,
    was lost if the sweep stopped before putting it back; the next sweep removed the copy aside."""
    stored = file_store(data=samples.png_with_text(), name="照片.png")
    path = Path(settings.MEDIA_ROOT) / stored.path
    _aged(path, GRACE.total_seconds() + 60)
    path.rename(path.with_name(f".{path.name}.sweep"))  # where a stopped sweep left it
    assert sweep_unreferenced() == 0
    assert file_open(stored).startswith(b"\x89PNG")


def test_a_row_nothing_refers_to_goes_after_a_day_with_its_file_and_its_reading(settings, district):
    """A file held for a letter never sent, a purged draft's material: the row named bytes no case needs, kept
    for good. A row a letter, a guide or a draft names stays."""
    media = Path(settings.MEDIA_ROOT)
    abandoned = file_store(data=samples.png_with_text(), name="身份证.png")
    file_reading(abandoned)
    used = file_store(data=samples.pdf(), name="申请书.pdf")
    from zhengtong.approvals.models import Material

    from ..approvals.conftest import make_item

    Material.objects.create(item=make_item(district), name="申请书", sample=used)
    assert FileText.objects.filter(sha256=abandoned.sha256).exists()
    StoredFile.objects.update(created_at=timezone.now() - GRACE - dt.timedelta(minutes=1))
    for stored in (abandoned, used):
        _aged(media / stored.path, GRACE.total_seconds() + 60)
    assert sweep_unreferenced() == 2  # the row, then its bytes
    assert list(StoredFile.objects.all()) == [used] and not (media / abandoned.path).exists()
    assert not FileText.objects.filter(sha256=abandoned.sha256).exists()
    assert file_open(used).startswith(b"%PDF")


def test_a_copy_put_back_never_replaces_a_file_an_upload_wrote_meanwhile(settings, monkeypatch):
    """An outside attack (session 66): a file in clear from before sealing, moved aside, while an upload of the
    same content wrote it anew sealed and committed its row; the sweep put the clear copy back over it."""
    from zhengtong.files import sweep

    stored = file_store(data=samples.png_with_text(), name="照片.png")
    path = Path(settings.MEDIA_ROOT) / stored.path
    clear = file_open(stored)
    path.write_bytes(clear)  # as written before files were sealed
    _aged(path, GRACE.total_seconds() + 60)
    named = sweep._named

    def an_upload_in_between(paths):
        found = named(paths)
        if not found and paths and not path.exists():  # moved aside: the upload writes it anew, its row named
            file_store(data=samples.png_with_text(), name="照片.png")
            return named(paths)
        return found

    StoredFile.objects.all().delete()
    monkeypatch.setattr(sweep, "_named", an_upload_in_between)
    assert sweep_unreferenced() == 0
    assert path.read_bytes() != clear and file_open(StoredFile.objects.get()) == clear
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_a_file_the_sweep_may_not_move_stops_no_other(settings, monkeypatch):
    media = Path(settings.MEDIA_ROOT)
    stuck = media / _rolled_back_upload(samples.png_with_text())
    other = media / _rolled_back_upload(samples.pdf())
    for orphan in (stuck, other):
        _aged(orphan, GRACE.total_seconds() + 60)
    rename = os.rename

    def refused_for_one(source, target):
        if Path(source) == stuck:
            raise PermissionError(13, "Permission denied")
        return rename(source, target)

    monkeypatch.setattr(os, "rename", refused_for_one)
    assert sweep_unreferenced() == 1
    assert stuck.exists() and not other.exists()
