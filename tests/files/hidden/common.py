"""What every builder shares: the values hidden, and a scanned ID card's picture."""

from __future__ import annotations

import io
from pathlib import Path

ID = "330206199003071231"  # a valid check digit: the detector reads no other
MOBILE = "13805740001"
FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")  # fonts-noto-cjk, installed by .ci/run


def id_card_png(name: str = "张伟") -> bytes:
    """A scanned ID card, as far as OCR is concerned: the six lines of its face."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 28)
    image = Image.new("RGB", (856, 540), (235, 240, 245))
    draw = ImageDraw.Draw(image)
    lines = [f"姓名 {name}", "性别 男  民族 汉", "出生 1990年3月7日", "住址 浙江省宁波市北仑区", "新碶街道明州路188号"]
    for i, line in enumerate([*lines, f"公民身份号码 {ID}"]):
        draw.text((40, 40 + i * 70), line, fill=(20, 20, 20), font=font)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
