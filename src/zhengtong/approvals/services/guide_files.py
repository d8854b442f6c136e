"""A material's blank form (空白表格) and sample (示例样表), uploaded on the item's page: published with the guide the
moment it is saved, so each file passes the publishing check first (files.publication, as guide_privacy reads
the guide's texts). A file with personal data in it, or one that cannot be read, is refused on its row; a file
whose pictures are still being read is taken and left off the guide until they are read and found clean."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from zhengtong import privacy
from zhengtong.core.errors import InvalidInput
from zhengtong.files.publication import UNREADABLE, in_files, store_readable
from zhengtong.files.reading import readings

from .. import guide_privacy
from ..models import Material, ServiceItem

# A material's files: its field, and what the public download's address calls it.
FILES = (("blank_form", "blank"), ("sample", "sample"))


def file_of(material: Material | None, public: str):
    """The material's file its download's address names ("blank" or "sample"), or None."""
    field = {public_name: field for field, public_name in FILES}.get(public)
    return getattr(material, field) if material is not None and field else None


def upload_field(which: str) -> str:
    return f"{which}_upload"


def label(which: str) -> str:
    return str(Material._meta.get_field(which).verbose_name)


def _refusal(which: str, name: str, findings) -> dict:
    shown = privacy.listed([(f.kind, f.text) for f in findings])
    message = _("%(label)s“%(name)s”含个人信息（%(shown)s），办事指南公开后人人可见，请删去后重新上传。") % {
        "label": label(which),
        "name": privacy.mask_file_name(name),
        "shown": shown,
    }
    return {"code": guide_privacy.CODE, "message": message}


def _checked(which: str, key: str, upload: UploadedFile, allow, by):
    """The upload stored, or the problems that refuse it."""
    try:
        [(name, stored)] = store_readable([(upload.name, upload.read())], by=by, field=key, label=label(which))
    except InvalidInput as exc:
        return None, exc.fields[key]
    found = [f for f in in_files([(label(which), stored, None)], allow, pictures_need_a_person=False) if not f.blocking]
    return (None, [_refusal(which, name, found)]) if found else (stored, [])


def material_files(item: ServiceItem, formsets, *, allow, by) -> tuple[dict, dict]:
    """Set or clear each material row's files from its upload fields (an upload, or False for 清除): returns
    ({field key: problems}, {audit change}). The caller refuses the whole save on any problem."""
    problems, changes = {}, {}
    for formset in formsets:
        if formset.model is not Material:
            continue
        for form in formset.forms:
            if not form.has_changed() or form.cleaned_data.get("DELETE"):
                continue
            for which, _public in FILES:
                value = form.cleaned_data.get(upload_field(which))
                if value is False:
                    new = None
                elif isinstance(value, UploadedFile):
                    key = f"{form.prefix}-{upload_field(which)}"
                    new, refused = _checked(which, key, value, allow, by)
                    if refused:
                        problems[key] = refused
                        continue
                else:
                    continue  # unchanged
                old = getattr(form.instance, which)
                setattr(form.instance, which, new)
                changes[f"{form.cleaned_data.get('name') or form.instance.name}：{label(which)}"] = [
                    old.original_name if old else None,
                    new.original_name if new else None,
                ]
    return problems, changes


def states(item: ServiceItem, materials) -> dict[int, str]:
    """{stored file id: what the public sees of it}, for the staff who keep the guide: a file whose text already
    holds personal data is said to, even while its pictures are still being read."""
    files = guide_privacy.files_of(materials)
    allow = guide_privacy.public_strings(item)
    found = in_files([(str(f), f, f.pk) for f in files], allow, pictures_need_a_person=False)
    refused = {f.ref for f in found if not f.blocking or f.kind == UNREADABLE}
    waiting = {f.ref for f in found} - refused
    read = readings(f for f in files if f.pk in waiting) if waiting else {}
    shown = {}
    for stored in files:
        if stored.pk in refused:
            shown[stored.pk] = _("未公开：含个人信息或无法读取，请更换")
        elif stored.pk in waiting:
            reading = read[stored.sha256]
            shown[stored.pk] = _("图片正在识别（%(done)d/%(all)d），识别完成且未发现个人信息后公开") % {
                "done": reading.pictures_read,
                "all": reading.pictures,
            }
        else:
            shown[stored.pk] = _("已公开")
    return shown
