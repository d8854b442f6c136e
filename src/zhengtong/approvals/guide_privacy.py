"""A guide is public the moment it is saved, so personal data never gets into one (issue 20, item 1; 政府信息公开条例
第十五条): every field the guide page, the catalogue, the search index and the API show, every material's name
and note, and every blank form and sample file (its name and everything inside it, pictures through OCR) passes
the publishing check (files.publication). The office's own telephone, complaint line and address are printed on
purpose: there a landline or an address is the office's and allowed everywhere in the guide, while a mobile, an ID
number or a name is refused like anywhere else (a value typed there used to be allowed in every field unchecked)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from zhengtong import privacy
from zhengtong.files.publication import Finding, in_files, in_text
from zhengtong.privacy import Kind

from .models import ServiceItem

# Printed on purpose: what these fields may hold is the office's, and allowed wherever it appears in the guide.
OFFICE_FIELDS = {
    "phone": {Kind.LANDLINE},
    "complaint_phone": {Kind.LANDLINE},
    "location": {Kind.ADDRESS, Kind.LANDLINE},
}
CODE = "GUIDE_PERSONAL_DATA"


# A home's unit, not an office's door: an office is found by its road and number (明州路188号), a home by its
# building, unit or village group (绿城春江花园9幢800室). Kept in the masked text the check returns.
RESIDENCE = re.compile("幢|栋|单元|#|＃|组|小区|花园|家园|公寓")


# No telephone number is this long (0574-86781234 has 12 digits): in a telephone field it is a card or an ID number,
# which the detector, with no word such as 银行卡 beside it, would not know for one.
LONG_NUMBER = re.compile(r"\d(?:[ -]?\d){12,}")


def _personal(name: str, label: str, value: str, allow):
    """The findings in a field's value that are someone's, not the office's."""
    office = {kind.label for kind in OFFICE_FIELDS.get(name, ())}
    found = [
        f
        for f in in_text(label, value, allow)
        if f.kind not in office or (f.kind == Kind.ADDRESS.label and RESIDENCE.search(f.text))
    ]
    if name.endswith("phone"):
        found += [Finding(label, _("证件号码或卡号"), privacy.mask(m.group())) for m in LONG_NUMBER.finditer(value)]
    return found


def public_strings(item: ServiceItem, values: dict | None = None) -> set[str]:
    """The office's own contact details, allowed wherever they appear; a field holding someone's data (saved before
    the office fields were checked) allows nothing."""
    values = values or {}
    office = set()
    for name, kinds in OFFICE_FIELDS.items():
        value = values.get(name, getattr(item, name, ""))
        if isinstance(value, str) and value and not _personal(name, "", value, ()):
            # the landline or the address found in it, not the whole value: what the detector did not flag there
            # (a card number with no word beside it) must not be allowed in a field where it would be
            office |= {f.text for f in privacy.scan(value) if f.kind in kinds}
    department = values.get("lead_department") or getattr(item, "lead_department", None)
    if department is not None:
        office |= {department.phone, department.address}
    return {s for s in office if s}


def message(label: str, findings) -> str:
    shown = "、".join(f"{f.kind} {f.text}" for f in findings[:3]) + ("等" if len(findings) > 3 else "")
    return _("“%(label)s”含个人信息（%(shown)s），办事指南公开后人人可见，请删去或改用办公电话、办公地址。") % {
        "label": label,
        "shown": shown,
    }


def text_problems(fields: dict[str, tuple[str, object]], allow) -> dict[str, list[dict]]:
    """{field: [problem]} for each (label, value) whose text holds personal data."""
    problems = {}
    for name, (label, value) in fields.items():
        if not isinstance(value, str):
            continue
        found = _personal(name, label, value, allow)
        if found:
            problems[name] = [{"code": CODE, "message": message(label, found)}]
    return problems


def withheld(item: ServiceItem, files) -> set[int]:
    """The stored files among `files` that are not served: personal data in them, or a reading not finished or not
    possible. The guide page leaves their links out; the download view answers 404."""
    files = [f for f in files if f is not None]
    if not files:
        return set()
    found = in_files([(str(f), f, f.pk) for f in files], public_strings(item), pictures_need_a_person=False)
    return {f.ref for f in found}
