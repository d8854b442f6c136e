"""Names of private persons in free text.

A name is a surname (single or compound) and one or two given-name characters. It is found where a reader would
recognise it: after a label or a role (申请人, 业主, 其丈夫), after a self-introduction (我叫, 本人), in a
salutation (尊敬的…：, …同志), in a list after a colon (名单：王建军、李秀兰), or standing before a word that
follows a person (…反映, …先生, …名下, …（身份证…）) with a boundary before it. Length is decided by the given-name
characters: a third character is taken only when it is one that names use and not one that starts the next word.
Two readers do without those places: a three-character name the segmenter makes one word of and tags as a
person's (`_tagged_names`), and a name in a minority language, which has no Han surname, made of the parts such
names are made of (`_minority_name_at`).
"""

from __future__ import annotations

import re
from functools import lru_cache

import rjieba

from .dotted_names import dotted_names
from .latin import latin_name_at
from .name_context import (
    ORGANISATION,
    Titles,
    after_a_storm_word,
    before_document_number,
    names_a_place,
    quoted_alone,
)
from .name_cuts import A_WORD_ALONE, cut_apart, cut_as_one, tagged_a_surname, tagged_name
from .name_words import (
    AFTER_NAME,
    BEFORE_NAME,
    BOUNDED_ROLES,
    COMPOUND_SURNAMES,
    FOLLOWERS,
    GIVEN,
    JOINING,
    MINORITY_PARTS,
    NOT_GIVEN,
    NOT_NAMES,
    OFFICE_ENDINGS,
    PLACE_ENDINGS,
    PRECEDERS,
    PUNCT,
    ROLE_WORDS,
    ROLES,
    SAYS,
    STAFF,
    SURNAMES,
    TITLES,
    WEAK,
)
from .normalize import without

_TITLES = tuple(TITLES)
# A count of people after a name closes it as a word that follows one does (…、古丽娜尔三位同学, 王建军、李秀兰两人)
# or brothers and sisters (周晓峰三兄弟); and so does a year or an age in numerals (倪国庆二〇一八年起, 汤俊三十五岁)
_COUNT_OF_PEOPLE = "共?[两二三四五六七八九十]+(?:[位名人]|兄弟|姐妹)|[〇零一二三四五六七八九十]{2,}[年岁]"
_FOLLOWER = re.compile("|".join([*sorted(FOLLOWERS, key=len, reverse=True), _COUNT_OF_PEOPLE]))
_PRECEDER = re.compile("|".join(sorted(PRECEDERS, key=len, reverse=True)))
_SURNAME = "(?:" + "|".join(COMPOUND_SURNAMES) + "|[" + "".join(sorted(SURNAMES)) + "])"
_ROLE = re.compile(
    "(?:" + "|".join(sorted([*ROLES, *BOUNDED_ROLES, *WEAK], key=len, reverse=True)) + r")\s*(?::|为|是)?\s*"
)
_BOUNDED = tuple(BOUNDED_ROLES)
_STAFF = re.compile("(?:" + "|".join(sorted(STAFF, key=len, reverse=True)) + r")[\s:：]*")
_COMPOUND = frozenset(COMPOUND_SURNAMES)
_COMPOUND_FIRSTS = frozenset(s[0] for s in COMPOUND_SURNAMES)
# Every character a surname may start with, single or compound: one class, where an alternation of the compound
# surnames was tried at every character of a text
_SURNAME_START = re.compile("[" + "".join(sorted(SURNAMES | _COMPOUND_FIRSTS)) + "]")
_LIST_SEP = "、"
_PART = "(?:" + "|".join(sorted(MINORITY_PARTS, key=len, reverse=True)) + ")"
# A name opens with a part of two characters or more: 江, 汗, 兰 and 罕 only end one (阿力木江, 努尔兰), and alone
# they spell rivers and words (兰江, 江苏和)
_OPENING = "(?:" + "|".join(sorted((p for p in MINORITY_PARTS if len(p) > 1), key=len, reverse=True)) + ")"
_MINORITY = re.compile(f"{_OPENING}(?:[·•‧.]?{_PART})*")
_TWO_PARTS = re.compile(f"{_PART}{_PART}")
_OPENS_MINORITY = frozenset(p[0] for p in MINORITY_PARTS if len(p) > 1)  # read before trying the pattern
# After these a person is named, as surely as after a role (努尔兰同学, 扎西顿珠同志).
_PERSON_AFTER = ("同志", "先生", "女士", "同学", "老师", "小朋友", "家长", "您好", "你好")
# 姓陈名晓东: the surname and the given name told apart, as a self-introduction does
_SURNAME_THEN_GIVEN = re.compile(f"(?<=姓){_SURNAME}名[\u4e00-\u9fa5]{{1,2}}")


def _surname_at(text: str, i: int) -> int:
    """Length of the surname starting at i (2 for a compound one), 0 if none."""
    if i >= len(text):
        return 0
    if text[i] in _COMPOUND_FIRSTS and text[i : i + 2] in _COMPOUND:
        return 2
    return 1 if text[i] in SURNAMES else 0


def surname_starts(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Every place in text[start:end] where a surname starts, single or compound (overlapping ones included)."""
    found = _SURNAME_START.finditer(text, start, len(text) if end is None else end)
    return [i for m in found if text[i := m.start()] in SURNAMES or text[i : i + 2] in _COMPOUND]


def surname_length(text: str) -> int:
    """How many characters of `text` its surname takes (2 for a compound one), 0 where it opens with none: for a
    reader of a column of people (sharing's open data)."""
    return _surname_at(text, 0)


def _name_at(text: str, i: int, *, words: bool = False) -> int:
    """Length of the name starting at i, 0 if none: a surname, then one or two given-name characters, and not a
    common word that happens to start with a surname (宁波, 万元, 公民, 方式), unless the context says a person
    (`words`: a list whose other members are plainly names, 罗浩、付强)."""
    s = _surname_at(text, i)
    if not s:
        return 0
    j = i + s
    if j >= len(text) or text[j] not in GIVEN or text.startswith(_TITLES, j):  # 陈医生, 王阿姨: a title, no name
        return 0
    if text[i] in JOINING and _common_word(text[j : j + 2]):  # 向业主说明, 由家长: a preposition and its noun
        return 0
    # 由 is a surname too seldom to be read as one before any word or a name (由师生一同, 由李明负责), where 向 is
    # a common one (向海燕, 向志强)
    if text[i] == "由" and (rjieba.has_word(text[j : j + 2]) or _name_at(text, j) >= 2):
        return 0
    if j + 1 < len(text) and text[j + 1] in GIVEN and text[j + 1] not in NOT_GIVEN and not _follows(text, j + 1):
        if (words or not _is_word(text[i : j + 2])) and not _a_law(text, i, j + 2):
            return s + 2
    # 家 may open a given name (李家豪) but not end one (王家的…)
    return 0 if text[j] in NOT_GIVEN or (not words and _is_word(text[i : j + 1])) else s + 1


@lru_cache(maxsize=65536)
def _common_word(word: str) -> bool:
    return len(word) == 2 and rjieba.has_word(word) and rjieba.tag(word)[0][1] not in ("nr", "nrfg", "nrt")


def _a_law(text: str, i: int, end: int) -> bool:
    """A law's short name (安全法, 保护法): a word and 法, which ends given names too (王根法, 金永法)."""
    return text[end - 1] == "法" and rjieba.has_word(text[i : end - 1])


def _spaced_name_at(text: str, i: int, *, labelled: bool = False) -> int:
    """After a role, a name typed with one space between surname and given name (申请人王 建国), and another between
    the given name's characters (业主王 小 明): its length with the spaces, 0 if none. After a label's colon
    (`labelled`), of any characters, as `_labelled_name_at` reads one (填表人：刘 星)."""
    s = _surname_at(text, i)
    if not s or text[i + s : i + s + 1] != " ":
        return 0
    near = text[i : i + s + 12]  # what a name and the word after it can take: never a copy of the whole text
    if near[s + 1 : s + 2] == " ":  # 李  明: a form pads a two-character name to the width of three
        joined = near[:s] + near[s + 2 :]
        n = _name_at(joined, 0) or (_labelled_name_at(joined, 0) if labelled else 0)
        return n + 2 if n == s + 1 and not _is_place(joined[:n]) and not joined.startswith(_TITLES, s) else 0
    one_gap = near[:s] + near[s + 1 :]
    candidates = [(one_gap, 1)]
    if near[s + 2 : s + 3] == " " and near[s + 3 : s + 4] not in PUNCT:
        candidates.insert(0, (one_gap[: s + 1] + one_gap[s + 2 :], 2))  # 王 小 明: taken whole where it ends there
    for joined, gaps in candidates:
        n = _name_at(joined, 0) or (_labelled_name_at(joined, 0) if labelled else 0)
        if n <= s or _is_place(joined[:n]) or joined.startswith(_TITLES, s):  # 陈 先 生 is 陈先生, no name
            continue
        if gaps == 2 and (n < s + 2 or not _follows(joined, n)):  # 王 芳 李四: the name is 王 芳
            continue
        return n + (gaps if n == s + 2 else 1)
    return 0


def _labelled_name_at(text: str, i: int, *, colon: bool = True) -> int:
    """After a role and a colon (联系人：钱多多), a surname and one or two characters closed by a boundary are a
    name even when the given name is made of characters names seldom use: the label says what follows. After a
    role with no colon (联系人钱彧，), the same, unless the two characters make a word of their own (申请人应当…,
    家属和邻居…): without the colon, the role may open an ordinary sentence."""
    s = _surname_at(text, i)
    if not s:
        return 0
    for given in (2, 1):
        end = i + s + given
        candidate = text[i + s : end]
        # 陈某 is the name already withheld, as a notice writes it
        if len(candidate) < given or not all(
            "\u4e00" <= c <= "\u9fa5" and c not in NOT_GIVEN and c != "某" for c in candidate
        ):
            continue
        # 联系人：王局长, 张科长, 王女士 (a title, no name) and 文明办, 宣传科, 万科城 (an office, a place)
        if candidate[-1] in OFFICE_ENDINGS or text.startswith(_TITLES, i + s) or text.startswith(_TITLES, end):
            continue
        if not colon and given == 2 and rjieba.has_word(candidate):
            continue
        word = text[i:end]
        # after a colon, a dictionary word the segmenter tags as a person is one (姓名：李娜, 王芳: famous namesakes);
        # so it is between a role and what a person says (市民宁静来电, 投诉人高峰反映), where an adverb the role's
        # sentence goes on with (群众强烈反映) is tagged as what it is
        framed = colon or text.startswith(SAYS, end)
        named = not _is_word(word) or (framed and word not in NOT_NAMES and rjieba.tag(word)[0][1] == "nr")
        if _follows(text, end) and named and not _is_place(word):
            return s + given
    return 0


def _minority_name_at(text: str, i: int, where: str) -> int:
    """Length of a name in a minority language starting at i, made of MINORITY_PARTS, 0 if none. Right after a
    role (`where` "role") one part of two characters is a name (户主达娃); a dotted name need not end at a
    boundary (被告人买买提·艾力犯…), an undotted one must; standing "alone" it must be three characters or two parts
    and be followed by 同志, 同学… or a word that follows a name (扎西顿珠反映…). A place word does not end it:
    Uyghur names end in 江 (阿力木江)."""
    m = _MINORITY.match(text, i) if text[i : i + 1] in _OPENS_MINORITY else None
    if not m:
        return 0
    n = m.end() - i
    if n < 2 or (where != "role" and n < 3 and not _TWO_PARTS.fullmatch(m.group())):
        return 0
    if where == "alone":
        closed = text.startswith(_PERSON_AFTER, m.end()) or _FOLLOWER.match(text, m.end()) is not None
    else:  # a dotted name is a person's wherever it ends; undotted, a place's too (致巴特尔街道, 满都拉口岸)
        closed = any(dot in m.group() for dot in "·•‧.") or _follows(text, m.end())
    return n if closed else 0


def _listed_at(text: str, i: int, *, words: bool = False) -> int:
    """A name in a list, read the longer way where both fit (阿依古丽 whole, not 阿依 as a Han name)."""
    return max(_name_at(text, i, words=words), _minority_name_at(text, i, "list"))


def _a_list_at(text: str, i: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The members of a run joined by 、 that starts at i, and of them the names of people: a list of two or more
    that ends where a name does (王建军、李秀兰等3人), not with a 、 and a word that is no name (…梅山、戚家山、小港
    lists places). A member that is also a word (付强, 方正) is read as a name when at least half the members are
    plainly names: the list says people; 长江、黄河 or 宁波、金华 has no plain name and lists no one. Where the
    words outnumber them, the plain names the list ends with are still taken (…方正、王长江、陈大山), as read
    before words were let in. Returns (the members walked, the names taken)."""
    walked: list[tuple[int, int]] = []
    while n := _listed_at(text, i, words=True):
        walked.append((i, i + n))
        if text[i + n : i + n + 1] != _LIST_SEP:
            break
        i += n + 1
    if len(walked) < 2 or text[walked[-1][1] : walked[-1][1] + 1] == _LIST_SEP or not _follows(text, walked[-1][1]):
        return walked, []
    plain = [_listed_at(text, start) == end - start for start, end in walked]  # read so without the list's help
    if 2 * sum(plain) >= len(walked):
        return walked, walked
    plain_end = len(walked)
    while plain_end and plain[plain_end - 1]:
        plain_end -= 1
    return walked, walked[plain_end:] if len(walked) - plain_end >= 2 else []


def _is_place(name: str) -> bool:
    return name[-1] in PLACE_ENDINGS


@lru_cache(maxsize=65536)
def _is_word(candidate: str) -> bool:
    """A word of the segmenter's dictionary rather than a name. Its part-of-speech tags are too loose for two
    characters (许可 and 查明 are tagged as names), so any two-character word counts; a longer one counts unless
    tagged a name (吴志强 is in the dictionary)."""
    if candidate in NOT_NAMES or candidate in ROLE_WORDS:
        return True
    if not rjieba.has_word(candidate):
        return False
    return len(candidate) == 2 or rjieba.tag(candidate)[0][1] != "nr"


def _follows(text: str, j: int) -> bool:
    """A word that comes after a name, or a boundary, stands at j: where a name ends for certain (`_closed`), or one
    of the single characters that also open an ordinary phrase (…的, …对, …同)."""
    return _closed(text, j) or text[j] in AFTER_NAME


# After a party of a court's or a register's wording, the words its sentence goes on with (被告人王小明犯盗窃罪,
# 罪犯李建国经教育改造, 选民张建军已迁出, 上诉人陈志强诉称), which open no ordinary phrase after the role.
_PARTY_GOES_ON = ("犯", "经", "已", "曾", "系", "于", "因", "诉称", "支付", "患")


def _closed(text: str, j: int) -> bool:
    """A name ends at j for certain: a boundary, a digit, or a word that follows a name (反映, 来信…), not one of the
    single characters that may follow one and open an ordinary phrase as well (选民信息核对, 选民范围内的)."""
    if j >= len(text) or text[j] in PUNCT or text[j].isdigit() or text.startswith(_PARTY_GOES_ON, j):
        return True
    return _FOLLOWER.match(text, j) is not None


def _boundary_before(text: str, i: int, preceders: frozenset[int]) -> bool:
    return i == 0 or text[i - 1] in PUNCT or text[i - 1] in BEFORE_NAME or i in preceders


# A boundary's character, then a surname's first: the boundary is taken, the surname looked ahead at, so a surname
# that is itself a boundary (和, 向) is found and closes the next. Led by a class, the engine skips in one loop to the
# next boundary, where every surname's character was found and then asked for a boundary before it.
_BOUNDARY_THEN_SURNAME = re.compile(f"[{re.escape(''.join(sorted(PUNCT | BEFORE_NAME)))}](?={_SURNAME_START.pattern})")


def _surnames_after_a_boundary(text: str, preceders: frozenset[int]) -> list[int]:
    """Every place a surname starts after a boundary (`_boundary_before`), in order."""
    after = {0, *preceders, *(m.end() for m in _BOUNDARY_THEN_SURNAME.finditer(text))}
    return [i for i in sorted(after) if _surname_at(text, i)]


# A form printed with a space or two between characters (户 主 姓 名 熊 慧 敏 家 庭 住 址): three characters or more so
# spaced, standing apart from other characters, are read as the words they spell. A name typed with one space after
# the surname (王 建国) is another case (_spaced_name_at), and a single space between words parts them (靳梓萱 碧浪湖…).
_HAN = "\u4e00-\u9fa5"
_LETTER_SPACED = re.compile(f"(?<![{_HAN}])(?:[{_HAN}] {{1,2}}){{2,}}[{_HAN}](?![{_HAN}])")
_SPACES = re.compile(" +")


def find_names(text: str) -> list[tuple[int, int]]:
    runs = _LETTER_SPACED.finditer(text) if " " in text else ()  # the pattern is tried at every character
    spaced = [gap.span() for run in runs for gap in _SPACES.finditer(text, *run.span())]
    if not spaced:
        return _names(text)
    read = without(text, spaced)
    return [read.span(start, end) for start, end in _names(read.text)]


# A surname and two given-name characters, at every place one starts (overlapping ones included: only the surname
# is taken, the rest looked ahead at). Opening with the surname's class, not a lookahead, the engine skips in one
# loop to the next surname's character, where it tried the lookahead at every character.
_THREE_CHARACTERS = re.compile(f"[{''.join(sorted(SURNAMES))}](?=[{''.join(sorted(GIVEN))}]{{2}})")


def _tagged_names(text: str, surnames_after_a_boundary: frozenset[int]) -> list[tuple[int, int]]:
    """Three-character names anywhere, as the segmenter reads them, where the name reader would take them too (a
    surname, given-name characters, no common word):
    - a word it makes of characters its dictionary does not hold as one (a name it holds is a public one, 毛泽东,
      王羲之, or a law's, 安全法) and tags as a person's name;
    - or a surname it leaves standing alone before two given-name characters it tags a noun (卢|建军, 董|海林,
      裘|金花; but 易|发生, 路|增设): `name_cuts.cut_apart`.
    Two-character ones are not trusted (许可 and 查明 are tagged as names), nor a word inside a title's brackets
    (《…》), before a document number's (杭建发〔2023〕) or a firm's trade name. Only the places where a surname and
    two given-name characters stand and every other check passes are cut: tagging the whole text cost a tenth of
    the detector's time. Nor those where `_names` takes the same name whatever the segmenter says
    (`_taken_after_a_boundary`): they are returned as they are."""
    spans = []
    titles = Titles(text)
    for start in [m.start() for m in _THREE_CHARACTERS.finditer(text)]:
        end = start + 3
        word = text[start:end]
        if _surname_at(word, 0) != 1 or rjieba.has_word(word):
            continue
        if (
            _name_at(text, start) != 3
            or _is_place(word)
            or before_document_number(text, end)
            or ORGANISATION.match(text, end)
            or names_a_place(text, end)
            or titles.inside(start)
        ):
            continue
        if (
            (start in surnames_after_a_boundary and _taken_after_a_boundary(text, start, end))
            or (tagged_name(word) and cut_as_one(text, start, end))
            or cut_apart(text, start, end)
        ):
            spans.append((start, end))
    return spans


def _taken_after_a_boundary(text: str, start: int, end: int) -> bool:
    """Whether `_names` takes text[start:end] whatever the segmenter says of it. A three-character name the rules read
    (`_name_at`), standing after a boundary and closed by a word that follows a name, is taken by the last walk (over
    `surnames`) where nothing took that place before. The readers in between take the same name there (a role's
    `take`, a list) or overwrite whatever stands there in either case (a role's spaced, labelled, minority or Latin
    reading); only a minority's name standing alone and 姓…名 could take another, and neither reads at a place that
    does not open with a minority part's character or does not follow 姓. More than half of the places the segmenter
    was asked about stand so."""
    return _follows(text, end) and text[start] not in _OPENS_MINORITY and text[start - 1 : start] != "姓"


def _named_colleague_at(text: str, i: int) -> int:
    """Length of the name the segmenter reads at i, after a staff word, 0 if none: a token it tags as a person's
    name (民警陈志强), or a surname standing as a token of its own and a given name of one or two characters as the
    next (民警柏|宇航|共同, 教练葛|建新|练车). A word that merely opens with a surname it cuts whole (工作人员张贴…).
    Before those, the rules' own reading where a word that follows a name closes it (老会计施根发说: 施根|发说), not a
    stop alone (主任谈民生：…)."""
    n = _name_at(text, i)
    if n and _FOLLOWER.match(text, i + n) and not _is_place(text[i : i + n]):  # a word, not a stop (主任谈民生：)
        return n
    if text[i : i + 1] in A_WORD_ALONE:  # 专家于|立秋后, 民警于|国庆|期间: a preposition, not a surname
        return 0
    tokens = rjieba.tag(text[i : i + 6])
    word, tag = tokens[0] if tokens else ("", "")
    surname = _surname_at(word, 0)
    if not surname:
        return 0
    if surname == len(word):
        given, given_tag = tokens[1] if len(tokens) > 1 else ("", "")
        name = word + given
        if not 1 <= len(given) <= 2 or any(c not in GIVEN or c in NOT_GIVEN for c in given):
            return 0
        # after a staff word a verb or a time may be a given name (教练葛|建新, 专家戚|国庆), not a place or a number
        # (书记贺|新春); the surname no verb or pronoun (主任谈|民生)
        if not tagged_a_surname(tag) or given_tag[0] == "m" or given_tag in ("ns", "nt"):
            return 0
        if text.startswith(_TITLES, i + surname) or _is_place(name) or _is_word(name):  # 民警王|警官: a title
            return 0
        return len(name)
    # the segmenter's dictionary tags words such as 许可证 or 高新区 as names: a given name is made of
    # given-name characters
    if tag == "nr" and 2 <= len(word) <= 3 and all(c in GIVEN for c in word[surname:]) and not _is_place(word):
        if len(word) == 3 or not rjieba.has_word(word):
            return len(word)
    return 0


def _names(text: str) -> list[tuple[int, int]]:
    found: dict[int, int] = {}
    preceders = frozenset(m.end() for m in _PRECEDER.finditer(text))

    def take(i: int, strict_end: bool, closed: bool = False) -> int:
        n = _name_at(text, i)
        # after a role, a three-character name may end as a place does (张大山, 李长江): the role says a person
        if n and _is_place(text[i : i + n]) and not (n == 3 and text[i + 2] in GIVEN):
            return 0
        if n and (not strict_end or _follows(text, i + n)) and (not closed or _closed(text, i + n)):
            found.setdefault(i, i + n)
            return n
        return 0

    for m in _STAFF.finditer(text):
        if n := _named_colleague_at(text, m.end()):
            found.setdefault(m.end(), m.end() + n)
    # where a surname stands after a boundary, read once for the segmenter's reader and the two walks below (a reader
    # added before the last walk must keep `_taken_after_a_boundary` true)
    surnames = _surnames_after_a_boundary(text, preceders)
    for start, end in _tagged_names(text, frozenset(surnames)):
        found.setdefault(start, end)
    for m in _ROLE.finditer(text):
        weak = m.group().startswith(WEAK)
        bounded = m.group().startswith(_BOUNDED)
        i = m.end()
        n = take(i, strict_end=weak, closed=bounded)
        colon = m.group().rstrip().endswith((":", "："))
        spaced = 0 if n else _spaced_name_at(text, i, labelled=colon)
        if spaced and (not weak or _follows(text, i + spaced)):
            n, found[i] = spaced, i + spaced
        # a labelled name is its surname and two characters at most: not read where a name as long is taken already
        if (
            not weak
            and (colon or not bounded)
            and n < _surname_at(text, i) + 2
            and (labelled := _labelled_name_at(text, i, colon=colon)) > n
        ):
            n, found[i] = labelled, i + labelled  # 申请人：司马小朵 whole, not 司马小 with 朵 left showing
        minority = _minority_name_at(text, i, "list" if bounded or weak else "role")
        if minority > n:  # 阿依古丽 whole, not 阿依 as a Han name
            n, found[i] = minority, i + minority
        if not weak and not n and (latin := latin_name_at(text, i)):
            n, found[i] = latin, i + latin
        while n and text[i + n : i + n + 1] == _LIST_SEP:  # 名单：王建军、李秀兰、…
            i += n + 1
            n = take(i, strict_end=False)
            if (minority := _minority_name_at(text, i, "list")) > n:
                n, found[i] = minority, i + minority
    minorities = [m.start() for m in _MINORITY.finditer(text)]
    for i in minorities:  # standing alone, before 同志, 同学… or a word that follows a name (反映, 于…)
        if _boundary_before(text, i, preceders) and (n := _minority_name_at(text, i, "alone")):
            found.setdefault(i, i + n)
    for m in _SURNAME_THEN_GIVEN.finditer(text):
        found.setdefault(m.start(), m.end())
    bounded_minorities = [i for i in minorities if _boundary_before(text, i, preceders)]
    walked = 0  # a run is walked once from its first name, not again from each later one (linear on long lists)
    # a list: two names or more joined by 、 (王建军、李秀兰、…等3人). A text without a 、 holds none: walking each
    # surname there as a list's first member took a seventh of the name reader's time.
    list_starts = sorted({*surnames, *bounded_minorities}) if _LIST_SEP in text else []
    for i in list_starts:
        # a name found already may open a list (执法人员章海、方圆…: the staff word read the first)
        if i < walked:
            continue
        run, people = _a_list_at(text, i)
        walked = run[-1][0] if run else i
        for start, end in people:
            found.setdefault(start, end)
    for i in surnames:  # standing alone, between a boundary and a word that follows a name
        if i in found:  # taken already (a role, the segmenter, a list): setdefault would keep what is there
            continue
        n = _name_at(text, i)
        if n and _follows(text, i + n) and not _is_place(text[i : i + n]):
            found.setdefault(i, i + n)
    for start, end in dotted_names(text, _follows):  # parts no list holds (dotted_names.py)
        found[start] = max(end, found.get(start, end))
    return sorted(
        (start, end)
        for start, end in found.items()
        if not after_a_storm_word(text, start) and not quoted_alone(text, start, end)
    )
