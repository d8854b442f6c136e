"""Looking an account up by its ID number when ID numbers are encrypted (issue 20, item 5), on PostgreSQL.

    .venv/bin/python benchmarks/field_crypto_bench.py [--users 200000] [--lookups 2000]

Loads N citizen accounts through bulk inserts (each ID number and mobile encrypted with AES-GCM, its blind index
written), then times, in turn, look-ups of random accounts:
  - the floor: by user name, a plain unique index on a clear column (what the look-up cost before encryption);
  - by ID number: the blind index (HMAC of the typed value) on its unique index, the row read and its ID number
    decrypted.
Prints p50/p95 of each and the ratio. Target: the encrypted look-up within 2x the floor.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from _setup import fresh_postgres


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200_000)
    parser.add_argument("--lookups", type=int, default=2000)
    args = parser.parse_args()
    fresh_postgres("zt_bench_crypto")

    from zhengtong.accounts.models import User
    from zhengtong.core.crypto import blind_index
    from zhengtong.core.ids import id_number_check_char

    rng = random.Random(2026)
    started = time.perf_counter()
    people, batch = [], []
    for n in range(args.users):
        birth = f"{rng.randrange(1940, 2010)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
        first17 = f"330206{birth}{n % 1000:03d}"
        id_number = first17 + id_number_check_char(first17)
        people.append((f"c{n:09d}", id_number))
        # the blind indexes are written by their fields on insert, as in a registration
        batch.append(User(username=f"c{n:09d}", kind="citizen", real_name="测试", id_number=id_number))
        if len(batch) == 5000 or n == args.users - 1:
            User.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    print(f"loaded {User.objects.count()} accounts in {time.perf_counter() - started:.0f} s")

    def by_username(name, _number):
        return User.objects.filter(username=name).values_list("pk", flat=True).first()

    def by_id_number(_name, number):
        return User.objects.filter(id_number_index=blind_index(number)).only("pk", "id_number").first().id_number

    calls = {
        "floor: by user name (clear, unique index)": by_username,
        "by ID number (blind index + decrypt)": by_id_number,
    }
    times = {label: [] for label in calls}
    for n in range(20 + args.lookups):
        name, number = rng.choice(people)
        for label, call in calls.items():
            t = time.perf_counter()
            call(name, number)
            if n >= 20:
                times[label].append((time.perf_counter() - t) * 1000)
    floor = None
    for label, samples in times.items():
        ordered = sorted(samples)
        p50, p95 = statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]
        floor = floor or (p50, p95)
        print(f"  {label:45} p50 {p50:6.3f} ms  p95 {p95:6.3f} ms  ratio p95 {p95 / floor[1]:.2f}")


if __name__ == "__main__":
    main()
