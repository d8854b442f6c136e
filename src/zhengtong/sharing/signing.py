"""The exchange log's signer, behind an interface: Ed25519 by default (the `cryptography` package, already a
dependency); a deployment that must use SM2 names its own class in ZT_EXCHANGE_SIGNER (decision 0019).

ZT_EXCHANGE_SIGNING_KEY is a comma-separated list of seeds, as ZT_FIELD_KEY is of keys: the first signs, every one
verifies, so a key is rotated by putting the new seed first and the batches the old one signed still verify."""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.utils.module_loading import import_string


class Signer(Protocol):
    algorithm: str
    key_id: str

    def sign(self, data: bytes) -> bytes: ...

    def verify(self, signature: bytes, data: bytes) -> bool: ...

    def public_key_pem(self) -> str: ...


class Ed25519Signer:
    algorithm = "Ed25519"

    def __init__(self, seed: bytes):
        self._key = Ed25519PrivateKey.from_private_bytes(seed)
        self._public: Ed25519PublicKey = self._key.public_key()
        raw = self._public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.key_id = hashlib.sha256(raw).hexdigest()[:16]

    def sign(self, data: bytes) -> bytes:
        return self._key.sign(data)

    def verify(self, signature: bytes, data: bytes) -> bool:
        try:
            self._public.verify(signature, data)
        except InvalidSignature:
            return False
        return True

    def public_key_pem(self) -> str:
        return self._public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode()


def _seeds() -> list[bytes]:
    """ZT_EXCHANGE_SIGNING_KEY's seeds (32 bytes each, base64), the current one first; without it, one derived from
    the secret key, which serves a demo and a test but ties the log's signatures to SECRET_KEY."""
    seeds = [base64.b64decode(part) for part in settings.EXCHANGE_SIGNING_KEY.split(",") if part.strip()]
    return seeds or [hashlib.sha256(b"zhengtong-exchange-signing:" + settings.SECRET_KEY.encode()).digest()]


@lru_cache(maxsize=1)
def signers() -> tuple[Signer, ...]:
    kind = import_string(settings.EXCHANGE_SIGNER)
    return tuple(kind(seed) for seed in _seeds())


def signer() -> Signer:
    """The key that signs new batches."""
    return signers()[0]


def key_position(key_id: str) -> int | None:
    """Where the key stands in ZT_EXCHANGE_SIGNING_KEY (0 the current one, higher the older): a log is signed by
    keys in that order, never by an older one after a newer one has signed (sharing/log.py)."""
    return next((i for i, key in enumerate(signers()) if key.key_id == key_id), None)


def verifier(key_id: str) -> Signer | None:
    """The key, current or retired, whose id a batch records; None when ZT_EXCHANGE_SIGNING_KEY no longer holds it."""
    return next((key for key in signers() if key.key_id == key_id), None)
