from __future__ import annotations

import datetime as dt

from huey.contrib.djhuey import db_task


def _document(payload: dict):
    from .services import Document

    payload = dict(payload)
    if isinstance(payload.get("published_at"), str):
        payload["published_at"] = dt.datetime.fromisoformat(payload["published_at"])
    payload["public_strings"] = tuple(payload.get("public_strings") or ())
    return Document(**payload)


@db_task(retries=3, retry_delay=10)
def index_document(payload: dict):
    from .services import index_now

    return index_now(_document(payload)).pk


@db_task(retries=3, retry_delay=10)
def index_documents(payloads: list[dict]) -> int:
    from .services import index_now

    for payload in payloads:
        index_now(_document(payload))
    return len(payloads)


@db_task(retries=3, retry_delay=10)
def unindex_document(kind: str, object_id: str):
    from .services import unindex_now

    return unindex_now(kind, object_id)
