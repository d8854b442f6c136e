"""Detailed home addresses: what places a person's door, not the road or the estate alone.

Four shapes: a road or street with a house number (明州路188号3幢201室, 中山东路1288弄5号602室, 华山路123巷5号,
中心路7号楼2单元301); an estate with a building and a unit or room (绿城春江花园9幢800室, 银亿上上城12幢1单元302,
东方丽都小区7号楼505, 东湖花园B座1203室); a block of homes with a floor and room (滨江大厦12楼03室); a village with a
group or a house number (横山村3组45号, 河头村五组, 上阳村下王自然村18号). A road, an estate or a village named
alone is a place, not an address, and is left alone.
"""

from __future__ import annotations

import re

from .normalize import consecutive_spans, without

_NUMERALS = "一二三四五六七八九十百零〇两壹贰叁肆伍陆柒捌玖拾佰"  # capitals too (叁组肆拾伍号)
_N = rf"(?:\d+|[{_NUMERALS}]+)"
# The name before a road, estate or village: Chinese characters or letters, not crossing the words that end the
# phrase before it (住在…, 位于…, 坐落…, 分得…, 又去了…) or the city, district and street it sits in (but 小区, 社区,
# A区 and 一区 are part of an estate's name). The single characters in one class: the engine tries a branch at a
# time, and this is tried before every letter of every name. Each branch opens with the character it stops at and
# looks behind from there (落(?<=坐落), not (?<=坐)落): the engine skips a branch whose first character is not the
# text's without entering it, where it entered a leading lookbehind at every letter (a fifth of the pattern's time).
_STOP = (
    r"[住在于是的为和及与或至到去了又得址县镇乡]|落(?<=坐落)|市(?!村)|街道|道(?<=街道)"
    r"|区(?<![小社园A-Z一二三四五六七八九十]区)"
)
_LETTER = r"[\u4e00-\u9fa5A-Za-z]"
_FREE = rf"(?!{_STOP}){_LETTER}"  # a letter that ends no phrase
_NAME = rf"(?:{_FREE}){{1,12}}?"
# A road's name may end in one of those words' characters (天和路, 皮市巷): before a road word no phrase ends. Before
# a building's number one does (面试在5号楼403室), so only a road's name reads so.
_ROAD_NAME = rf"(?:(?:{_FREE}){{0,11}}?{_LETTER})"
_ROAD_WORDS = ("大道", "大街", "路", "街", "巷", "弄", "道", "里")
_ROAD = f"(?:{'|'.join(_ROAD_WORDS)})"
_UNIT = r"(?:幢|栋|号楼|座|单元|楼|层|室|号|弄|户)"
# a room written in numerals digit by digit (三幢二〇一), not a count (三百户)
_ROOM_SPELT = r"[〇零一二三四五六七八九]{3,4}(?![〇零一二三四五六七八九十百千万元年户人])"
# a bare room number in digits is not a count (300户, 500人, 120套, 300多户)
_NOT_A_COUNT = r"(?![\d万元平米年%.户人个套间辆名家份件次台项条多余])"
# After a door's room written without 室: not an area, a measure or a date either (1500㎡, 1200亩, 2024-03-15)
_NOT_AN_AREA = r"(?![\d万元平米年%.户人个套间辆名家份件次台项条多余㎡mM亩．-])"
_ROOM = rf"(?:第?{_N}室|\d{{3,4}}{_NOT_A_COUNT}|{_ROOM_SPELT})"
_CELL = r"[，,、；;|\t ]{1,3}"  # between a row's cells as a reader writes them
_DASHED = r"\d+(?:-\d+){1,2}室?"  # 9-3-702, 12-604室: building-unit-room
_ESTATE_WORDS = ("小区", "花园", "新村", "家园", "苑", "城", "园", "公寓", "大厦", "社区", "广场", "府", "庭", "湾")
_ESTATE = f"(?:{'|'.join(_ESTATE_WORDS)})"
# The estate words that name homes, where a floor and a room alone place a door: not a government's (政府), a
# square's, a mall's (城) or a park's (科技园), whose floors and rooms are offices (区政府3楼301室, 万达广场5楼501室)
_HOME_WORDS = ("大厦", "公寓", "小区", "花园", "家园", "新村", "苑", "庭", "湾")
_HOMES = f"(?:{'|'.join(_HOME_WORDS)})"
# after an estate's name: 9幢, 9栋, 9号楼, 9座, 9# and 9号 (绿城春江花园9号800室), or a tower's letter
# (东湖花园B座1203室), a space before it (the space before a number is read through already: find_addresses)
_BUILDING = rf" ?(?:[A-Z]区)?(?:第?{_N}(?:幢|栋|号楼|座|#|号)|[A-Z][幢栋座])"
# between the building and the room: a unit (2单元, 2门, 2-), a floor (9栋8楼800), a comma, a dash, a slash, 的 or an
# opening bracket (9幢-800室, 9幢/801室, 9幢的801室, 9幢（801室）, 3栋2-301, 3号楼2门301: session 63)
_BETWEEN = rf"(?:第?{_N}(?:单元|门)|\d{{1,2}}-)?(?:第?{_N}[楼层])?[,，、\-/的（(]?"

# The name before the shape is read once for all the shapes (with the name in each shape, every start was tried
# seven times: half the detector's time). A shorter name is tried with every shape before a longer one, so a
# village's house number gives way to a building or a room that goes on (白鹤新村7号楼804 and 白鹤新村7号804室 are
# doors of the estate 白鹤新村, not house 7 of 白鹤新).
_ROAD_SHAPE = rf"{_ROAD}{_N}(?:-\d+)?(?:号楼|号|弄|巷)(?:附{_N}号)?院?(?:{_N}{_UNIT})*(?:{_DASHED}|{_ROOM})?"
_GOES_ON = r"(?![0-9-]|楼[0-9一二三四五六七八九十])"  # a room, a dash or a building after it
# The characters the shapes after the name open with: a road's or an estate's word, 村, or a building's space, tower
# letter, 第 or number (a dashed door's number too). Looked at once after each length of the name, they spare the
# engine entering the seven shapes where none can start, after most letters of most names: half the pattern's time.
# A shape added below must open with one of them, or add its own.
_FIRST_WORD_CHARACTERS = "".join(sorted({word[0] for word in (*_ROAD_WORDS, *_ESTATE_WORDS)}))
_SHAPE_OPENS = rf"(?=[{_FIRST_WORD_CHARACTERS}村 A-Z第\d{_NUMERALS}])"
ADDRESS = re.compile(
    _NAME
    + _SHAPE_OPENS
    + "(?:"
    + "|".join(
        (
            # road + house number (1-2号; + lane, 号院 compound, building, unit, room)
            _ROAD_SHAPE,
            # estate + building + unit and/or room; or building-unit-room written with dashes
            rf"{_BUILDING}{_BETWEEN}{_ROOM}",
            rf"{_BUILDING}{_N}单元",
            # a flat by its floor and room after a block whose name says homes (滨江大厦12楼03室, session 65)
            rf"{_HOMES}{_N}[楼层]{_ROOM}",
            rf"{_ESTATE}{_N}([-/._]){_N}\1\d+",  # 东方港城3-2-301, 3/2/301, 3.2.301, 3_2_301, 三-二-301
            rf"{_ESTATE}\d{{1,3}}-\d{{3,4}}(?![\d年])",  # building-room: 和美城市花园11-602
            r"\d{1,3}-\d{1,2}-\d{3,4}(?!\d)",  # a date is 4-2-2, never ends in three digits
            # village + group, natural village or hamlet, house number
            rf"村(?:第?{_N}(?:村民小组|组|队|社)(?:第?{_N}[号户])?|{_NAME}自然村(?:第?{_N}[号户])?"
            rf"|[\u4e00-\u9fa5]{{1,3}}?{_N}号{_GOES_ON}|第?{_N}[号户]{_GOES_ON}|\d{{1,2}}-\d{{1,4}}号)",
        )
    )
    + ")"
    + rf"|{_ROAD_NAME}{_ROAD_SHAPE}"
    # A door written without its estate, which the page names once above (业主张芳（3幢2703室）, 丁阿娣（1-3-1901室）),
    # as homes are numbered: a unit (单元), or building-unit-room in dashes, or a 幢 or 栋 and a room in brackets after
    # a name. Offices are numbered 号楼 or 座 and seldom by unit (考试地点设在1号楼302室, 行政中心（1号楼301室）).
    + rf"|(?<![0-9A-Za-z])(?:\d{{1,3}}(?:幢|栋|号楼|座){_N}单元(?:{_N}[楼层])?\d{{3,4}}(?:室|{_NOT_AN_AREA})"
    + r"|\d{1,3}-\d{1,2}-\d{3,4}室)"
    # A table's row as the readers of sheets and open data write it, each cell after its heading
    # (幢：3，单元：2，室：601)
    + rf"|(?:幢|栋|楼号|楼栋)[:：] ?\d{{1,3}}{_CELL}(?:单元[:：] ?\d{{1,2}}{_CELL})?"
    + r"(?:室|房号|房间号|门牌号)[:：] ?\d{2,4}"
    + r"|(?<=[（(])\d{1,3}[幢栋]\d{3,4}室(?=[）)])"
)
# A road address and the estate written after it are one address (新大路725号惠风和园14幢2502室); two addresses
# with nothing but a conjunction between them are two (长江路1133号和长江路1166号, …或…, …以及…).
_JOIN = re.compile(r"[\u4e00-\u9fa5A-Za-z]{0,8}")
_CONJUNCTION = re.compile(r"和|或|或者|及|以及|与|、")


# Every address has a number or a tower's letter before a unit word, a dashed room or a natural village: a text
# without one is skipped before the slower pattern runs.
_HINT = re.compile(
    r"[0-9一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾A-Z][号幢栋座单元室组弄户楼#队社]|[\d一二三四五六七八九十]-[\d一二三四五六七八九十]|\d[/._]\d{1,2}[/._]\d|自然村|村民小组"
    r"|[幢栋号][:：] ?\d"
)


REACH = 32  # an address stands within this many characters of its number either side


def find_addresses(text: str) -> list[tuple[int, int]]:
    # White space between a number and a word is read through (绿城春江花园9 幢 800 室, an estate's name at the end of
    # a line and its building on the next: a page shows one address). Between two numbers it stays, where it parts
    # a table's columns, and between two words, where it ends a name before the estate (莫彧 白鱼潭小区…).
    # (its pattern opens with a lookbehind, tried at every character: not in a text with no white space, most are)
    white = [m.span() for m in _WHITE_BESIDE_A_NUMBER.finditer(text)] if _WHITE.search(text) else []
    runs = _LETTER_SPACED.finditer(text) if " " in text else ()
    spaced = [gap.span() for run in runs for gap in _SPACES.finditer(text, *run.span())]
    if spaced:  # the two overlap where a letter-spaced run holds a number
        white = consecutive_spans(sorted({i for start, end in white + spaced for i in range(start, end)}))
    compact = without(text, white)
    spans: list[tuple[int, int]] = []
    for start, end in _windows(compact.text):
        for m in ADDRESS.finditer(compact.text, start, end):
            _add(spans, compact.text, m)
    return [compact.span(start, end) for start, end in spans]


_WHITE_BESIDE_A_NUMBER = re.compile(r"(?<=[0-9])\s+(?![\s0-9A-Za-z])|(?<![\s0-9A-Za-z])\s+(?=[0-9])")
_WHITE = re.compile(r"\s")
# A form printed letter-spaced, digits spaced too (住 址 绿 城 春 江 花 园 9 幢 8 0 0 室): single characters each one or
# two spaces apart, three or more with a Chinese one among them, are read as the words they spell. Digits alone so
# spaced stay apart: that is a table's row of figures.
_LETTER_SPACED = re.compile(
    r"(?<![\w])(?=(?:[0-9] {1,2})*[\u4e00-\u9fa5])(?:[\u4e00-\u9fa50-9] {1,2}){2,}[\u4e00-\u9fa50-9](?![\w])"
)
_SPACES = re.compile(" +")


def _windows(text: str):
    """Stretches of text around each hint, merged: the pattern runs there only, not across a whole document."""
    window = None
    for hint in _HINT.finditer(text):
        start, end = max(0, hint.start() - REACH), min(len(text), hint.end() + REACH)
        if window and start <= window[1]:
            window = (window[0], end)
            continue
        if window:
            yield window
        window = (start, end)
    if window:
        yield window


def _add(spans: list[tuple[int, int]], text: str, m: re.Match) -> None:
    if spans and m.start() < spans[-1][1]:
        return
    gap = (spans[-1][1], m.start()) if spans else None
    if gap and _JOIN.fullmatch(text, *gap) and not _CONJUNCTION.fullmatch(text, *gap):
        spans[-1] = (spans[-1][0], m.end())
    else:
        spans.append((m.start(), m.end()))
