"""What an office prints on purpose (issue 20): its landline, and in an address field its office's address. A
mobile, an ID number, a name, a home address (a building's unit, a village group: 绿城春江花园9幢800室) or, in a
telephone field, a number too long for any telephone (a card, an ID number the detector would only know beside a
word such as 银行卡) is a person's. Used by every public field that holds an office's contact details: a service
guide's, a department's."""

from __future__ import annotations

import functools
import re

from .detect import Finding, Kind, scan
from .normalize import normalise

# A home's unit, not an office's door: an office is found by its road and number (明州路188号) or its building
# (行政服务中心3号楼201室), a home by its building, unit or village group, by an estate's building (春江苑3号楼801室,
# 幸福新村5号楼302室, 春江名邸3号楼801室), by building-unit-room in dashes (东方港城3-2-301), by a unit's door
# (3号楼2门801室), by a lane's house and its room (明州路88弄12号601室) or by a village's house number (李家村18号); a
# lane's house alone may be a community's office (中山东路1288弄5号). Read on the text as the detector reads it:
# traditional characters and full-width or long dashes (春江花園9棟801室, 东方港城3－2－301) got through (session 63).
RESIDENCE = re.compile(
    r"幢|栋|单元|#|＃|组|小区|花园|家园|公寓"
    r"|(?:苑|新村|庭|湾|城|邸|墅|居|阁|轩|里)\s*[0-9A-Z一二三四五六七八九十]+\s*(?:号楼|座)"
    r"|(?<!\d)\d{1,3}-\d{1,2}-\d{3,4}(?!\d)|\d\s*门\s*\d+\s*室|弄\s*\d+\s*号楼?\s*\d+\s*室"
)
# A village's house number is a home's, unless the field names the village's office there (慈岙村88号村便民服务中心,
# 红联村村民委员会（红联村128号）: the review of session 63).
VILLAGE_HOUSE = re.compile(r"村\s*[0-9一二三四五六七八九十百]+\s*号")
VILLAGE_OFFICE = re.compile(r"村委会|村民委员会|服务中心|服务站|服务点|办事处|党群|办公")
# No telephone number is this long (0574-86781234 has 12 digits).
LONG_NUMBER = re.compile(r"\d(?:[ -]?\d){12,}")


def _office(finding: Finding, address: bool, value: str) -> bool:
    if finding.kind == Kind.LANDLINE:
        return True
    if not address or finding.kind != Kind.ADDRESS:
        return False
    read = normalise(finding.text).text
    return not RESIDENCE.search(read) and not (VILLAGE_HOUSE.search(read) and not VILLAGE_OFFICE.search(value))


def personal(value: str, *, address: bool, allow=frozenset()) -> list[Finding]:
    """The findings in a telephone field (`address` False) or an address field that are someone's."""
    found = [f for f in scan(value, allow=frozenset(allow)) if not _office(f, address, value)]
    if not address:
        found += [Finding(Kind.BANK_CARD, m.start(), m.end(), m.group()) for m in LONG_NUMBER.finditer(value)]
    return found


@functools.lru_cache(maxsize=4096)
def allowed(value: str, *, address: bool) -> frozenset[str]:
    """The office's own landline or address found in the field, to allow wherever else the office prints it; nothing
    when the field holds someone's data. Read once per process for each value: a guide's page asks it for the
    office's fields and its department's on every view, and the answer depends on the text alone (frozen, so a
    caller cannot change what the next one is given)."""
    if personal(value, address=address):
        return frozenset()
    return frozenset(f.text for f in scan(value) if _office(f, address, value))
