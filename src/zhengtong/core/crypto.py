"""Personal data at rest (个人信息保护法 第五十一条; DOMAIN §8): ID numbers, mobiles and the like are stored
encrypted with AES-256-GCM under ZT_FIELD_KEY, kept outside the database; look-ups and uniqueness use a keyed
blind index (HMAC-SHA256 of the normalised value), so the database holds neither the value nor an unkeyed hash
that a dictionary of all mobiles would reverse.

ZT_FIELD_KEY is a comma-separated list of base64 keys of 32 bytes: the first encrypts, every one decrypts, so a
key is rotated by putting the new one first and running `zhengtong fieldkeys rotate`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

PREFIX = "enc1:"


class KeyMissing(Exception):
    pass


@lru_cache(maxsize=8)
def _keys(spec: str) -> tuple[tuple[str, bytes], ...]:
    keys = []
    for part in (p.strip() for p in spec.split(",")):
        if part:
            key = base64.b64decode(part)
            if len(key) != 32:
                raise KeyMissing("ZT_FIELD_KEY 的每个密钥须为 32 字节（base64 编码）")
            keys.append((hashlib.sha256(b"zt-field-key-id:" + key).hexdigest()[:8], key))
    if not keys:
        raise KeyMissing("未设置 ZT_FIELD_KEY：无法加密或解密个人信息")
    return tuple(keys)


def keys() -> tuple[tuple[str, bytes], ...]:
    return _keys(settings.FIELD_KEYS)


def key_id() -> str:
    """The current key's fingerprint, safe to write down (a backup's manifest records it)."""
    return keys()[0][0]


def seal(data: bytes, context: bytes = b"") -> tuple[str, bytes]:
    """`data` encrypted under the current key: the key's fingerprint, and the nonce with the sealed bytes. The
    fingerprint and `context` are bound to it: it opens only with the same `context` given."""
    kid, key = keys()[0]
    nonce = os.urandom(12)
    return kid, nonce + AESGCM(key).encrypt(nonce, data, kid.encode() + context)


def unseal(kid: str, raw: bytes, context: bytes = b"") -> bytes:
    key = dict(keys()).get(kid)
    if key is None:
        raise KeyMissing(f"找不到加密该数据的密钥（{kid}）：请在 ZT_FIELD_KEY 中保留旧密钥")
    return AESGCM(key).decrypt(raw[:12], raw[12:], kid.encode() + context)


def encrypt(value: str) -> str:
    kid, raw = seal(value.encode())
    return f"{PREFIX}{kid}:{base64.b64encode(raw).decode()}"


def decrypt(stored: str) -> str:
    """The value; a value stored before encryption (no prefix) is returned as it is, until rotated."""
    if not stored.startswith(PREFIX):
        return stored
    kid, _, body = stored[len(PREFIX) :].partition(":")
    return unseal(kid, base64.b64decode(body)).decode()


# A stored file's bytes sealed: the prefix, the key's fingerprint, a colon, then the nonce and the sealed bytes. No
# file an upload is taken as (PDF, Office, JPEG, PNG: files/intake.py) opens so.
FILE_PREFIX = b"ztf1:"


def seal_file(content: bytes, digest: str) -> bytes:
    """`content` sealed, bound to its SHA-256 `digest` (the name it is stored under): a sealed file moved to another
    file's name does not open."""
    kid, raw = seal(content, b":" + digest.encode())
    return FILE_PREFIX + kid.encode() + b":" + raw


def file_key_id(stored: bytes) -> str | None:
    """The fingerprint of the key `stored` is sealed under; None for a file written before files were sealed."""
    if not stored.startswith(FILE_PREFIX):
        return None
    return stored[len(FILE_PREFIX) :].partition(b":")[0].decode()


def open_file(stored: bytes, digest: str) -> bytes:
    """A stored file's content; one written before sealing is returned as it is, until rotated."""
    kid = file_key_id(stored)
    if kid is None:
        return stored
    return unseal(kid, stored[len(FILE_PREFIX) + len(kid) + 1 :], b":" + digest.encode())


def normalise(value: str) -> str:
    """What two spellings of one value share: no spaces or dashes, upper case (x and X end an ID number)."""
    return "".join(c for c in value if c not in " -").upper()


def _index(key: bytes, value: str) -> str:
    index_key = hmac.new(key, b"zt-blind-index", hashlib.sha256).digest()
    return hmac.new(index_key, normalise(value).encode(), hashlib.sha256).hexdigest()[:40]


def blind_index(value: str | None) -> str | None:
    """The keyed digest written beside a value (under the current key); None for no value, so that uniqueness
    ignores empty ones."""
    return _index(keys()[0][1], value) if value else None


def blind_indexes(value: str | None) -> list[str]:
    """The digests to look a value up by: under every key of ZT_FIELD_KEY, so that between putting a new key first
    and `fieldkeys rotate` rows indexed under the old one are still found (and a duplicate is still refused)."""
    return [_index(key, value) for _kid, key in keys()] if value else []
