"""The SMS gateway of the fault drill, loaded by the web and worker processes it kills (ZT_SMS_BACKEND): every call
is appended to a journal file, with the message key, so the drill can count what reached the gateway."""

from __future__ import annotations

import json
import os


class JournalGateway:
    def send(self, mobile: str, text: str, key: str = "") -> None:
        line = json.dumps({"key": key, "text": text}, ensure_ascii=False) + "\n"
        # One write of one short line to a file opened for appending: whole lines, whatever the processes do.
        fd = os.open(os.environ["ZT_FAULT_JOURNAL"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line.encode())
        finally:
            os.close(fd)


def journal(path) -> list[dict]:
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
