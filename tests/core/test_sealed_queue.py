"""The task queue holds no personal data in clear (issue 20, item 5; 个人信息保护法 第五十一条): a task's arguments
(a verification SMS's mobile and code, a letter's text sent to the search index) wait in huey's store, a SQLite
file under var/ or Redis, until a worker runs them. They are sealed there with the field key (AES-GCM), as the
database's personal columns are; a task sealed under a key since rotated out is still read while that key is kept."""

from __future__ import annotations

import pytest
from huey import SqliteHuey
from huey.contrib.djhuey import HUEY

from zhengtong.core import crypto
from zhengtong.core.queue import SealedSerializer

MOBILE, CODE = "13905745555", "780442"


def test_the_projects_queue_seals_what_it_stores():
    assert isinstance(HUEY.serializer, SealedSerializer)


def test_a_queued_sms_code_leaves_neither_the_mobile_nor_the_code_in_the_queues_file(tmp_path):
    queue = SqliteHuey("sealed", filename=str(tmp_path / "huey.sqlite3"), serializer=SealedSerializer())

    @queue.task()
    def send(mobile, text):  # pragma: no cover - queued, never run here
        pass

    send(MOBILE, f"【政通】您的验证码是{CODE}")
    assert queue.pending_count() == 1
    stored = b"".join(path.read_bytes() for path in tmp_path.iterdir())
    assert MOBILE.encode() not in stored and CODE.encode() not in stored
    assert queue.dequeue().args == (MOBILE, f"【政通】您的验证码是{CODE}")  # a worker reads it back


def test_a_task_sealed_under_the_old_key_is_read_after_a_new_key_is_put_first(settings):
    old = "b2xkLWZpZWxkLWtleS0zMi1ieXRlcy1sb25nISEhISE="
    new = "bmV3LWZpZWxkLWtleS0zMi1ieXRlcy1sb25nISEhISE="
    settings.FIELD_KEYS = old
    sealed = SealedSerializer().serialize({"mobile": MOBILE})
    settings.FIELD_KEYS = f"{new},{old}"
    assert SealedSerializer().deserialize(sealed) == {"mobile": MOBILE}
    settings.FIELD_KEYS = new
    with pytest.raises(crypto.KeyMissing):
        SealedSerializer().deserialize(sealed)


class _Payload:
    """A pickle that runs code when it is read: it marks the builtins."""

    def __reduce__(self):
        return (exec, ("import builtins; builtins.zt_payload_ran = True",))


def test_a_message_the_site_did_not_seal_is_refused_before_it_is_unpickled():
    """Review (session 62): a pickle written into the store by someone else ran its own code when unpickled."""
    import builtins
    import pickle

    with pytest.raises(ValueError):
        SealedSerializer().deserialize(pickle.dumps(_Payload(), 5))
    assert not hasattr(builtins, "zt_payload_ran")
