"""Coded refusals for data sharing: (code, message) pairs; `core.errors.refuse` makes the error."""

from django.utils.translation import gettext_lazy as _

NOT_CONSUMER = ("SHARING_NOT_CONSUMER", _("只有申请部门的工作人员可以提出或撤回共享申请。"))
NOT_PROVIDER = ("SHARING_NOT_PROVIDER", _("只有资源提供部门的工作人员可以审核共享申请或撤销授权。"))
OWN_REQUEST = ("SHARING_OWN_REQUEST", _("申请人不能审核自己提出的共享申请，请由提供部门的其他工作人员审核。"))
NOT_SHARED = ("SHARING_NOT_SHARED", _("该资源不予共享（依据：%(basis)s）。"))
OWN_RESOURCE = ("SHARING_OWN_RESOURCE", _("这是本部门提供的资源，无需申请共享。"))
FIELDS_REQUIRED = ("SHARING_FIELDS_REQUIRED", _("请至少选择一个“信息项”。"))
FIELD_UNKNOWN = ("SHARING_FIELD_UNKNOWN", _("“信息项”%(key)s 不属于该资源。"))
FILTER_INVALID = ("SHARING_FILTER_INVALID", _("“数据范围”只能按该资源可筛选的信息项限定，%(key)s 不能用于筛选。"))
PURPOSE_REQUIRED = ("SHARING_PURPOSE_REQUIRED", _("请填写“使用用途”，写明依据的职责和办理的事项。"))
PERIOD_INVALID = ("SHARING_PERIOD_INVALID", _("“使用期限”应在今天之后、三年以内。"))
REASON_REQUIRED = ("SHARING_REASON_REQUIRED", _("不予共享须在“审核意见”中写明理由和依据。"))
NARROWER_ONLY = ("SHARING_NARROWER_ONLY", _("授权的“%(label)s”不能超出申请的范围。"))
RATE_INVALID = ("SHARING_RATE_INVALID", _("“每分钟调用上限”应为 1 到 100000 之间的整数。"))
WRONG_STATE = ("SHARING_WRONG_STATE", _("这件共享申请当前为“%(state)s”，不能进行此操作。"))
GRANT_REVOKED = ("SHARING_GRANT_REVOKED", _("该授权已撤销。"))
BASIS_REQUIRED = (
    "SHARING_BASIS_REQUIRED",
    _("共享属性为“不予共享”的资源须填写“不予共享依据”（法律、行政法规或国务院决定）。"),
)
CODE_TAKEN = ("SHARING_CODE_TAKEN", _("“资源代码”%(code)s 已被其他资源使用。"))
ITEM_UNKNOWN = ("SHARING_ITEM_UNKNOWN", _("“信息项”%(key)s 不是%(register)s的字段。"))
IN_USE = ("SHARING_IN_USE", _("有效的共享授权正在使用信息项 %(keys)s：请先撤销授权，再删除信息项或更换基础库。"))
LICENCE_TAKEN = ("SHARING_LICENCE_TAKEN", _("证照编号“%(number)s”已由本机关发给另一件办件，请核对“证照编号”。"))
FILTER_PERSONAL = ("SHARING_FILTER_PERSONAL", _("“数据范围”不能按个人信息 %(key)s 限定。"))
PAIRS_INVALID = (
    "SHARING_RANGE_INVALID",
    _("“数据范围”每行写成“信息项=值”，值不能为空，同一信息项只写一次，如 district=北仑区。"),
)
DATE_INVALID = ("SHARING_DATE_INVALID", _("日期应写成 2027-06-30 的样式。"))
REVOKE_REASON_REQUIRED = ("SHARING_REVOKE_REASON_REQUIRED", _("请填写“撤销理由”。"))
NOT_PROVIDER_EDIT = ("SHARING_NOT_PROVIDER_EDIT", _("只有资源提供部门的工作人员可以编目和修改该资源。"))

# The exchange API's refusals: a client keys on the code.
NO_GRANT = ("EXCHANGE_NO_GRANT", _("本部门没有该资源的有效共享授权。"))
GRANT_EXPIRED = ("EXCHANGE_GRANT_EXPIRED", _("共享授权已于%(date)s到期，请重新申请。"))
EXCHANGE_REVOKED = ("EXCHANGE_GRANT_REVOKED", _("共享授权已被提供部门撤销。"))
FIELD_NOT_GRANTED = ("EXCHANGE_FIELD_NOT_GRANTED", _("信息项 %(key)s 不在授权范围内。"))
ROWS_NOT_GRANTED = ("EXCHANGE_ROWS_NOT_GRANTED", _("查询条件 %(key)s=%(value)s 超出授权的数据范围。"))
FILTER_NOT_ALLOWED = ("EXCHANGE_FILTER_NOT_ALLOWED", _("不能按 %(key)s 查询：它不是该资源可用的查询条件。"))
RATE_EXCEEDED = ("EXCHANGE_RATE_EXCEEDED", _("调用过于频繁：该授权每分钟最多%(limit)s次，请稍后再试。"))
NOT_ONLINE = ("EXCHANGE_NOT_ONLINE", _("该资源不通过接口共享。"))
RESOURCE_UNKNOWN = ("EXCHANGE_RESOURCE_UNKNOWN", _("没有这个资源代码。"))
KEY_UNKNOWN = ("EXCHANGE_KEY_UNKNOWN", _("没有这个编号的签名密钥。"))

# Open data
DATASET_PRIVATE = ("OPENDATA_PERSONAL_DATA", _("数据集含有个人信息（%(kinds)s），不能开放。"))
DATASET_COLUMN = ("OPENDATA_COLUMN_PERSONAL", _("“%(label)s”是个人信息，不能开放。"))
DATASET_NAME = (
    "OPENDATA_NAME_INVALID",
    _("标识只能用小写英文字母、数字、连字符和下划线，2 至 100 个字符，如 beilun-parks。"),
)
DATASET_NAME_TAKEN = ("OPENDATA_NAME_TAKEN", _("标识“%(name)s”已被另一个数据集使用，请换一个。"))
TABLE_UNREADABLE = ("OPENDATA_TABLE_UNREADABLE", _("表格无法读取：%(reason)s"))
