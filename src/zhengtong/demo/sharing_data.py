"""The demo's data-sharing catalogue: the base registers' resources (who provides each, what it shares) and the
topics every department catalogues (GB/T 21063 类/项), from which about 300 resources are made."""

# (provider suffix, code, name, register, share class, open class, items)
REGISTER_RESOURCES = [
    (
        "006",
        "人口基本信息",
        "population",
        "conditional",
        "closed",
        [
            ("id_number", "公民身份号码", "C"),
            ("name", "姓名", "C"),
            ("gender", "性别", "C"),
            ("birth_date", "出生日期", "D"),
            ("address", "户籍地址", "C"),
            ("district", "所属区县", "C"),
        ],
    ),
    (
        "023",
        "法人单位基本信息",
        "legal_person",
        "conditional",
        "open",
        [
            ("uscc", "统一社会信用代码", "C"),
            ("name", "名称", "C"),
            ("kind", "类型", "C"),
            ("legal_representative", "法定代表人", "C"),
            ("registered_capital", "注册资本（万元）", "N"),
            ("established_on", "成立日期", "D"),
            ("address", "住所", "C"),
            ("status", "登记状态", "C"),
            ("district", "所属区县", "C"),
        ],
    ),
    (
        "030",
        "电子证照信息",
        "licence",
        "conditional",
        "closed",
        [
            ("number", "证照编号", "C"),
            ("kind", "证照名称", "C"),
            ("holder_name", "持证主体", "C"),
            ("holder_uscc", "持证单位代码", "C"),
            ("issued_on", "发证日期", "D"),
            ("valid_until", "有效期至", "D"),
            ("status", "状态", "C"),
        ],
    ),
    (
        "011",
        "行政区划和地理信息",
        "geography",
        "unconditional",
        "open",
        [
            ("code", "区划代码", "C"),
            ("name", "名称", "C"),
            ("level", "层级", "C"),
            ("parent_code", "上级区划代码", "C"),
            ("area_km2", "面积（平方公里）", "N"),
            ("longitude", "中心经度", "N"),
            ("latitude", "中心纬度", "N"),
        ],
    ),
    (
        "024",
        "宏观经济指标",
        "economy",
        "unconditional",
        "open",
        [
            ("code", "指标代码", "C"),
            ("name", "指标名称", "C"),
            ("period", "统计期", "C"),
            ("value", "数值", "N"),
            ("unit", "计量单位", "C"),
            ("district", "所属区县", "C"),
        ],
    ),
]

# (topic, 类, share class, items): each department catalogues these for itself
TOPICS = [
    (
        "行政许可结果",
        "业务信息资源",
        "unconditional",
        [("number", "许可编号"), ("holder", "许可对象"), ("decided_on", "决定日期")],
    ),
    (
        "行政处罚结果",
        "业务信息资源",
        "conditional",
        [("number", "处罚决定书文号"), ("party", "当事人"), ("decided_on", "决定日期")],
    ),
    (
        "监督检查记录",
        "业务信息资源",
        "conditional",
        [("subject", "检查对象"), ("result", "检查结果"), ("checked_on", "检查日期")],
    ),
    (
        "政务服务办件统计",
        "主题信息资源",
        "unconditional",
        [("item", "事项名称"), ("count", "办件量"), ("month", "统计月份")],
    ),
    (
        "专项资金拨付",
        "主题信息资源",
        "conditional",
        [("project", "项目名称"), ("amount", "金额（万元）"), ("paid_on", "拨付日期")],
    ),
    (
        "信用评价结果",
        "主题信息资源",
        "conditional",
        [("subject", "评价对象"), ("grade", "信用等级"), ("rated_on", "评价日期")],
    ),
    ("内部人事档案", "业务信息资源", "none", [("name", "姓名"), ("post", "职务")]),
]
NOT_SHARED_BASIS = "《中华人民共和国公务员法》《干部人事档案工作条例》"

# (suffix of the consumer, register of the resource, what becomes of the request)
REQUESTS = [
    ("027", "legal_person", "granted"),
    ("027", "licence", "granted"),
    ("023", "licence", "granted"),
    ("019", "population", "submitted"),
    ("025", "population", "overdue"),
    ("007", "population", "expired"),
    ("010", "population", "revoked"),
    ("004", "population", "refused"),
    ("013", "legal_person", "withdrawn"),
    ("002", "economy", "granted"),
]

INDICATORS = [
    ("GDP", "地区生产总值", "亿元", 2600),
    ("GOV_REVENUE", "一般公共预算收入", "亿元", 250),
    ("FIXED_INVEST", "固定资产投资", "亿元", 700),
    ("RETAIL", "社会消费品零售总额", "亿元", 500),
    ("TRADE", "进出口总额", "亿元", 2200),
    ("POP", "常住人口", "万人", 84),
    ("INCOME", "城镇居民人均可支配收入", "元", 80000),
]
