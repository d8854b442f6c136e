from django.utils.translation import gettext_lazy as _

NOT_ONLINE = ("ITEM_NOT_ONLINE", _("该事项暂不支持网上申请，请到窗口办理。"))
APPLICANT_NAME_NOT_A_NAME = (
    "APPLICANT_NAME_NOT_A_NAME",
    _("“申请人”一栏只填写姓名或单位名称，不要填写身份证号、电话等号码；联系电话请填在“联系手机”一栏。"),
)
FIELD_REQUIRED = ("FIELD_REQUIRED", _("请填写“%(label)s”。"))
FIELD_INVALID = ("FIELD_INVALID", _("“%(label)s”的内容不正确。"))
MATERIAL_UNKNOWN = ("MATERIAL_UNKNOWN", _("所传文件不属于本事项的任何一项材料，请按办事指南的材料清单上传。"))
FIELD_TOO_LONG = ("FIELD_TOO_LONG", _("“%(label)s”不能超过%(most)d个字（现在%(now)d个字）。"))
NUMBER_INVALID = ("FIELD_INVALID", _("“%(label)s”须为不小于0的数，例如 45 或 45.5。"))
MATERIAL_REQUIRED = ("MATERIAL_REQUIRED", _("请上传“%(name)s”。"))
WRONG_STATE = ("APPLICATION_WRONG_STATE", _("该办件当前为“%(status)s”，不能进行此操作。"))
OTHER_DEPARTMENT = ("OTHER_DEPARTMENT", _("该环节属于其他部门，您无权办理。"))
NOT_APPLICANT = ("NOT_APPLICANT", _("只有申请人本人可以进行此操作。"))
REASON_REQUIRED = ("REASON_REQUIRED", _("请写明理由：不予受理、不同意和不予许可都必须说明理由。"))
CORRECTION_ITEMS = ("CORRECTION_ITEMS_REQUIRED", _("请逐项列出需要补正的全部内容（一次性告知）。"))
CORRECTION_ONCE = (
    "CORRECTION_ONCE",
    _("补正已一次性告知过，不能再次告知（行政许可法第三十二条）。该办件当前为“%(status)s”。"),
)
CORRECTION_EMPTY = ("CORRECTION_EMPTY", _("请上传补正材料或修改申请内容后再提交。"))
BRANCH_DECIDED = ("BRANCH_DECIDED", _("本部门已提出“%(opinion)s”的审查意见，不能再次提交。"))
DOC_NO_REQUIRED = ("DOC_NO_REQUIRED", _("请填写决定文书号。"))
QUERY_FAILED = ("QUERY_FAILED", _("受理编号或查询码不正确。"))
QUERY_THROTTLED = ("QUERY_THROTTLED", _("查询次数过多，请一小时后再试。"))
EXTENSION_APPROVER = ("EXTENSION_APPROVER", _("延长办理期限须经牵头部门负责人批准。"))
EXTENSION_GOVERNMENT_HEAD = (
    "EXTENSION_GOVERNMENT_HEAD",
    _("联合办理、并联审批的办件延长办理期限须经本级人民政府负责人批准。"),
)
EXTENSION_PENDING = ("EXTENSION_PENDING", _("已申请延长办理期限，等待负责人审批，不能再次申请。"))
NO_EXTENSION_PENDING = ("NO_EXTENSION_PENDING", _("该办件没有等待审批的延长期限申请。"))
SPECIAL_RUNNING = (
    "SPECIAL_PROCEDURE_RUNNING",
    _(
        "特别程序尚未结束：请先记录其结束（恢复计时），再进入新的特别程序或作出决定（行政许可法第四十五条、第四十八条）。"
    ),
)
NO_SPECIAL_RUNNING = ("NO_SPECIAL_PROCEDURE", _("该办件没有正在进行的特别程序。"))
EXTENSION_TWICE = ("EXTENSION_TWICE", _("该办件已延长过办理期限，不能再次延长。"))
PROMISE_REQUIRED = ("PROMISE_REQUIRED", _("请阅读承诺书并勾选“我已阅读并同意以上承诺”后再提交。"))
DRAFT_MISSING = ("DRAFT_MISSING", _("没有找到这份申请的草稿，请重新填写。"))
SPECIAL_REASON_INVALID = (
    "SPECIAL_REASON_INVALID",
    _("请选择行政许可法第四十五条规定的特别程序：听证、招标、拍卖、检验、检测、检疫、鉴定或专家评审。"),
)
SPECIAL_DURATION_REQUIRED = (
    "SPECIAL_DURATION_REQUIRED",
    _("请填写特别程序预计所需时间（1至365个工作日），须书面告知申请人（行政许可法第四十五条）。"),
)
