"""Coded refusals for disclosure: (code, message) pairs; `core.errors.refuse` makes the error."""

from django.utils.translation import gettext_lazy as _

DOC_NO_FORMAT = (
    "DOC_NO_FORMAT",
    _("发文字号格式应为“机关代字〔年份〕序号号”，如：仑政发〔2025〕12号（年份用六角括号〔〕）。"),
)
WRITTEN_IN_FUTURE = ("WRITTEN_IN_FUTURE", _("成文日期不能晚于今天。"))
TITLE_REQUIRED = ("TITLE_REQUIRED", _("请填写标题。"))
BODY_REQUIRED = ("BODY_REQUIRED", _("请填写正文。"))
WRONG_STATE = ("DOCUMENT_WRONG_STATE", _("该文件当前为“%(state)s”，不能进行此操作。"))
CHECKLIST = ("REVIEW_CHECKLIST", _("发布前须逐项确认保密审查：不涉及国家秘密、不涉及商业秘密、不涉及个人隐私。"))
PRIVACY_FINDINGS = (
    "PRIVACY_FINDINGS",
    _("检查发现 %(count)s 处个人信息（%(kinds)s），请遮盖后再发布，或由审核人写明保留理由。"),
)
ATTACHMENT_UNREAD = (
    "ATTACHMENT_UNREAD",
    _("附件“%(name)s”%(state)s，未经检查的内容不能公开：请等待识别完成；无法读取的，退回起草人删除该附件后重新上传。"),
)
ATTACHMENT_NOT_FOUND = ("ATTACHMENT_NOT_FOUND", _("该文件没有这个附件。"))
NOT_REVIEWER = ("NOT_REVIEWER", _("只能审核本部门的文件，且不能审核自己起草的文件。"))
REASON_REQUIRED = ("REASON_REQUIRED", _("请写明理由。"))
# The same code as a missing reason (programs match it); the message says what is missing.
THIRD_PARTY_REQUIRED = ("REASON_REQUIRED", _("请写明征求意见的第三方（名称或姓名）。"))
DELIVERY_METHOD = ("REASON_REQUIRED", _("请选择送达方式。"))
ATTACHMENT_KIND = ("ATTACHMENT_KIND", _("附件须为 PDF、Word（docx）、Excel（xlsx）或图片文件。"))
REPLACEMENT_NOT_FOUND = ("REPLACEMENT_NOT_FOUND", _("没有这个索引号的文件，请填写已发布的修订文件的索引号。"))
REQUEST_CONTENT = ("REQUEST_CONTENT", _("请写明所需政府信息的名称、文号或者便于查询的其他特征性描述。"))
REQUEST_CONTACT = ("REQUEST_CONTACT", _("请填写申请人姓名或名称和联系电话。"))
REQUEST_NAME_NOT_A_NAME = (
    "REQUEST_NAME_NOT_A_NAME",
    _("“申请人姓名或名称”一栏只填写姓名或单位名称，不要填写证件号码、电话等号码，它们各有一栏。"),
)
RECEIVED_IN_FUTURE = ("RECEIVED_IN_FUTURE", _("收到申请日期不能晚于今天。"))
REQUEST_WRONG_STATE = ("REQUEST_WRONG_STATE", _("该申请当前为“%(state)s”，不能进行此操作。"))
CORRECTION_ITEMS = ("CORRECTION_ITEMS_REQUIRED", _("请逐项列出需要补正的全部事项（一次性告知）。"))
CORRECTION_ONCE = ("CORRECTION_ONCE", _("补正只能一次性告知，该申请已告知过补正。"))
CORRECTION_TOO_LATE = ("CORRECTION_TOO_LATE", _("补正告知须在收到申请之日起7个工作日内作出，已超过期限，请直接答复。"))
EXTENSION_TWICE = ("EXTENSION_TWICE", _("答复期限只能延长一次。"))
EXTENSION_APPROVER = ("EXTENSION_APPROVER", _("延长答复期限须经本机关政府信息公开工作机构负责人同意。"))
ANSWER_REASON = ("ANSWER_REASON", _("请选择答复类型及对应的具体情形。"))
NOT_APPLICANT = ("NOT_APPLICANT", _("只有申请人本人可以撤回申请。"))
CORRECT_BY_APPLICANT = (
    "CORRECT_BY_APPLICANT",
    _("这件申请是申请人在网上提出的，补正由申请人本人在网上提交；工作人员只能为邮寄、传真或当面提出的申请记录补正。"),
)
# the same code as a document's refusal to another organ (clients key on it), a message about a request
NOT_OFFICE = ("NOT_REVIEWER", _("这件申请不是向您所在的机关提出的，您不能办理。"))
NOT_IN_FORCE = ("DOCUMENT_NOT_IN_FORCE", _("该文件已标注为已修改或已废止，不能再次标注。"))
NOT_EDITOR = ("NOT_SITE_EDITOR", _("只有网站编辑可以设置栏目。"))
COLUMN_CODE = ("COLUMN_CODE_INVALID", _("栏目代码只能用小写英文字母、数字、连字符和下划线，最多40个字符。"))
COLUMN_CODE_TAKEN = ("COLUMN_CODE_TAKEN", _("栏目代码“%(code)s”已被使用。"))
COLUMN_NAME = ("COLUMN_NAME_REQUIRED", _("请填写栏目名称。"))
UPDATE_DAYS = ("UPDATE_DAYS_INVALID", _("更新周期须为1到730天，或不填。"))
FEE_NOT_DUE = ("FEE_NOT_DUE", _("这件申请不收取信息处理费，不能发出收费通知。"))
FEE_NOT_STANDARD = (
    "FEE_NOT_STANDARD",
    _("缴费金额（%(paid)s元）与收费通知的金额（%(fee)s元）不一致：信息处理费按国办函〔2020〕109号的标准收取。"),
)
