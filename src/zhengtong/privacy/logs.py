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

from .mask import mask, may_hold

_SPACES = re.compile(r"[ \t]+")


class MaskPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        # A log line is no table: a run of spaces in a path stands for one (1380    5740    077 is a mobile).
        text = _SPACES.sub(" ", unquote(record.getMessage()))
        if may_hold(text):
            masked = mask(text)
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
