"""Letters benchmark on PostgreSQL (issue: letters and the hotline).

    .venv/bin/python benchmarks/letters_bench.py [--letters 1000000] [--requests 1000] [--intake 1000]
        [--workers 4] [--reuse]

Loads N letters (30% published with their public handling record), and dispatch statistics learned from
3,000 template letters through the real `learn` and then scaled to N (what N letters signed for would leave).
Then, in one process through Django's full middleware stack unless said otherwise (the pages and floors timed in
turn, request by request):
  - the floor: a minimal Django view running one indexed query (benchmarks/floor_urls.py), and the layout floor:
    the same query in an empty page of the portal layout (what every portal page costs before its content);
  - the public list page (a random page of the first 50) and a published letter's page;
  - the dispatch suggestion for a new letter (a function call);
  - intake: `--workers` processes submitting `--intake` letters at once through the real service, counted
    afterwards (none lost, none twice).
With --reuse everything is timed on the database an earlier run of this checkout loaded, without loading again:
for old and new code in turn on one database (runs on separate loads differ more than a change often does). Each
run's intake letters carry the run's own tag, so an earlier run's letters are neither repeats of them nor counted
with them. `--intake 0` leaves intake out.
Prints p50/p95 and ratios. Targets: page p95 <= 2x the floor; suggestion <= 100 ms; intake >= 100 letters/s, 0 lost.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import random
import time

os.environ.setdefault("ZT_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from _setup import as_stored, loaded_postgres  # noqa: E402
from hall_bench import percentiles, timed  # noqa: E402

PUBLISHED_SHARE = 0.3
TEMPLATE_LETTERS = 3000


def _texts(rng):
    from zhengtong.demo import letters_data as data

    code = rng.choice(data.CATALOGUE)[0]
    kind, title, content = rng.choice(data.LETTERS[code])
    fill = {
        "street": rng.choice(data.STREETS),
        "place": rng.choice(data.PLACES),
        "estate": rng.choice(data.ESTATES),
        "n": rng.randrange(2, 12),
    }
    return code, kind, title.format(**fill), content.format(**fill)


def load(count: int) -> dict:
    from django.db import connection
    from django.utils import timezone

    from zhengtong.demo import letters_data as data
    from zhengtong.letters.models import Centre, Letter, Responsibility
    from zhengtong.letters.suggest import learn
    from zhengtong.org.models import Department
    from zhengtong.org.services import department_create, staff_onboard

    root = department_create(parent=None, code="L", name="基准区", kind="region")
    for suffix in {s for _c, _n, _k, s in data.CATALOGUE} | {data.CENTRE}:
        department_create(parent=root, code=f"L{suffix}", name=f"基准部门{suffix}", kind="department")
    departments = {d.code[1:]: d for d in Department.objects.filter(code__startswith="L").exclude(code="L")}
    Centre.objects.create(department=departments[data.CENTRE])
    for code, name, keywords, suffix in data.CATALOGUE:
        Responsibility.objects.create(
            code=code, name=name, keywords=keywords, department=departments[suffix], is_fallback=code == "unclear"
        )
    operator = staff_onboard(username="operator", real_name="话务员", department=departments[data.CENTRE])
    rng = random.Random(7)
    by_code = {code: departments[suffix] for code, _n, _k, suffix in data.CATALOGUE}
    t = time.perf_counter()
    for _ in range(TEMPLATE_LETTERS):
        code, _kind, title, content = _texts(rng)
        learn(Letter(title=title, content=content), by_code[code].pk)
    scale = max(count // TEMPLATE_LETTERS, 1)
    with connection.cursor() as cursor:  # what `count` letters signed for would leave: the same words, scaled
        cursor.execute("UPDATE letters_dispatchword SET count = count * %s", [scale])
    print(f"learned {TEMPLATE_LETTERS:,} template letters in {time.perf_counter() - t:.1f} s, counts scaled x{scale}")
    sample = _copy_letters(count, departments, by_code, rng, timezone.now())
    return {"sample": sample, "operator": operator, "by_code": by_code}


def _published_sample(count: int) -> list[str]:
    """Numbers of letters the load published (every tenth's first PUBLISHED_SHARE), every seventh, at most 20,000."""
    return [f"XJ{n:012d}" for n in range(0, count, 7) if n % 10 < PUBLISHED_SHARE * 10][:20000]


def loaded(count: int) -> dict:
    """What `load` returned, read back from a database it filled (--reuse)."""
    from zhengtong.letters.models import Letter

    sample = list(
        Letter.objects.filter(number__in=_published_sample(count), published_at__isnull=False)
        .order_by("number")
        .values_list("number", flat=True)
    )
    assert sample, "no letters of an earlier load here: run once without --reuse"
    return {"sample": sample}


def _copy_letters(count: int, departments, by_code, rng, now) -> list[str]:
    from django.db import connection

    from zhengtong.letters import similar
    from zhengtong.letters.models import Letter
    from zhengtong.letters.services.common import query_hash

    cols = (
        "number",
        "query_hash",
        "channel",
        "kind",
        "urgency",
        "title",
        "content",
        "location",
        "anonymous",
        "writer_name",
        "writer_phone",
        "phone_verified",
        "public_allowed",
        "received_at",
        "band0",
        "band1",
        "band2",
        "band3",
        "band4",
        "band5",
        "state",
        "department_id",
        "accepted_at",
        "decline_reason",
        "reply_draft",
        "reply",
        "replied_at",
        "satisfaction",
        "closed_at",
        "reopened",
        "published_at",
        "public_title",
        "public_content",
        "public_reply",
        "created_at",
        "updated_at",
    )
    texts = [_texts(rng) for _ in range(500)]
    band_pool = [similar.bands(f"{t}\n{c}") for _code, _k, t, c in texts]
    stored, rest = as_stored(Letter, cols)
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY letters_letter ({', '.join(cols + tuple(rest))}) FROM STDIN") as copy:
            for n in range(count):
                code, kind, title, content = texts[n % len(texts)]
                received = now - dt.timedelta(minutes=rng.randrange(60 * 24 * 365 * 3))
                number = f"XJ{n:012d}"
                public = n % 10 < PUBLISHED_SHARE * 10
                closed = public or n % 10 < 8
                bands = (
                    band_pool[n % len(band_pool)] if n % 50 else tuple(rng.randrange(-(2**31), 2**31) for _ in range(6))
                )
                dept = by_code[code].pk
                replied = received + dt.timedelta(days=3)
                reply = "经核实，已处理完毕。"
                copy.write_row(
                    stored(
                        number,
                        query_hash(number, "000000"),
                        "web",
                        kind,
                        "normal",
                        title,
                        content,
                        "",
                        False,
                        "某某",
                        "13800000000",
                        True,
                        public,
                        received,
                        *bands,
                        "closed" if closed else "handling",
                        dept,
                        received,
                        "",
                        "",
                        reply if closed else "",
                        replied if closed else None,
                        "satisfied" if closed else "",
                        replied if closed else None,
                        0,
                        replied if public else None,
                        title if public else "",
                        content if public else "",
                        reply if public else "",
                        received,
                        replied,
                    )
                )
        cursor.execute("SELECT min(id) FROM letters_letter")
        first_id = cursor.fetchone()[0]
        with cursor.cursor.copy(
            "COPY letters_event (letter_id, at, action, label, department_id, note, public) FROM STDIN"
        ) as copy:
            for n in range(count):
                if n % 10 < PUBLISHED_SHARE * 10:
                    dept = by_code[texts[n % len(texts)][0]].pk
                    for action, label in (
                        ("submit", "收到来信（网站）"),
                        ("accept", "受理"),
                        ("dispatch", "派单"),
                        ("reply", "答复"),
                    ):
                        copy.write_row((first_id + n, now, action, label, dept, "", True))
        for table in ("letters_letter", "letters_event", "letters_dispatchword"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    print(
        f"loaded {count:,} letters ({PUBLISHED_SHARE:.0%} published) and their public records "
        f"in {time.perf_counter() - t0:.1f} s"
    )
    return _published_sample(count)


def _submit_many(args) -> tuple[int, float]:
    worker, per_worker, run = args
    from django.db import connections

    from zhengtong.audit.context import Actor, acting_as
    from zhengtong.letters.services import letter_submit

    connections.close_all()
    t = time.perf_counter()
    with acting_as(Actor(name=f"bench{worker}")):
        for i in range(per_worker):
            letter_submit(
                channel="web",
                kind="help",
                title=f"并发来信{worker}-{i}",
                content=f"基准并发来信，标记 W{worker}N{i}R{run}：某小区第{i}号楼前路灯不亮，请维修。",
                writer_name=f"来信人{worker}",
                writer_phone=f"139{worker:04d}{i:04d}",
            )
    connections.close_all()
    return per_worker, time.perf_counter() - t


def intake(total: int, workers: int) -> None:
    from django.db import connections

    from zhengtong.letters.models import Letter

    per_worker = total // workers
    run = os.urandom(4).hex()  # this run's letters: the same writers with an earlier run's text would be repeats
    before = Letter.objects.count()
    connections.close_all()  # the children must not share the parent's connection
    t = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool.map(_submit_many, [(w, per_worker, run) for w in range(workers)])
    elapsed = time.perf_counter() - t
    made = Letter.objects.count() - before
    markers = Letter.objects.filter(content__startswith="基准并发来信", content__contains=f"R{run}：").values_list(
        "content", flat=True
    )
    distinct = len({m.split("标记 ")[1].split("：")[0] for m in markers})
    sent = per_worker * workers
    print(
        f"intake: {sent} letters from {workers} processes at once in {elapsed:.1f} s = {sent / elapsed:.0f} letters/s "
        f"[target >= 100]; stored {made}, distinct {distinct}: lost {sent - distinct}, duplicated {made - distinct}"
    )


def measure(requests: int, data: dict) -> None:
    from django.conf import settings
    from django.test import Client
    from django.urls import clear_url_caches

    from zhengtong.letters.models import Letter
    from zhengtong.letters.suggest import suggest

    settings.ROOT_URLCONF = "floor_urls"
    clear_url_caches()
    rng = random.Random(5)
    client = Client()
    published = data["sample"]

    results = timed(
        {
            "floor": lambda: client.get(f"/bench-letter-floor/{rng.choice(published)}/"),
            "layout floor": lambda: client.get(f"/bench-letter-layout/{rng.choice(published)}/"),
            "list": lambda: client.get(f"/letters/?page={rng.randrange(1, 51)}"),
            "letter": lambda: client.get(f"/letters/{rng.choice(published)}/"),
        },
        requests,
    )
    floor, layout, listing, page = (results[k] for k in ("floor", "layout floor", "list", "letter"))
    print(f"floor (minimal view, one indexed query): p50 {floor[0] * 1000:.2f} ms, p95 {floor[1] * 1000:.2f} ms")
    print(
        f"layout floor (the same query in an empty page of the portal layout): p50 {layout[0] * 1000:.2f} ms, "
        f"p95 {layout[1] * 1000:.2f} ms -> p95 {layout[1] / floor[1]:.2f}x the floor"
    )
    for name, (p50, p95) in (("public list page", listing), ("published letter page", page)):
        print(
            f"{name}: p50 {p50 * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms "
            f"-> p95 {p95 / floor[1]:.2f}x the floor [target <= 2x]"
        )
    times = []
    for _ in range(requests):
        _code, kind, title, content = _texts(rng)
        letter = Letter(title=title, content=content, kind=kind)
        t = time.perf_counter()
        suggestion = suggest(letter)
        times.append(time.perf_counter() - t)
        assert suggestion is not None
    p50, p95 = percentiles(times)
    print(f"dispatch suggestion: p50 {p50 * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms [target <= 100 ms]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--letters", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--intake", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--reuse", action="store_true", help="time on the database an earlier run loaded, without loading again"
    )
    args = parser.parse_args()
    data = loaded_postgres("zt_bench_letters", args.reuse, load, loaded, args.letters)
    measure(args.requests, data)
    if args.intake:
        intake(args.intake, args.workers)


if __name__ == "__main__":
    main()
