from django.utils.translation import gettext_lazy as _

LIMIT_INVALID = ("CLOCK_LIMIT_INVALID", _("时限必须是1至3650之间的整数。"))
UNIT_INVALID = ("CLOCK_UNIT_INVALID", _("时限单位只能是工作日、自然日或小时。"))
START_OUT_OF_RANGE = ("CLOCK_DATE_OUT_OF_RANGE", _("起算日期超出工作日历支持的范围（2004年至2099年）。"))
STOPPED = ("CLOCK_STOPPED", _("该时限已办结，不能再操作。"))
ALREADY_PAUSED = ("CLOCK_ALREADY_PAUSED", _("该时限已处于暂停状态。"))
NOT_PAUSED = ("CLOCK_NOT_PAUSED", _("该时限未暂停，无需恢复。"))
PAUSE_REASON = ("CLOCK_PAUSE_REASON", _("暂停计时须选择法定暂停情形。"))
EXTENSION_APPROVER = ("CLOCK_EXTENSION_APPROVER", _("延长时限须由有权人员批准，并写明理由。"))
EXTENSION_AMOUNT = ("CLOCK_EXTENSION_AMOUNT", _("延长的时限必须是1至365之间的整数。"))
TIME_BEFORE_START = ("CLOCK_TIME_BEFORE_START", _("操作时间不能早于起算时间或上一次操作时间。"))
VIOLATION_KIND = ("VIOLATION_KIND", _("违规类型不正确。"))
