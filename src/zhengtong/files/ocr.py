"""Text in a picture: a scanned ID card, a photographed form, a scanned PDF page (issue 20, item 2).

rapidocr runs PaddleOCR's Chinese models on onnxruntime; the models ship inside its wheel, so nothing is fetched at
run time (decision 0021). The engine takes about a second to load, so it is loaded once per process, on the first
picture, and one picture is read at a time (the models use every core anyway)."""

from __future__ import annotations

import io
import threading
from functools import cache

from PIL import Image

# No legible line is shorter than this; and a picture a few pixels high and very wide makes the detector allocate
# gigabytes (a 1000×1 PNG took 5 GB), so such a picture is not given to it.
MIN_SIDE = 16
# A picture larger than this is refused rather than decoded: 50 megapixels is a 300-dpi A3 scan with room to spare,
# and a decompression bomb is far beyond it.
MAX_PIXELS = 50_000_000
_lock = threading.Lock()


class Unreadable(ValueError):
    """The picture cannot be decoded, or is too large to decode safely."""


@cache
def _engine():
    from rapidocr import RapidOCR  # imported late: a process that never reads a picture never loads the models

    return RapidOCR(params={"Global.log_level": "error"})


def _complete(image: Image.Image, data: bytes) -> None:
    """A truncated picture is refused, not decoded in part: WeasyPrint, once imported, sets Pillow's
    LOAD_TRUNCATED_IMAGES for the whole process, and `load` would then fill the missing part with grey."""
    if image.format == "JPEG":
        if b"\xff\xd9" not in data[-512:]:  # no end-of-image marker: cut short
            raise Unreadable("图片不完整（文件被截断）")
    else:
        Image.open(io.BytesIO(data)).verify()  # chunk by chunk, checksums included; raises when cut short


def _decoded(data: bytes) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise Unreadable(f"图片过大（{width}×{height}像素）")
        _complete(image, data)
        image.load()
    except Unreadable:
        raise
    except Exception as exc:  # PIL raises several kinds for a broken or truncated file
        raise Unreadable("图片无法解码") from exc
    return image.convert("RGB")


def decodable(data: bytes) -> str:
    """ "" when the picture decodes within the size limit; raises `Unreadable` when not (checked on upload, read
    later)."""
    _decoded(data)
    return ""


def image_text(data: bytes) -> str:
    """The lines read in the picture, top to bottom, one per line; "" when it holds no text."""
    image = _decoded(data)
    if min(image.size) < MIN_SIDE:
        return ""
    import numpy

    with _lock:
        result = _engine()(numpy.asarray(image))
    return "\n".join(result.txts or ())
