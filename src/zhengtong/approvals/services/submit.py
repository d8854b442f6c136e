"""Submission: online by the applicant or registered at the window by staff (with the real receipt time)."""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from zhengtong import privacy
from zhengtong.audit.services import audit_record
from zhengtong.cases import lookup, notices
from zhengtong.core.errors import Conflict, InvalidInput, refuse, refuse_on
from zhengtong.files.intake import FileRefused
from zhengtong.files.services import file_store
from zhengtong.sharing.prefill import held_licences
from zhengtong.supervision.services import clock_start

from .. import errors
from ..case import APPLICATION
from ..models import Application, ApplicationMaterial, FormField, ServiceItem
from .common import SUBJECT, event, query_hash, require_department


def clean_form(item: ServiceItem, data: dict, *, kept: dict | None = None) -> dict:
    """The item's own fields (defined by staff), checked here so the API gets the same checks as the page.
    `kept`: the answers already accepted (a correction's); one sent back as it stands is kept, not judged again by
    rules set since (a length limit newer than the application, an option since removed). A line break is one
    character, however it was sent (a browser sends \r\n)."""
    cleaned, problems = {}, {}
    kept = kept or {}
    for field in item.fields.all():
        value = str(data.get(field.key, "") or "").replace("\r\n", "\n").strip()
        if not value:
            if field.required:
                code, message = errors.FIELD_REQUIRED
                problems[field.key] = [{"code": code, "message": str(message) % {"label": field.label}}]
            continue
        if field.key in kept and value == str(kept[field.key]).strip():
            cleaned[field.key] = kept[field.key]
            continue
        if len(value) > field.longest:  # refused, not cut: what he wrote is what is decided on
            code, message = errors.FIELD_TOO_LONG
            told = str(message) % {"label": field.label, "most": field.longest, "now": len(value)}
            problems[field.key] = [{"code": code, "message": told}]
            continue
        if not _valid(field, value):
            code, message = errors.NUMBER_INVALID if field.kind == FormField.Kind.NUMBER else errors.FIELD_INVALID
            problems[field.key] = [{"code": code, "message": str(message) % {"label": field.label}}]
            continue
        cleaned[field.key] = str(Decimal(value)) if field.kind == FormField.Kind.NUMBER else value
    if problems:
        first = next(iter(problems.values()))[0]
        raise InvalidInput(first["message"], code=first["code"], fields=problems)
    return cleaned


NUMBER = re.compile(r"\A\d{1,15}(\.\d{1,6})?\Z")  # anchored: a RegexValidator searches


def _valid(field: FormField, value: str) -> bool:
    if field.kind == FormField.Kind.NUMBER:
        # an area, a count or an amount: written out, not below zero (float() took -45, nan, inf and 1e999)
        return NUMBER.fullmatch(value) is not None
    if field.kind == FormField.Kind.DATE:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
    if field.kind == FormField.Kind.CHOICE:
        return value in field.choice_list()
    return True


def store_materials(application: Application, uploads: dict, *, by, round_no: int, required: bool) -> None:
    """uploads: material id -> list of (name, bytes). Every required material must come (first round), but for a
    licence the platform already holds for the applicant (免提交, sharing/prefill.py)."""
    problems = {}
    materials = list(application.item.materials.all())
    held = held_licences(application.applicant, application.lead_department_id, {m.licence_kind for m in materials})
    for material in materials:
        files = uploads.get(material.pk) or []
        if required and material.required and not files and material.licence_kind not in held:
            code, message = errors.MATERIAL_REQUIRED
            problems[f"material_{material.pk}"] = [{"code": code, "message": str(message) % {"name": material.name}}]
        for name, data in files:
            try:
                stored = file_store(data=data, name=name, by=by)
            except FileRefused as exc:
                problems.setdefault(f"material_{material.pk}", []).append(
                    {"code": exc.code, "message": f"{material.name}（{name}）：{exc.message}"}
                )
                continue
            ApplicationMaterial.objects.create(application=application, material=material, file=stored, round=round_no)
    if problems:
        first = next(iter(problems.values()))[0]
        raise InvalidInput(first["message"], code=first["code"], fields=problems)


def _receipt_no(moment: dt.datetime) -> str:
    return f"BL{timezone.localtime(moment):%Y%m%d}{secrets.randbelow(10**6):06d}"


def application_submit(
    *,
    item: ServiceItem,
    applicant,
    data: dict,
    uploads: dict,
    idempotency_key: str = "",
    channel: str = Application.Channel.ONLINE,
    received_at: dt.datetime | None = None,
    registered_by=None,
    applicant_name: str = "",
    contact_mobile: str = "",
    promise: str = "",
) -> Application:
    """Returns the application with `query_code` set (shown once to the applicant, stored only hashed).
    The same applicant with the same idempotency key gets the application he already made, if he asks for the
    same item with the same answers; with another item or other answers the key is refused (a retry repeats its
    request, so anything else is another application, which the first one's receipt would misreport). `promise`:
    the version of the 承诺书 the applicant accepted, recorded with the application in its transaction."""
    if registered_by is not None:
        require_department(registered_by, item.lead_department, Application(item=item), "register")
    elif not item.online:
        raise refuse(errors.NOT_ONLINE)
    if privacy.numbers_in(applicant_name):  # stored in clear, printed on every notice: a name only
        raise refuse_on("applicant_name", errors.APPLICANT_NAME_NOT_A_NAME)
    key = (idempotency_key or "") if applicant is not None else ""
    if len(key) > 64:  # cut, two keys alike in their first 64 characters were one
        raise refuse(lookup.KEY_TOO_LONG)
    if key:
        existing = Application.objects.filter(applicant=applicant, idempotency_key=key).first()
        if existing:
            return _answered_again(existing, item, data)
    try:
        return _submit(
            item=item,
            applicant=applicant,
            data=data,
            uploads=uploads,
            key=key,
            channel=channel,
            received_at=received_at,
            registered_by=registered_by,
            applicant_name=applicant_name,
            contact_mobile=contact_mobile,
            promise=promise,
        )
    except IntegrityError:
        existing = Application.objects.filter(applicant=applicant, idempotency_key=key).first() if key else None
        if existing is None:
            raise
        return _answered_again(existing, item, data)  # the other click won the race: his application is ours


def _code_for(applicant_id: int | None, key: str) -> str:
    """A new application's query code; for a keyed submission the same on every try of the key
    (cases/lookup.new_query_code)."""
    if not key:
        return lookup.new_query_code(APPLICATION)
    return lookup.new_query_code(APPLICATION, lookup.submission_digest(APPLICATION, f"u{applicant_id}", key))


def submitted_with(applicant, key: str, item: ServiceItem) -> Application | None:
    """The application this applicant's submission with `key` made for `item`, answered as it was the first time
    (its receipt number and code): a confirmation sent again after its draft is gone (drafts.draft_submit)."""
    found = Application.objects.filter(applicant=applicant, idempotency_key=key, item=item).first() if key else None
    return _answered_again(found, item, None) if found else None


def _request_digest(applicant_id: int, key: str, item: ServiceItem, data: dict) -> str:
    """The request as sent (its item and the answers given, before any cleaning), keyed and bound to the
    applicant. A field left empty is no answer: the API reads every field the item's form has now, and a field
    added since the first request is empty in its retry."""
    given = {k: str(v) for k, v in data.items() if v not in ("", None)}
    sent = json.dumps(given, ensure_ascii=False, sort_keys=True)
    return lookup.submission_digest(APPLICATION, f"u{applicant_id}:{item.code}", key, sent)


def _answered_again(application: Application, item: ServiceItem, data: dict | None) -> Application:
    """A retry's answer is the first one's: the receipt number and, when it derives from the key, the code (an
    application made before codes were derived keeps its random code, which is not known again). A retry repeats
    the first request: the same item and the same answers as sent (the files are not compared), whatever the
    application and its item's form have become since; `data` None: no answers to compare (submitted_with). An
    application made before the digest was kept is compared by its item alone."""
    if application.item_id != item.pk:
        raise refuse(lookup.KEY_REUSED, Conflict)
    digest = application.request_digest
    if (
        data is not None
        and digest
        and digest != _request_digest(application.applicant_id, application.idempotency_key, item, data)
    ):
        raise refuse(lookup.KEY_REUSED, Conflict)
    code = _code_for(application.applicant_id, application.idempotency_key)
    if query_hash(application.receipt_no, code) == application.query_hash:
        application.query_code = code
    return application


@transaction.atomic(durable=True)
def _submit(
    *, item, applicant, data, uploads, key, channel, received_at, registered_by, applicant_name, contact_mobile, promise
):
    now = timezone.now()
    received_at = received_at or now
    cleaned = clean_form(item, data)
    code = _code_for(applicant.pk if applicant else None, key)
    for _attempt in range(5):
        receipt = _receipt_no(received_at)
        if not Application.objects.filter(receipt_no=receipt).exists():
            break
    application = Application.objects.create(
        receipt_no=receipt,
        query_hash=query_hash(receipt, code),
        item=item,
        lead_department=item.lead_department,
        applicant=applicant,
        applicant_name=applicant_name or (applicant.display_name if applicant else ""),
        contact_mobile=contact_mobile or (getattr(applicant, "mobile", "") or ""),
        channel=channel,
        received_at=received_at,
        registered_by=registered_by,
        data=cleaned,
        idempotency_key=key,
        request_digest=_request_digest(applicant.pk, key, item, data) if key else "",
    )
    store_materials(application, uploads, by=applicant or registered_by, round_no=0, required=True)
    event(
        application,
        "submit",
        "窗口收件" if channel == Application.Channel.WINDOW else "网上提交申请",
        department=item.lead_department,
    )
    clock_start(
        subject_type=SUBJECT,
        subject_id=str(application.pk),
        subject_label=f"{item.name}（{receipt}）",
        stage="accept",
        stage_label="受理",
        department=item.lead_department,
        limit=item.accept_limit,
        started_at=received_at,
        item_code=item.code,
    )
    audit_record(action="approvals.application.submit", obj=application, changes={"channel": [None, channel]})
    if promise:
        audit_record(action="approvals.application.promise", obj=application, changes={"promise": [None, promise]})
    _tell_submitted(application, code)
    application.query_code = code
    return application


def _tell_submitted(application: Application, code: str) -> None:
    """The applicant's in-site message (no code in it: messages are not encrypted) and one SMS with the receipt
    number and the query code (issue 22 item 5), to his account's mobile, or at the window to the mobile he gave
    the clerk. Only a new application comes here: a repeated submission is answered before (`_answered_again`)."""
    item, receipt = application.item, application.receipt_no
    if application.applicant_id:
        notices.tell(APPLICATION, application, f"已收到您的申请，受理编号 {receipt}", channels=("site",))
        mobile = application.applicant.mobile or ""
    else:
        mobile = application.contact_mobile if application.channel == Application.Channel.WINDOW else ""
    what = "您在窗口递交的申请已登记" if application.channel == Application.Channel.WINDOW else "您的申请已提交"
    lookup.send_code(
        mobile=mobile,
        recipient=application.applicant,
        what=f"{what}（{item.name}）",
        number_label="受理编号",
        number=receipt,
        code=code,
        page="办件查询",
    )
