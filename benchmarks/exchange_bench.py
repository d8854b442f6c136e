"""Data-sharing benchmark on PostgreSQL (issue 25 item 8).

    .venv/bin/python benchmarks/exchange_bench.py [--registry 1000000] [--datasets 100000] [--requests 500]
        [--seconds 10] [--reuse]

Loads a legal-person register of N rows and M open datasets (each with its three files and its search-index entry),
in SQL and through the search engine's own writer; one grant from the register's provider to a consumer
department, and that department's clerk with an API key. Then, request by request in turn through Django's full
middleware stack: the floor (a minimal view running one indexed query, benchmarks/floor_urls.py), an exchange call
(key checked, grant checked, one row read by its credit code, the call appended to the hash-chained log) and
CKAN's package_search (a word of the titles; a filter by organization with a page deep in the list). Then the
throughput: the real server (gunicorn, 2 workers x 4 threads, as `zhengtong demo` runs it) answering exchange
calls from 16 client threads for S seconds, and the cost of sealing (signing) what those calls logged.
Targets: an exchange call p95 <= 2x the floor; >= 500 calls/s on two cores; package_search p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import subprocess
import sys
import threading
import time

os.environ.setdefault("ZT_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("ZT_REDIS_URL", "redis://127.0.0.1:6379/7")  # the grant's rate is counted in the shared cache

from _setup import ROOT, loaded_postgres  # noqa: E402
from hall_bench import timed  # noqa: E402

TOPICS = [
    "企业登记",
    "行政许可",
    "环境监测",
    "交通流量",
    "公共设施",
    "教育资源",
    "医疗机构",
    "财政预算",
    "旅游景点",
    "农业补贴",
]
PORT = 8791


def load(registry: int, datasets: int) -> dict:
    from django.db import connection
    from django.utils import timezone

    from zhengtong.org.models import Department
    from zhengtong.org.services import department_create, staff_onboard
    from zhengtong.search.services import Document, index_now
    from zhengtong.sharing.models import Grant, Register, Resource

    root = department_create(parent=None, code="X", name="基准区", kind="region")
    provider = department_create(parent=root, code="X001", name="基准市场监管局", kind="department")
    consumer = department_create(parent=root, code="X002", name="基准审批局", kind="department")
    for n in range(3, 41):
        department_create(parent=root, code=f"X{n:03d}", name=f"基准部门{n:03d}", kind="department")
    now = timezone.now()
    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO sharing_legalperson (uscc, name, kind, legal_representative, registered_capital,
                established_on, address, business_scope, status, district, source_id, updated_at)
            SELECT '91330206' || lpad(g::text, 10, '0'), '基准企业' || g, '有限责任公司', '法人' || g, 100,
                DATE '2020-01-01' + (g %% 2000), '北仑区某路' || g || '号', '', 'active',
                CASE WHEN g %% 10 = 0 THEN '镇海区' ELSE '北仑区' END, %s, %s
            FROM generate_series(1, %s) AS g
            """,
            [provider.pk, now, registry],
        )
        departments = list(Department.objects.filter(code__startswith="X0").values_list("pk", flat=True))
        cursor.execute(
            """
            INSERT INTO sharing_dataset (id, name, title, notes, organization_id, license_id, update_cycle, register,
                columns, row_filter, state, refusal, created, modified, downloads)
            SELECT md5('d' || g)::uuid, 'dataset-' || g, (%(topics)s::text[])[1 + g %% 10] || '数据' || g,
                '基准开放数据集' || g, (%(depts)s::bigint[])[1 + g %% array_length(%(depts)s::bigint[], 1)],
                'cc-by-4.0', 'monthly', 'legal_person', '["uscc", "name"]', '{}', 'active', '',
                %(now)s - g * interval '1 minute', %(now)s - g * interval '1 minute', 0
            FROM generate_series(1, %(n)s) AS g
            """,
            {"topics": TOPICS, "depts": departments, "now": now, "n": datasets},
        )
        for position, fmt in enumerate(("CSV", "JSON", "XLSX")):
            cursor.execute(
                """
                INSERT INTO sharing_datasetfile (id, dataset_id, name, description, format, position, created,
                    downloads)
                SELECT md5(%s || d.id::text)::uuid, d.id, d.title || %s, '', %s, %s, d.created, 0
                FROM sharing_dataset d
                """,
                [fmt, f"（{fmt}）", fmt, position],
            )
        cursor.execute("ANALYZE")
    print(f"loaded {registry:,} legal persons and {datasets:,} datasets in {time.perf_counter() - t:.0f} s")
    t = time.perf_counter()
    names = dict(Department.objects.filter(pk__in=departments).values_list("pk", "name"))
    for row in Dataset_rows(datasets):
        index_now(
            Document(
                kind="dataset",
                kind_label="开放数据",
                object_id=row[0],
                title=row[1],
                text=row[2],
                url=f"/data/{row[3]}/",
                department_id=row[4],
                department_name=names[row[4]],
                published_at=now,
            )
        )
    print(f"indexed {datasets:,} datasets for search in {time.perf_counter() - t:.0f} s")
    resource = Resource.objects.create(
        code="X001-J-001",
        name="法人单位基本信息",
        category_class="基础信息资源",
        provider=provider,
        summary="基准",
        format="database",
        share_class="conditional",
        share_method="interface",
        update_cycle="daily",
        published_on=now.date(),
        register=Register.LEGAL_PERSON,
    )
    for i, key in enumerate(("uscc", "name", "status", "district")):
        resource.items.create(key=key, name=key, sort_order=i)
    Grant.objects.create(
        resource=resource,
        consumer=consumer,
        provider=resource.provider,
        fields=["uscc", "name", "status"],
        row_filter={"district": "北仑区"},
        expires_on=now.date().replace(year=now.year + 1),
        rate_per_minute=1_000_000,
    )
    staff_onboard(username="benchclerk", real_name="基准科员", password=None, department=consumer, roles=())
    return loaded(registry, datasets)


def Dataset_rows(count: int):  # noqa: N802 — read in chunks, not as model objects
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT id::text, title, notes, name, organization_id FROM sharing_dataset ORDER BY name")
        while rows := cursor.fetchmany(5000):
            yield from rows


def loaded(registry: int, datasets: int) -> dict:
    from zhengtong.accounts.models import ApiToken, User
    from zhengtong.accounts.tokens import token_issue

    clerk = User.objects.get(username="benchclerk")
    ApiToken.objects.filter(user=clerk).delete()
    return {"key": token_issue(user=clerk, name="基准")[1], "registry": registry, "datasets": datasets}


def uscc(rng: random.Random, registry: int) -> str:
    n = rng.randrange(1, registry + 1)
    n = n if n % 10 else n + 1  # 北仑区's rows, inside the grant
    return f"91330206{min(n, registry):010d}"


def measure(requests: int, data: dict) -> None:
    from django.conf import settings
    from django.test import Client
    from django.urls import clear_url_caches

    settings.ROOT_URLCONF = "floor_urls"
    clear_url_caches()
    rng = random.Random(25)
    client = Client()
    header = {"HTTP_AUTHORIZATION": f"Token {data['key']}"}
    registry = data["registry"]
    deep = max(0, data["datasets"] // 40 // 2)
    calls = {
        "floor": lambda: client.get(f"/bench-exchange-floor/{uscc(rng, registry)}/"),
        "exchange call": lambda: client.get(
            "/api/v1/exchange/resources/X001-J-001/rows/", {"uscc": uscc(rng, registry)}, **header
        ),
        "package_search q": lambda: client.get("/api/3/action/package_search", {"q": rng.choice(TOPICS), "rows": "10"}),
        "package_search fq deep": lambda: client.get(
            "/api/3/action/package_search",
            {"fq": f"organization:X{rng.randrange(3, 41):03d}", "rows": "20", "start": str(rng.randrange(deep))},
        ),
    }
    labels = list(calls)
    results = timed(calls, requests)
    floor = results["floor"]
    print(f"floor (minimal view, one indexed query): p50 {floor[0] * 1000:.2f} ms, p95 {floor[1] * 1000:.2f} ms")
    for name in labels[1:]:
        p50, p95 = results[name]
        target = " [target <= 2x]" if name == "exchange call" else " [target p95 <= 50 ms]"
        print(
            f"{name}: p50 {p50 * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms -> p95 {p95 / floor[1]:.2f}x the floor{target}"
        )


def throughput(data: dict, seconds: float) -> None:
    from zhengtong.sharing import log
    from zhengtong.sharing.models import ExchangeEntry

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ZT_DATABASE_URL": os.environ["ZT_DATABASE_URL"]}
    command = [sys.executable, "-m", "gunicorn", "zhengtong.wsgi:application", "--bind", f"127.0.0.1:{PORT}"]
    command += ["--worker-class", "gthread", "--threads", "4", "--workers", "2", "--log-level", "warning"]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        _wait_for(PORT)
        before = ExchangeEntry.objects.count()
        counts, errors, stop = [0] * 16, [0] * 16, time.monotonic() + seconds

        def drive(i: int) -> None:
            rng, conn = random.Random(i), http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
            while time.monotonic() < stop:
                conn.request(
                    "GET",
                    f"/api/v1/exchange/resources/X001-J-001/rows/?uscc={uscc(rng, data['registry'])}",
                    headers={"Authorization": f"Token {data['key']}"},
                )
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    counts[i] += 1
                else:
                    errors[i] += 1

        started = time.monotonic()
        threads = [threading.Thread(target=drive, args=(i,)) for i in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        logged = ExchangeEntry.objects.count() - before
        print(
            f"throughput on {os.cpu_count()} cores (server and clients together): {sum(counts) / elapsed:.0f} calls/s "
            f"answered, {sum(errors)} refused, {logged:,} logged [target >= 500 calls/s]"
        )
        t = time.perf_counter()
        batch = log.seal()
        sealed = 0 if batch is None else batch.last_seq - batch.first_seq + 1
        print(
            f"seal of {sealed:,} entries: {(time.perf_counter() - t) * 1000:.0f} ms (the worker does it every minute)"
        )
        t = time.perf_counter()
        result = log.verify()
        print(f"verify of {result.entries:,} entries: {time.perf_counter() - t:.1f} s, ok={result.ok}")
    finally:
        server.terminate()
        server.wait(10)


def _wait_for(port: int) -> None:
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--registry", type=int, default=1_000_000)
    parser.add_argument("--datasets", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--reuse", action="store_true", help="time on the database an earlier run loaded")
    args = parser.parse_args()
    data = loaded_postgres(
        "zt_bench_exchange",
        args.reuse,
        lambda n: load(n, args.datasets),
        lambda n: loaded(n, args.datasets),
        args.registry,
    )
    measure(args.requests, data)
    throughput(data, args.seconds)


if __name__ == "__main__":
    main()
