"""The personal-data detector on the labelled corpora: recall per kind, false alarms, and throughput on one core
against a floor measured in the same run (one pass of a single digit-run regex over the same text, the least any
detector must do).

    .venv/bin/python benchmarks/privacy_bench.py [--seconds 3]

Targets (issue 20): recall >= 98% for every kind, false alarms <= 2%, at least 1 MB/s of text per core. Each corpus
is also read with names in prose (`scan(read_prose=True)`, the model a letter's public copy is made with: slow, and
asked for by publications made once and kept).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from zhengtong.privacy import scan  # noqa: E402
from zhengtong.privacy.evaluate import load, score, throughput  # noqa: E402

DATA = ROOT / "tests" / "privacy" / "data"


def report(name: str, path: Path) -> list[str]:
    samples = load(path)
    result = score(samples)
    prose = score(samples, read_prose)
    print(f"\n{name} ({path.name}): {len(samples)} sentences, {result.clean} clean")
    print(f"  {'kind':10} {'recall':>8} {'found':>11}")
    for kind in result.kinds:
        total = result.found[kind] + result.missed[kind]
        found, other = f"{result.found[kind]:>5}/{total:<5}", result.wrong_kind[kind]
        print(f"  {kind:10} {result.recall(kind):8.2%} {found}  masked as another kind: {other}")
    print(f"  false alarms: {result.false_alarms}/{result.clean} clean sentences = {result.false_alarm_rate:.2%}")
    print(f"  findings outside any label in labelled sentences: {result.stray}")
    print(
        f"  with names in prose read (a letter's public copy): name {prose.recall('name'):.2%}, "
        f"false alarms {prose.false_alarms}/{prose.clean} = {prose.false_alarm_rate:.2%}"
    )
    return [s.text for s in samples]


def read_prose(text: str, **options):
    return scan(text, read_prose=True, **options)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    texts = report("tuned on", DATA / "labelled.jsonl")
    report("tuned on, names only (a fifth author, session 57)", DATA / "tune4.jsonl")
    clean = [s.text for s in load(DATA / "labelled.jsonl") if not s.spans]
    documents = ["".join(clean[i : i + 40]) for i in range(0, len(clean), 40)]  # notices of a few pages
    # holdout.jsonl was consulted for number spellings and, in session 49, for names: holdout2.jsonl, by a third
    # author, and holdout3.jsonl (names in letters), by a fourth, are the ones no rule was written against
    # (tests/privacy/data/README.md)
    texts += report("held out, since consulted", DATA / "holdout.jsonl")
    texts += report("held out", DATA / "holdout2.jsonl")
    report("held out, names in letters only", DATA / "holdout3.jsonl")  # throughput stays over the three above
    digits = re.compile(r"\d+")
    floor = throughput(texts, lambda t: digits.findall(t), args.seconds)
    rate = throughput(texts, scan, args.seconds)
    size = sum(len(t.encode()) for t in texts) / 1e6
    print(f"\nthroughput over {size:.2f} MB of sentences, one core:")
    print(f"  floor (one digit-run regex): {floor:8.1f} MB/s")
    print(f"  scan (every detector):       {rate:8.2f} MB/s   ratio {floor / rate:.0f}x the floor")
    long_rate = throughput(documents, scan, args.seconds)
    print(f"  scan, clean sentences joined into documents of 40: {long_rate:.2f} MB/s")
    prose_rate = throughput(texts, read_prose, 0.001)  # one pass: the model reads a few hundredths of a MB a second
    print(f"  scan with names in prose read (publications made once): {prose_rate:.3f} MB/s")
    # Inputs that made an earlier version quadratic (an unbounded e-mail pattern; a list re-walked per name; a title's
    # bracket looked for before each name):
    # linear now, each should take well under a second.
    print("adversarial inputs, one scan each:")
    for label, text in (
        ("100 KB of digits", "1" * 100_000),
        ("100 KB of letters", "a" * 100_000),
        ("7,000 names joined by 、", "王伟、" * 7_000),
        ("3,000 names then a company", "王伟、" * 3_000 + "某某公司。"),
        ("50,000 rows of a list of payees", "\n".join(f"{n}\t柴慧敏\t{n % 900 + 100}.00" for n in range(50_000))),
    ):
        started = time.perf_counter()
        scan(text)
        print(f"  {label:28} {time.perf_counter() - started:6.3f} s")


if __name__ == "__main__":
    main()
