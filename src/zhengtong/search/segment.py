"""Chinese word segmentation for the index and for queries (rjieba, the Rust port of jieba; jieba itself when
the wheel is missing), with the government word list so 最低生活保障 or 不动产登记 stay one word.

Documents are indexed twice over: `words` (precise mode, in order, for phrases) and `parts` (the shorter words
inside long ones from search mode: 北仑区 → 北仑), so a query for a part still finds the whole word.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("words.txt")
# A token is a run of CJK ideographs, or of letters and digits; everything else separates.
_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+(?:[._-][0-9a-z]+)*")
STOPWORDS = frozenset(
    "的 了 和 与 及 或 是 在 对 为 将 把 被 于 之 其 等 中 上 下 个 这 那 有 也 并 而 以 由 从 向 到".split()
)


@functools.lru_cache(maxsize=1)
def _engine():
    lines = [
        w.split() for w in WORDS_FILE.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")
    ]
    try:
        import rjieba as engine
    except ImportError:  # a platform without the Rust wheel
        import jieba as engine

        engine.setLogLevel(60)
    for word, *freq in lines:
        # Without a frequency the engine works one out (both engines accept None); a line "路灯 20000" gives one
        # where the general dictionary holds a rival word ("灯不亮" took 路灯不亮 apart).
        engine.add_word(word, int(freq[0]) if freq else None, None)
    return engine


def normalise(text: str) -> str:
    """Full-width to half-width (NFKC) and lower case: ＡＢＣ１２３ and abc123 are the same token."""
    return unicodedata.normalize("NFKC", text or "").lower()


def _clean(pieces) -> list[str]:
    tokens = []
    for piece in pieces:
        for token in _TOKEN.findall(piece):
            if token not in STOPWORDS:
                tokens.append(token)
    return tokens


def words(text: str) -> list[str]:
    """Precise-mode tokens, in order."""
    return _clean(_engine().cut(normalise(text)))


def parts(text: str) -> list[str]:
    """The shorter words inside the precise ones (search mode) that precise mode does not produce."""
    text = normalise(text)
    precise = set(_clean(_engine().cut(text)))
    return sorted({t for t in _clean(_engine().cut_for_search(text)) if t not in precise})
