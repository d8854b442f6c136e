"""One case file per letter or call, whatever the channel (DOMAIN §5): intake, dispatch to departments
(main and co-handling), reply under review, callback, and publication of a masked copy."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zhengtong.core.fields import BlindIndexField, EncryptedModel, EncryptedTextField
from zhengtong.core.models import TimeStampedModel
from zhengtong.supervision.models import Unit


class Kind(models.TextChoices):
    CONSULTATION = "consultation", _("咨询")
    HELP = "help", _("求助")
    COMPLAINT = "complaint", _("投诉")
    REPORT = "report", _("举报")
    SUGGESTION = "suggestion", _("建议")
    PRAISE = "praise", _("表扬")


class Urgency(models.TextChoices):
    """How fast the case must be handled; anything but NORMAL overrides the kind's limit."""

    NORMAL = "normal", _("一般")
    URGENT = "urgent", _("紧急")
    UTILITY = "utility", _("水电气等时效性诉求")
    COMPLEX = "complex", _("疑难复杂")


class Channel(models.TextChoices):
    WEB = "web", _("网站")
    MAILBOX = "mailbox", _("领导信箱")
    PHONE = "phone", _("12345热线电话")
    OPEN311 = "open311", _("Open311接口")


class State(models.TextChoices):
    SUBMITTED = "submitted", _("待受理")
    ACCEPTED = "accepted", _("待派单")
    DISPATCHED = "dispatched", _("待签收")
    RETURNED = "returned", _("退单待审核")
    HANDLING = "handling", _("办理中")
    REVIEW = "review", _("答复待审核")
    REPLIED = "replied", _("已答复待回访")
    CLOSED = "closed", _("已办结")
    DECLINED = "declined", _("不予受理")
    MERGED = "merged", _("已合并")


# The hotline centre's queue: letters waiting on the centre (to accept, dispatch, review a return or call back).
CENTRE_STATES = (State.SUBMITTED, State.ACCEPTED, State.RETURNED, State.REPLIED)


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")
    UNREACHABLE = "unreachable", _("未能联系")


class Limit(models.Model):
    """处理时限 per kind (for normal letters) and per urgency (overriding the kind): DOMAIN §5 defaults, seeded by
    the migration and changed by the dispatch centre on its settings page (services.limit_save)."""

    key = models.CharField(
        _("适用"),
        max_length=20,
        unique=True,
        help_text=_("信件类别（consultation、complaint …）或紧急程度（urgent、utility、complex）"),
    )
    limit = models.PositiveIntegerField(_("时限"))
    unit = models.CharField(_("单位"), max_length=20, choices=Unit.choices)

    class Meta:
        verbose_name = _("办理时限")
        verbose_name_plural = _("办理时限")

    def __str__(self) -> str:
        return f"{self.key}: {self.limit} {self.get_unit_display()}"


class Centre(models.Model):
    """The dispatch centre (派单中心, e.g. 12345热线中心): its staff accept, dispatch, review returns, call back."""

    department = models.OneToOneField(
        "org.Department", verbose_name=_("派单中心"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("派单中心")
        verbose_name_plural = _("派单中心")

    def __str__(self) -> str:
        return str(self.department)


class Mailbox(models.Model):
    """区长信箱, 主任信箱, a department's mailbox. A department mailbox suggests that department; a leader's mailbox
    leaves the dispatch to the centre."""

    code = models.SlugField(_("信箱代码"), max_length=40, unique=True)
    name = models.CharField(_("信箱名称"), max_length=100)
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("部门信箱所属部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.CharField(_("说明"), max_length=300, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("信箱")
        verbose_name_plural = _("信箱")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Responsibility(models.Model):
    """The responsibility catalogue (职责清单): a category of concern and the department that owns it. One row is the
    fallback for unclear ownership."""

    code = models.SlugField(_("类别代码"), max_length=40, unique=True)
    name = models.CharField(_("诉求类别"), max_length=100)
    keywords = models.CharField(_("关键词"), max_length=500, blank=True, help_text=_("以空格或顿号分隔"))
    department = models.ForeignKey(
        "org.Department", verbose_name=_("责任部门"), on_delete=models.PROTECT, related_name="+"
    )
    is_fallback = models.BooleanField(_("兜底部门"), default=False, help_text=_("职责不清时先派给此部门"))
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("职责清单")
        verbose_name_plural = _("职责清单")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["is_fallback"], condition=Q(is_fallback=True), name="one_fallback")
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.department}"

    def keyword_list(self) -> list[str]:
        return [k for k in self.keywords.replace("、", " ").replace("，", " ").split() if k]


class Letter(EncryptedModel, TimeStampedModel):
    number = models.CharField(_("信件编号"), max_length=20, unique=True)
    query_hash = models.CharField(max_length=64, editable=False)
    # The digest of the key a form or a client sent with the letter (cases/lookup.submission_digest): a retry
    # after a lost answer finds this letter instead of filing a second one.
    submission_key = models.CharField(max_length=64, blank=True, default="", editable=False)
    channel = models.CharField(_("来源"), max_length=10, choices=Channel.choices)
    mailbox = models.ForeignKey(
        Mailbox, verbose_name=_("信箱"), null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    kind = models.CharField(_("类别"), max_length=15, choices=Kind.choices)
    urgency = models.CharField(_("紧急程度"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    title = models.CharField(_("标题"), max_length=100)
    content = EncryptedTextField(_("内容"))  # writers put their own numbers here too: at rest encrypted
    location = EncryptedTextField(_("事发地点"), blank=True)  # writers put their home here too: encrypted
    # The member of staff a 表扬 or 投诉 is about, when written from his public profile (evaluation's staff page
    # counts them).
    about = models.ForeignKey(
        "org.Membership",
        verbose_name=_("表扬或投诉的工作人员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)
    # The writer. Never shown in public; the published copy below is what the public reads.
    writer = models.ForeignKey(
        "accounts.User",
        verbose_name=_("来信人账户"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letters",
    )
    anonymous = models.BooleanField(_("匿名"), default=False)
    writer_name = models.CharField(_("来信人"), max_length=50, blank=True)
    writer_phone = EncryptedTextField(_("联系电话"), blank=True)  # at rest encrypted; found by its index
    writer_phone_index = BlindIndexField(source="writer_phone")
    # An SMS code sent to writer_phone was entered on the web form: replies and callbacks reach the writer.
    phone_verified = models.BooleanField(_("手机已验证"), default=False)
    public_allowed = models.BooleanField(_("同意公开"), default=False)
    received_at = models.DateTimeField(_("来信时间"))
    # MinHash bands of the text (similar.py): a near-identical letter shares at least one with high probability.
    band0 = models.IntegerField(default=0)
    band1 = models.IntegerField(default=0)
    band2 = models.IntegerField(default=0)
    band3 = models.IntegerField(default=0)
    band4 = models.IntegerField(default=0)
    band5 = models.IntegerField(default=0)
    possible_duplicate = models.ForeignKey(
        "self", verbose_name=_("疑似重复"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self", verbose_name=_("合并到"), null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    state = models.CharField(_("状态"), max_length=12, choices=State.choices, default=State.SUBMITTED)
    category = models.ForeignKey(
        Responsibility, verbose_name=_("诉求类别"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "org.Department", verbose_name=_("主办部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    decline_reason = EncryptedTextField(_("不予受理理由"), blank=True)  # staff copy the writer's numbers here
    reply_draft = EncryptedTextField(_("答复草稿"), blank=True)  # the writer's number may be in it: encrypted
    reply_by = models.ForeignKey(
        "accounts.User", verbose_name=_("答复起草人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reply = EncryptedTextField(_("答复内容"), blank=True)  # public_reply is the masked copy
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    satisfaction = models.CharField(_("满意度"), max_length=15, choices=Satisfaction.choices, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    reopened = models.PositiveSmallIntegerField(_("重办次数"), default=0)
    # The public copy, masked by the privacy guard when published; the public pages read only these.
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    public_title = models.CharField(_("公开标题"), max_length=100, blank=True)
    public_content = models.TextField(_("公开内容"), blank=True)
    public_reply = models.TextField(_("公开答复"), blank=True)

    class Meta:
        verbose_name = _("信件")
        verbose_name_plural = _("信件")
        constraints = [
            models.UniqueConstraint(
                fields=["submission_key"], condition=~Q(submission_key=""), name="letter_submitted_once"
            )
        ]
        indexes = [
            models.Index(fields=["state", "received_at"], name="letter_state_received"),
            # The centre's queue in its order, oldest first, without sorting every letter waiting on it
            # (decision 0020).
            models.Index(
                fields=["received_at", "id"], condition=Q(state__in=CENTRE_STATES), name="letter_centre_queue"
            ),
            models.Index(fields=["department", "state"], name="letter_dept_state"),
            # The public list in its order, with the columns it shows: PostgreSQL pages through it by an index-only
            # scan (a page 50 deep read 1,000 table rows before, 5.6 ms at 1M letters; now 0.6 ms). SQLite ignores
            # INCLUDE (settings silence models.W040 there) and still reads the order from the index.
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(published_at__isnull=False),
                name="letter_public_list",
                include=["number", "kind", "public_title", "received_at", "replied_at", "department"],
            ),
            models.Index(fields=["writer", "received_at"], name="letter_writer"),
            models.Index(fields=["writer_phone_index", "received_at"], name="letter_phone"),
            models.Index(fields=["band0", "received_at"], name="letter_band0"),
            models.Index(fields=["band1", "received_at"], name="letter_band1"),
            models.Index(fields=["band2", "received_at"], name="letter_band2"),
            models.Index(fields=["band3", "received_at"], name="letter_band3"),
            models.Index(fields=["band4", "received_at"], name="letter_band4"),
            models.Index(fields=["band5", "received_at"], name="letter_band5"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Assignment(models.Model):
    """A dispatch (派单) of a letter to one department: the main handler or a co-handler."""

    class Role(models.TextChoices):
        MAIN = "main", _("主办")
        CO = "co", _("协办")

    class State(models.TextChoices):
        PENDING = "pending", _("待签收")
        ACCEPTED = "accepted", _("已签收")
        RETURN_REQUESTED = "return_requested", _("申请退单")
        RETURNED = "returned", _("已退单")
        DONE = "done", _("已办结")
        CANCELLED = "cancelled", _("已撤销")

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="assignments")
    department = models.ForeignKey("org.Department", verbose_name=_("部门"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("角色"), max_length=5, choices=Role.choices)
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, default=State.PENDING)
    dispatched_at = models.DateTimeField(_("派单时间"))
    # The letter's, copied when it is dispatched (it never changes): the department's queue is read in this order
    # from the index below, a range read of a page, where sorting the letters of every open dispatch grew with them.
    # Its condition is "not finished", which SQLite matches in a query as written; it cannot prove a condition on
    # the states from a query's bound parameters, and an index on (department, state) beside it was its choice.
    letter_received_at = models.DateTimeField(_("来信时间"))
    accepted_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    return_reason = EncryptedTextField(_("退单理由"), blank=True)  # staff copy the writer's numbers here: encrypted
    opinion = EncryptedTextField(_("协办意见"), blank=True)  # staff copy the writer's numbers here: encrypted
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("派单")
        verbose_name_plural = _("派单")
        ordering = ["dispatched_at", "pk"]
        indexes = [
            models.Index(
                fields=["department", "letter_received_at", "letter"],
                condition=Q(finished_at__isnull=True),
                name="assignment_open_queue",
            ),
        ]


class Attachment(models.Model):
    """A photo or document sent with the letter, through the files intake. Handlers only: never on a public page
    (a photo cannot be masked, and a file name may itself be personal)."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="attachments")
    file = models.ForeignKey("files.StoredFile", verbose_name=_("文件"), on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("信件附件")
        verbose_name_plural = _("信件附件")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.file.original_name


class Event(models.Model):
    """The handling record. `public` rows (受理, each department and date, 答复) appear on the published letter;
    internal notes never do."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("时间"))
    action = models.CharField(_("环节"), max_length=30)
    label = models.CharField(_("说明"), max_length=200)
    department = models.ForeignKey("org.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = EncryptedTextField(_("内部备注"), blank=True)  # staff copy the writer's numbers here: encrypted
    public = models.BooleanField(_("公开"), default=False)

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["at", "pk"]


class DispatchWord(models.Model):
    """How often a word appeared in letters a department accepted as its own: the suggestion learns from the
    dispatches departments kept (a returned dispatch teaches nothing)."""

    word = models.CharField(max_length=40)
    department = models.ForeignKey("org.Department", on_delete=models.CASCADE, related_name="+")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["word", "department"], name="dispatch_word_unique")]
