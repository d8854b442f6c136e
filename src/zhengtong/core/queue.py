"""The task queue's serializer: every task's arguments sealed with the field key (core.crypto) before huey stores
them. A task waits in huey's store (a SQLite file under var/, or Redis) until a worker runs it, and its arguments
are what its caller had in hand: a verification SMS's mobile and code, a letter's text for the search index. Sealed
here, once, no task has to remember to leave personal data out of its arguments."""

from __future__ import annotations

from huey.serializer import Serializer

from . import crypto

_SEPARATOR = b":"
_KEY_ID_LENGTH = 8  # a key's fingerprint (core.crypto): what a sealed message begins with


class SealedSerializer(Serializer):
    def serialize(self, data) -> bytes:
        kid, raw = crypto.seal(super().serialize(data))
        return kid.encode() + _SEPARATOR + raw

    def deserialize(self, data: bytes):
        """Only what this site sealed is unpickled: a message written into the store by anyone else (Redis, a
        copied SQLite file) would run its own code when unpickled. A queue holding messages from before the seal
        is drained before the upgrade (`zhengtong worker` until nothing is pending)."""
        kid, separator, raw = data.partition(_SEPARATOR)
        if not separator or len(kid) != _KEY_ID_LENGTH:
            raise ValueError("任务未经本站加密，拒绝执行")
        return super().deserialize(crypto.unseal(kid.decode("ascii", "replace"), raw))
