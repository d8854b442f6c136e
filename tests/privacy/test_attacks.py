"""Spellings outside attacks published (issue 20; 条例 Art. 15), and the clean text their readings must leave alone:
each attack's spellings is a list of sentences that must be found, each review's false alarms a list that must
not be."""

from __future__ import annotations

import pytest

from zhengtong.privacy import Kind, mask, scan

from ..factories import valid_id_number

_ID = valid_id_number()
_SPACED_ID = "    ".join(_ID[i : i + 4] for i in range(0, 18, 4))  # 4-4-4-4-2, four spaces between


# Outside attacks, sessions 38 and 48: each of these was published unmasked.
ATTACKS_38_AND_48 = [
    ("身份证330206.19900307.1231", Kind.ID_NUMBER, "330206.19900307.1231"),
    ("身份证330206 - 19900307 - 1231", Kind.ID_NUMBER, "330206 - 19900307 - 1231"),
    ("330206199003071231zm.pdf", Kind.ID_NUMBER, "330206199003071231"),
    ("联系8613905740004", Kind.MOBILE, "8613905740004"),
    ("手机139 - 0574 - 0003", Kind.MOBILE, "139 - 0574 - 0003"),
    ("TEL13905740005", Kind.MOBILE, "13905740005"),
    ("zhangsan13905740015.pdf", Kind.MOBILE, "13905740015"),
    ("电话(138)0574-0001", Kind.MOBILE, "(138)0574-0001"),
    ("电话138·0574·0001", Kind.MOBILE, "138·0574·0001"),
    ("电话138/0574/0001", Kind.MOBILE, "138/0574/0001"),
    ("住绿城春江花园 9幢800室", Kind.ADDRESS, "绿城春江花园 9幢800室"),
    ("住绿城春江花园9#800室", Kind.ADDRESS, "绿城春江花园9#800室"),
    ("住绿城春江花园9号800室", Kind.ADDRESS, "绿城春江花园9号800室"),
    ("住绿城春江花园9栋8楼800", Kind.ADDRESS, "绿城春江花园9栋8楼800"),
    ("住绿城春江花园9幢-800室", Kind.ADDRESS, "绿城春江花园9幢-800室"),
    # round 2
    ("请回电138，0574，0031谢谢", Kind.MOBILE, "138，0574，0031"),
    ("电话138、0574、0031", Kind.MOBILE, "138、0574、0031"),
    ("身份证330206，19900307，1231", Kind.ID_NUMBER, "330206，19900307，1231"),
    ("或一三八零五七四零零三三", Kind.MOBILE, "一三八零五七四零零三三"),
    ("手机①③⑧⓪⑤⑦④⓪⓪③③", Kind.MOBILE, "①③⑧⓪⑤⑦④⓪⓪③③"),
    ("住址绿城春江花园9幢，804室", Kind.ADDRESS, "绿城春江花园9幢，804室"),
    # session 44: a building named by a letter, as towers often are
    ("住东湖花园B座1203室", Kind.ADDRESS, "东湖花园B座1203室"),
    ("家住锦园小区A幢2单元301", Kind.ADDRESS, "锦园小区A幢2单元301"),
    ("住银亿上上城C栋802", Kind.ADDRESS, "银亿上上城C栋802"),
    # session 48 (two attacks): a letter's title, body or reply, a disclosure document or its attachments,
    # Open311, site search, a service guide, a 差评's comment
    # an ID number is told by its check character and birth date, however wide its groups are spaced
    (f"证件：{_SPACED_ID}", Kind.ID_NUMBER, _SPACED_ID),
    (f"户主甲 {_SPACED_ID} 已登记", Kind.ID_NUMBER, _SPACED_ID),
    # a mobile split at other places than 3-4-4, spaced wide or over lines, beside a telephone word
    ("噪音扰民 回电1380    5740    001", Kind.MOBILE, "1380    5740    001"),
    ("Phone：1380    5740    003", Kind.MOBILE, "1380    5740    003"),
    ("联系方式：1380    5740    008", Kind.MOBILE, "1380    5740    008"),
    ("回电：\t1380\t\t5740\t\t014", Kind.MOBILE, "1380\t\t5740\t\t014"),
    # a circle for zero, and the digits read out over a radio (幺 1, 两 2, 拐 7, 洞 0, 勾 9)
    ("回电一三八○五七四○○○二", Kind.MOBILE, "一三八○五七四○○○二"),
    ("幺三八洞五拐四洞洞洞幺", Kind.MOBILE, "幺三八洞五拐四洞洞洞幺"),
    ("电话幺三八洞五拐四洞两勾幺", Kind.MOBILE, "幺三八洞五拐四洞两勾幺"),
    # other marks between the groups
    ("手机138点0574点0001", Kind.MOBILE, "138点0574点0001"),
    ("手机138‧0574‧0001", Kind.MOBILE, "138‧0574‧0001"),
    ("手机138 。0574。 0001", Kind.MOBILE, "138 。0574。 0001"),
    # an e-mail address with an ideographic full stop, spaces, or (at) for @
    ("邮箱zhangsan2026@163。com", Kind.EMAIL, "zhangsan2026@163。com"),
    ("邮箱 wangjj@nbbl。gov.cn", Kind.EMAIL, "wangjj@nbbl。gov.cn"),
    ("发至zhangsan@qq .com", Kind.EMAIL, "zhangsan@qq .com"),
    ("发至zhangsan @ qq.com", Kind.EMAIL, "zhangsan @ qq.com"),
    ("发至zhangsan(at)163.com", Kind.EMAIL, "zhangsan(at)163.com"),
    # a plate with a space after its province, or in lower case
    ("车牌浙 B 12345停在门口", Kind.PLATE, "浙 B 12345"),
    ("车牌浙b54321停在门口", Kind.PLATE, "浙b54321"),
    # an account's word spaced out, in English, or as people nickname it
    ("微 信：zhangsan_2026", Kind.ACCOUNT, "zhangsan_2026"),
    ("wechat: hu_2026", Kind.ACCOUNT, "hu_2026"),
    ("WeChat：hu_2027", Kind.ACCOUNT, "hu_2027"),
    ("Q Q：123456789", Kind.ACCOUNT, "123456789"),
    ("扣扣：123456789", Kind.ACCOUNT, "123456789"),
    ("薇信 chen_0574", Kind.ACCOUNT, "chen_0574"),
    # the second attack: a service guide and a 差评's comment
    ("示例个人工行卡6222021234567890128", Kind.BANK_CARD, "6222021234567890128"),
    ("请加微信：chenxiaodong", Kind.ACCOUNT, "chenxiaodong"),
    # the re-test (session 48): a mobile over lines right after a contact's noun, and spellings still left
    ("联系手机\n1380\n5740\n014", Kind.MOBILE, "1380\n5740\n014"),
    ("联系电话：\n1380\n5740\n015", Kind.MOBILE, "1380\n5740\n015"),
    ("邮箱 chenxd (at) 163.com", Kind.EMAIL, "chenxd (at) 163.com"),
    ("Email: chen.xd(at)gmail(dot)com", Kind.EMAIL, "chen.xd(at)gmail(dot)com"),
    ("车牌 浙 b 12345", Kind.PLATE, "浙 b 12345"),
    ("微信号chenxiaodong", Kind.ACCOUNT, "chenxiaodong"),
]


# Outside attack, session 44: each was published unmasked in a letter, its reply or a disclosure document, and
# found by site search.
ATTACK_44 = [
    # a numeral that ends a word (张三, 王五, 电话一) glued to a number written in digits is the word's, not a digit
    ("楼上邻居张三13805740001家", Kind.MOBILE, "13805740001"),
    ("邻居王五13805740004", Kind.MOBILE, "13805740004"),
    ("身份证号一330206199003071231", Kind.ID_NUMBER, "330206199003071231"),
    ("电话13805740003三楼", Kind.MOBILE, "13805740003"),
    # invisible characters beyond the zero-width ones: every default-ignorable code point, and the blanks
    ("他的手机是138\u206a0574\u206a0001", Kind.MOBILE, "138\u206a0574\u206a0001"),
    ("手机138\u061c0574\U000e00200001", Kind.MOBILE, "138\u061c0574\U000e00200001"),
    ("手机138\u31640574\u17b40001", Kind.MOBILE, "138\u31640574\u17b40001"),
    ("手机138\u28000574\u28000001", Kind.MOBILE, "138\u28000574\u28000001"),
    (
        "工资卡号：6222\u206a0212\u206a3456\u206a7890\u206a128",
        Kind.BANK_CARD,
        "6222\u206a0212\u206a3456\u206a7890\u206a128",
    ),
    # a number broken over lines, or spaced wide, at its own group breaks (a page shows one space there)
    ("手机138\n0574\n0001", Kind.MOBILE, "138\n0574\n0001"),
    ("手机138\r\n0574\r\n0001", Kind.MOBILE, "138\r\n0574\r\n0001"),
    ("手机138\u20280574\u20280001", Kind.MOBILE, "138\u20280574\u20280001"),
    ("联系139    0574    0002", Kind.MOBILE, "139    0574    0002"),
    ("身份证330206\n19900307\n1231", Kind.ID_NUMBER, "330206\n19900307\n1231"),
    ("手机138*0574*0001", Kind.MOBILE, "138*0574*0001"),
    ("手机138（0574）0001", Kind.MOBILE, "138（0574）0001"),
    # digits spelt in Chinese, grouped by punctuation
    ("他老婆电话一三八，零五七四，零零零二", Kind.MOBILE, "一三八，零五七四，零零零二"),
    ("电话一三八.零五七四.零零零二", Kind.MOBILE, "一三八.零五七四.零零零二"),
    # an address spaced out or broken over a line
    ("住址：绿城春江花园9 幢 800 室", Kind.ADDRESS, "绿城春江花园9 幢 800 室"),
    ("住址：绿城春江花园\n9幢800室", Kind.ADDRESS, "绿城春江花园\n9幢800室"),
    ("他家住春江花园9-800", Kind.ADDRESS, "春江花园9-800"),
    # a numeral after a number and a comma opens the next words (a road's name), not the number
    ("联系17738187751，九峰路262号自提", Kind.ADDRESS, "九峰路262号"),
    ("备注：靳梓萱 碧浪湖花园3幢2803室", Kind.ADDRESS, "碧浪湖花园3幢2803室"),
    # a file name's words are parted by _ as by -
    ("王建军_补贴申请表.docx", Kind.NAME, "王建军"),
    ("补贴申请表_王建军.docx", Kind.NAME, "王建军"),
]


# Review, session 44: a number whose first or last digits are numerals is still found.
REVIEW_44 = [
    # review (session 44): a numeral glued to digits is a digit when, with it, the number is whole
    ("手机138057400零一", Kind.MOBILE, "138057400零一"),
    ("电话：1380574000幺", Kind.MOBILE, "1380574000幺"),
    ("幺3805740001", Kind.MOBILE, "幺3805740001"),
    ("身份证3302061990030712三一", Kind.ID_NUMBER, "3302061990030712三一"),
    ("证件3306831971080976一X，", Kind.ID_NUMBER, "3306831971080976一X"),
    ("发放账户62290978766099234三，开户行兴业银行", Kind.BANK_CARD, "62290978766099234三"),
    ("公民身份号码320102\u200d19440302737三，", Kind.ID_NUMBER, "320102\u200d19440302737三"),
]


# Lines and lists the new spellings of session 44 admit.
LINES_AND_LISTS = [
    "一、二、三、四、五、六、七、八项工作",  # a list numbered in Chinese is no number
    "第1\n2\n3条",
    "2026年\n1月\n5日",
    "序号\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11",
    "三号楼\n八百户",
]


# Numbers in a table or a measure.
TABLES_AND_MEASURES = [
    # review (session 44): numbers on lines or in wide columns are a table's, unless a telephone word says
    "人数\n180\n1200\n3500",
    "150    1200    3500",
    "规格：150*1200*2400mm",
    "项目 2023 2024 2025 2026",
    "建成公租房小区 5 幢 300 多户",
]


# Tables, words and times the fourth attack's spellings admit.
FOURTH_ATTACK_CLEAN = [
    "150    1200    3500",  # wide columns of a table, no telephone word
    "人数\n1800\n1200\n350",
    "山洞两处，拐角三处",
    "会议于下午3点30分召开，共13点议题",
    "详见 www.example.gov.cn 。",
    "浙江省 2026 年预算",
]


# Outside attack, session 62: each was published unmasked in a letter's title, body, reply or callback note, in
# Open311 and in site search's snippets, and written in full to the log in a path.
ATTACK_62 = [
    # a run of marks between the groups, or the groups in brackets
    ("关于139--0574--1111号码反复骚扰的求助", Kind.MOBILE, "139--0574--1111"),
    ("身份证330206--19850512--1230", Kind.ID_NUMBER, "330206--19850512--1230"),
    ("银行卡6222--0212--3456--7890--128", Kind.BANK_CARD, "6222--0212--3456--7890--128"),
    ("手机(139)(0574)(3333)", Kind.MOBILE, "(139)(0574)(3333"),
    ("手机【138】【0574】【9876】", Kind.MOBILE, "138】【0574】【9876"),
    ("手机138=0574=9876", Kind.MOBILE, "138=0574=9876"),
    ("手机138'0574'9876", Kind.MOBILE, "138'0574'9876"),
    ("手机138\\0574\\9876", Kind.MOBILE, "138\\0574\\9876"),
    ("手机139 * 0574 * 6666", Kind.MOBILE, "139 * 0574 * 6666"),
    ("座机0574--86884444", Kind.LANDLINE, "0574--86884444"),
    ("座机0574.86884444", Kind.LANDLINE, "0574.86884444"),
    # a local number without its area code, right after a word that says it is a telephone
    ("座机86885555", Kind.LANDLINE, "86885555"),
    ("电话：86881234", Kind.LANDLINE, "86881234"),
    # an e-mail address spelt out so that a robot does not read it
    ("邮箱 wangxm @ qq . com", Kind.EMAIL, "wangxm @ qq . com"),
    ("邮箱 wangxm2 at 163 dot com", Kind.EMAIL, "wangxm2 at 163 dot com"),
    ("邮箱 zhangsan#qq.com", Kind.EMAIL, "zhangsan#qq.com"),
    # a driving school's, a police or a trailer's plate ends in its character
    ("教练车浙B1234学", Kind.PLATE, "浙B1234学"),
    ("浙B1234挂", Kind.PLATE, "浙B1234挂"),
    # the second attack of session 62: a disclosure document's issuer and title, a service guide's answers
    ("北仑区市场监督管理局（罚没款汇款至6228480012345678903）", Kind.BANK_CARD, "6228480012345678903"),
    ("如需退款，请汇款至6228480012345678903", Kind.BANK_CARD, "6228480012345678903"),
    ("关于绿城春江花园第9幢第800室违法建设的处理决定", Kind.ADDRESS, "绿城春江花园第9幢第800室"),
    ("家住横山村第3组第45号", Kind.ADDRESS, "横山村第3组第45号"),
    ("申请人身份证号330206(1990)0307-1231", Kind.ID_NUMBER, "330206(1990)0307-1231"),
    # letters that look like digits typed in their place (O for 0, l or I for 1), as a scan's text reads too
    ("身份证33O2O619900307123l", Kind.ID_NUMBER, "33O2O619900307123l"),
    ("手机l38O5740001", Kind.MOBILE, "l38O5740001"),
    # an address with its numbers in capital numerals, or a village's group and house joined by a dash
    ("住横山村叁组肆拾伍号", Kind.ADDRESS, "横山村叁组肆拾伍号"),
    ("住横山村3-45号", Kind.ADDRESS, "横山村3-45号"),
    # the third attack of session 62: a 好差评 comment, an Open311 letter, open data and a document's table
    ("多交的费用麻烦退到我的卡6222021202004567898，谢谢！", Kind.BANK_CARD, "6222021202004567898"),
    ("押金退到工资卡6222021202004567898", Kind.BANK_CARD, "6222021202004567898"),
    ("我的卡是６２２２０２１２０２００４５６７８９８", Kind.BANK_CARD, "６２２２０２１２０２００４５６７８９８"),
    ("小区是新城家园，3号楼2单元601。", Kind.ADDRESS, "3号楼2单元601"),
    ("举报人反映：新城家园，3号楼2单元601业主在阳台外扩", Kind.ADDRESS, "3号楼2单元601"),
    ("有事打86881234找我", Kind.LANDLINE, "86881234"),
    ("或者联系我：chenxs1985（微信）。", Kind.ACCOUNT, "chenxs1985"),
    ("企鹅号123456789", Kind.ACCOUNT, "123456789"),
    # a table's row as the readers of sheets and open data write it: each cell after its heading
    ("小区：新城家园，幢：3，单元：2，室：601", Kind.ADDRESS, "幢：3，单元：2，室：601"),
    # the fourth attack of session 62: a number typed backwards inside a right-to-left override, which a page shows
    # the right way round (a column's title, a repeal reason, a 好差评 comment)
    ("（咨询：\u202e10004750831\u202c）", Kind.MOBILE, "10004750831"),
    ("请打我手机\u202e10004750831", Kind.MOBILE, "10004750831"),
    # the fifth attack of session 62: any mark a keyboard or an input method types between the groups, not only
    # the ones listed (丨 is a radical that looks like a bar; box-drawing lines, operators' dots, bullets)
    ("物业经理手机138丨0574丨0032", Kind.MOBILE, "138丨0574丨0032"),
    ("备用138⸺0574⸺0012", Kind.MOBILE, "138⸺0574⸺0012"),
    ("值班138⋅0574⋅0013", Kind.MOBILE, "138⋅0574⋅0013"),
    ("热线138∙0574∙0014", Kind.MOBILE, "138∙0574∙0014"),
    ("电话138│0574│0015", Kind.MOBILE, "138│0574│0015"),
    ("身份证330206⁃19900307⁃1231", Kind.ID_NUMBER, "330206⁃19900307⁃1231"),
    ("联系电话1380,5740,015", Kind.MOBILE, "1380,5740,015"),
    # overrides nested or closed by an isolate, as a page shows them
    ("手机\u202e1000\u202e4750\u202c831\u202c", Kind.MOBILE, "1000\u202e4750\u202c831"),
    ("联系人手机\u202e\u202d13805740002\u202c\u202c", Kind.MOBILE, "13805740002"),
    ("我的手机\u2067\u202e0831\u20695740021", Kind.MOBILE, "0831\u20695740021"),
]


# Text the session-62 spellings must leave alone.
ATTACK_62_CLEAN = [
    "服务时间：8:30-12:00，13:30-17:00",
    "全年受理 138 件，办结 130 件，满意率 98.5%",
    "第(13)项、第(8)项",
    "详见《条例》第13条、第5条",
    "The meeting is at 163 Main Street",
    "C# and F# are languages",
    "1+1=2，3*4=12",
    "咨询电话：12345",
    "推进O2O模式，Windows10已安装",
    "型号IOO1-2000L",
    "本月共发放社会保障卡3210张，办结率98%",
    "3号楼2单元共有住户24户",
    "订单号20261205123456789已打卡确认",
    "2026.12.07—2026.12.31",
    "预算1,380,574,001元",
    "第1│2│3项",
    "时间：13:05—14:30",
    # the review of session 62: what the first mends of the attacks read wrongly
    "市财政拨3500000元用于老旧小区改造",
    "上级下拨2500000元补助资金",
    "已向对方打5000000元保证金",
    "Apply online at zwfw.zj.gov.cn",
    "Please visit us at www.ningbo.gov.cn",
    "look at this.com",
    "退款订单号：2024031512345678903",
    "打款批次号2024031512345678903",
    "本案已转至市局，案卷编号2024031512345678903",
    "退还保证金，业务编号2024031512345678903",
    "已缴入国库，缴款书编号2024031512345678903",
    "这张卡的申请编号是2024031512345678903",
    "1号楼3单元1500㎡",
    "1号楼3单元1500m2",
    "1号楼1单元1200亩",
    "3号楼2单元2024-03-15交付",
    "发票号码O123456789",
]

# Seen in session 62 and mended in 63: an address typed letter-spaced, its digits too, as a form prints it
ATTACK_63 = [
    ("住 址 ： 绿 城 春 江 花 园 9 幢 8 0 0 室", Kind.ADDRESS, "绿 城 春 江 花 园 9 幢 8 0 0 室"),
    ("家住绿城春江花园9 幢 8 0 0 室", Kind.ADDRESS, "绿城春江花园9 幢 8 0 0 室"),
    ("我 住 在 明 州 路 8 8 弄 1 2 号 6 0 1 室", Kind.ADDRESS, "明 州 路 8 8 弄 1 2 号 6 0 1 室"),
    # a building and its room parted by a bracket, a slash or 的; building-unit-room by a slash, a dot or _; a
    # village's team (队, 社) for its group, and a group written out (session 63)
    ("住春江花园9幢（801室）", Kind.ADDRESS, "春江花园9幢（801室"),
    ("住春江花园9幢/801室", Kind.ADDRESS, "春江花园9幢/801室"),
    ("住春江花园9幢的801室", Kind.ADDRESS, "春江花园9幢的801室"),
    ("东方港城3/2/301", Kind.ADDRESS, "东方港城3/2/301"),
    ("东方港城3.2.301", Kind.ADDRESS, "东方港城3.2.301"),
    ("东方港城3_2_301", Kind.ADDRESS, "东方港城3_2_301"),
    ("横山村3队45号", Kind.ADDRESS, "横山村3队45号"),
    ("横山村3社45号", Kind.ADDRESS, "横山村3社45号"),
    ("横山村第三村民小组", Kind.ADDRESS, "横山村第三村民小组"),
    # the fifth round: digits of several scripts in one number, small forms in an e-mail, a unit before the room
    ("邻居身份证号3302061990⓪3⓪7一231冒领补贴", Kind.ID_NUMBER, "3302061990⓪3⓪7一231"),
    ("联系电话1三8⓪5七4⓪⓪⓪1", Kind.MOBILE, "1三8⓪5七4⓪⓪⓪1"),
    ("他老婆电话１３８０⑤７４０００一", Kind.MOBILE, "１３８０⑤７４０００一"),
    ("邮箱zhangsan﹫qq.com", Kind.EMAIL, "zhangsan﹫qq.com"),
    ("邮箱lisi@qq﹒com", Kind.EMAIL, "lisi@qq﹒com"),
    ("滨江小区3栋2-301", Kind.ADDRESS, "滨江小区3栋2-301"),
    ("滨江小区3#2-302", Kind.ADDRESS, "滨江小区3#2-302"),
    ("滨江小区3号楼2门301", Kind.ADDRESS, "滨江小区3号楼2门301"),
    ("滨江小区3幢2-301室", Kind.ADDRESS, "滨江小区3幢2-301室"),
    ("滨江小区3ｰ2ｰ301", Kind.ADDRESS, "滨江小区3ｰ2ｰ301"),
    ("车牌浙 B 1 2 3 4 5", Kind.PLATE, "浙 B 1 2 3 4 5"),
    ("车牌是浙B一二三四五", Kind.PLATE, "浙B一二三四五"),
    ("邮箱zhangsan艾特qq点com", Kind.EMAIL, "zhangsan艾特qq点com"),
    (
        "手机1    3    8    0    5    7    4    0    0    0    2",
        Kind.MOBILE,
        "1    3    8    0    5    7    4    0    0    0    2",
    ),
    ("家住阳光花园三-二-301", Kind.ADDRESS, "阳光花园三-二-301"),
    ("手机⑬805740001", Kind.MOBILE, "⑬805740001"),  # one sign for two digits
    ("电话⑬8⓪574⓪⓪⓪1", Kind.MOBILE, "⑬8⓪574⓪⓪⓪1"),
    ("春江花园Ⅸ幢801室", Kind.ADDRESS, "春江花园Ⅸ幢801室"),  # Roman numerals, one to nine
    ("手机ⅠⅢⅧ05740001", Kind.MOBILE, "ⅠⅢⅧ05740001"),
    # each group in its own brackets, spaced (session 63)
    ("(139) (0574) (2222)", Kind.MOBILE, "(139) (0574) (2222"),
    ("【138】 【0574】 【0001】", Kind.MOBILE, "138】 【0574】 【0001"),
    ("(330206) (19850512) (1230)", Kind.ID_NUMBER, "330206) (19850512) (1230"),
    # the Cyrillic and Greek letters drawn as O and I, in a digit's place (session 63)
    ("手机138\u041e574\u041e\u041e33", Kind.MOBILE, "138\u041e574\u041e\u041e33"),
    (
        "身份证33\u039f2\u03bf6199\u041e\u041e3\u041e71231",
        Kind.ID_NUMBER,
        "33\u039f2\u03bf6199\u041e\u041e3\u041e71231",
    ),
    ("电话\u04cf3805740033", Kind.MOBILE, "\u04cf3805740033"),
]
# and what a row of spaced figures, with or without a word, still is: no address
ATTACK_63_CLEAN = [
    "合计 1 2 3 4 5 6",
    "第 3 幢 共 1 2 0 户",
    "全年 1 2 件 3 号",
    "1 2 3\n4 5 6",
    "(1) (2) (3)",
    "2026年(第1期) (总第138期)",
    "见第(13)页 (58)页 (2026)年",
    "日期2026/12/07",
    "版本3.2.301发布",
    "消防第3队队员",
    "农业合作社3社员",
    "浙江一二三四五六",
    "价格点com",
    "我在qq点com上",
    "Ⅰ. 总则 Ⅱ. 附则",
    "第Ⅱ期",
    "第一-三章",
    "第⑬条",
    "工商注册号：330206600123456",  # a firm's fifteen-digit registration number, named so (review, session 63)
    "营业执照注册号330206600123456",
]


@pytest.mark.parametrize(
    ("text", "kind", "value"), [*ATTACKS_38_AND_48, *ATTACK_44, *REVIEW_44, *ATTACK_62, *ATTACK_63]
)
def test_spellings_outside_attacks_published_are_found(text, kind, value):
    """Issue 20 (条例 Art. 15): each was published unmasked, or found only in part, before it was mended."""
    assert (kind, value) in {(f.kind, f.text) for f in scan(text)}, [(f.kind, f.text) for f in scan(text)]


@pytest.mark.parametrize(
    "text", [*LINES_AND_LISTS, *TABLES_AND_MEASURES, *FOURTH_ATTACK_CLEAN, *ATTACK_62_CLEAN, *ATTACK_63_CLEAN]
)
def test_text_the_new_spellings_admit_is_no_finding(text):
    assert scan(text) == [], [(f.kind, f.text) for f in scan(text)]


@pytest.mark.parametrize(
    "text",
    [
        # review (session 48): a measure or a table's figures near a telephone word are no mobile
        "床垫规格1800*2000*200mm，联系人：王工",
        "采购钢板1500*2000*300，联系人李先生",
        "柜体尺寸 1600*2000*600 毫米，如有疑问请电话咨询",
        "全年12345热线受理来电\n1358\n2467\n389",
        "来电\n\n1568\n\n1432\n\n136",
        "13 ○ ○ ○ ○ ○ ○ ○ ○ ○",
        "受理渠道\n电话\n1358\n2467\n389",  # a table's row of a channel's counts
    ],
)
def test_measures_and_figures_beside_a_telephone_word_are_no_mobile(text):
    assert Kind.MOBILE not in {f.kind for f in scan(text)}, [(f.kind, f.text) for f in scan(text)]


@pytest.mark.parametrize(
    "text", ["京 bj2026 专项", "宁 nb2026 工程", "苏 ERP2026 系统", "全省新 GDP2025", "执行新 GB50016-2014 标准"]
)
def test_a_code_after_a_provinces_name_is_no_plate(text):
    assert Kind.PLATE not in {f.kind for f in scan(text)}, [(f.kind, f.text) for f in scan(text)]


def test_a_public_address_before_a_full_stop_stays_allowed():
    text = "请将材料发送至zwfw@nb.gov.cn。PDF格式为宜。"
    assert [f.text for f in scan(text)] == ["zwfw@nb.gov.cn"]
    assert scan(text, allow={"zwfw@nb.gov.cn"}) == []


def test_a_number_with_circles_for_zeros_is_masked_circles_and_all():
    """Review (session 48): the circles were read as digits but not masked as digits, so nothing was masked."""
    assert mask("回电一三八○五七四○○○二") == "回电一三八****○○○二"
    assert not scan(mask("回电一三八○五七四○○○二"))


def test_a_village_group_written_out_is_masked_numerals_and_all():
    assert mask("住横山村第三村民小组") == "住横山村第**村民小组"
    assert mask("横山村三队四十五号") == "横山村**队***号"


def test_roman_numerals_are_masked_as_the_digits_they_stand_for():
    assert mask("手机ⅠⅢⅧ05740001") == "手机ⅠⅢⅧ****0001"
    assert mask("春江花园Ⅸ幢801室") == "春江花园**幢***室"
    assert mask("家住阳光花园三-二-301") == "家住阳光花园**-**-***"


def test_a_sign_for_two_digits_is_masked_as_one():
    assert mask("手机⑬805740001") == "手机⑬80***0001"
    assert not scan(mask("电话⑬8⓪574⓪⓪⓪1"))


def test_a_fifteen_digit_number_named_a_registration_is_a_firms_and_an_id_named_so_is_still_read():
    assert [f.kind for f in scan("身份证号330206600123456")] == [Kind.ID_NUMBER]
    assert [f.kind for f in scan("注册号330206199003071231")] == [Kind.ID_NUMBER]  # eighteen digits: no firm's
