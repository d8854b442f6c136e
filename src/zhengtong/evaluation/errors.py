"""Coded refusals for 好差评: (code, message) pairs; `core.errors.refuse` makes the error."""

from django.utils.translation import gettext_lazy as _

NOT_FOUND = ("EVALUATION_NOT_FOUND", _("没有找到这条评价邀请，或者它不属于您。"))
LINK_INVALID = ("EVALUATION_LINK_INVALID", _("评价链接无效，请使用短信中的完整链接，或登录后在“我的办件”中评价。"))
EXPIRED = ("EVALUATION_EXPIRED", _("评价期限已过（办结后%(days)s天内可以评价）。"))
RATED_ALREADY = ("EVALUATION_RATED_ALREADY", _("这件事您已经评价过了，每件只能评价一次，可以追加一次评价。"))
ADDED_ALREADY = ("EVALUATION_ADDED_ALREADY", _("每条评价只能追加一次。"))
ADDITION_REQUIRED = ("EVALUATION_ADDITION_REQUIRED", _("请填写“追加评价”。"))
SCORE_INVALID = ("EVALUATION_SCORE_INVALID", _("请为“%(label)s”选择一个等级（非常满意到非常不满意）。"))
COMMENT_REQUIRED = ("EVALUATION_COMMENT_REQUIRED", _("请在“评价内容”中写明不满意的原因，以便核实整改。"))
TOO_LONG = ("EVALUATION_TEXT_TOO_LONG", _("“%(label)s”不能超过%(limit)s字。"))
KIOSK_INVALID = ("EVALUATION_KIOSK_INVALID", _("本次评价已结束或已超时，请向窗口工作人员重新打开评价。"))
NOT_WINDOW = ("EVALUATION_NOT_WINDOW", _("只有办理该件的部门的工作人员可以在评价器上打开评价。"))
NOT_DEPARTMENT = ("EVALUATION_NOT_DEPARTMENT", _("只有被评价部门的工作人员可以核实、整改或申诉这条差评。"))
APPEALED_ONCE = ("EVALUATION_APPEALED_ONCE", _("每条差评只能申诉一次，申诉未获支持的请继续核实整改。"))
NOT_SUPERVISOR = ("EVALUATION_NOT_SUPERVISOR", _("差评申诉由被评价部门以外的电子监察（好差评管理）人员审核。"))
WRONG_STATE = ("EVALUATION_WRONG_STATE", _("这条差评当前为“%(state)s”，不能进行此操作。"))
TEXT_REQUIRED = ("EVALUATION_TEXT_REQUIRED", _("请填写“%(label)s”。"))
WEIGHTS = ("EVALUATION_WEIGHTS", _("排名权重之和须为100，现为%(total)s。"))
MONTH_INVALID = ("EVALUATION_MONTH_INVALID", _("“月份”应写成“2026-11”的样式（2000年至2099年）。"))
BY_INVALID = ("EVALUATION_BY_INVALID", _("“排名对象”只能是 department（部门）或 item（事项）。"))
