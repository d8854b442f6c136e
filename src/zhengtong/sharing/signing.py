"""The exchange log's signer, behind an interface: Ed25519 by default (the `cryptography` package, already a
dependency); a deployment that must use SM2 names its own class in ZT_EXCHANGE_SIGNER (decision 0019).

ZT_EXCHANGE_SIGNING_KEY is a comma-separated list, as ZT_FIELD_KEY is of keys: the first, a seed, signs; every one
verifies, so a key is rotated by putting the new seed first and the batches the old one signed still verify. A
retired key may be listed by its public key alone (`pub:<base64>`, which `zhengtong exchange public-key` prints):
its seed can then be destroyed, and no one who finds it later can sign with a listed key."""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


class Signer(Protocol):
    algorithm: str
    key_id: str

    def sign(self, data: bytes) -> bytes: ...

    def verify(self, signature: bytes, data: bytes) -> bool: ...

    def public_key_pem(self) -> str: ...

    def public_key_raw(self) -> bytes: ...


class Ed25519Signer:
    algorithm = "Ed25519"

    def __init__(self, seed: bytes):
        self._key: Ed25519PrivateKey | None = Ed25519PrivateKey.from_private_bytes(seed)
        self._known(self._key.public_key())

    @classmethod
    def verifying(cls, public: bytes) -> Ed25519Signer:
        """A retired key listed by its public key: it verifies what it signed, and signs nothing."""
        key = cls.__new__(cls)
        key._key = None
        key._known(Ed25519PublicKey.from_public_bytes(public))
        return key

    def _known(self, public: Ed25519PublicKey) -> None:
        self._public = public
        self.key_id = hashlib.sha256(self.public_key_raw()).hexdigest()[:16]

    def public_key_raw(self) -> bytes:
        return self._public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    def sign(self, data: bytes) -> bytes:
        if self._key is None:
            raise ImproperlyConfigured("退役的签名密钥只用于核验：ZT_EXCHANGE_SIGNING_KEY 的第一项须为私钥种子")
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


PUBLIC = "pub:"


def _entries() -> list[str]:
    """ZT_EXCHANGE_SIGNING_KEY's entries (a seed of 32 bytes, base64, or a retired key's `pub:<base64>`), the
    current one first; without any, a seed derived from the secret key, which serves a demo and a test but ties
    the log's signatures to SECRET_KEY."""
    entries = [part.strip() for part in settings.EXCHANGE_SIGNING_KEY.split(",") if part.strip()]
    if entries and entries[0].startswith(PUBLIC):
        raise ImproperlyConfigured("ZT_EXCHANGE_SIGNING_KEY 的第一项须为私钥种子（它签名新的批次），公钥只能列在其后")
    derived = hashlib.sha256(b"zhengtong-exchange-signing:" + settings.SECRET_KEY.encode()).digest()
    return entries or [base64.b64encode(derived).decode()]


@lru_cache(maxsize=1)
def signers() -> tuple[Signer, ...]:
    kind = import_string(settings.EXCHANGE_SIGNER)
    return tuple(
        kind.verifying(base64.b64decode(entry.removeprefix(PUBLIC)))
        if entry.startswith(PUBLIC)
        else kind(base64.b64decode(entry))
        for entry in _entries()
    )


def signer() -> Signer:
    """The key that signs new batches."""
    return signers()[0]


def key_position(key_id: str) -> int | None:
    """Where the key stands in ZT_EXCHANGE_SIGNING_KEY (0 the current one, higher the older): a log is signed by
    keys in that order, never by an older one after a newer one has signed (sharing/log.py)."""
    return next((i for i, key in enumerate(signers()) if key.key_id == key_id), None)


def verifier(key_id: str) -> Signer | None:
    """The key, current or retired, whose id a batch records; None when ZT_EXCHANGE_SIGNING_KEY no longer holds it."""
    position = key_position(key_id)
    return None if position is None else signers()[position]
