"""A labelled corpus of government-document text with the personal data in it, generated from a fixed seed.

Positives are embedded in the sentences a 公示, a welfare list, a reply to a letter or a contract notice really
contain; the negatives are what such documents are full of and a careless detector flags: 文号, 索引号, dates,
amounts, statistics, ID numbers with a wrong check character, long order numbers without a banking word.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from zhengtong.core.ids import id_number_check_char
from zhengtong.privacy import Kind

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志海燕文辉鹏飞宇晨浩然欣怡子涵梓轩雨婷佳琪俊杰"
REGIONS = ["330206", "330203", "330212", "330281", "110105", "440305", "320102", "510107"]
STREETS = [
    "明州路",
    "新碶街道长江路",
    "大碶街道庐山东路",
    "小港街道红联村",
    "霞浦街道四合村",
    "中河路",
    "太河路",
    "黄山西路",
]


@dataclass
class Sample:
    text: str
    truth: set[tuple[Kind, str]] = field(default_factory=set)


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 1, 2))))


def id_number(rng: random.Random, *, valid: bool = True) -> str:
    birth = f"{rng.randrange(1940, 2010)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
    first17 = rng.choice(REGIONS) + birth + f"{rng.randrange(1000):03d}"
    check = id_number_check_char(first17)
    if not valid:
        check = rng.choice([c for c in "0123456789X" if c != check])
    return first17 + check


def mobile(rng: random.Random) -> str:
    return (
        rng.choice(["13", "15", "17", "18", "19", "14", "16"])
        + str(rng.randrange(0, 10))
        + f"{rng.randrange(10**8):08d}"
    )


def bank_card(rng: random.Random) -> str:
    body = rng.choice(["622202", "621700", "622848", "623058", "621226"]) + "".join(
        str(rng.randrange(10)) for _ in range(12)
    )
    total = 0
    for i, d in enumerate(int(c) for c in reversed(body)):
        total += (d * 2 - 9 if d * 2 > 9 else d * 2) if i % 2 == 0 else d
    return body + str((10 - total % 10) % 10)


def address(rng: random.Random) -> str:
    building = f"{rng.randrange(1, 30)}幢{rng.randrange(1, 6)}0{rng.randrange(1, 5)}室"
    return f"{rng.choice(STREETS)}{rng.randrange(1, 400)}号{building}"


def positives(rng: random.Random) -> Sample:
    n, i, m = name(rng), id_number(rng), mobile(rng)
    shown_mobile = rng.choice([m, m, m, f"{m[:3]}-{m[3:7]}-{m[7:]}", f"{m[:3]} {m[3:7]} {m[7:]}"])
    prefix = rng.choice(["", "", "+86", "+86 "])
    kind = rng.randrange(7)
    if kind == 0:
        return Sample(
            f"经审核，申请人：{n}，身份证号码{i}，符合最低生活保障条件，拟予以公示。",
            {(Kind.NAME, n), (Kind.ID_NUMBER, i)},
        )
    if kind == 1:
        return Sample(f"联系人：{n}，联系电话：{prefix}{shown_mobile}。", {(Kind.NAME, n), (Kind.MOBILE, shown_mobile)})
    if kind == 2:
        a = address(rng)
        return Sample(
            f"来信人反映其居住的{a}楼道堆放杂物，请相关部门处理。回复电话{m}。", {(Kind.ADDRESS, a), (Kind.MOBILE, m)}
        )
    if kind == 3:
        c = bank_card(rng)
        return Sample(f"补助资金将发放至户主{n}名下银行卡号 {c}，请注意查收。", {(Kind.NAME, n), (Kind.BANK_CARD, c)})
    if kind == 4:
        domain = rng.choice(["163.com", "qq.com", "example.cn"])
        e = f"{rng.choice(['zhang', 'li', 'wang', 'chen'])}{rng.randrange(1000)}@{domain}"
        return Sample(f"如有疑问请发送邮件至 {e} 或致电 {m}", {(Kind.EMAIL, e), (Kind.MOBILE, m)})
    if kind == 5:
        shown = i.lower() if rng.random() < 0.3 else i  # lower-case x, as typed into spreadsheets
        return Sample(
            f"序号\t{rng.randrange(1, 300)}\t{shown}\t{m}\t{rng.randrange(300, 2000)}元",
            {(Kind.ID_NUMBER, shown), (Kind.MOBILE, m)},
        )
    landline = f"0574-8{rng.randrange(10**6, 10**7)}"
    return Sample(
        f"当事人{n}（身份证号：{i}，住宅电话{landline}）未按期整改。",
        {(Kind.NAME, n), (Kind.ID_NUMBER, i), (Kind.LANDLINE, landline)},
    )


def negatives(rng: random.Random) -> Sample:
    year = rng.randrange(2008, 2027)
    kind = rng.randrange(8)
    if kind == 0:
        return Sample(f"根据仑政发〔{year}〕{rng.randrange(1, 200)}号文件精神，结合本地实际制定本办法。")
    if kind == 1:
        return Sample(
            f"索引号：11330206002950367A/{year}-{rng.randrange(1, 99999):05d}，"
            f"成文日期：{year}-0{rng.randrange(1, 10)}-1{rng.randrange(10)}。"
        )
    if kind == 2:
        return Sample(
            f"全区全年实现地区生产总值{rng.randrange(10**6, 10**9)}万元，"
            f"同比增长{rng.randrange(1, 99)}.{rng.randrange(10)}%。"
        )
    if kind == 3:
        return Sample(f"该号码{id_number(rng, valid=False)}校验位不符，系录入错误。")
    if kind == 4:
        return Sample(f"订单编号{rng.randrange(10**15, 10**18)}已完成结算。")
    if kind == 5:
        return Sample(f"政务服务便民热线 12345，受理编号 BL{year}{rng.randrange(10**7, 10**8)}。")
    if kind == 6:
        return Sample(
            f"统一社会信用代码：91330206MA2{rng.randrange(10**5, 10**6)}X1，注册资本{rng.randrange(100, 5000)}万元。"
        )
    return Sample(
        f"本公告自{year}年{rng.randrange(1, 13)}月{rng.randrange(1, 29)}日起施行，有效期{rng.randrange(2, 6)}年。"
    )


def corpus(size: int = 3000, seed: int = 20261123) -> list[Sample]:
    rng = random.Random(seed)
    return [positives(rng) if rng.random() < 0.6 else negatives(rng) for _ in range(size)]
