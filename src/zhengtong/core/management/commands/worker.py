"""zhengtong worker: the huey consumer (SQLite queue under var/ by default, Redis when ZT_REDIS_URL is set)."""

from huey.contrib.djhuey.management.commands.run_huey import Command as RunHuey


class Command(RunHuey):
    help = "启动后台任务进程（huey）"
