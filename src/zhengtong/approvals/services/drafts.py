"""The applicant's draft (models/drafts.py): saved at every post of the application form, files checked and
stored at once; submitted from the "check your answers" page once the 承诺书 is accepted."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone

from zhengtong.audit.services import audit_record
from zhengtong.core.errors import refuse, refuse_on
from zhengtong.files.intake import FileRefused
from zhengtong.files.services import file_open, file_store

from .. import errors
from ..models import Application, Draft, DraftMaterial, ServiceItem
from .submit import application_submit, submitted_with

# The applicant's 承诺书 (行政许可法 第三十一条: he answers for the truth of what he submits). The version is what
# the audit row records, so a later change of wording leaves each acceptance tied to the text he saw.
PROMISE_VERSION = "2026-12"
PROMISE = (
    "本人（本单位）郑重承诺：所填写的申请信息和提交的申请材料真实、准确、完整、有效，复印件与原件一致，"
    "并对其真实性负责；如有虚假，愿意承担相应的法律责任，并承担由此产生的一切后果。"
)


def require_promise(promise: bool) -> None:
    """An online application counts only with the 承诺书 accepted, on the page and through the API alike."""
    if not promise:
        raise refuse_on("promise", errors.PROMISE_REQUIRED)


KEPT_FOR = dt.timedelta(days=30)


@transaction.atomic(durable=True)
def drafts_purge(*, now=None) -> int:
    """Drafts untouched for 30 days go, with what they held: personal data is kept no longer than its purpose
    needs (个人信息保护法 第十九条). Their files no case refers to go a day later (files/sweep.py)."""
    stale = Draft.objects.filter(updated_at__lt=(now or timezone.now()) - KEPT_FOR)
    count = stale.count()
    if count:
        stale.delete()
        audit_record(action="approvals.draft.purge", object_type="approvals.draft", changes={"deleted": [None, count]})
    return count


def draft_of(applicant, item: ServiceItem) -> Draft | None:
    return Draft.objects.filter(applicant=applicant, item=item).prefetch_related("materials__file").first()


@transaction.atomic(durable=True)
def draft_save(*, item: ServiceItem, applicant, data: dict, uploads: dict, key: str = "") -> dict:
    """Keep what was typed (as typed: the check comes at submission) and every chosen file that passes the file
    checks, replacing that material's earlier one. Returns the refused files as {field: [problem, …]}, in the
    form errors' shape, so the page names each at once whatever else is wrong."""
    draft, _created = Draft.objects.select_for_update().get_or_create(applicant=applicant, item=item)
    draft.data = {k: str(v)[:2000] for k, v in data.items()}
    draft.key = (key or draft.key)[:64]
    if draft.key and Application.objects.filter(applicant=applicant, idempotency_key=draft.key).exists():
        # The form of an application already made (the browser's Back): what is posted now is a new one.
        draft.key = uuid.uuid4().hex
    draft.save()
    materials = {m.pk: m for m in item.materials.all()}
    problems, kept = {}, []
    for material_id, (name, content) in uploads.items():
        material = materials.get(material_id)
        if material is None:
            continue
        try:
            stored = file_store(data=content, name=name, by=applicant)
        except FileRefused as exc:
            problems[f"material_{material_id}"] = [
                {"code": exc.code, "message": f"{material.name}（{name}）：{exc.message}"}
            ]
            continue
        DraftMaterial.objects.update_or_create(draft=draft, material=material, defaults={"file": stored})
        kept.append(material.name)
    audit_record(action="approvals.draft.save", obj=draft, changes={"materials": [None, kept]} if kept else {})
    return problems


def draft_submit(*, item: ServiceItem, applicant, key: str, promise: bool) -> Application:
    """The application from the draft, once the 承诺书 is accepted; the draft goes. Confirming again with the same
    key answers with the application already made (application_submit's idempotency)."""
    require_promise(promise)
    draft = draft_of(applicant, item)
    if draft is None or draft.key != (key or "")[:64]:
        made = submitted_with(applicant, (key or "")[:64], item)
        if made is None:
            raise refuse(errors.DRAFT_MISSING)
        return made
    uploads = {m.material_id: [(m.file.original_name, file_open(m.file))] for m in draft.materials.all()}
    application = application_submit(
        item=item,
        applicant=applicant,
        data=draft.data,
        uploads=uploads,
        idempotency_key=draft.key,
        promise=PROMISE_VERSION,
    )
    draft.delete()  # a crash before this leaves a draft whose confirmation answers with the application made
    return application
