"""What one file's reading shares with the files embedded in it: the pictures it has read (each read once, at most
MAX_PICTURES), how deep it is, and `Unreadable`, the refusal every reader raises with its reason."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import ocr
from ..intake import FileRefused, clean

# Pictures are read one by one (about half a second each): a file with more is refused, not half-checked.
MAX_PICTURES = 30
MAX_DEPTH = 3  # a file embedded in a file embedded in a file


class Unreadable(ValueError):
    """The file, or a part of it, cannot be read; the message names what and why, in Chinese."""


@dataclass
class Reading:
    """What one file's reading has spent, across the files embedded in it. With `ocr` off, pictures are counted and
    decoded but not read: a caller reads the text layers at once and leaves the pictures to a task."""

    read_inside: Callable[[str, bytes, Reading], str]  # the reader for an embedded file's kind
    ocr: bool = True
    progress: Callable[[int], None] | None = None
    seen: dict[str, str] = field(default_factory=dict)  # a picture repeated on every page is read once
    depth: int = 0

    def picture(self, data: bytes, where: str) -> str:
        digest = hashlib.sha256(data).hexdigest()
        if digest in self.seen:
            return ""
        if len(self.seen) >= MAX_PICTURES:
            raise Unreadable(f"图片超过{MAX_PICTURES}张，无法逐张识别，请拆分文件")
        try:
            text = ocr.image_text(data) if self.ocr else ocr.decodable(data)
        except ocr.Unreadable as exc:
            raise Unreadable(f"{where}：{exc}") from exc
        self.seen[digest] = text
        if self.progress is not None:
            self.progress(len(self.seen))
        return text

    def embedded(self, name: str, data: bytes) -> str:
        if self.depth >= MAX_DEPTH:
            raise Unreadable(f"嵌入文件“{name}”层级过深")
        try:
            kind = clean(data).kind
        except FileRefused as exc:
            raise Unreadable(f"嵌入文件“{name}”无法读取：{exc.message}") from exc
        self.depth += 1
        try:
            return f"【嵌入文件 {name}】\n" + self.read_inside(kind, data, self)
        finally:
            self.depth -= 1
