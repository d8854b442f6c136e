"""Every page at city scale (issue 26): every URL pattern of the portal, the workbench and the API, timed at N rows.

    .venv/bin/python benchmarks/pages_bench.py [--rows 1000000] [--backend postgres|sqlite] [--reuse]
                                               [--requests 50] [--only NAME-PREFIX]

Loads the demo's seed through the services, then grows every big table to N rows by copying its rows in SQL
(benchmarks/_multiply.py): every case type the domains declare to the case engine with its clocks and 好差评
invitations, disclosure documents, the registers, open datasets, the exchange log; the search index gets N entries
of its own realistic corpus (search_bench.py). A new case type is grown without anyone adding it here.

Then it crawls the site as an anonymous visitor, the demo's citizen and each demo staff member, following links
and reading forms (tests/security/crawl.py), and fills each API pattern from its list's answer. Every URL pattern
reached is timed at page 1, at the deepest page its links offer and with the filters its forms offer, request by
request in turn with the one-query floor as its persona reaches it (behind the workbench's gate for staff, behind
the sign-in for the citizen's pages). Prints p50/p95 and the ratio to the floor, worst first, and the patterns no
crawl reached. Bars: p95 <= 2x the floor; a search (a query with q) <= 50 ms; an export or PDF <= 1 s, a streamed
file timed to its first bytes. Exits 1 when a page is over its bar.

Each run keeps its table in var/bench/pages-<backend>-<rows>.json; a run at another size prints each page's p95
against that run's, to show which pages grow with the table.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import re
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlencode

os.environ.setdefault("ZT_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
logging.getLogger("django.request").setLevel(logging.ERROR)  # the crawl's 4xx answers are expected
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)

from _setup import ROOT, existing_postgres, existing_sqlite, fresh_postgres, fresh_sqlite  # noqa: E402

sys.path.insert(0, str(ROOT))  # the crawler the security tests use

SEED = ["--applications", "300", "--documents", "1000", "--letters", "1000"]
# Big tables that are not a case type; a case type's table is found from the case engine's declarations, and the
# clocks and 好差评 invitations grow with the cases they name (_multiply.py).
BIG = [
    "sharing.Person",
    "sharing.LegalPerson",
    "sharing.Dataset",
    "sharing.ExchangeEntry",
]
SEARCH_BAR, EXPORT_BAR = 0.050, 1.0
CITIZEN = "市民"
EXPORT_TYPES = ("spreadsheet", "pdf", "csv", "zip", "octet-stream", "ms-excel")


def case_models() -> list:
    """The model of every case type a domain declares in its `case` module."""
    from django.apps import apps

    from zhengtong.cases.types import CaseType

    found = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.case")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if isinstance(value, CaseType):
                found.append(apps.get_model(value.subject))
    return found


def load(rows: int) -> None:
    import search_bench
    from _multiply import grow
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection

    from zhengtong.evaluation.tasks import refresh_tallies
    from zhengtong.search.models import Entry

    t = time.perf_counter()
    call_command("demo", "--no-serve", *SEED)
    print(f"seeded through the services in {time.perf_counter() - t:.0f} s")
    for model in dict.fromkeys([*case_models(), *(apps.get_model(label) for label in BIG)]):
        t = time.perf_counter()
        held = grow(model, rows)
        print(f"  {model._meta.label}: {held:,} rows in {time.perf_counter() - t:.0f} s")
    for label in ("supervision.Clock", "evaluation.Invitation"):  # grown with the cases they name
        print(f"  {label}: {apps.get_model(label)._default_manager.count():,} rows")
    t = time.perf_counter()  # the counts the worker keeps every ten minutes, as on a running site
    refresh_tallies.call_local()
    print(f"  好差评 counts (the worker's task) in {time.perf_counter() - t:.1f} s")
    last = Entry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    search_bench.load(max(rows - Entry.objects.count(), 0), connection.vendor, first_id=last + 1)
    # As autovacuum leaves the tables: counted, and their pages marked all-visible, so that an index-only scan reads
    # no row (ANALYZE alone left every count of a list fetching each row it counted). SQLite keeps no statistics
    # unless told, and a district's never are (tests/disclosure/test_published_order.py).
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


@dataclass
class Target:
    name: str
    variant: str
    persona: str
    path: str
    staff: bool


@dataclass
class Result:
    name: str
    variant: str
    persona: str
    path: str
    status: int
    kind: str
    p50: float
    p95: float
    floor_p95: float
    bar: float

    @property
    def over(self) -> float:
        return self.p95 / self.bar


def personas():
    from django.test import Client
    from tests.conftest import _verified_client  # past the second factor, as the OTP view leaves a session

    from zhengtong.accounts.models import User
    from zhengtong.demo.data import DEMO_STAFF

    yield "访客", Client(), False
    citizen = User.objects.filter(kind=User.Kind.CITIZEN, username="zhangsan").first()
    citizen = citizen or User.objects.filter(kind=User.Kind.CITIZEN).order_by("pk").first()
    client = Client()
    client.force_login(citizen)
    yield CITIZEN, client, False
    for username, *_ in DEMO_STAFF:
        yield username, _verified_client(Client(), User.objects.get(username=username)), True


def targets(only: str) -> tuple[list[Target], dict, list[str]]:
    """What to time: each URL name reached, first by the persona with the least rights, at its variants."""
    from tests.security import crawl as crawler
    from tests.security.test_public_urls import _patterns

    # Django's admin is the administrators' tool, not a page of the portal, the workbench or the API
    crawler.SKIP_PREFIXES = (*crawler.SKIP_PREFIXES, "/admin/")
    crawl = crawler.crawl

    found: dict[tuple[str, str], Target] = {}
    clients = {}
    for persona, client, staff in personas():
        clients[persona] = client
        start = ["/", "/robots.txt"] + (["/workbench/"] if staff else [])
        t = time.perf_counter()
        reached, endpoints = crawl(client, start, per_pattern=2, limit=1500, read_downloads=False)
        reached |= _filled(client, reached)
        print(f"crawled as {persona}: {len(reached)} URL names in {time.perf_counter() - t:.0f} s")
        answers: dict[str, int] = {}

        def add(name, variant, path):
            known = found.get((name, variant))
            if name.startswith("admin:") or not name.startswith(only):
                return
            if known and (variant != "deep page" or _page(path) <= _page(known.path)):
                return
            if path not in answers:  # a page this persona may not see is timed as one who may
                response = client.get(path)
                # Closed at once: a streamed export left open keeps its server-side cursor, and the collector
                # closing it later, in the middle of another query on the connection, waits on the
                # connection's lock for ever.
                response.close()
                answers[path] = response.status_code
            if answers[path] == 200:
                found[(name, variant)] = Target(name, variant, persona, path, staff)

        for name, path in reached.items():
            add(name, "page 1", path)
        for endpoint in endpoints:
            if endpoint.method == "GET":
                for variant, query in _variants(endpoint.fields):
                    add(endpoint.name, variant, f"{endpoint.path}?{query}")
    every = {n for n, _p in _patterns() if n and not n.startswith("admin:")}
    unreached = sorted(every - {t.name for t in found.values()})
    return list(found.values()), clients, unreached


def _variants(fields: dict[str, set[str]]):
    pages = [int(v) for v in fields.get("page", ()) if v.isdigit()]
    if pages and max(pages) > 1:
        yield "deep page", urlencode({"page": max(pages)})
    chosen = {}
    for name, values in fields.items():
        if name in ("page", "csrfmiddlewaretoken"):
            continue
        given = sorted(v for v in values if v)
        if given:
            chosen[name] = given[0]
        elif name == "q":
            chosen[name] = "公开"
    if chosen:
        yield "filtered", urlencode(chosen)


def _page(path: str) -> int:
    found = re.search(r"[?&]page=(\d+)", path)
    return int(found.group(1)) if found else 0


def _filled(client, reached: dict[str, str]) -> dict[str, str]:
    """The patterns the crawl did not reach: as they are where they take no parameter, and the API's with each
    parameter taken from the answer of its list (a detail's id from the list's first row)."""
    from django.urls import resolve
    from tests.security.test_public_urls import _patterns

    found: dict[str, str] = {}
    answers: dict[str, object] = {}
    for name, pattern in _patterns():
        if not name or name in reached or name.startswith("admin:") or "<" in pattern and "api" not in pattern:
            continue
        path = _fill(pattern, answers, client)
        if path is None or "(" in path:
            continue
        try:
            if resolve(path).view_name == name:
                found[name] = path
        except Exception:  # noqa: BLE001 — a filled path another pattern answers is not this one's
            continue
    return found


def _fill(pattern: str, answers: dict, client) -> str | None:
    """`pattern` with each parameter taken from the answer of the path before it."""
    path = "/"
    pattern = pattern.replace("^", "").replace("$", "")
    for part in re.split(r"(<(?:\w+:)?\w+>)", pattern):
        parameter = re.fullmatch(r"<(?:\w+:)?(\w+)>", part)
        if not parameter:
            path += part
            continue
        value = _first_value(_json(path, answers, client), parameter.group(1))
        if value is None:
            return None
        path += str(value)
    return path


def _json(path: str, answers: dict, client):
    if path not in answers:
        response = client.get(path, HTTP_ACCEPT="application/json")
        try:
            answers[path] = response.json() if response.status_code == 200 else None
        except ValueError:
            answers[path] = None
    return answers[path]


def _first_value(answer, parameter: str):
    rows = answer.get("results", answer.get("items")) if isinstance(answer, dict) else answer
    if isinstance(rows, dict):
        rows = next((v for v in rows.values() if isinstance(v, list)), None)
    if not rows or not isinstance(rows, list) or not isinstance(rows[0], dict):
        return None
    for key in (parameter, "id", "pk", "code", "number", "receipt_no", "service_code", "service_request_id"):
        if rows[0].get(key) not in (None, ""):
            return rows[0][key]
    return None


def measure(targets_: list[Target], clients: dict, requests: int) -> list[Result]:
    from django.conf import settings
    from django.urls import clear_url_caches
    from hall_bench import percentiles

    from zhengtong.approvals.models import Application
    from zhengtong.core import heap

    settings.ROOT_URLCONF = "floor_urls"
    clear_url_caches()
    receipts = list(Application.objects.order_by("pk").values_list("receipt_no", flat=True)[:500])
    results = []
    heap.settle()  # as each worker of the real server settles its own before its first request
    for n, target in enumerate(targets_):
        client = clients[target.persona]
        first = client.get(target.path)
        kind = first.get("Content-Type", "").split(";")[0]
        if first.status_code != 200:
            results.append(
                Result(**_named(target), status=first.status_code, kind=kind, p50=0, p95=0, floor_p95=0, bar=1)
            )
            continue
        floor_path, floor_client = _floor(target, clients)
        floor, page = [], []
        for i in range(5 + requests):
            receipt = receipts[i % len(receipts)]
            pair = [
                (floor, lambda: floor_client.get(floor_path.format(receipt))),
                (page, lambda: client.get(target.path)),
            ]
            for samples, call in pair if i % 2 else pair[::-1]:
                t = time.perf_counter()
                response = call()
                if hasattr(response, "streaming_content"):  # a streamed file: timed to its first bytes
                    next(iter(response.streaming_content), None)
                    elapsed = time.perf_counter() - t
                    response.close()  # as a client that hangs up: a register's million rows are not read out
                else:
                    elapsed = time.perf_counter() - t
                if i >= 5:
                    samples.append(elapsed)
        floor_p95, (p50, p95) = percentiles(floor)[1], percentiles(page)
        results.append(
            Result(
                **_named(target),
                status=200,
                kind=kind,
                p50=p50,
                p95=p95,
                floor_p95=floor_p95,
                bar=_bar(target.path, kind, floor_p95),
            )
        )
        if n % 20 == 19:
            print(f"  timed {n + 1}/{len(targets_)}")
    return results


def _floor(target: Target, clients: dict):
    """The one-query floor as the page's persona reaches it: behind the workbench's gate for staff, behind the
    citizen's sign-in (his session and account read, as on every page he is shown) for the pages timed as him
    (his own, and a public list his crawl reached deeper than the visitor's), bare for a visitor."""
    if target.staff:
        return "/workbench/bench-floor/{}/", clients["lisi"]
    if target.persona == CITIZEN:
        return "/bench-floor-signed-in/{}/", clients[CITIZEN]
    return "/bench-floor/{}/", clients["访客"]


def _named(target: Target) -> dict:
    return {k: v for k, v in asdict(target).items() if k != "staff"}


def _bar(path: str, kind: str, floor_p95: float) -> float:
    if any(t in kind for t in EXPORT_TYPES):
        return EXPORT_BAR
    if re.search(r"[?&]q=[^&]", path):
        return SEARCH_BAR
    return 2 * floor_p95


def report(results: list[Result], unreached: list[str], earlier: dict | None) -> int:
    timed = sorted((r for r in results if r.status == 200), key=lambda r: r.over, reverse=True)
    over = [r for r in timed if r.over > 1]
    print(f"\n{'page':58} {'persona':8} {'p50 ms':>8} {'p95 ms':>8} {'x floor':>8} {'bar':>9}  {'vs earlier':>10}")
    for r in timed:
        bar = f"{r.bar * 1000:.0f} ms" if r.bar in (SEARCH_BAR, EXPORT_BAR) else "2x"
        before = (earlier or {}).get(f"{r.name} {r.variant}")
        growth = f"{r.p95 / before:.2f}x" if before else ""
        mark = "OVER" if r.over > 1 else ""
        print(
            f"{(r.name + ' ' + r.variant)[:58]:58} {r.persona[:8]:8} {r.p50 * 1000:8.2f} {r.p95 * 1000:8.2f} "
            f"{r.p95 / r.floor_p95:8.2f} {bar:>9}  {growth:>10} {mark}"
        )
    for r in results:
        if r.status != 200:
            print(f"not timed: {r.name} {r.variant} as {r.persona} answered {r.status} ({r.path})")
    print(f"\n{len(timed)} pages timed, {len(over)} over their bar; {len(unreached)} URL patterns no crawl reached:")
    print("  " + ", ".join(unreached))
    return 1 if over else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--reuse", action="store_true", help="time on the database an earlier run loaded")
    parser.add_argument("--only", default="", help="time only the URL names starting with this")
    args = parser.parse_args()
    os.environ.setdefault("ZT_VAR_DIR", str(ROOT / "var" / "bench" / f"pages-{args.backend}-{args.rows}"))
    if args.backend == "postgres":
        name = f"zt_pages_{args.rows}"
        (existing_postgres if args.reuse else fresh_postgres)(name)
    else:
        path = ROOT / "var" / "bench" / f"pages-{args.rows}.sqlite3"
        (existing_sqlite if args.reuse else fresh_sqlite)(path)
    if not args.reuse:
        from zhengtong.audit.context import Actor, acting_as

        with acting_as(Actor(name="benchmark")):
            load(args.rows)
    found, clients, unreached = targets(args.only)
    print(f"timing {len(found)} pages, {args.requests} requests each, in turn with the floor")
    results = measure(found, clients, args.requests)
    out = ROOT / "var" / "bench" / f"pages-{args.backend}-{args.rows}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    earlier = _earlier(out, args.backend)
    out.write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1))
    sys.exit(report(results, unreached, earlier))


def _earlier(current: Path, backend: str) -> dict | None:
    """Each page's p95 in the last run at another size on this backend."""
    others = [p for p in current.parent.glob(f"pages-{backend}-*.json") if p != current]
    if not others:
        return None
    latest = max(others, key=lambda p: p.stat().st_mtime)
    print(f"comparing with {latest.name}")
    return {f"{r['name']} {r['variant']}": r["p95"] for r in json.loads(latest.read_text()) if r["status"] == 200}


if __name__ == "__main__":
    main()
