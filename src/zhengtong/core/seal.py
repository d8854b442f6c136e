"""The image of an organ's seal drawn from its name (a red ring, a star, the name on an arc), for the written
notices a case issues. It is an image only: a signed electronic seal (GB/T 38540) comes from the organ's CA and
is not made here; every notice that carries this image says so."""

from __future__ import annotations

import base64
import math
from html import escape


def seal_svg(name: str, size: int = 160) -> str:
    r = size / 2
    chars = list(name[:16])
    span = min(240.0, 18.0 * len(chars))  # degrees of the arc the name covers, centred at the top
    text = []
    for i, ch in enumerate(chars):
        angle = -span / 2 + (span * (i + 0.5) / len(chars) if chars else 0)
        rad = math.radians(angle - 90)
        x, y = r + (r - 28) * math.cos(rad), r + (r - 28) * math.sin(rad)
        text.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size * 0.11:.1f}" fill="#d0021b" text-anchor="middle" '
            f'dominant-baseline="middle" transform="rotate({angle:.1f} {x:.1f} {y:.1f})">{escape(ch)}</text>'
        )
    star = " ".join(
        f"{r + (r * 0.22 if k % 2 == 0 else r * 0.09) * math.cos(math.radians(-90 + 36 * k)):.1f},"
        f"{r + (r * 0.22 if k % 2 == 0 else r * 0.09) * math.sin(math.radians(-90 + 36 * k)):.1f}"
        for k in range(10)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}">'
        f'<circle cx="{r}" cy="{r}" r="{r - 4}" fill="none" stroke="#d0021b" stroke-width="5"/>'
        f'<polygon points="{star}" fill="#d0021b"/>{"".join(text)}</svg>'
    )


def seal_data_uri(name: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(seal_svg(name).encode()).decode()
