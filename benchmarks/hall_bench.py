"""Service-hall benchmark on PostgreSQL (issue: online service hall).

    .venv/bin/python benchmarks/hall_bench.py [--applications 1000000] [--requests 1000] [--reuse]

Loads N applications (with their public events and, for those under review, parallel branches), then times,
in one process, through the worker's WSGI application as gunicorn calls it (_wsgi.py):
  - the floor: a minimal Django view running one indexed query (benchmarks/floor_urls.py);
  - the public status lookup (receipt number + query code → every stage);
  - a clerk's queue page in the workbench.
The four are timed in turn, request by request. Prints p50/p95 of each and the ratio to the floor.
Target: p95 <= 2x the floor at 1M applications.
With --reuse the pages are timed on the database an earlier run of this checkout loaded (the query codes are
keyed with its secret key), without loading again: for old and new code in turn on one database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import time
from urllib.parse import urlencode

os.environ.setdefault("ZT_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from _setup import as_stored, loaded_postgres  # noqa: E402
from _wsgi import WsgiClient  # noqa: E402


def _receipt(n: int) -> tuple[str, str]:
    """The n-th loaded application's receipt number and query code."""
    return f"BL{n:012d}", f"{n % 1000000:06d}"


def _sample(count: int) -> dict[str, str]:
    """Every 97th application, at most 5,000: receipt number -> query code."""
    return dict(_receipt(n) for n in range(0, count, 97)[:5000])


def loaded(count: int) -> dict:
    """What `load` returned, read back from a database it filled (--reuse)."""
    from zhengtong.accounts.models import User

    clerk = User.objects.filter(username="clerk").first()
    assert clerk, "no earlier load here: run once without --reuse"
    return {"sample": _sample(count), "clerk": clerk}


# The limits each state has run (supervision.Clock), as the services start and stop them: acceptance at submission;
# the whole limit and each reviewing department's at acceptance; delivery at the decision. Per state: the stages
# still running, then those stopped. Each case's limits are read with its row on the queue page (with_deadlines).
_LIMITS = {
    "submitted": (("accept",), ()),
    "reviewing": (("whole", "review:lead", "review:other"), ("accept",)),
    "joining": (("whole",), ("accept", "review:lead", "review:other")),
    "concluded": (("deliver",), ("accept", "whole", "review:lead", "review:other")),
    "delivered": ((), ("accept", "whole", "review:lead", "review:other", "deliver")),
    "withdrawn": ((), ("accept",)),
}


def _load_clocks(cursor, count, first_id, departments, items, statuses, now) -> None:
    """Every application's limits, running and stopped (_LIMITS), each of the department its step belongs to: a
    review's the branch's, the rest the lead's; due within the committed days, some already late."""
    from zhengtong.approvals.case import APPLICATION
    from zhengtong.supervision.models import Clock

    cols = ("subject_type", "subject_id", "stage", "department_id", "limit", "started_at", "due_at", "yellow_at")
    cols += ("stopped_at", "outcome", "level", "created_at")
    stored, rest = as_stored(Clock, cols)
    quoted = cursor.db.ops.quote_name  # "limit" is a keyword
    rng = random.Random(13)
    with cursor.cursor.copy(
        f"COPY supervision_clock ({', '.join(map(quoted, cols + tuple(rest)))}) FROM STDIN"
    ) as copy:
        for n in range(count):
            lead = (n % len(items)) % 50
            other = (lead + 1 + n % 49) % 50
            running, stopped = _LIMITS[statuses[n % len(statuses)]]
            for step in running + stopped:
                department = departments[other if step == "review:other" else lead]
                stage = f"review:{department.code}" if step.startswith("review:") else step
                started = now - dt.timedelta(days=rng.randrange(1, 30))
                due = started + dt.timedelta(days=rng.randrange(3, 30))
                done = step in stopped
                level = "red" if due < now else "yellow" if due < now + dt.timedelta(days=2) else "green"
                copy.write_row(
                    stored(
                        APPLICATION.subject,
                        str(first_id + n),
                        stage,
                        department.pk,
                        10,
                        started,
                        due,
                        due - dt.timedelta(days=2),
                        due if done else None,
                        "on_time" if done else "",
                        level,
                        now,
                    )
                )


def load(count: int) -> dict:
    from django.db import connection
    from django.utils import timezone

    from zhengtong.approvals.models import Application, ItemType, ServiceItem
    from zhengtong.approvals.services.common import query_hash
    from zhengtong.org.models import Department
    from zhengtong.org.services import department_create, staff_onboard

    root = department_create(parent=None, code="H", name="基准区", kind="region")
    departments = [
        department_create(parent=root, code=f"H{i:02d}", name=f"基准部门{i:02d}", kind="department") for i in range(50)
    ]
    departments = list(Department.objects.filter(code__startswith="H").exclude(code="H").order_by("code"))
    items = [
        ServiceItem.objects.create(
            code=f"H-{i:03d}",
            name=f"基准事项{i}",
            item_type=ItemType.LICENSING,
            basis="依据",
            lead_department=departments[i % 50],
            conditions="条件",
            process="流程",
            legal_limit=20,
            committed_limit=10,
            location="大厅",
            hours="工作日",
            phone="0574-1",
            complaint_phone="0574-2",
            result="许可证",
        )
        for i in range(200)
    ]
    clerk = staff_onboard(username="clerk", real_name="基准经办人", department=departments[7])
    rng = random.Random(11)
    now = timezone.now()
    statuses = (
        ["submitted"] * 10
        + ["reviewing"] * 20
        + ["joining"] * 5
        + ["concluded"] * 10
        + ["delivered"] * 50
        + ["withdrawn"] * 5
    )
    t = time.perf_counter()
    with connection.cursor() as cursor:
        cols = (
            "receipt_no",
            "query_hash",
            "item_id",
            "lead_department_id",
            "applicant_name",
            "contact_mobile",
            "channel",
            "received_at",
            "status",
            "data",
            "idempotency_key",
            "decision",
            "decision_reason",
            "result_doc_no",
            "certificate_no",
            "updated_at",
        )
        stored, rest = as_stored(Application, cols)
        with cursor.cursor.copy(f"COPY approvals_application ({', '.join(cols + tuple(rest))}) FROM STDIN") as copy:
            for n in range(count):
                item = items[n % len(items)]
                receipt, code = _receipt(n)
                status = statuses[n % len(statuses)]
                received = now - dt.timedelta(minutes=rng.randrange(60 * 24 * 365))
                copy.write_row(
                    stored(
                        receipt,
                        query_hash(receipt, code),
                        item.pk,
                        item.lead_department_id,
                        f"申请人{n}",
                        "13800000000",
                        "online",
                        received,
                        status,
                        {},
                        "",
                        "",
                        "",
                        "",
                        "",
                        now,
                    )
                )
        cursor.execute("SELECT min(id) FROM approvals_application")
        first_id = cursor.fetchone()[0]
        # Two public events per application; branches for those under review.
        with cursor.cursor.copy(
            "COPY approvals_event (application_id, at, action, label, department_id, note) FROM STDIN"
        ) as copy:
            for n in range(count):
                dept = departments[(n % len(items)) % 50].pk
                copy.write_row((first_id + n, now, "submit", "网上提交申请", dept, ""))
                copy.write_row((first_id + n, now, "accept", "受理", dept, ""))
        with cursor.cursor.copy(
            "COPY approvals_branch (application_id, department_id, is_lead, state, reason, received_at) FROM STDIN"
        ) as copy:
            for n in range(count):
                if statuses[n % len(statuses)] == "reviewing":
                    lead = (n % len(items)) % 50
                    copy.write_row((first_id + n, departments[lead].pk, True, "pending", "", now))
                    copy.write_row((first_id + n, departments[(lead + 1 + n % 49) % 50].pk, False, "pending", "", now))
        _load_clocks(cursor, count, first_id, departments, items, statuses, now)
        # Steady state, as autovacuum leaves a table: statistics and the visibility map (index-only counts). The
        # 200 items too: without their statistics PostgreSQL took 20 for 200 and walked a queue section once per
        # item (a filtered section page 556 ms instead of 27 at 1,000,000 applications).
        for table in (
            "approvals_application",
            "approvals_event",
            "approvals_branch",
            "approvals_serviceitem",
            "supervision_clock",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")
    print(
        f"loaded {count:,} applications, {2 * count:,} events, the review branches and the limits "
        f"in {time.perf_counter() - t:.1f} s"
    )
    return {"sample": _sample(count), "clerk": clerk}


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def timed(calls: dict, requests: int) -> dict[str, tuple[float, float]]:
    """p50 and p95 of each call over `requests` rounds, after 20 warm-up rounds (template and query caches). A
    round makes every call once, in turn from a different one, so a change in the machine's speed during the run
    falls on the floor and the pages alike and their ratio holds. Each call must answer 200. The heap is settled
    first, as each worker of the real server settles its own before its first request (core/heap.py)."""
    from zhengtong.core import heap

    heap.settle()
    labels = list(calls)
    times: dict[str, list[float]] = {label: [] for label in labels}
    for n in range(20 + requests):
        for label in labels[n % len(labels) :] + labels[: n % len(labels)]:
            t = time.perf_counter()
            response = calls[label]()
            elapsed = time.perf_counter() - t
            assert response.status_code == 200, (label, response.status_code)
            if n >= 20:
                times[label].append(elapsed)
    return {label: percentiles(samples) for label, samples in times.items()}


def measure(requests: int, data: dict) -> None:
    from django.conf import settings
    from django.http import HttpRequest
    from django.test import Client
    from django.urls import clear_url_caches
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.ROOT_URLCONF = "floor_urls"
    clear_url_caches()
    from zhengtong.wsgi import application

    receipts = list(data["sample"].items())
    rng = random.Random(5)
    signed_in = Client()  # only to sign the clerk in and pass his second factor: the pages go through the server's
    signed_in.force_login(data["clerk"])  # application (_wsgi.py)
    device = TOTPDevice.objects.create(user=data["clerk"], name="bench", confirmed=True)
    fake = HttpRequest()
    fake.session, fake.user = signed_in.session, data["clerk"]
    otp_login(fake, device)
    fake.session.save()
    anonymous = WsgiClient(application)
    clerk = WsgiClient(application, {settings.SESSION_COOKIE_NAME: fake.session.session_key})
    token = anonymous.csrf_token("/services/status/")

    def lookup():
        """Posted as the page's form posts it, with its form token (application/x-www-form-urlencoded)."""
        receipt, code = rng.choice(receipts)
        response = anonymous.post_form(
            "/services/status/", urlencode({"receipt_no": receipt, "code": code, "csrfmiddlewaretoken": token})
        )
        assert "网上提交申请" in response.content.decode()
        return response

    results = timed(
        {
            "floor": lambda: anonymous.get(f"/bench-floor/{rng.choice(receipts)[0]}/"),
            "staff floor": lambda: clerk.get(f"/workbench/bench-floor/{rng.choice(receipts)[0]}/"),
            "status": lookup,
            "queue": lambda: clerk.get("/workbench/approvals/"),
        },
        requests,
    )
    floor, staff_floor, status, queue = (results[k] for k in ("floor", "staff floor", "status", "queue"))
    print(f"floor (minimal view, one indexed query): p50 {floor[0] * 1000:.2f} ms, p95 {floor[1] * 1000:.2f} ms")
    print(
        f"staff floor (the same behind the workbench login and TOTP gate): p50 {staff_floor[0] * 1000:.2f} ms, "
        f"p95 {staff_floor[1] * 1000:.2f} ms"
    )
    for name, (p50, p95), base in (("public status lookup", status, floor), ("clerk's queue page", queue, staff_floor)):
        print(
            f"{name}: p50 {p50 * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms "
            f"-> p95 {p95 / base[1]:.2f}x its floor [target <= 2x]"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument(
        "--reuse", action="store_true", help="time on the database an earlier run loaded, without loading again"
    )
    args = parser.parse_args()
    data = loaded_postgres("zt_bench_hall", args.reuse, load, loaded, args.applications)
    measure(args.requests, data)


if __name__ == "__main__":
    main()
