"""The deadline clock every case type shares, and what supervision records about it.

A domain starts a clock when a stage of a case begins, pauses it for lawful pauses, extends it with an
approval and stops it when the stage ends. The clock stores its due time and the time its warning level next
changes (`next_check_at`), both indexed over open clocks only, so the periodic scan touches only the clocks
whose level actually changes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from zhengtong.core.fields import EncryptedTextField

OPEN = Q(stopped_at__isnull=True)
RUNNING = Q(stopped_at__isnull=True, paused_since__isnull=True)


class Unit(models.TextChoices):
    WORKING_DAYS = "working_days", _("工作日")
    NATURAL_DAYS = "natural_days", _("自然日")
    HOURS = "hours", _("小时")


class Level(models.TextChoices):
    GREEN = "green", _("正常")
    YELLOW = "yellow", _("预警")
    RED = "red", _("超时")


class Outcome(models.TextChoices):
    ON_TIME = "on_time", _("按时办结")
    LATE = "late", _("超时办结")
    CANCELLED = "cancelled", _("终止")
    # A window closes: the time in which the office *may* act has passed (条例 第三十条's seven days to ask for a
    # correction). Nothing was due, so nothing is late.
    LAPSED = "lapsed", _("期限届满")


class Clock(models.Model):
    subject_type = models.CharField(_("事项类型"), max_length=100)
    subject_id = models.CharField(_("事项编号"), max_length=64)
    subject_label = models.CharField(_("事项"), max_length=200, blank=True)
    stage = models.CharField(_("环节"), max_length=50)
    stage_label = models.CharField(_("环节名称"), max_length=100, blank=True)
    whole = models.BooleanField(_("整体时限"), default=False, help_text=_("计整个办件的时限，而非单个环节"))
    # A window warns like a limit but its end is no fault: the scan closes it as lapsed, records no violation, and
    # the on-time figures leave it out.
    window = models.BooleanField(_("期限窗口"), default=False, help_text=_("到期表示可办理的期间届满，不计超时"))
    item_code = models.CharField(_("事项编码"), max_length=50, blank=True)
    # No single-column index for the department or the assignee: the indexes below lead with each, and every
    # extra index is written on each level change the scan makes.
    department = models.ForeignKey(
        "org.Department", verbose_name=_("责任部门"), on_delete=models.PROTECT, related_name="clocks", db_index=False
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clocks",
        db_index=False,
    )
    limit = models.PositiveIntegerField(_("时限"))
    unit = models.CharField(_("单位"), max_length=20, choices=Unit.choices, default=Unit.WORKING_DAYS)
    extension_total = models.PositiveIntegerField(_("已延长"), default=0)
    started_at = models.DateTimeField(_("起算时间"))
    due_at = models.DateTimeField(_("到期时间"))
    yellow_at = models.DateTimeField(_("预警时间"))
    next_check_at = models.DateTimeField(_("下次检查"), null=True, blank=True)
    paused_since = models.DateTimeField(_("暂停于"), null=True, blank=True)
    stopped_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=20, choices=Outcome.choices, blank=True)
    level = models.CharField(_("状态"), max_length=10, choices=Level.choices, default=Level.GREEN)
    provisional = models.BooleanField(_("临时期限"), default=False, help_text=_("到期日所在年度的节假日安排尚未公布"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("时限")
        verbose_name_plural = _("时限")
        indexes = [
            # The scan: running clocks whose level changes by now. Only those rows are ever read.
            models.Index(fields=["next_check_at"], condition=RUNNING, name="clock_running_next_check"),
            # What is due or late: one indexed range query over open clocks.
            models.Index(fields=["due_at"], condition=OPEN, name="clock_open_due"),
            # Dashboards and to-do lists.
            # (and a head's list filtered to a level, each department's range in due order: selectors)
            models.Index(
                fields=["department", "level", "due_at", "id"], condition=OPEN, name="clock_open_dept_level_due"
            ),
            # The list of limits filtered to a level (the dashboard's drill-down to red), in due order.
            models.Index(fields=["level", "due_at"], condition=OPEN, name="clock_open_level_due"),
            models.Index(fields=["assignee", "due_at"], condition=OPEN, name="clock_open_assignee_due"),
            # (and a head's list of those finished on time or late, each department's range newest first)
            models.Index(fields=["department", "outcome", "stopped_at", "id"], name="clock_dept_outcome_stop"),
            # A head's own limits, the merge's last arm, filtered as his departments' are (selectors). Without them,
            # filtered to a level PostgreSQL read his every limit and the city's every limit of that level as two
            # bitmaps; filtered to an outcome, his every limit, sorted.
            models.Index(
                fields=["assignee", "level", "due_at", "id"], condition=OPEN, name="clock_open_assignee_level_due"
            ),
            models.Index(fields=["assignee", "outcome", "stopped_at", "id"], name="clock_assignee_outcome_stop"),
            models.Index(fields=["subject_type", "subject_id"], name="clock_subject"),
            # A domain's to-do list sorted by due: each department's running limits of the step its cases wait on
            # (approvals/queue.section_applications), soonest first, the earlier started first among equals.
            models.Index(
                fields=["subject_type", "department", "stage", "due_at", "started_at", "id"],
                condition=RUNNING,
                name="clock_waiting",
            ),
            # What finished in a period: a month's rankings (evaluation/rankings.py), the dashboard's trend.
            models.Index(fields=["stopped_at"], condition=Q(stopped_at__isnull=False), name="clock_stopped_at"),
            # The workbench's list of limits in CLOCK_LIST_ORDER is read by the index clock_list, made by migration
            # 0008 for each database: SQLite cannot write NULLS FIRST in an index, and sorts NULLs first anyway.
            models.Index(
                fields=["provisional"],
                condition=Q(stopped_at__isnull=True, provisional=True),
                name="clock_open_provisional",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_label or self.subject_id} · {self.stage_label or self.stage}"

    @property
    def is_open(self) -> bool:
        return self.stopped_at is None

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None


class ClockPause(models.Model):
    class Reason(models.TextChoices):
        CORRECTION = "correction", _("补正")
        # 行政许可法 第四十五条: the procedures whose time is not counted, each named.
        HEARING = "hearing", _("听证")
        TENDER = "tender", _("招标")
        AUCTION = "auction", _("拍卖")
        INSPECTION = "inspection", _("检验")
        TESTING = "testing", _("检测")
        QUARANTINE = "quarantine", _("检疫")
        APPRAISAL = "appraisal", _("鉴定")
        EXPERT_REVIEW = "expert_review", _("专家评审")
        THIRD_PARTY = "third_party", _("征求第三方意见")
        FEE = "fee", _("待缴纳信息处理费")
        APPEAL = "appeal", _("差评申诉审核中")
        OTHER = "other", _("其他法定情形")

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="pauses")
    reason = models.CharField(_("暂停原因"), max_length=20, choices=Reason.choices)
    note = EncryptedTextField(_("说明"), blank=True)  # a third party consulted is named here: encrypted
    # 第四十五条: "应当将所需时间书面告知申请人" — the time the procedure is expected to take, as told.
    expected_days = models.PositiveSmallIntegerField(_("预计所需时间（工作日）"), null=True, blank=True)
    started_at = models.DateTimeField(_("暂停时间"))
    ended_at = models.DateTimeField(_("恢复时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("暂停计时")
        verbose_name_plural = _("暂停计时")
        ordering = ["started_at"]


class ClockExtension(models.Model):
    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="extensions")
    amount = models.PositiveIntegerField(_("延长"))
    reason = models.CharField(_("延长理由"), max_length=300)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("批准人"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("批准时间"))

    class Meta:
        verbose_name = _("延长时限")
        verbose_name_plural = _("延长时限")
        ordering = ["at"]


class Alert(models.Model):
    """Every change of a clock's warning level, as a row (the clock's history of flips)."""

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="alerts")
    level_from = models.CharField(_("原状态"), max_length=10, choices=Level.choices)
    level_to = models.CharField(_("新状态"), max_length=10, choices=Level.choices)
    at = models.DateTimeField(_("时间"), db_index=True)

    class Meta:
        verbose_name = _("预警记录")
        verbose_name_plural = _("预警记录")
        ordering = ["at", "pk"]


class Violation(models.Model):
    class Kind(models.TextChoices):
        STAGE_OVERTIME = "stage_overtime", _("环节超时")
        CASE_OVERTIME = "case_overtime", _("办件超时")
        SKIPPED_STEP = "skipped_step", _("跳过环节")
        REFUSAL_WITHOUT_REASON = "refusal_without_reason", _("不予办理未说明理由")
        FEE_NOT_PUBLISHED = "fee_not_published", _("收费不符合公示标准")

    kind = models.CharField(_("违规类型"), max_length=30, choices=Kind.choices)
    clock = models.ForeignKey(
        Clock, verbose_name=_("时限"), null=True, blank=True, on_delete=models.CASCADE, related_name="violations"
    )
    subject_type = models.CharField(_("事项类型"), max_length=100)
    subject_id = models.CharField(_("事项编号"), max_length=64)
    department = models.ForeignKey(
        "org.Department", verbose_name=_("责任部门"), on_delete=models.PROTECT, related_name="+"
    )
    detail = models.CharField(_("说明"), max_length=300, blank=True)
    at = models.DateTimeField(_("时间"), db_index=True)

    class Meta:
        verbose_name = _("违规记录")
        verbose_name_plural = _("违规记录")
        ordering = ["-at", "-pk"]
        constraints = [
            # One overtime record per clock, however often the scan or the stop sees it late.
            models.UniqueConstraint(
                fields=["clock", "kind"],
                condition=Q(kind__in=["stage_overtime", "case_overtime"]),
                name="violation_one_overtime_per_clock",
            ),
        ]


class WarningRule(models.Model):
    """Local thresholds (DOMAIN §3 defaults: 预警 when ≤ 1 working day or ≤ 20% of the limit remains)."""

    item_code = models.CharField(_("事项编码"), max_length=50, blank=True, help_text=_("留空表示所有事项"))
    stage = models.CharField(_("环节"), max_length=50, blank=True, help_text=_("留空表示所有环节"))
    yellow_units = models.PositiveIntegerField(_("剩余不超过（个时限单位）时预警"), default=1)
    yellow_ratio = models.DecimalField(_("剩余不超过（比例）时预警"), max_digits=3, decimal_places=2, default="0.20")

    class Meta:
        verbose_name = _("预警规则")
        verbose_name_plural = _("预警规则")
        constraints = [models.UniqueConstraint(fields=["item_code", "stage"], name="warning_rule_unique")]

    def __str__(self) -> str:
        return f"{self.item_code or '全部事项'} / {self.stage or '全部环节'}"


class ExtensionRequest(models.Model):
    """A clerk asks for more time; the approver the rule names decides it in his own session (行政许可法
    第四十二条 "经本行政机关负责人批准", 政府信息公开条例 第三十三条 "经…负责人同意"). Only an approved request
    extends the clock, as a ClockExtension naming him."""

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="extension_requests")
    amount = models.PositiveIntegerField(_("延长"))
    reason = models.CharField(_("延长理由"), max_length=300)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("申请时间"))
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审批人"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    approved = models.BooleanField(_("同意"), null=True)
    note = models.CharField(_("审批意见"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("延长时限申请")
        verbose_name_plural = _("延长时限申请")
        ordering = ["requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["clock"], condition=models.Q(decided_at__isnull=True), name="supervision_one_pending_extension"
            )
        ]


# Running limits first (on SQLite and on PostgreSQL alike: their NULLs sort differently), the nearest due first;
# read by the index clock_list (migration 0008).
CLOCK_LIST_ORDER = (F("stopped_at").asc(nulls_first=True), F("due_at").asc())
