"""No personal data in a log line (issue 20, item 6; DOMAIN §8): a value in a path (Not Found: /letters/138…/, the
access log's request line) or in a request line the web server could not parse is masked before it is written.

`MaskPersonalData` is the filter on Django's log handler (settings.LOGGING) and on gunicorn's error and access
logs (`GunicornLogger`, the server's logger class). A line that cannot hold personal data, ASCII once
percent-decoded with fewer than seven digits and no @, is passed as it is without running the detector."""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote

from gunicorn import glogging

from zhengtong.core.ids import luhn_valid

from .detect import Finding, Kind
from .mask import mask, mask_finding, may_hold
from .normalize import HORIZONTAL_SPACES

# Django escapes a logged path's characters outside ASCII (一三八… as \u4e00\u4e09\u516b…) against forged lines.
_ESCAPED = re.compile(r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|x([0-9a-fA-F]{2}))")


def _as_written(text: str) -> str:
    """The line as it was written before Django escaped it, so the detector reads the characters; a control
    character (a line break) stays escaped, so no one's path makes a log line of its own."""

    def one(m: re.Match) -> str:
        character = chr(int(m.group(1) or m.group(2) or m.group(3), 16))
        return character if character.isprintable() else m.group()

    return _ESCAPED.sub(one, text) if "\\" in text else text


# A number a card scheme's check passes, standing alone: in a text the detector asks a banking word beside it (an
# order's number is no card), but a log line has none to give, and no id in this site's paths is so long.
_CARD_ALONE = re.compile(r"(?<!\d)\d{16,19}(?!\d)")


def _cards_masked(text: str) -> str:
    def one(m: re.Match) -> str:
        found = m.group()
        return mask_finding(Finding(Kind.BANK_CARD, m.start(), m.end(), found)) if luhn_valid(found) else found

    return _CARD_ALONE.sub(one, text)


class MaskPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        # A log line is no table: a run of spaces in a path stands for one (1380    5740    077 is a mobile).
        text = HORIZONTAL_SPACES.sub(" ", _as_written(unquote(record.getMessage())))
        if may_hold(text):
            masked = _cards_masked(mask(text))
            if masked != text:
                record.msg, record.args = masked, ()
        return True


class GunicornLogger(glogging.Logger):
    """gunicorn's own logs through the same filter: its access log (the path) and its error log (a request line it
    could not parse is logged raw)."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, MaskPersonalData) for f in log.filters):
                log.addFilter(MaskPersonalData())
