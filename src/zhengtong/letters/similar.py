"""Near-identical letters: MinHash over character bigrams of the normalised text, with locality-sensitive
bands. 18 hash values in 6 bands of 3: two letters whose bigram sets have Jaccard similarity 0.85 share a band
with probability 1 − (1 − 0.85³)⁶ ≈ 0.997, two at 0.3 with ≈ 0.15; candidates come from six indexed equality
lookups and are confirmed with the exact Jaccard similarity. 0.85, not 0.8: two short letters about the same kind
of problem on different streets ("某路路灯不亮") reach 0.8 often enough to flood the centre with false
flags. (A 64-bit SimHash was tried first: inserting three characters into a 50-character letter moved it
12–13 bits, too far for short texts.)"""

from __future__ import annotations

import functools
import re
import unicodedata
import zlib

NEAR = 0.85
BANDS, ROWS = 6, 3
_PRIME = (1 << 61) - 1
# Fixed (a, b) pairs: the bands must be the same in every process and after every restart.
_PERMUTATIONS = [
    ((i * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) % _PRIME | 1, (i * 0xC2B2AE3D27D4EB4F + 0x165667B1) % _PRIME)
    for i in range(1, BANDS * ROWS + 1)
]
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)
MAX_CHARS = 2000


def normalise(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text or "")).lower()


@functools.lru_cache(maxsize=2048)
def shingles(text: str) -> frozenset[str]:
    """Kept per text: intake compares each new letter with the oldest letters of its bands in the window, and a
    common band gives the same ones to letter after letter."""
    norm = normalise(text)[:MAX_CHARS]
    return frozenset(norm[i : i + 2] for i in range(len(norm) - 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def bands(text: str) -> tuple[int, ...]:
    """Six signed 32-bit band values; all 0 for a text without bigrams (never a candidate)."""
    grams = [zlib.crc32(g.encode()) for g in shingles(text)]
    if not grams:
        return (0,) * BANDS
    signature = [min((a * x + b) % _PRIME for x in grams) for a, b in _PERMUTATIONS]
    out = []
    for i in range(BANDS):
        value = zlib.crc32(repr(signature[i * ROWS : (i + 1) * ROWS]).encode())
        out.append(value - (1 << 32) if value >= 1 << 31 else value)
    return tuple(out)


def near(a: str, b: str) -> bool:
    return jaccard(shingles(a), shingles(b)) >= NEAR
