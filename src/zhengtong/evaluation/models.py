"""Invitations, ratings and the follow-up of every 差评.

An invitation is opened once per concluded case (`subject_type`, `subject_id`): it names what is rated (the
department, the approver, the service item) and who may rate it (the applicant's account, or for one without an
account the mobile the SMS link went to). The rating hangs on the invitation one-to-one, so one case is rated once
by its rater (the database says so); it is never edited or deleted, and may receive one later addition (追评).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhengtong.core.fields import EncryptedTextField


class Score(models.IntegerChoices):
    """GB/T 39734-2020: five levels; 差评 is 1 and 2."""

    VERY_GOOD = 5, _("非常满意")
    GOOD = 4, _("满意")
    FAIR = 3, _("基本满意")
    BAD = 2, _("不满意")
    VERY_BAD = 1, _("非常不满意")


BAD_SCORES = (Score.BAD, Score.VERY_BAD)
GOOD_SCORES = (Score.VERY_GOOD, Score.GOOD)

# The online sub-indicators (国办发〔2019〕51号 附件): 整体满意度 is the rating's own score.
SUB_INDICATORS = (
    ("efficiency", _("办事效率")),
    ("guide_accuracy", _("办事指南精确度")),
    ("convenience", _("办事便捷度")),
    ("usability", _("平台操作性")),
)


class Channel(models.TextChoices):
    CASE_PAGE = "case_page", _("办件页面")
    SMS = "sms", _("短信链接")
    TABLET = "tablet", _("窗口评价器")
    CALLBACK = "callback", _("电话回访")
    API = "api", _("接口")


class Invitation(models.Model):
    subject_type = models.CharField(_("办件类型"), max_length=100)
    subject_id = models.CharField(_("办件编号"), max_length=64)
    subject_label = models.CharField(_("办件"), max_length=200)
    department = models.ForeignKey(
        "org.Department", verbose_name=_("被评价部门"), on_delete=models.PROTECT, related_name="+"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    item_code = models.CharField(_("事项编码"), max_length=50, blank=True)
    item_name = models.CharField(_("事项"), max_length=200, blank=True)
    online = models.BooleanField(_("网上办理"), default=False, help_text=_("网上办理的办件另评四项分指标"))
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评价人账户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluation_invitations",
    )
    rater_mobile = EncryptedTextField(_("评价人手机"), blank=True)
    # The SMS link's token is kept only as its keyed hash; it rates once (the one-to-one below) and then shows the
    # rating.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    # The window's 评价器 (a tablet on the counter): the clerk hands it one case at a time, for minutes.
    kiosk_hash = models.CharField(max_length=64, blank=True, db_index=True)
    kiosk_expires = models.DateTimeField(null=True, blank=True)
    concluded_at = models.DateTimeField(_("办结时间"))
    expires_at = models.DateTimeField(_("评价截止"))
    # when its rating was given (services.rating_record), so that a rater's open cases are read by an index of the
    # unrated (evaluation_rater_unrated): through the rating's join PostgreSQL hashed every rating of every citizen
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("评价邀请")
        verbose_name_plural = _("评价邀请")
        constraints = [
            models.UniqueConstraint(fields=["subject_type", "subject_id"], name="evaluation_one_invitation_per_case")
        ]
        indexes = [
            models.Index(fields=["rater", "expires_at"], name="evaluation_rater_open"),
            # 我的评价's cases still open to rating, the soonest to close first (views_rate.mine)
            models.Index(
                fields=["rater", "expires_at", "id"],
                condition=Q(rated_at__isnull=True),
                name="evaluation_rater_unrated",
            ),
            # 我的评价, newest first: read in this order, not sorted from all of a frequent applicant's (decision 0020)
            models.Index(fields=["rater", "-concluded_at", "-id"], name="evaluation_rater_latest"),
        ]

    def __str__(self) -> str:
        return self.subject_label


class Rating(models.Model):
    invitation = models.OneToOneField(Invitation, on_delete=models.PROTECT, related_name="rating")
    score = models.PositiveSmallIntegerField(_("整体满意度"), choices=Score.choices)
    efficiency = models.PositiveSmallIntegerField(_("办事效率"), choices=Score.choices, null=True, blank=True)
    guide_accuracy = models.PositiveSmallIntegerField(_("办事指南精确度"), choices=Score.choices, null=True, blank=True)
    convenience = models.PositiveSmallIntegerField(_("办事便捷度"), choices=Score.choices, null=True, blank=True)
    usability = models.PositiveSmallIntegerField(_("平台操作性"), choices=Score.choices, null=True, blank=True)
    comment = EncryptedTextField(_("评价内容"), blank=True)
    channel = models.CharField(_("评价渠道"), max_length=20, choices=Channel.choices)
    at = models.DateTimeField(_("评价时间"))
    addition = EncryptedTextField(_("追加评价"), blank=True)
    added_at = models.DateTimeField(_("追评时间"), null=True, blank=True)
    # The comment and the addition as others read them (the public's praise, the rated department's 差评): masked
    # together once, when said, with names in prose read by the model (publication.public_copy)
    public_comment = models.TextField(_("公开的评价内容"), blank=True)
    public_addition = models.TextField(_("公开的追加评价"), blank=True)
    # Copied from the invitation so that the rankings read one table by (month, who).
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    item_code = models.CharField(max_length=50, blank=True)
    # An appeal upheld by supervision takes a rating out of the department's figures; the rating itself stays.
    counted = models.BooleanField(_("计入统计"), default=True)

    class Meta:
        verbose_name = _("评价")
        verbose_name_plural = _("评价")
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="evaluation_score_1_to_5"),
        ]
        indexes = [
            models.Index(fields=["department", "at"], name="evaluation_rating_dept_at"),
            models.Index(fields=["at"], name="evaluation_rating_at"),
            # a department's 差评 newest first: the workbench's list of follow-ups (one to each) in its order
            models.Index(fields=["department", "at"], condition=Q(score__in=BAD_SCORES), name="evaluation_bad_dept_at"),
            # every 差评 newest first: a supervisor's list when his scope is 全部
            models.Index(fields=["-at"], condition=Q(score__in=BAD_SCORES), name="evaluation_bad_at"),
        ]

    @property
    def is_bad(self) -> bool:
        return self.score in BAD_SCORES


class FollowUp(models.Model):
    """A 差评 followed up: verified within one working day, rectified within five (settings), the rater told; or
    appealed by the department as not about its work and decided by supervision."""

    class State(models.TextChoices):
        VERIFYING = "verifying", _("待核实")
        RECTIFYING = "rectifying", _("整改中")
        APPEALED = "appealed", _("申诉待审")
        DONE = "done", _("已整改反馈")
        EXCLUDED = "excluded", _("申诉成立")

    rating = models.OneToOneField(Rating, on_delete=models.PROTECT, related_name="follow_up")
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.VERIFYING)
    verification = EncryptedTextField(_("核实情况"), blank=True)  # staff copy the rater's numbers here: encrypted
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(_("核实时间"), null=True, blank=True)
    rectification = EncryptedTextField(_("整改情况"), blank=True)  # published masked (public_rectification)
    rectified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rectified_at = models.DateTimeField(_("整改完成时间"), null=True, blank=True)
    rectified_on_time = models.BooleanField(_("按期整改"), null=True)
    appeal_reason = EncryptedTextField(_("申诉理由"), blank=True)  # staff write about the rater: encrypted
    appeal_decision = EncryptedTextField(_("申诉审核意见"), blank=True)  # as the appeal: encrypted
    appeal_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published = models.BooleanField(_("整改情况已公开"), default=False)
    # The rating's comment and the rectification as the public reads them: masked together once, at publication,
    # with names in prose read by the model (privacy/prose.py), too slow to mask on each view
    public_comment = models.TextField(_("公开的评价内容"), blank=True)
    public_rectification = models.TextField(_("公开的整改情况"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("差评整改")
        verbose_name_plural = _("差评整改")
        indexes = [
            models.Index(fields=["state"], name="evaluation_followup_state"),
            # the public page's latest published rectifications, read on each view, newest first
            models.Index(fields=["-rectified_at"], condition=Q(published=True), name="evaluation_followup_published"),
        ]


class TallyMonth(models.Model):
    """When a month's rankings were last counted (`tallies.refresh`): the public pages read the stored counts, and
    the rendered ranking is cached under this moment, so a page costs one indexed read until the next count."""

    month = models.DateField(_("月份"), primary_key=True)
    refreshed_at = models.DateTimeField(_("统计时间"))
    # counted with each key's parts per department (every count since issue 26): the workbench sums a viewer's
    # departments' parts; a month counted before is counted live for him until it is counted again
    by_department = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("排名统计")
        verbose_name_plural = _("排名统计")


class Tally(models.Model):
    """A month's counts for one department, service item or approver (rankings.counts), as last refreshed."""

    class By(models.TextChoices):
        DEPARTMENT = "department", _("部门")
        ITEM = "item", _("事项")
        STAFF = "staff", _("审批人员")

    month = models.ForeignKey(TallyMonth, on_delete=models.CASCADE, related_name="tallies")
    by = models.CharField(max_length=10, choices=By.choices)
    key = models.CharField(max_length=64)
    # the department whose ratings and clocks these are (a key's counts are kept per department); no foreign key:
    # a count outlives a department merged away, as the audit log's department ids do
    department_id = models.IntegerField(null=True, blank=True)
    ratings = models.PositiveIntegerField(default=0)
    score_total = models.PositiveIntegerField(default=0)
    good = models.PositiveIntegerField(default=0)
    bad = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    due = models.PositiveIntegerField(default=0)
    rectified_on_time = models.PositiveIntegerField(default=0)
    rectified_judged = models.PositiveIntegerField(default=0)
    # time used and time allowed by the limits finished in the month, in seconds (rankings.Share)
    time_used = models.FloatField(default=0)
    time_allowed = models.FloatField(default=0)

    class Meta:
        verbose_name = _("排名计数")
        verbose_name_plural = _("排名计数")
        constraints = [
            models.UniqueConstraint(fields=["month", "by", "key", "department_id"], name="evaluation_one_tally_part")
        ]
