"""Site-search benchmark on the embedded default (SQLite FTS5) and on PostgreSQL (tsvector + GIN).

    .venv/bin/python benchmarks/search_bench.py [--documents 1000000] [--queries 300]
        [--backend sqlite|postgres] [--reuse]

Without --backend it runs both, one process each. For each backend, in the same run:
  1. indexing: documents per second through `search.services.index_now` (masking, segmentation, both writes)
     against the segmentation floor (rjieba alone on the same texts);
  2. loads N documents (synthetic government text as tokens, with a Zipf word distribution, straight into the
     backend's tables), then times `search.selectors.search` for one-term, two-term and phrase queries against
     the raw backend query floor (the same match, 10 ids, no ranking, no entries).
With --reuse (and --backend) the queries are timed on the database an earlier run of this checkout loaded (1M
documents take 18 minutes on SQLite here and longer on PostgreSQL), for old and new code in turn on one database.
Target: p95 <= 50 ms for all three query kinds at 1M documents on both backends.

    .venv/bin/python benchmarks/search_bench.py --cold [--prewarm] [--database zt_pages_1000000] [--queries 300]

Cold search (issue 26): restarts PostgreSQL (pg_ctlcluster), drops the operating system's page cache (root
only; it says so where it cannot), optionally warms up as `zhengtong serve` does, then times the first N queries
as they come, on a database this script or pages_bench.py loaded. Nothing else may use the server meanwhile.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _setup import ROOT, existing_postgres, existing_sqlite, fresh_postgres, fresh_sqlite

HANZI = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法"
    "所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社"
    "义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题"
    "党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做"
    "必战先回则任取据处府研质信保障审批许可服务窗口材料申请受理办结公开监督评价投诉建议市场卫生健康交通住房城乡环境教育文化旅游"
)
QUERY_KINDS = ("one-term", "two-term", "phrase")
DATABASE = "zt_bench_search"
RATE_KIND = "bench.rate"


def vocabulary(rng: random.Random, size: int = 30000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(HANZI) for _ in range(rng.choice((2, 2, 2, 3, 4)))))
    return sorted(words)


def zipf_sampler(rng: random.Random, vocab: list[str]):
    weights = [
        1 / (rank + 10) for rank in range(len(vocab))
    ]  # a flattened Zipf: the top words are not in every document
    cumulative, total = [], 0.0
    for w in weights:
        total += w
        cumulative.append(total)

    def sample(k: int) -> list[str]:
        return rng.choices(vocab, cum_weights=cumulative, k=k)

    return sample


def make_documents(count: int, seed: int = 7):
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    sample = zipf_sampler(rng, vocab)
    for n in range(count):
        yield n, sample(8), sample(150), sample(20)


def index_rate(sample_size: int = 2000) -> tuple[float, float]:
    """(segmentation-only docs/s, full index_now docs/s) on realistic texts from the demo's templates."""
    from zhengtong.search import segment
    from zhengtong.search.services import Document, index_now

    rng = random.Random(3)
    texts = []
    for n in range(sample_size):
        body = "".join(rng.choice(SENTENCES).format(n=n, year=2000 + n % 26) for _ in range(12))
        texts.append((f"北仑区关于第{n}批最低生活保障对象的公示", body))
    t = time.perf_counter()
    for title, body in texts:
        segment.words(title), segment.words(body), segment.parts(f"{title}\n{body}")
    floor = sample_size / (time.perf_counter() - t)
    t = time.perf_counter()
    for n, (title, body) in enumerate(texts):
        index_now(
            Document(kind=RATE_KIND, kind_label="基准", object_id=f"rate-{n}", title=title, text=body, url=f"/b/{n}/")
        )
    full = sample_size / (time.perf_counter() - t)
    from zhengtong.search.services import clear

    clear(RATE_KIND)  # its own kind: clearing must never touch the loaded documents (--reuse measures after it)
    return floor, full


SENTENCES = [
    "为进一步规范最低生活保障工作，根据《社会救助暂行办法》，结合本区实际，制定本办法。",
    "各街道、各部门要高度重视政府信息公开工作，按照{year}年工作要点抓好落实。",
    "申请人应当如实提供家庭收入、财产状况等材料，并签署授权核查声明。",
    "对符合条件的申请人，由区民政局在受理之日起二十个工作日内作出审批决定。",
    "本通知自发布之日起施行，第{n}号文件同时废止。",
    "区市场监督管理局将加强食品经营许可事中事后监管，开展双随机抽查。",
    "建设工程规划许可证核发实行并联审批，牵头部门统一受理、统一送达。",
    "请于{year}年12月31日前将工作总结报送区政府办公室。",
]


def load(count: int, vendor: str, first_id: int = 1) -> list[tuple]:
    """Entries and backend rows straight into the tables, keyed from `first_id` on; returns the documents' token
    lists for queries."""
    from django.db import connection

    from zhengtong.search.backends import PostgresBackend, Tokens, pairs
    from zhengtong.search.query import meta_token

    keep, t = [], time.perf_counter()
    keep_this = _sampler()
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("DROP INDEX search_tsv_gin")  # built once after the load, as a bulk import would
        batch_entries, batch_rows = [], []

        def flush():
            if vendor == "postgresql":
                with cursor.cursor.copy(
                    "COPY search_entry (id, kind, kind_label, object_id, title, text, url, department_name, "
                    "category, category_label, indexed_at) FROM STDIN"
                ) as copy:
                    for row in batch_entries:
                        copy.write_row(row)
                with cursor.cursor.copy("COPY search_tsv (entry_id, tsv) FROM STDIN") as copy:
                    for entry_id, tokens in batch_rows:
                        copy.write_row((entry_id, PostgresBackend._vector(tokens)))
            else:
                cursor.executemany(
                    "INSERT INTO search_entry (id, kind, kind_label, object_id, title, text, url, department_name, "
                    "category, category_label, indexed_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    batch_entries,
                )
                cursor.executemany(
                    "INSERT INTO search_fts (rowid, title, words, parts, pairs, meta) VALUES (%s, %s, %s, %s, %s, %s)",
                    [
                        (
                            i,
                            " ".join(tk.title),
                            " ".join(tk.words),
                            " ".join(tk.parts),
                            " ".join(pairs(tk)),
                            " ".join(tk.meta),
                        )
                        for i, tk in batch_rows
                    ],
                )
            batch_entries.clear()
            batch_rows.clear()

        now = "2026-11-23 12:00:00+08"
        for n, title, words, parts in make_documents(count):
            entry_id = first_id + n
            tokens = Tokens(
                title=title,
                words=words,
                parts=parts,
                meta=[meta_token("k", "bench.doc"), meta_token("y", 2000 + n % 26)],
            )
            batch_entries.append(
                (
                    entry_id,
                    "bench.doc",
                    "基准",
                    str(n),
                    "".join(title),
                    "".join(words[:60]),
                    f"/b/{n}/",
                    "",
                    "",
                    "",
                    now,
                )
            )
            batch_rows.append((entry_id, tokens))
            if keep_this():
                keep.append((title, words))
            if len(batch_entries) == 5000:
                flush()
        flush()
        if vendor == "postgresql":
            cursor.execute("SET maintenance_work_mem = '512MB'")
            # As the migrations leave it: no pending list (search migration 0002).
            cursor.execute("CREATE INDEX search_tsv_gin ON search_tsv USING gin (tsv) WITH (fastupdate = off)")
            cursor.execute("SELECT setval(pg_get_serial_sequence('search_entry', 'id'), %s)", [first_id + count])
            cursor.execute("VACUUM ANALYZE search_entry")
            cursor.execute("VACUUM ANALYZE search_tsv")
        else:
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
    print(f"loaded {count:,} documents in {time.perf_counter() - t:.0f} s")
    return keep


def _sampler():
    """About one document in a thousand is kept to draw queries from; the same ones on every run."""
    rng = random.Random(11)
    return lambda: rng.random() < 0.001


def kept(count: int) -> list[tuple]:
    """The documents `load` kept, found again without loading (for --reuse)."""
    keep_this = _sampler()
    return [(title, words) for _n, title, words, _parts in make_documents(count) if keep_this()]


def queries(keep: list[tuple], count: int, rng: random.Random):
    from zhengtong.search.query import Query

    out = {kind: [] for kind in QUERY_KINDS}
    for _ in range(count):
        title, words = rng.choice(keep)
        a, b = rng.sample(words, 2)
        i = rng.randrange(len(words) - 1)
        out["one-term"].append(Query(terms=(a,), highlight=(a,)))
        out["two-term"].append(Query(terms=(a, b), highlight=(a, b)))
        out["phrase"].append(Query(phrases=((words[i], words[i + 1]),), highlight=(words[i], words[i + 1])))
    return out


def raw_floor(engine, query):
    """The backend's own match, 10 ids, nothing else: what any search must at least pay."""
    from django.db import connection, transaction

    with connection.cursor() as cursor, transaction.atomic():
        if type(engine).__name__ == "PostgresBackend":
            # The GIN lookup itself: left to itself the planner walked the primary key for 300 ms on new lexemes,
            # or read the whole table for a pair (it guesses an unseen lexeme common: 1.6 s at 200,000 documents).
            # The backend's own settings, so the floor too is planned for its words once prepared.
            from zhengtong.search.backends import PLANNER_SETTINGS

            cursor.execute(PLANNER_SETTINGS)
            cursor.execute("SELECT entry_id FROM search_tsv WHERE tsv @@ %s::tsquery LIMIT 10", [engine.tsquery(query)])
        else:
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT 10",
                [engine.match(query)],
            )
        return cursor.fetchall()


def pct(samples):
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def run_one(backend_name: str, documents: int, count: int, reuse: bool = False, database: str = DATABASE) -> None:
    if backend_name == "postgres":
        (existing_postgres if reuse else fresh_postgres)(database)
    else:
        (existing_sqlite if reuse else fresh_sqlite)(ROOT / "var" / "bench" / "search-bench.sqlite3")
    from django.db import connection

    from zhengtong.audit.context import Actor, acting_as
    from zhengtong.search.backends import backend
    from zhengtong.search.selectors import search

    vendor = connection.vendor
    with acting_as(Actor(name="benchmark")):
        floor_rate, full_rate = index_rate()
    print(
        f"[{vendor}] indexing: {full_rate:.0f} docs/s through index_now; segmentation floor {floor_rate:.0f} docs/s "
        f"({full_rate / floor_rate:.2f}x of the floor)"
    )
    keep = kept(documents) if reuse else load(documents, vendor)
    rng = random.Random(5)
    engine = backend()
    for kind, qs in queries(keep, count, rng).items():
        for q in qs[:20]:
            search(q), raw_floor(engine, q)  # warm up
        floor, full, matched = [], [], 0
        for q in qs:
            t = time.perf_counter()
            raw_floor(engine, q)
            floor.append(time.perf_counter() - t)
            t = time.perf_counter()
            results = search(q)
            full.append(time.perf_counter() - t)
            matched += bool(results.hits)
        if not matched:
            raise SystemExit(f"[{vendor}] {kind}: no query found a document; the figures would mean nothing")
        (f50, f95), (s50, s95) = pct(floor), pct(full)
        verdict = "met" if s95 <= 0.050 else "NOT met"
        print(
            f"[{vendor}] {kind:8}: search p50 {s50 * 1000:.1f} ms, p95 {s95 * 1000:.1f} ms ({verdict}, target 50 ms); "
            f"raw floor p50 {f50 * 1000:.1f} ms, p95 {f95 * 1000:.1f} ms; {matched}/{len(qs)} queries found documents"
        )


def cold(database: str, count: int, prewarm: bool) -> None:
    """The first `count` queries after PostgreSQL's restart with the page cache dropped, each timed as it comes."""
    existing_postgres(database)
    from django.apps import apps
    from django.db import connection

    from zhengtong.search.models import Entry
    from zhengtong.search.selectors import search

    documents = Entry.objects.filter(kind="bench.doc").count()  # what `load` was given: its queries again
    assert documents, f"no benchmark documents in {database}: run search_bench.py or pages_bench.py first"
    keep = kept(documents)
    mixed = [q for trio in zip(*queries(keep, count, random.Random(9)).values(), strict=True) for q in trio][:count]
    connection.close()
    print(_restart_postgres())
    print(_drop_page_cache())
    if prewarm:
        t = time.perf_counter()
        said = apps.get_app_config("search").warm()
        print(f"{said} in {time.perf_counter() - t:.1f} s (as `zhengtong serve` does before its workers start)")
    times = []
    for q in mixed:
        t = time.perf_counter()
        search(q)
        times.append(time.perf_counter() - t)
    p50, p95 = pct(times)
    verdict = "met" if p95 <= 0.050 else "NOT met"
    print(
        f"[postgresql] cold, {'prewarmed' if prewarm else 'not prewarmed'}, first {len(times)} queries over "
        f"{Entry.objects.count():,} entries (one-term, two-term and phrase in turn): p50 {p50 * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms ({verdict}, target 50 ms); the first query {times[0] * 1000:.0f} ms"
    )


def _restart_postgres() -> str:
    clusters = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True)
    if clusters.returncode or not clusters.stdout.strip():
        return "PostgreSQL was not restarted: pg_lsclusters found no cluster here (its buffers stay warm)"
    version, name = clusters.stdout.split()[:2]
    done = subprocess.run(["pg_ctlcluster", version, name, "restart"], capture_output=True, text=True)
    if done.returncode:
        return f"PostgreSQL was not restarted ({done.stderr.strip()}): its buffers stay warm"
    return f"PostgreSQL {version}/{name} restarted: its shared buffers are empty"


def _drop_page_cache() -> str:
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError as e:
        return f"the page cache was NOT dropped ({e}): run as root on the machine itself for a cold start"
    return "the operating system's page cache dropped (/proc/sys/vm/drop_caches)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--backend", choices=("sqlite", "postgres"))
    parser.add_argument(
        "--reuse", action="store_true", help="measure the database an earlier run of this checkout loaded"
    )
    parser.add_argument("--database", default=DATABASE, help="the PostgreSQL database (pages_bench.py: zt_pages_N)")
    parser.add_argument(
        "--cold", action="store_true", help="restart PostgreSQL, drop the page cache, time the first --queries"
    )
    parser.add_argument("--prewarm", action="store_true", help="with --cold: warm up as `zhengtong serve` does")
    args = parser.parse_args()
    if args.cold:
        cold(args.database, args.queries, args.prewarm)
        return
    if args.reuse and not args.backend:
        parser.error("--reuse needs --backend")
    if args.backend:
        run_one(args.backend, args.documents, args.queries, reuse=args.reuse, database=args.database)
        return
    for name in ("sqlite", "postgres"):
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--backend",
                name,
                "--documents",
                str(args.documents),
                "--queries",
                str(args.queries),
            ],
            check=True,
        )


if __name__ == "__main__":
    main()
