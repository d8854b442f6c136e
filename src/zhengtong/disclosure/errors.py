from django.utils.translation import gettext_lazy as _

DOC_NO_FORMAT = ("DOC_NO_FORMAT", _("发文字号格式应为“机关代字〔年份〕序号号”，如：仑政发〔2025〕12号（年份用六角括号〔〕）。"))
WRITTEN_IN_FUTURE = ("WRITTEN_IN_FUTURE", _("成文日期不能晚于今天。"))
TITLE_REQUIRED = ("TITLE_REQUIRED", _("请填写标题。"))
BODY_REQUIRED = ("BODY_REQUIRED", _("请填写正文。"))
WRONG_STATE = ("DOCUMENT_WRONG_STATE", _("该文件当前为“%(state)s”，不能进行此操作。"))
CHECKLIST = ("REVIEW_CHECKLIST", _("发布前须逐项确认保密审查：不涉及国家秘密、不涉及商业秘密、不涉及个人隐私。"))
PRIVACY_FINDINGS = ("PRIVACY_FINDINGS", _("检查发现 %(count)s 处个人信息（%(kinds)s），请遮盖后再发布，或由审核人写明保留理由。"))
NOT_REVIEWER = ("NOT_REVIEWER", _("只能审核本部门的文件，且不能审核自己起草的文件。"))
REASON_REQUIRED = ("REASON_REQUIRED", _("请写明理由。"))
ATTACHMENT_KIND = ("ATTACHMENT_KIND", _("附件须为 PDF、Word（docx）、Excel（xlsx）或图片文件。"))
REPLACEMENT_NOT_FOUND = ("REPLACEMENT_NOT_FOUND", _("没有这个索引号的文件，请填写已发布的修订文件的索引号。"))
