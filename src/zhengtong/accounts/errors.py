from django.utils.translation import gettext_lazy as _

ID_DUPLICATE = ("ID_DUPLICATE", _("该公民身份号码已注册，请直接登录；如忘记密码，可在登录页用手机短信重设。"))
RESET_NOT_ALLOWED = ("RESET_NOT_ALLOWED", _("工作人员账户不能用短信重设密码，请联系安全管理员。"))
USCC_DUPLICATE = ("USCC_DUPLICATE", _("该统一社会信用代码已注册，请直接登录。"))
MOBILE_DUPLICATE = ("MOBILE_DUPLICATE", _("该手机号码已被注册。"))
EMAIL_DUPLICATE = ("EMAIL_DUPLICATE", _("该电子邮箱已被注册。"))
USERNAME_DUPLICATE = ("USERNAME_DUPLICATE", _("该登录名已被使用。"))
CONTACT_REQUIRED = ("CONTACT_REQUIRED", _("请至少填写手机号码或电子邮箱中的一项。"))
ACCOUNT_LOCKED = ("ACCOUNT_LOCKED", _("登录失败次数过多，账户已暂时锁定，请15分钟后再试。"))
OTP_INVALID = ("OTP_INVALID", _("动态口令不正确或已过期，请重新输入。"))
