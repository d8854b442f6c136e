"""The text a Windows metafile draws (EMF, WMF): a logo pasted from Office, Office's thumbnail. One that paints a
bitmap is unreadable: its pixels are not text."""

from __future__ import annotations

import struct

from .base import Unreadable

# Records that paint a bitmap: its pixels would need OCR, which a metafile's records do not give.
EMF_BITMAPS = {76, 77, 78, 79, 80, 81, 114, 116}  # BITBLT … STRETCHDIBITS, ALPHABLEND, TRANSPARENTBLT
WMF_BITMAPS = {0x0922, 0x0B23, 0x0940, 0x0B41, 0x0D33, 0x0F43}  # BITBLT, STRETCHBLT, DIB…, SETDIBTODEV


def emf_text(data: bytes, name: str = "EMF图片") -> str:
    """The text an EMF picture draws: EMR_EXTTEXTOUTW (UTF-16) and EMR_EXTTEXTOUTA (ANSI, read as GB18030). A logo
    pasted from Office is EMF. One that paints a bitmap is unreadable: its pixels are not text."""
    out, offset = [], 0
    while offset + 8 <= len(data):
        kind, size = struct.unpack_from("<II", data, offset)
        if size < 8:
            break
        if kind in EMF_BITMAPS:
            raise Unreadable(f"图片 {name} 含位图，无法识别，请换成PNG或JPG")
        if kind in (83, 84) and size >= 76:  # the EMRTEXT at byte 36 gives chars and offString
            chars, start = struct.unpack_from("<II", data, offset + 44)
            if kind == 84:
                out.append(data[offset + start : offset + start + 2 * chars].decode("utf-16-le", "replace"))
            else:
                out.append(data[offset + start : offset + start + chars].decode("gb18030", "replace"))
        offset += size
    return "".join(out)


def wmf_text(data: bytes, name: str = "WMF图片") -> str:
    """The text a WMF picture draws (META_TEXTOUT, META_EXTTEXTOUT; ANSI, read as GB18030): Office writes a
    document's thumbnail so. One that paints a bitmap is unreadable."""
    offset = 22 if data[:4] == b"\xd7\xcd\xc6\x9a" else 0  # the placeable header
    if len(data) < offset + 18:
        raise Unreadable(f"图片 {name} 无法解码")
    offset += struct.unpack_from("<H", data, offset + 2)[0] * 2  # the header's own size, in words
    out = []
    while offset + 6 <= len(data):
        size, function = struct.unpack_from("<IH", data, offset)
        if size < 3 or function == 0:  # the end record
            break
        params = data[offset + 6 : offset + size * 2]
        if function in WMF_BITMAPS:
            raise Unreadable(f"图片 {name} 含位图，无法识别，请换成PNG或JPG")
        if function == 0x0521 and len(params) >= 2:  # META_TEXTOUT: count, string
            count = struct.unpack_from("<H", params)[0]
            out.append(params[2 : 2 + count].decode("gb18030", "replace"))
        elif function == 0x0A32 and len(params) >= 8:  # META_EXTTEXTOUT: y, x, count, options, [rect], string
            count, options = struct.unpack_from("<HH", params, 4)
            start = 8 + (8 if options & 0x0006 else 0)
            out.append(params[start : start + count].decode("gb18030", "replace"))
        offset += size * 2
    return "".join(out)
