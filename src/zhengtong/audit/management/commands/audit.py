"""zhengtong audit verify [--anchor SEQ:HASH] | zhengtong audit anchor

verify: exits 0 when both chains (operation log, login log) are intact and still hold the latest anchor (the
signed heads written outside the database, ZT_AUDIT_ANCHOR_DIR), 1 naming the first bad entry otherwise.
--anchor checks the operation log against a head recorded elsewhere instead. A key other than the one the
logs were written with is reported as such.
anchor: write the current head as an anchor now (the worker does it every ten minutes).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ... import anchor as anchors
from ...selectors import chain_head, chains_verify


class Command(BaseCommand):
    help = "审计日志：verify 校验整条哈希链；anchor 写入锚点"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        verify = sub.add_parser("verify", help="校验操作日志哈希链及最新锚点")
        verify.add_argument("--anchor", help="早先记录的链头 SEQ:HASH（默认使用锚点目录中最新的锚点）")
        sub.add_parser("anchor", help="把当前链头签名写入锚点目录")

    def handle(self, *args, verb, anchor=None, **options):
        if verb == "anchor":
            try:
                written = anchors.write_anchor()
            except anchors.BadAnchor as bad:
                raise CommandError(f"未写入锚点：{bad}", returncode=1) from bad
            where = anchors.anchor_file()
            self.stdout.write(f"锚点已写入 {where}：{written.seq}:{written.hash}" if written else "日志为空，未写锚点")
            return
        expected = self._expected_head(anchor)
        results = chains_verify()
        for result in results:
            if not result.ok:
                raise CommandError(
                    f"审计日志校验失败：{result.log}已校验 {result.checked} 条，"
                    f"第一条异常记录为第 {result.bad_position} 条（序号 {result.bad_seq}）：{result.reason}",
                    returncode=1,
                )
        if expected and not anchors.log_holds(expected):
            raise CommandError(
                f"审计日志校验失败：锚点 {expected.seq}（登录日志 {expected.login_seq}）缺失或不符，"
                "操作日志或登录日志可能被截断或改写",
                returncode=1,
            )
        head = chain_head()
        counts = "，".join(f"{r.log}已校验 {r.checked} 条" for r in results)
        self.stdout.write(f"审计日志完整：{counts}。")
        if expected:
            self.stdout.write(f"包含锚点 {expected.seq}。")
        else:
            self.stdout.write(f"锚点目录 {anchors.anchor_file().parent} 中尚无锚点：日志末尾被截断无法发现。")
        if head:
            self.stdout.write(f"链头 {head['seq']}:{head['hash']}")

    def _expected_head(self, given: str | None) -> anchors.Anchor | None:
        """The heads the logs must still hold: the operation log's head given, else the latest anchor (its key and
        signature checked first, so that a wrong key is named as such before any entry is called tampered)."""
        if given:
            seq, _, digest = given.partition(":")
            if not seq.isdigit() or int(seq) < 1:
                raise CommandError("--anchor 的格式应为 SEQ:HASH（SEQ 从 1 起）", returncode=2)
            return anchors.Anchor(int(seq), digest, at="", key_id="")
        try:
            latest = anchors.latest()
            if latest is None:
                return None
            anchors.check_key(latest)
        except anchors.BadAnchor as bad:
            raise CommandError(f"审计日志校验失败：{bad}", returncode=1) from bad
        return latest
