"""zhengtong demo [--port N] [--no-serve]: migrate, seed 北仑区, print the demo accounts, serve.

Serving starts the web server and a huey worker as child processes; Ctrl-C stops both.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from zhengtong.audit.context import Actor, acting_as
from zhengtong.core.management.commands.serve import LOGGER_CLASS
from zhengtong.core.staticfiles import collect_when_changed

from ... import data
from ...seed import DEMO_CITIZEN, DEMO_ENTERPRISE, seed_all


class Command(BaseCommand):
    help = "初始化并启动演示站点（宁波市北仑区）"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="只建库和生成数据，不启动服务")
        parser.add_argument("--applications", type=int, default=2000, help="演示办件数（首次生成时）")
        parser.add_argument("--documents", type=int, default=5000, help="演示政府信息公开文件数（首次生成时）")
        parser.add_argument("--letters", type=int, default=5000, help="演示来信来电数（首次生成时）")

    def handle(self, *args, port, no_serve, applications, documents, letters, **options):
        started = time.monotonic()
        if not os.environ.get("ZT_PUBLIC_URL"):
            # the links it writes (好差评 SMS, feeds, the data catalogue) name where it serves, here and in the
            # server and worker it starts; the default names port 8000
            os.environ["ZT_PUBLIC_URL"] = settings.PUBLIC_URL = f"http://127.0.0.1:{port}"
        self.stdout.write("数据库迁移……")
        call_command("migrate", interactive=False, verbosity=0)
        with acting_as(Actor(name="演示数据")):
            result = seed_all(
                progress=lambda m: self.stdout.write(m), applications=applications, documents=documents, letters=letters
            )
        self.stdout.write(
            f"演示数据就绪（{time.monotonic() - started:.1f} 秒）：{result['departments']} 个机构，"
            f"本次新建 {result['staff_created']} 名工作人员；{result['items']} 个服务事项，"
            f"本次新建 {result['applications']} 件办件；本次新建政府信息 {result['documents']} 份、"
            f"公开申请 {result['requests']} 件；来信来电 {result['letters']} 件。"
        )
        collect_when_changed()  # whatever serves the demo next (`zhengtong serve`, gunicorn by hand) finds them
        self._print_accounts(result, port)
        if not no_serve:
            self._serve(port)

    def _print_accounts(self, result, port):
        w = self.stdout.write
        w("")
        w(f"网站：http://127.0.0.1:{port}/    工作台：http://127.0.0.1:{port}/workbench/")
        w(f"所有演示账户的密码：{data.DEMO_PASSWORD}")
        w(f"  市民   {DEMO_CITIZEN['mobile']}（张三）")
        w(f"  企业   {result['public'][1].uscc}（{DEMO_ENTERPRISE['enterprise_name']}）")
        for username, name, _suffix, _post, roles, _head in data.DEMO_STAFF:
            label = "、".join(r[1] for r in data.ROLES if r[0] in roles)
            w(f"  {label:<8} {username}（{name}）")
        w("工作人员登录须输入动态口令；演示环境用下面的命令取得当前口令：")
        w("  .venv/bin/zhengtong demo_otp lisi")
        w("")

    def _serve(self, port):
        python = sys.executable
        web = [python, "-m", "gunicorn", "zhengtong.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        web += ["--worker-class", "gthread", "--threads", "4", "--workers", "2", "--logger-class", LOGGER_CLASS]

        def started(children):
            self.stdout.write(
                f"已启动网站（进程 {children[0].pid}）和后台任务（进程 {children[1].pid}），按 Ctrl-C 停止。"
            )
            self.stdout.write(f"数据目录：{settings.VAR_DIR}")

        supervise([web, [python, "-m", "zhengtong", "worker"]], started=started)
        self.stdout.write("已停止。")


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def supervise(commands: list[list[str]], started=lambda children: None) -> None:
    """Start the commands and wait while every child runs; on Ctrl-C, on SIGTERM (a service manager stopping
    the demo) or when one child ends, stop the others (SIGTERM, then SIGKILL after 10 s). Python's own SIGTERM
    ended this process at once and left the web server and the worker running. The handler is in place before
    the first child starts, so a stop that arrives while they start is not lost either."""
    previous = signal.signal(signal.SIGTERM, _interrupt)
    children: list[subprocess.Popen] = []
    try:
        for command in commands:
            children.append(subprocess.Popen(command))
        started(children)
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
