"""Full-stack throughput (issue 26, item 5): the real server under a public mix, against the floor in the same run.

    .venv/bin/python benchmarks/pages_bench.py --rows 1000000      # once: the database this runs on
    .venv/bin/python benchmarks/load_bench.py [--rows 1000000] [--seconds 30] [--connections 16]

Starts `zhengtong serve` (gunicorn, gthread, as in production) on the database pages_bench.py loaded, with the
floor's URL added (floor_urls.py, through floor_settings.py), and drives it with wrk (Debian's package) from
the same machine: first the floor alone (one indexed query through every middleware), then the public mix: the
home page, the service catalogue and guides, status lookups by receipt number and query code, the letters list
and published letters, disclosure documents, site search, and one anonymous letter written per 50 reads.
Prints req/s and p99 of each and the mix's share of the floor's req/s. Target: >= 60% of the floor's req/s,
p99 <= 100 ms, no errors.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

os.environ.setdefault("ZT_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from _setup import ROOT, existing_postgres  # noqa: E402

PORT = 8791
LUA = r"""
local requests, weights, total = {}, {}, 0
local errors = 0
function setup(thread) end
function init(args)
  local spec = dofile(os.getenv("ZT_MIX"))
  for _, r in ipairs(spec) do
    total = total + r.weight
    table.insert(weights, total)
    table.insert(requests, wrk.format(r.method, r.path, r.headers, r.body))
  end
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8), 16) or 0))
end
function request()
  local x = math.random() * total
  for i, w in ipairs(weights) do
    if x <= w then return requests[i] end
  end
  return requests[#requests]
end
"""


def sample() -> dict:
    """Real ids of the seeded rows (the copies come after them): guides, published letters and documents, and
    receipts given a code the benchmark knows, for the lookups."""
    from django.db import connection

    from zhengtong.approvals.models import Application, ServiceItem
    from zhengtong.approvals.services.common import query_hash
    from zhengtong.disclosure.models import Document, State
    from zhengtong.letters.models import Letter

    receipts = list(Application.objects.order_by("pk").values_list("receipt_no", flat=True)[:50])
    with connection.cursor() as cursor:  # a query code the benchmark knows, for the lookups
        for receipt in receipts:
            cursor.execute(
                f"UPDATE {Application._meta.db_table} SET query_hash = %s WHERE receipt_no = %s",
                [query_hash(receipt, "246810"), receipt],
            )
    return {
        "items": list(ServiceItem.objects.order_by("code").values_list("code", flat=True)[:50]),
        "letters": list(
            Letter.objects.filter(published_at__isnull=False).order_by("pk").values_list("number", flat=True)[:200]
        ),
        "documents": list(
            Document.objects.filter(state=State.PUBLISHED).order_by("pk").values_list("index_no", flat=True)[:200]
        ),
        "receipts": receipts,
    }


def mix(ids: dict, csrf: tuple[str, str]) -> list[dict]:
    """The public mix as wrk requests with their weights (reads add up to 50 for each letter written)."""
    cookie, token = csrf
    form = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie}"}
    mix = [{"weight": 8, "method": "GET", "path": "/"}, {"weight": 3, "method": "GET", "path": "/services/"}]
    mix += [{"weight": 6 / 10, "method": "GET", "path": f"/services/items/{c}/"} for c in ids["items"][:10]]
    mix += [
        {
            "weight": 5 / 10,
            "method": "POST",
            "path": "/services/status/",
            "headers": form,
            "body": f"csrfmiddlewaretoken={token}&receipt_no={r}&code=246810",
        }
        for r in ids["receipts"][:10]
    ]
    mix += [{"weight": 6, "method": "GET", "path": "/letters/"}]
    mix += [{"weight": 6 / 20, "method": "GET", "path": f"/letters/{n}/"} for n in ids["letters"][:20]]
    mix += [{"weight": 4, "method": "GET", "path": "/disclosure/"}]
    mix += [{"weight": 6 / 20, "method": "GET", "path": f"/disclosure/docs/{d}/"} for d in ids["documents"][:20]]
    words = ["最低生活保障", "营业执照", "公开", "建设工程", "路灯", "补贴", "学校", "食品经营许可"]
    mix += [{"weight": 6 / len(words), "method": "GET", "path": f"/search/?q={_quoted(w)}"} for w in words]
    reads = sum(m["weight"] for m in mix)
    body = (
        f"csrfmiddlewaretoken={token}&kind=suggestion&title={_quoted('路灯不亮')}"
        f"&content={_quoted('小区门口的路灯已经坏了一周，晚上出行不便，请尽快维修。')}&anonymous=on"
    )
    mix.append({"weight": reads / 50, "method": "POST", "path": "/letters/write/", "headers": form, "body": body})
    return mix


def _quoted(text: str) -> str:
    from urllib.parse import quote

    return quote(text)


def _csrf(base: str) -> tuple[str, str]:
    """A CSRF cookie and a form token for it, as a browser holds them after opening the letter form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/letters/write/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    return cookie, token


def wrk(base: str, spec: list[dict] | str, seconds: int, connections: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder, "mix.lua")
        script.write_text(LUA)
        requests = [spec] if isinstance(spec, str) else spec
        entries = [{"weight": 1, "method": "GET", "path": r} if isinstance(r, str) else r for r in requests]
        Path(folder, "spec.lua").write_text("return " + _lua(entries))
        command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", "-s", str(script), base]
        out = subprocess.run(
            command, env={**os.environ, "ZT_MIX": str(Path(folder, "spec.lua"))}, capture_output=True, text=True
        ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    failed = re.search(r"Socket errors: .*?timeout (\d+)", out)
    return {"rate": rate, "p99": p99_ms, "errors": int(bad.group(1)) if bad else 0, "timeouts": failed, "raw": out}


def _lua(entries: list[dict]) -> str:
    def value(v):
        if isinstance(v, dict):
            return "{" + ", ".join(f"[{json.dumps(k)}] = {value(x)}" for k, x in v.items()) + "}"
        return json.dumps(v, ensure_ascii=False) if isinstance(v, str) else repr(v)

    return "{" + ", ".join(value(e) for e in entries) + "}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    var = str(ROOT / "var" / "bench" / f"pages-postgres-{args.rows}")
    os.environ.setdefault("ZT_VAR_DIR", var)
    url = existing_postgres(f"zt_pages_{args.rows}")
    ids = sample()
    env = {
        **os.environ,
        "ZT_DATABASE_URL": url,
        "ZT_VAR_DIR": os.environ["ZT_VAR_DIR"],
        "DJANGO_SETTINGS_MODULE": "floor_settings",
        "PYTHONPATH": f"{ROOT / 'benchmarks'}:{ROOT / 'src'}",
    }
    command = [sys.executable, "-m", "zhengtong.cli", "serve", "--bind", f"127.0.0.1:{PORT}"]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)  # not the access log
    base = f"http://127.0.0.1:{PORT}"
    try:
        _wait_for(base)
        floor_path = f"/bench-floor/{ids['receipts'][0]}/"
        wrk(base, floor_path, 5, args.connections)  # warm-up: the first answer comes while the other worker boots
        floor = wrk(base, floor_path, args.seconds, args.connections)
        spec = mix(ids, _csrf(base))
        wrk(base, spec, 5, args.connections)  # warm-up: every worker's templates and statements
        loaded = wrk(base, spec, args.seconds, args.connections)
    finally:
        server.terminate()
        server.wait(20)
    print(f"on {os.cpu_count()} cores, server and wrk together, {args.connections} connections, {args.seconds} s each")
    print(f"floor: {floor['rate']:.0f} req/s, p99 {floor['p99']:.1f} ms, {floor['errors']} errors")
    print(f"public mix: {loaded['rate']:.0f} req/s, p99 {loaded['p99']:.1f} ms, {loaded['errors']} errors")
    share = loaded["rate"] / floor["rate"]
    met = share >= 0.6 and loaded["p99"] <= 100 and loaded["errors"] == 0
    print(f"mix / floor: {share:.0%} [target >= 60%, p99 <= 100 ms, 0 errors] {'met' if met else 'NOT MET'}")
    sys.exit(0 if met else 1)


def _wait_for(base: str) -> None:
    for _ in range(300):  # `serve` collects the static files first where they changed
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)
            return
        except OSError:
            time.sleep(1)
    raise SystemExit("the server did not start")


if __name__ == "__main__":
    main()
