"""Text for the demo's document library: titles and bodies per disclosure category, filled with 北仑区 facts.

Bodies are built from paragraphs picked at random, so about 5,000 documents read differently; a share of them
carries the personal data real 公示 lists contain (names, ID numbers, mobiles), which the import masks and the
review blocks.
"""

from __future__ import annotations

TOPICS = {
    "regulations": "general",
    "organisation": "general",
    "plans": "economy",
    "statistics": "economy",
    "licensing": "market",
    "penalties": "market",
    "budgets": "finance",
    "fees": "finance",
    "procurement": "finance",
    "projects": "urban",
    "livelihood": "civil_affairs",
    "emergencies": "civil",
    "inspections": "market",
    "recruitment": "labour",
    "other": "general",
}

TITLES = {
    "regulations": [
        "关于印发《北仑区{subject}管理办法》的通知",
        "关于进一步加强{subject}工作的实施意见",
        "北仑区{subject}实施细则",
    ],
    "organisation": ["{dept}{year}年主要职责和内设机构", "{dept}领导分工调整情况", "{dept}办公地址和办公时间"],
    "plans": ["北仑区{subject}“十四五”规划", "{dept}{year}年工作要点", "{dept}{year}年工作总结和{next}年工作思路"],
    "statistics": [
        "{year}年{month}月北仑区{subject}统计数据",
        "北仑区{year}年国民经济和社会发展统计公报",
        "{year}年{month}月{subject}运行情况",
    ],
    "licensing": [
        "{year}年{month}月{subject}行政许可结果公示",
        "关于{company}{subject}许可的批复",
        "{subject}许可办理情况（第{n}批）",
    ],
    "penalties": [
        "{dept}行政处罚决定书（仑{abbr}罚〔{year}〕{n}号）",
        "{year}年第{n}批行政处罚信息公示",
        "关于{company}违法行为的处理决定",
    ],
    "budgets": ["{dept}{year}年度部门预算", "{dept}{year}年度部门决算", "北仑区{year}年“三公”经费预算情况说明"],
    "fees": ["{dept}行政事业性收费项目目录（{year}年版）", "关于调整{subject}收费标准的通知", "{year}年涉企收费清单"],
    "procurement": [
        "{subject}采购项目中标（成交）结果公告",
        "{dept}{year}年政府采购意向公开",
        "{subject}项目公开招标公告",
    ],
    "projects": [
        "{subject}工程项目批准和实施情况",
        "{subject}建设项目环境影响评价审批公示",
        "重大建设项目{subject}进展情况",
    ],
    "livelihood": [
        "{year}年第{n}批最低生活保障对象公示",
        "{year}年{subject}补助资金发放名单公示",
        "关于{subject}就业补贴申领的公告",
    ],
    "emergencies": [
        "北仑区{subject}突发事件应急预案",
        "关于做好{year}年防汛防台工作的通知",
        "{subject}应急演练情况通报",
    ],
    "inspections": [
        "{year}年{month}月{subject}监督抽查结果",
        "{subject}“双随机、一公开”抽查计划",
        "{year}年{subject}安全生产检查情况通报",
    ],
    "recruitment": [
        "{dept}{year}年公开招聘编外工作人员公告",
        "{year}年考试录用公务员拟录用人员公示",
        "{dept}{year}年招聘拟聘用人员名单",
    ],
    "other": ["关于{subject}的公告", "{dept}关于{subject}有关事项的说明", "{year}年{subject}工作情况通报"],
}

SUBJECTS = [
    "最低生活保障",
    "城乡居民医疗保险",
    "食品经营许可",
    "建设工程规划许可",
    "不动产登记",
    "生活垃圾分类",
    "老旧小区改造",
    "港口物流",
    "营商环境",
    "中小学招生入学",
    "养老服务",
    "残疾人两项补贴",
    "高校毕业生就业",
    "农村公路养护",
    "防汛防台",
    "危险化学品",
    "特种设备",
    "消防安全",
    "电动自行车",
    "企业开办",
    "人才安居",
    "海洋经济",
    "数字化改革",
    "公共文化服务",
    "饮用水水源保护",
    "大气污染防治",
    "疫苗接种",
    "安全生产",
    "住房保障",
    "失业保险",
]
COMPANIES = [
    "宁波港城贸易有限公司",
    "北仑海达物流有限公司",
    "宁波明州食品有限公司",
    "北仑新碶建筑工程有限公司",
    "宁波大港化工有限公司",
]

PARAGRAPHS = [
    "为进一步做好{subject}工作，根据有关法律法规和上级部门部署，结合本区实际，现就有关事项通知如下。",
    "一、总体要求。坚持以人民为中心的发展思想，按照“最多跑一次”改革要求，推动{subject}工作规范化、便利化。",
    "二、主要任务。各街道、各部门要明确责任分工，建立工作台账，确保{year}年底前完成各项目标任务。",
    "三、工作措施。依托网上办事大厅实现网上申请、网上受理、网上办结，办理结果全程可查询。",
    "四、保障措施。加强组织领导，强化督查考核，对工作不力、推诿扯皮的单位予以通报。",
    "{year}年，全区{subject}工作总体平稳，共受理申请{n}件，按时办结率{rate}%，群众满意率{sat}%。",
    "本办法自{year}年{month}月1日起施行，有效期五年。此前规定与本办法不一致的，以本办法为准。",
    "公示期间，如有异议，请以书面形式向{dept}反映。联系电话：{phone}。",
    "经审核，{company}提交的申请材料齐全、符合法定形式，决定准予许可，有效期五年。",
    "各有关单位要高度重视，严格落实安全责任，加强巡查检查，发现隐患及时整改，确保人民群众生命财产安全。",
]
PERSONAL = [
    "经审核，申请人：{name}，身份证号码{id_number}，家庭人均收入低于保障标准，拟纳入最低生活保障范围。",
    "联系人：{name}，联系电话：{mobile}。",
    "补助资金发放至户主{name}名下银行卡号 {card}。",
]
NAMES = ["王建国", "李秀英", "张伟", "刘芳", "陈志强", "杨丽娟", "黄海燕", "赵明", "周晓东", "吴桂兰"]

INTERPRETATION = (
    "政策解读：《{title}》。一、制定背景。二、主要内容。三、适用对象。"
    "四、办理流程：申请人可通过网上办事大厅或窗口提出申请。"
)

# The home page's columns (code, name, update period in days; the inspection indicators: 动态、要闻类 two weeks,
# 通知公告、政策文件类 six months) and the demonstration items published in them through the review.
HOME_COLUMNS = [("news", "要闻动态", 14), ("notices", "通知公告", 180), ("interpretations", "政策解读", 180)]
NEWS = [
    "区政府召开第{n}次常务会议 研究部署优化营商环境工作",
    "我区“一件事”集成改革再提速 企业开办一日办结",
    "区政务服务中心推出周末延时服务",
    "全区安全生产工作会议召开",
    "我区举办政府开放日活动 市民走进政务服务中心",
    "区领导调研基层便民服务中心建设",
]
NOTICES = [
    "关于{year}年元旦期间政务服务中心服务时间调整的通知",
    "关于开展{year}年度政府网站用户满意度调查的公告",
    "关于征集民生实事项目建议的公告",
    "关于公布区级政务服务事项目录（{year}年版）的通知",
]
NEWS_BODY = "（演示内容）本文为政通平台演示数据，经起草、保密审查后在本栏目发布。"
