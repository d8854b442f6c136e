"""zhengtong integration create USERNAME --name 名称 | zhengtong integration rotate USERNAME

An integration account is another system calling the API (the 12345 platform posting to Open311, a province's
exchange): it has no password and no person behind it, so its key comes from the console of the server, run by
the operator, and is printed once. `rotate` revokes its live keys and prints a new one.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from zhengtong.audit.context import acting_as, console_actor
from zhengtong.audit.services import audit_record

from ...models import ApiToken, User
from ...tokens import token_issue, token_revoke


class Command(BaseCommand):
    help = "对接系统账户：create 新建并签发接口密钥；rotate 吊销旧密钥并签发新密钥"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        create = sub.add_parser("create", help="新建对接系统账户并签发密钥")
        create.add_argument("username")
        create.add_argument("--name", required=True, help="对接系统名称，例如：12345政务服务热线平台")
        rotate = sub.add_parser("rotate", help="吊销该账户的有效密钥并签发新密钥")
        rotate.add_argument("username")

    def handle(self, *args, verb, username, name=None, **options):
        with acting_as(console_actor("integration")):
            if verb == "create":
                account = self._create(username, name)
            else:
                account = User.objects.filter(username=username, kind=User.Kind.INTEGRATION).first()
                if account is None:
                    raise CommandError(f"没有名为 {username} 的对接系统账户")
                for token in ApiToken.objects.filter(user=account, revoked_at__isnull=True):
                    token_revoke(token=token)
            _token, key = token_issue(user=account, name=account.real_name)
        self.stdout.write(f"{account.real_name}（{username}）的接口密钥，只显示这一次：\n{key}")

    @transaction.atomic(durable=True)
    def _create(self, username: str, name: str) -> User:
        if User.objects.filter(username=username).exists():
            raise CommandError(f"账户 {username} 已存在")
        account = User(username=username, real_name=name, kind=User.Kind.INTEGRATION)
        account.set_unusable_password()
        account.save()
        audit_record(action="accounts.integration.create", obj=account, changes={"name": [None, name]})
        return account
