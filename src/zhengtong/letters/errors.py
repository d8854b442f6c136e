"""Coded refusals for letters: (code, message) pairs; `core.errors.refuse` makes the error."""

from django.utils.translation import gettext_lazy as _

MAX_CONTENT = 5000
MAX_ATTACHMENTS = 5


CONTENT_REQUIRED = ("LETTER_CONTENT_REQUIRED", _("请填写信件标题和内容。"))
CONTENT_TOO_LONG = ("LETTER_CONTENT_TOO_LONG", _("信件内容不能超过%(max)s字，请精简后再提交，或分为几封信。"))
TOO_MANY_FILES = ("LETTER_TOO_MANY_FILES", _("每封信最多上传%(max)s个附件（照片或材料）。"))
SUBMISSION_KEY_TOO_LONG = ("LETTER_SUBMISSION_KEY_TOO_LONG", _("提交标识（Idempotency-Key）不能超过64个字符。"))
MARKUP = ("LETTER_MARKUP", _("信件内容不能包含网页代码（如 <script>），请用文字描述。"))
KIND_INVALID = ("LETTER_KIND_INVALID", _("请选择信件类别：咨询、求助、投诉、举报、建议或表扬。"))
CONTACT_REQUIRED = (
    "LETTER_CONTACT_REQUIRED",
    _("实名来信请填写姓名和联系电话，以便答复和回访；不愿留下联系方式可选择匿名。"),
)
NAME_NOT_A_NAME = (
    "LETTER_NAME_NOT_A_NAME",
    _("“姓名”一栏只填写姓名，不要填写身份证号、电话等号码；联系电话请填在“联系电话”一栏。"),
)
PHONE_INVALID = ("LETTER_PHONE_INVALID", _("联系电话格式不正确，请填写11位手机号码或带区号的固定电话。"))
RECEIVED_IN_FUTURE = ("LETTER_RECEIVED_IN_FUTURE", _("来电时间不能晚于现在。"))
MAILBOX_INVALID = ("LETTER_MAILBOX_INVALID", _("没有这个信箱，或该信箱已停用。"))
WRONG_STATE = ("LETTER_WRONG_STATE", _("该信件当前为“%(state)s”，不能进行此操作。"))
NOT_CENTRE = ("LETTER_NOT_CENTRE", _("只有热线派单中心的工作人员可以受理、派单、审核退单和回访。"))
OTHER_DEPARTMENT = ("LETTER_OTHER_DEPARTMENT", _("这封信没有派给您所在的部门，您不能办理。"))
REASON_REQUIRED = ("LETTER_REASON_REQUIRED", _("请写明理由。"))
DEPARTMENT_REQUIRED = ("LETTER_DEPARTMENT_REQUIRED", _("请选择主办部门。"))
NOT_A_HANDLER = ("LETTER_NOT_A_HANDLER", _("只能派给在用的机关或内设机构，不能派给行政区域。"))
CO_SAME_AS_MAIN = ("LETTER_CO_SAME_AS_MAIN", _("协办部门不能与主办部门相同。"))
REPLY_REQUIRED = ("LETTER_REPLY_REQUIRED", _("请填写答复内容。"))
CO_OPINIONS_MISSING = ("LETTER_CO_OPINIONS_MISSING", _("还有协办部门未提交意见：%(names)s。"))
NOT_REVIEWER = ("LETTER_NOT_REVIEWER", _("答复须由主办部门负责人审核，且不能审核自己起草的答复。"))
SATISFACTION_INVALID = (
    "LETTER_SATISFACTION_INVALID",
    _("请选择回访结果：非常满意、满意、基本满意、不满意、非常不满意或未能联系。"),
)
CALLBACK_FIRST = ("LETTER_CALLBACK_FIRST", _("只有回访不满意的信件需要审核重办或办结，请先回访。"))
MERGE_TARGET = ("LETTER_MERGE_TARGET", _("只能合并到另一封未合并、未办结的信件。"))
NOT_PUBLISHABLE = ("LETTER_NOT_PUBLISHABLE", _("只有来信人同意公开且已答复的信件可以公开。"))
NOT_SUPERVISABLE = ("LETTER_NOT_SUPERVISABLE", _("只有已超时（红灯）的信件需要督办。"))
QUERY_THROTTLED = ("LETTER_QUERY_THROTTLED", _("查询错误次数过多，请一小时后再试，或拨打12345热线查询。"))
QUERY_FAILED = ("LETTER_QUERY_FAILED", _("信件编号或查询码不正确。"))
NOT_CENTRE_SETTINGS = ("LETTER_NOT_CENTRE", _("只有热线派单中心的工作人员可以维护职责清单和办理时限。"))
CATEGORY_CODE_INVALID = (
    "LETTER_CATEGORY_CODE_INVALID",
    _("类别代码只能用小写英文字母、数字、下划线或连字符，不超过40位。"),
)
CATEGORY_NAME_REQUIRED = ("LETTER_CATEGORY_NAME_REQUIRED", _("请填写诉求类别名称。"))
CATEGORY_EXISTS = ("LETTER_CATEGORY_EXISTS", _("类别代码“%(code)s”已被使用，请换一个。"))
FALLBACK_REQUIRED = ("LETTER_FALLBACK_REQUIRED", _("必须保留一个兜底部门：请先把另一类别设为兜底，再取消这一个。"))
LIMIT_KEY_INVALID = ("LETTER_LIMIT_KEY_INVALID", _("没有这一类办理时限。"))
LIMIT_INVALID = ("LETTER_LIMIT_INVALID", _("时限须为正整数：小时不超过72，工作日不超过60，自然日不超过90。"))
