"""Content-addressed storage under concurrency (issue 21 item 11, found by the fault drill): two citizens uploading
the same file at the same moment both store it. A shared temporary name let one writer rename the other's file
away, and the second upload failed with a 500."""

from __future__ import annotations

import threading

from zhengtong.files.services import write_once


def test_many_writers_of_the_same_content_all_succeed_and_leave_one_whole_file(tmp_path):
    target = tmp_path / "uploads" / "ab" / "abcdef.pdf"
    content = b"%PDF-1.4\n" + bytes(range(256)) * 4096
    start, errors = threading.Barrier(16), []

    def store():
        start.wait()
        try:
            write_once(target, content)
        except Exception as exc:  # what the old code raised: FileNotFoundError on the shared .part
            errors.append(exc)

    threads = [threading.Thread(target=store) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and target.read_bytes() == content
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left behind
