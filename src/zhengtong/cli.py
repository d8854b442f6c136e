"""The `zhengtong` console script: Django's management commands under the project's own name.

zhengtong demo [--port N] [--no-serve]    migrate SQLite, seed 北仑区, serve with a worker
zhengtong serve | worker | audit verify | staff create ... | migrate | ...
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengtong.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    execute_from_command_line(["zhengtong", *argv[1:]])


if __name__ == "__main__":
    main()
