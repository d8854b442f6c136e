"""A guide is public the moment it is saved, so personal data never gets into one (issue 20, item 1; 政府信息公开条例
第十五条): every field the guide page, the catalogue, the search index and the API show, every material's name
and note, and every blank form and sample file (its name and everything inside it, pictures through OCR) passes
the publishing check (files.publication). The office's own telephone, complaint line and address are printed on
purpose: there a landline or an address is the office's and allowed everywhere in the guide, while a mobile, an ID
number or a name is refused like anywhere else (a value typed there used to be allowed in every field unchecked)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zhengtong import privacy
from zhengtong.files.publication import Finding, in_files, in_text
from zhengtong.privacy import office

from .models import ServiceItem

# Printed on purpose: the office's telephone numbers and its place (privacy/office.py says what is the office's).
OFFICE_FIELDS = {"phone": False, "complaint_phone": False, "location": True}  # field -> holds an address
CODE = "GUIDE_PERSONAL_DATA"


def _personal(name: str, label: str, value: str, allow) -> list[Finding]:
    """The findings in a field's value that are someone's, not the office's."""
    if name in OFFICE_FIELDS:
        found = office.personal(value, address=OFFICE_FIELDS[name], allow=allow)
        return [Finding(label, f.kind.label, privacy.mask_finding(f)) for f in found]
    return in_text(label, value, allow)


def public_strings(item: ServiceItem, values: dict | None = None) -> set[str]:
    """The office's own contact details, allowed wherever they appear: the landline or the address found in an
    office field, not the whole value (what the detector did not flag there, a card number with no word beside
    it, must not be allowed in a field where it would be); a department's telephone and address."""
    values = values or {}
    strings = set()
    for name, address in OFFICE_FIELDS.items():
        value = values.get(name, getattr(item, name, ""))
        if isinstance(value, str) and value:
            strings |= office.allowed(value, address=address)
    department = values.get("lead_department") or getattr(item, "lead_department", None)
    if department is not None:
        strings |= office.allowed(department.phone or "", address=False)
        strings |= office.allowed(department.address or "", address=True)
    return {s for s in strings if s}


def message(label: str, findings) -> str:
    shown = privacy.listed([(f.kind, f.text) for f in findings])
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


def files_of(materials) -> list:
    """The stored files the materials offer: each one's blank form and sample, where it has them."""
    return [f for m in materials for f in (m.blank_form, m.sample) if f is not None]


def withheld(item: ServiceItem, files) -> set[int]:
    """The stored files among `files` that are not served: personal data in them, or a reading not finished or not
    possible. The guide page leaves their links out; the download view answers 404."""
    files = [f for f in files if f is not None]
    if not files:
        return set()
    found = in_files([(str(f), f, f.pk) for f in files], public_strings(item), pictures_need_a_person=False)
    return {f.ref for f in found}
