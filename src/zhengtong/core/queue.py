"""The task queue's serializer: every task's arguments sealed with the field key (core.crypto) before huey stores
them. A task waits in huey's store (a SQLite file under var/, or Redis) until a worker runs it, and its arguments
are what its caller had in hand: a verification SMS's mobile and code, a letter's text for the search index. Sealed
here, once, no task has to remember to leave personal data out of its arguments."""

from __future__ import annotations

from huey.serializer import Serializer

from . import crypto

_SEPARATOR = b":"
_PICKLE = b"\x80"  # how every pickle huey writes begins; a sealed message begins with its key's fingerprint


class SealedSerializer(Serializer):
    def serialize(self, data) -> bytes:
        kid, raw = crypto.seal(super().serialize(data))
        return kid.encode() + _SEPARATOR + raw

    def deserialize(self, data: bytes):
        if data[:1] == _PICKLE:  # queued before the queue was sealed: read as it was written
            return super().deserialize(data)
        kid, _, raw = data.partition(_SEPARATOR)
        return super().deserialize(crypto.unseal(kid.decode(), raw))
