"""zhengtong staff create USERNAME --name 姓名 --department CODE [--post 职务] [--role CODE ...]

Staff accounts are created by an administrator only. The password is read from a prompt (or, for scripts,
one line on standard input with --password-stdin); the second factor is enrolled at first login.
"""

from __future__ import annotations

import getpass
import sys

from django.core.management.base import BaseCommand, CommandError

from zhengtong.audit.context import acting_as, console_actor
from zhengtong.core.errors import ZtError
from zhengtong.org import services
from zhengtong.org.models import Department, Post, Role


class Command(BaseCommand):
    help = "工作人员账户：create 新建"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        create = sub.add_parser("create", help="新建工作人员")
        create.add_argument("username")
        create.add_argument("--name", required=True, help="真实姓名")
        create.add_argument("--department", required=True, help="机构编码")
        create.add_argument("--post", help="职务名称")
        create.add_argument("--role", action="append", default=[], help="角色编码，可多次")
        create.add_argument("--password-stdin", action="store_true")

    def handle(self, *args, username, name, department, post, role, password_stdin, **options):
        dept = Department.objects.filter(code=department).first()
        if dept is None:
            raise CommandError(f"机构编码 {department} 不存在")
        roles = list(Role.objects.filter(code__in=role))
        if len(roles) != len(set(role)):
            raise CommandError(f"角色编码不存在：{sorted(set(role) - {r.code for r in roles})}")
        password = sys.stdin.readline().rstrip("\n") if password_stdin else getpass.getpass("密码：")
        with acting_as(console_actor("staff")):
            try:
                post_obj = Post.objects.filter(department=dept, name=post).first() if post else None
                if post and post_obj is None:
                    raise CommandError(f"{dept.name}没有职务“{post}”")
                services.staff_onboard(
                    username=username,
                    real_name=name,
                    password=password,
                    department=dept,
                    post=post_obj,
                    roles=tuple(roles),
                )
            except ZtError as exc:
                raise CommandError(f"{exc.message}（{exc.code}）") from None
        self.stdout.write(f"已创建工作人员 {username}（{name}，{dept.name}）；首次登录时绑定动态口令。")
