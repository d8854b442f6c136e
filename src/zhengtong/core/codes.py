"""Short secrets people type: the 6-digit query code that follows a case without logging in, and one-time SMS
codes. Only keyed hashes are stored; the key is derived from SECRET_KEY and the code's purpose, so a hash made
for one purpose proves nothing for another."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings


def six_digits() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def keyed_hash(purpose: str, value: str) -> str:
    key = hashlib.sha256(purpose.encode() + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
