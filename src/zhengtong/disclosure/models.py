from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from zhengtong.core.fields import BlindIndexField, EncryptedModel, EncryptedTextField
from zhengtong.core.models import TimeStampedModel


class Category(models.TextChoices):
    """The 15 kinds of information agencies publish proactively (条例 Art. 20)."""

    REGULATIONS = "regulations", _("行政法规、规章和行政规范性文件")
    ORGANISATION = "organisation", _("机构职能")
    PLANS = "plans", _("规划计划")
    STATISTICS = "statistics", _("统计信息")
    LICENSING = "licensing", _("行政许可")
    PENALTIES = "penalties", _("行政处罚与行政强制")
    BUDGETS = "budgets", _("财政预算决算")
    FEES = "fees", _("行政事业性收费")
    PROCUREMENT = "procurement", _("政府集中采购")
    PROJECTS = "projects", _("重大建设项目")
    LIVELIHOOD = "livelihood", _("扶贫、教育、医疗、社会保障、促进就业")
    EMERGENCIES = "emergencies", _("突发公共事件应急预案")
    INSPECTIONS = "inspections", _("环境保护、公共卫生、安全生产、食品药品、产品质量监督检查")
    RECRUITMENT = "recruitment", _("公务员招考")
    OTHER = "other", _("法律法规规定应当主动公开的其他信息")


class Topic(models.TextChoices):
    """主题分类 (the national government-information topic list, top level)."""

    GENERAL = "general", _("综合政务")
    ECONOMY = "economy", _("国民经济管理、国有资产监管")
    FINANCE = "finance", _("财政、金融、审计")
    LAND = "land", _("国土资源、能源")
    AGRICULTURE = "agriculture", _("农业、林业、水利")
    INDUSTRY = "industry", _("工业、交通")
    COMMERCE = "commerce", _("商贸、海关、旅游")
    MARKET = "market", _("市场监管、安全生产监管")
    URBAN = "urban", _("城乡建设、环境保护")
    SCIENCE = "science", _("科技、教育")
    CULTURE = "culture", _("文化、广电、新闻出版")
    HEALTH = "health", _("卫生、体育")
    POPULATION = "population", _("人口与计划生育、妇女儿童工作")
    LABOUR = "labour", _("劳动、人事、监察")
    CIVIL = "civil", _("公安、安全、司法")
    CIVIL_AFFAIRS = "civil_affairs", _("民政、扶贫、救灾")
    OTHER = "other", _("其他")


class Validity(models.TextChoices):
    IN_FORCE = "in_force", _("现行有效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")


class LegalForm(models.TextChoices):
    """The annual report's 第二十条第（一）项 counts 规章 and 行政规范性文件 apart (国办公开办函〔2021〕30号)."""

    RULE = "rule", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    OTHER = "other", _("其他文件")


class Mode(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")


class State(models.TextChoices):
    DRAFT = "draft", _("草稿")
    REVIEW = "review", _("待审核")
    PUBLISHED = "published", _("已发布")


class Column(models.Model):
    """A column of the site besides the 15 statutory categories: a local one (地方栏目, e.g. 重点领域信息公开 →
    征地信息) or one of the home page's (要闻动态, 通知公告, 政策解读). News and notices are documents in a column, so
    they pass the same 保密审查 and personal-data guard as every other publication (decision 0007). The site's
    editors set them; the website inspection holds each to its update period (DOMAIN §9)."""

    code = models.SlugField(_("栏目代码"), max_length=40, unique=True)
    name = models.CharField(_("栏目名称"), max_length=100)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    on_home = models.BooleanField(_("在首页显示"), default=False)
    update_days = models.PositiveSmallIntegerField(
        _("更新周期（天）"),
        null=True,
        blank=True,
        help_text=_("超过这么多天没有新发布的信息，网站自查报告“栏目不更新”；不填则不检查。"),
    )

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class GuideOffice(models.Model):
    """The office that handles disclosure for one organ, as its 公开指南 must name it (条例 Art. 12: name,
    address, hours, telephone, fax, online contact; kept up to date). Kept by the system administrator
    (admin.py); an organ without one is shown with its own address and telephone (views_public.guide)."""

    department = models.OneToOneField(
        "org.Department", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="guide_office"
    )
    name = models.CharField(_("工作机构名称"), max_length=100)
    address = models.CharField(_("办公地址"), max_length=200)
    postcode = models.CharField(
        _("邮政编码"), max_length=6, blank=True, validators=[RegexValidator(r"^\d{6}$", _("邮政编码为6位数字"))]
    )
    office_hours = models.CharField(_("办公时间"), max_length=100)
    phone = models.CharField(_("联系电话"), max_length=50)
    fax = models.CharField(_("传真号码"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开工作机构")
        verbose_name_plural = _("政府信息公开工作机构")

    def __str__(self) -> str:
        return self.name


class Document(TimeStampedModel):
    """A government document with the national metadata. Never deleted: an amended or repealed document stays
    published, marked, with a link to what replaced it."""

    department = models.ForeignKey(
        "org.Department", verbose_name=_("发布机构"), on_delete=models.PROTECT, related_name="+"
    )
    index_no = models.CharField(_("索引号"), max_length=60, unique=True, null=True, blank=True)  # given at publication
    title = models.CharField(_("标题"), max_length=300)
    issuing_org = models.CharField(_("发文机关"), max_length=200)
    doc_no = models.CharField(_("发文字号"), max_length=60, blank=True)
    topic = models.CharField(_("主题分类"), max_length=20, choices=Topic.choices, default=Topic.GENERAL)
    category = models.CharField(_("公开类别"), max_length=20, choices=Category.choices)
    column = models.ForeignKey(
        Column, verbose_name=_("栏目"), null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    written_on = models.DateField(_("成文日期"))
    published_at = models.DateTimeField(_("发布日期"), null=True, blank=True)
    validity = models.CharField(_("有效性"), max_length=10, choices=Validity.choices, default=Validity.IN_FORCE)
    legal_form = models.CharField(
        _("文件性质"),
        max_length=10,
        choices=LegalForm.choices,
        default=LegalForm.OTHER,
        help_text=_("规章仅限有规章制定权的人民政府制定；年度报告按此分别统计"),
    )
    repealed_on = models.DateField(_("废止日期"), null=True, blank=True)  # the annual report's 本年废止
    mode = models.CharField(_("公开方式"), max_length=12, choices=Mode.choices, default=Mode.PROACTIVE)
    # Sanitised HTML (nh3). Encrypted at rest: a draft holds what the publishing guard keeps back until masked.
    body = EncryptedTextField(_("正文"))
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.DRAFT)
    interprets = models.ForeignKey(
        "self",
        verbose_name=_("解读的文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("修改或替代文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
    )
    # 保密审查: the reviewer confirms each point; personal-data findings left in place are justified in writing.
    reviewed_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("审核意见"), blank=True)
    justification = models.TextField(_("保留个人信息的理由"), blank=True)

    class Meta:
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")
        indexes = [
            # Each list's whole order (its key last): without it SQLite's planner, which has no statistics, read
            # a rare column's newest by walking every published document in date order.
            models.Index(fields=["state", "category", "-published_at", "-id"], name="document_catalogue"),
            models.Index(fields=["department", "state", "-published_at", "-id"], name="document_department"),
            models.Index(fields=["column", "state", "-published_at", "-id"], name="document_column"),
            # The workbench library: a department's documents, last changed first (cases.visibility.visible_in_order).
            models.Index(fields=["department", "-updated_at", "-id"], name="document_department_updated"),
            # The catalogue's home, its feed and every list without a category: newest first, read by index. The
            # state leads, not a partial index's condition: SQLite's planner, without statistics, took the
            # catalogue index for `state = ?` and sorted every published document (tests/disclosure/
            # test_published_order.py); PostgreSQL's generic plan of a prepared statement cannot use such a
            # condition either.
            models.Index(fields=["state", "-published_at", "-id"], name="document_published_order"),
        ]

    def __str__(self) -> str:
        return self.title


class Attachment(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="+")
    title = EncryptedTextField(_("附件名称"))  # the file's name as uploaded, encrypted as the file's own is
    # What the privacy check reads of it, hidden parts and pictures included, is the file's reading (files.FileText).

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["pk"]


class IndexCounter(models.Model):
    """The 序号 of 索引号 `机构代码/年份-序号`, per department and year, taken under a row lock."""

    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["department", "year"], name="index_counter_unique")]


class ApplicantKind(models.TextChoices):
    """The columns of section 三 of the annual report."""

    PERSON = "person", _("自然人")
    BUSINESS = "business", _("商业企业")
    RESEARCH = "research", _("科研机构")
    CHARITY = "charity", _("社会公益组织")
    LEGAL = "legal", _("法律服务机构")
    OTHER = "other", _("其他")


class Channel(models.TextChoices):
    """How the request arrived; the receipt date follows from it (Art. 31)."""

    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    REGISTERED_POST = "registered_post", _("邮政挂号信（以签收日为收到日）")
    ORDINARY_POST = "ordinary_post", _("平常信函（以双方确认日为收到日）")
    FAX = "fax", _("传真（以双方确认日为收到日）")
    EMAIL = "email", _("电子邮件（以双方确认日为收到日）")


class RequestState(models.TextChoices):
    REGISTERED = "registered", _("办理中")
    CORRECTION = "correction", _("待补正")
    CONSULTING = "consulting", _("征求第三方意见")
    FEE = "fee", _("待缴费")
    ANSWERED = "answered", _("已答复")
    DELIVERED = "delivered", _("已送达")
    ABANDONED = "abandoned", _("视为放弃")
    WITHDRAWN = "withdrawn", _("已撤回")


# The states in which a request is still to be answered: the staff's queue, and the case type's open states.
OPEN_REQUESTS = (RequestState.REGISTERED, RequestState.CORRECTION, RequestState.CONSULTING, RequestState.FEE)


class Request(EncryptedModel, TimeStampedModel):
    """A request for disclosure (依申请公开), online or registered by staff from paper, post, fax or e-mail."""

    receipt_no = models.CharField(_("申请编号"), max_length=30, unique=True)
    # The digest of the applicant's form key (cases/lookup.submission_digest): the same form sent again is this
    # request, not a second one that the month's fee would count.
    submission_key = models.CharField(max_length=64, blank=True, default="", editable=False)
    department = models.ForeignKey(
        "org.Department", verbose_name=_("受理机关"), on_delete=models.PROTECT, related_name="+"
    )
    applicant = models.ForeignKey(
        "accounts.User",
        verbose_name=_("申请人账户"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosure_requests",
    )
    applicant_kind = models.CharField(_("申请人类型"), max_length=10, choices=ApplicantKind.choices)
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=200)
    identifier = EncryptedTextField(_("身份证件号码或统一社会信用代码"))  # encrypted at rest (core/crypto.py)
    identifier_index = BlindIndexField(source="identifier")
    contact_phone = EncryptedTextField(_("联系电话"))
    contact_address = EncryptedTextField(_("通信地址"), blank=True)  # a home address: at rest encrypted
    channel = models.CharField(_("申请方式"), max_length=20, choices=Channel.choices)
    received_on = models.DateField(_("收到申请日期"))
    content = EncryptedTextField(_("所需信息的名称、文号或特征描述"))  # may carry the applicant's own numbers
    state = models.CharField(_("状态"), max_length=12, choices=RequestState.choices, default=RequestState.REGISTERED)
    correction_items = models.TextField(_("补正事项"), blank=True)
    correction_due = models.DateField(_("补正期限"), null=True, blank=True)
    corrected_on = models.DateField(_("补正日期"), null=True, blank=True)
    extended = models.BooleanField(_("已延期"), default=False)
    fee = models.PositiveIntegerField(_("信息处理费（元）"), default=0)
    # 国办函〔2020〕109号: the fee notice, its deadline and the payment (the time between is not counted).
    fee_notice_at = models.DateTimeField(_("收费通知时间"), null=True, blank=True)
    fee_due = models.DateField(_("缴费期限"), null=True, blank=True)
    fee_paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    answer_type = models.CharField(_("答复类型"), max_length=12, blank=True)
    answer_reason = models.CharField(_("答复理由"), max_length=20, blank=True)
    answer_text = EncryptedTextField(_("答复内容"), blank=True)  # addressed to the applicant, by name: encrypted
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    delivery_method = models.CharField(_("送达方式"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("依申请公开")
        verbose_name_plural = _("依申请公开")
        constraints = [
            models.UniqueConstraint(
                fields=["submission_key"], condition=~models.Q(submission_key=""), name="request_submitted_once"
            )
        ]
        indexes = [
            models.Index(fields=["department", "state", "received_on"], name="request_queue"),
            models.Index(fields=["applicant", "received_on"], name="request_applicant"),
            # The staff's queue in its order, oldest first: the open requests, and all of them (?state=all), each
            # read in order instead of sorted from every open request on each page (decision 0020).
            models.Index(
                fields=["received_on", "id"], condition=models.Q(state__in=OPEN_REQUESTS), name="request_open_queue"
            ),
            models.Index(fields=["received_on", "id"], name="request_received"),
        ]

    def __str__(self) -> str:
        return self.receipt_no

    @property
    def answer_label(self) -> str:
        from .answers import label

        return label(self.answer_type, self.answer_reason) if self.answer_type else ""
