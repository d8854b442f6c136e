"""The publishing check (issue 20, item 1): what a public output would show, read as the public would read it (a
file's name in the download header, everything inside the file, its pictures through OCR), and the personal data
found in it, masked. Every domain that publishes fields or files asks here; what it then does with a finding
(mask, refuse, withhold, or a reviewer's written reason) is the domain's rule."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from zhengtong import privacy
from zhengtong.core.errors import InvalidInput, refuse_on

from .extract import Unreadable
from .models import FileText, StoredFile
from .reading import file_reading, readings
from .services import uploads_store

PERSONAL_DATA = ("PERSONAL_DATA", _("“%(label)s”含个人信息（%(shown)s），公开后人人可见，请删去。"))
NUMBER_IN_CLEAR = (
    "PERSONAL_NUMBER_IN_CLEAR",
    _("“%(label)s”含%(shown)s：这类号码只加密保存，不能写在这里，请删去。"),
)
# The numbers kept only encrypted (issue 20 item 5, DOMAIN.md §2): never in a field stored as typed.
KEPT_ENCRYPTED = frozenset({privacy.Kind.ID_NUMBER, privacy.Kind.MOBILE, privacy.Kind.BANK_CARD})
READING = "图片正在识别"
UNREADABLE = "无法读取"
PICTURE = "图片（须人工核对）"


@dataclass(frozen=True)
class Finding:
    where: str  # the field's label, or the file's title
    kind: str
    text: str  # masked: no page shows the full value again
    ref: int | None = None  # the caller's row the finding belongs to (an attachment)
    blocking: bool = False  # not yet read, or unreadable: nothing unread is published, whatever reason is written


def in_text(where: str, text: str, allow: Iterable[str] = (), ref: int | None = None) -> list[Finding]:
    return [
        Finding(where, f.kind.label, privacy.mask_finding(f), ref)
        for f in privacy.scan(text or "", allow=frozenset(allow))
    ]


def in_name(where: str, name: str, allow: Iterable[str] = (), ref: int | None = None) -> list[Finding]:
    """A file's name read as a name as well as a sentence (privacy/file_names.py): a person's name alone in it, or
    beside the form's words, is found, where the segmenter makes it up as a name."""
    return [Finding(where, kind, shown, ref) for kind, shown in _in_name(name or "", frozenset(allow))]


@functools.lru_cache(maxsize=4096)
def _in_name(name: str, allow: frozenset) -> tuple[tuple[str, str], ...]:
    """(kind, masked value) of each finding in a file's name: read once per process, as a reading's text is
    (`_in_reading`), since a public page names its files on every view (the service guide, its samples)."""
    return tuple((f.kind.label, privacy.mask_finding(f)) for f in privacy.in_file_name(name, allow=allow))


def refuse_personal(field: str, label: str, text: str, allow: Iterable[str] = (), ignore=frozenset()) -> None:
    """For a text published as it is typed, with no reviewer between it and the public (a column's name, a repeal's
    reason): refused, naming the field, the findings shown masked. `ignore`: kinds the field's words are read as
    by mistake (a list of place names reads as a list of names)."""
    found = [f for f in in_text(label, text, allow) if f.kind not in {kind.label for kind in ignore}]
    if found:
        raise refuse_on(field, PERSONAL_DATA, label=label, shown=privacy.listed([(f.kind, f.text) for f in found]))


def refuse_numbers_in_clear(field: str, label: str, text: str) -> None:
    """For a field stored as typed (a title that lists sort and search): an ID number, a mobile or a bank card
    in it would lie in the database in clear until a reviewer masked it, so it is refused when it is saved,
    naming the field, the number shown masked. A name is left to the publication's review."""
    found = [f for f in privacy.scan(text or "") if f.kind in KEPT_ENCRYPTED]
    if found:
        shown = privacy.listed([(f.kind.label, privacy.mask_finding(f)) for f in found])
        raise refuse_on(field, NUMBER_IN_CLEAR, label=label, shown=shown)


def store_readable(uploads, *, by, field: str, label: str = "附件") -> list[tuple[str, StoredFile]]:
    """Store each (name, bytes) upload meant for publication and read its text layers now (its pictures by a task):
    what cannot be read cannot be checked for personal data, so it is refused while its uploader waits, naming the
    file (as `label`) and the reason, under `field`. The caller's transaction drops what was stored before the
    refusal."""
    stored = uploads_store(uploads, by=by, field=field)  # type by magic bytes, macros refused, metadata stripped
    for name, file in stored:
        try:
            file_reading(file)
        except Exception as exc:  # any parser's failure, not only the reasons extract names
            reason = f"（{exc}）" if isinstance(exc, Unreadable) else ""
            message = f"{label}“{privacy.mask_file_name(name)}”无法读取{reason}，不能用于公开，请另存后重新上传。"
            problem = {"code": "FILE_UNREADABLE", "message": message}
            raise InvalidInput(message, code="FILE_UNREADABLE", fields={field: [problem]}) from exc
    return stored


def in_files(
    files: Iterable[tuple[str, StoredFile, int | None]], allow: Iterable[str] = (), *, pictures_need_a_person: bool
) -> list[Finding]:
    """Each (title, stored file, ref): its file name (shown on the page and in Content-Disposition) and everything
    readable inside it. A file still being read or unreadable is one blocking finding. `pictures_need_a_person`:
    a picture, or a file with pictures in it, is a finding of its own even when OCR reads nothing in it (a face, a
    signature), for a publication a reviewer signs off."""
    files, allow = list(files), frozenset(allow)
    texts = readings(stored for _title, stored, _ref in files)
    found = []
    for title, stored, ref in files:
        found += in_name("附件文件名", stored.original_name, allow, ref)
        reading = texts[stored.sha256]
        if reading.state == FileText.State.UNREADABLE:
            found.append(Finding(title, UNREADABLE, reading.problem, ref, blocking=True))
            continue
        if reading.state == FileText.State.READING:
            progress = f"已识别{reading.pictures_read}/{reading.pictures}张图片，请稍后刷新"
            found.append(Finding(title, READING, progress, ref, blocking=True))
        elif pictures_need_a_person and (stored.kind in ("jpeg", "png") or reading.pictures):
            found.append(Finding(title, PICTURE, stored.original_name, ref))
        # while the pictures wait, what the text layers already hold is told now, not after them (a text already
        # read is final for its layers; the pictures' words are added to it when they are read)
        found += [Finding(title, kind, shown, ref) for kind, shown in _in_reading(reading, allow)]
    return found


_readings_found: dict[tuple, tuple[tuple[str, str], ...]] = {}
_KEPT_READINGS = 4096


def _in_reading(reading: FileText, allow: frozenset) -> tuple[tuple[str, str], ...]:
    """(kind, masked value) of each finding in a reading's text. The text is final for its content, reader version
    and state (the text layers while the pictures wait; with the pictures' words once read), so it is scanned once
    per process, not on every view of the page that offers the file (the service guide scanned each of its samples
    on each view: a third of its time). Kept in the process, not the shared cache: a new detector is deployed with
    new processes, which scan again."""
    key = (reading.sha256, reading.version, reading.state, allow)
    found = _readings_found.get(key)
    if found is None:
        if len(_readings_found) >= _KEPT_READINGS:
            _readings_found.clear()
        found = _readings_found[key] = tuple((f.kind, f.text) for f in in_text("", reading.text, allow))
    return found
