"""The production settings with the floor's URL added (floor_urls.py), for a benchmark that runs the real
server (load_bench.py)."""

from zhengtong.settings import *  # noqa: F403

ROOT_URLCONF = "floor_urls"
