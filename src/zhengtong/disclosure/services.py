"""Writes of the document library: draft → review (保密审查 with the privacy guard) → published → amended or
repealed. One transaction and one audit row each; publication also starts nothing new but stops the
20-working-day publication clock (条例 Art. 26) started when the draft was made."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import nh3
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from zhengtong import privacy
from zhengtong.audit.services import audit_record
from zhengtong.cases import guards, transitions
from zhengtong.cases.guards import case_service
from zhengtong.core.errors import InvalidTransition, refuse, refuse_on
from zhengtong.files.publication import (
    Finding,
    in_files,
    in_name,
    in_text,
    refuse_numbers_in_clear,
    refuse_personal,
    store_readable,
)
from zhengtong.privacy.html import visible_text
from zhengtong.supervision.models import Clock
from zhengtong.supervision.services import clock_start, clock_stop

from . import errors, selectors
from .case import DOCUMENT
from .models import Attachment, Document, IndexCounter, State, Validity

SUBJECT = DOCUMENT.subject
PUBLISH_LIMIT = 20  # working days from making or changing a proactive item to its publication (Art. 26)
DOC_NO = re.compile(r"^[\u4e00-\u9fa5]{1,15}〔(?:19|20)\d{2}〕\d{1,5}号$")
# 〔〕 are the official brackets; people type [] 【】 () （） and 「」 instead.
BRACKETS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "(": "〔", ")": "〕", "（": "〔", "）": "〕"})


def forget_category_counts() -> None:
    """The catalogue home's category counts (selectors.category_counts) are counted again after a publication."""
    transaction.on_commit(lambda: cache.delete(selectors.COUNTS_KEY))


def normalise_doc_no(raw: str) -> str:
    """仑政发[2025]12号 → 仑政发〔2025〕12号; an empty number is allowed (not every document has one)."""
    value = re.sub(r"\s+", "", raw or "").translate(BRACKETS)
    if value and not DOC_NO.match(value):
        raise refuse(errors.DOC_NO_FORMAT)
    return value


def _clean_fields(values: dict) -> dict:
    values = dict(values)
    for name in ("title", "issuing_org"):  # one line each, as shown: a line break posted into one split a number
        if name in values:
            values[name] = " ".join((values[name] or "").split())
    if "title" in values and not values["title"]:
        raise refuse(errors.TITLE_REQUIRED)
    for label, name in FIELDS:  # stored as typed: no number that is kept only encrypted (issue 20 item 5)
        if name in values:
            refuse_numbers_in_clear(name, label, values[name])
    if "doc_no" in values:
        values["doc_no"] = normalise_doc_no(values["doc_no"])
    if "body" in values:
        values["body"] = nh3.clean(values["body"] or "")
        if not strip_tags(values["body"]).strip():
            raise refuse(errors.BODY_REQUIRED)
    if values.get("written_on") and values["written_on"] > timezone.localdate():
        raise refuse(errors.WRITTEN_IN_FUTURE)
    return values


def _attach(document: Document, uploads, by) -> None:
    for name, stored in store_readable(uploads, by=by, field="attachments"):
        Attachment.objects.create(document=document, file=stored, title=name[:200])


@case_service
def document_create(*, department, by, uploads=(), **values) -> Document:
    values = _clean_fields(values)
    document = Document.objects.create(department=department, created_by=by, updated_by=by, **values)
    _attach(document, uploads, by)
    started = timezone.make_aware(dt.datetime.combine(document.written_on, dt.time(9)))
    clock_start(
        subject_type=SUBJECT,
        subject_id=str(document.pk),
        stage="publish",
        stage_label="主动公开",
        subject_label=document.title,
        department=department,
        assignee=by,
        limit=PUBLISH_LIMIT,
        started_at=min(started, timezone.now()),
    )
    audit_record(action="disclosure.document.create", obj=document)
    return document


def _locked(document: Document) -> Document:
    return guards.locked(Document.objects.select_related("department"), document)


def _require(user, document: Document, action: str) -> None:
    """The document's transition table (disclosure/case.py): who may, refused and audited; then the state, 409
    naming it, audited."""
    transitions.require_may(DOCUMENT, document, user, action, errors.NOT_REVIEWER)
    transitions.require_state_for(DOCUMENT, document, action, errors.WRONG_STATE, user)


@case_service
def document_update(*, document: Document, by, uploads=(), **values) -> Document:
    document = _locked(document)
    _require(by, document, "update")
    values = _clean_fields(values)
    changes = {k: [str(getattr(document, k)), str(v)] for k, v in values.items() if getattr(document, k) != v}
    for name, value in values.items():
        setattr(document, name, value)
    document.updated_by = by
    document.save()
    _attach(document, uploads, by)
    audit_record(action="disclosure.document.update", obj=document, changes=changes)
    return document


@case_service
def document_submit(*, document: Document, by) -> Document:
    document = _locked(document)
    _require(by, document, "submit")
    document.state = State.REVIEW
    document.save(update_fields=["state", "updated_at"])
    audit_record(action="disclosure.document.submit", obj=document)
    return document


@case_service
def document_detach(*, document: Document, by, attachment_id) -> Document:
    """A draft's attachment taken off (one with personal data inside, or one that cannot be read, is replaced by
    a cleaned file). The stored file stays, as evidence; the audit row names it."""
    document = _locked(document)
    _require(by, document, "detach")
    attachment = document.attachments.select_related("file").filter(pk=attachment_id).first()
    if attachment is None:
        raise refuse(errors.ATTACHMENT_NOT_FOUND)
    attachment.delete()
    changes = {"attachment": [f"{attachment.title}（{attachment.file.sha256[:12]}）", None]}
    audit_record(action="disclosure.document.detach", obj=document, changes=changes)
    return document


def public_strings(document: Document) -> set[str]:
    """The department's own telephone and address are printed on purpose."""
    return document.department.own_contacts()


def body_text(document: Document) -> str:
    """What a reader sees of the body and its attributes (privacy.html), as the privacy check must."""
    return visible_text(document.body)


# Every field a public output renders besides the body: lists, the feed, the sitemap and the search snippet show
# these, the page and the download's Content-Disposition the attachment's names (issue 20, item 1).
FIELDS = (("标题", "title"), ("发布机构", "issuing_org"), ("文号", "doc_no"))


def findings(document: Document) -> list[Finding]:
    """Personal data in every published field, the body (as seen, attributes included), every attachment's name
    and file name and everything readable inside it (files.publication); a picture is a finding of its own, for
    the reviewer to look at."""
    allow = public_strings(document)
    found = [f for label, name in FIELDS for f in in_text(label, getattr(document, name), allow)]
    found += in_text("正文", body_text(document), allow)
    attachments = list(document.attachments.select_related("file"))
    for attachment in attachments:  # its title is the name it was uploaded under, read as a file's name
        found += in_name("附件名称", attachment.title, allow, attachment.pk)
    found += in_files(((a.title, a.file, a.pk) for a in attachments), allow, pictures_need_a_person=True)
    return found


@case_service
def document_mask_body(*, document: Document, by) -> int:
    """Mask every finding in the body and in every published field in place, the attachments' names and file
    names included (the files themselves are evidence and are not rewritten: one with personal data inside
    must be replaced or its finding justified). Returns how many were masked."""
    document = _locked(document)
    _require(by, document, "mask_body")
    allow = public_strings(document)
    masked = 0

    def mask(text: str, *, a_file_name: bool = False) -> str:
        nonlocal masked
        found = privacy.in_file_name(text, allow=allow) if a_file_name else privacy.scan(text, allow=allow)
        masked += len(found)
        return privacy.mask(text, allow=allow, findings=found)  # counted and masked from one reading

    masked += len(privacy.scan(body_text(document), allow=allow))
    document.body = privacy.mask_html(document.body, allow=allow)
    for _label, name in FIELDS:
        setattr(document, name, mask(getattr(document, name)))
    document.updated_by = by
    document.save(update_fields=["body", *(name for _label, name in FIELDS), "updated_by", "updated_at"])
    for attachment in document.attachments.select_related("file"):
        attachment.title = mask(attachment.title, a_file_name=True)
        attachment.file.original_name = mask(attachment.file.original_name, a_file_name=True)
        attachment.save(update_fields=["title"])
        attachment.file.save(update_fields=["original_name"])
    audit_record(action="disclosure.document.mask", obj=document, changes={"masked": [None, masked]})
    return masked


def _next_index_no(document: Document) -> str:
    year = timezone.localdate().year
    counter, _created = IndexCounter.objects.select_for_update().get_or_create(
        department=document.department, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{document.department.code}/{year}-{counter.last:05d}"


@case_service
def document_review(
    *,
    document: Document,
    by,
    approve: bool,
    no_state_secret: bool = False,
    no_commercial_secret: bool = False,
    no_privacy: bool = False,
    justification: str = "",
    note: str = "",
) -> Document:
    """保密审查. Approval publishes: all three points confirmed, and every privacy finding either masked
    or kept with the reviewer's written reason (audited). Rejection returns the draft with a reason."""
    document = _locked(document)
    _require(by, document, "review")
    note, justification = (note or "").strip(), (justification or "").strip()
    if not approve:
        if not note:
            raise refuse_on("note", errors.REASON_REQUIRED)
        document.state, document.review_note = State.DRAFT, note
        document.save(update_fields=["state", "review_note", "updated_at"])
        audit_record(action="disclosure.document.reject", obj=document, changes={"note": [None, note]})
        return document
    points = {
        "no_state_secret": no_state_secret,
        "no_commercial_secret": no_commercial_secret,
        "no_privacy": no_privacy,
    }
    if not all(points.values()):
        refusal = refuse(errors.CHECKLIST)
        refusal.fields = {
            point: [{"code": refusal.code, "message": str(refusal.message)}]
            for point, confirmed in points.items()
            if not confirmed
        }
        raise refusal
    found = findings(document)
    unread = [f for f in found if f.blocking]
    if unread:
        raise refuse(errors.ATTACHMENT_UNREAD, name=unread[0].where, state=unread[0].kind)
    if found and not justification:
        kinds = "、".join(sorted({f.kind for f in found}))
        raise refuse_on("justification", errors.PRIVACY_FINDINGS, count=len(found), kinds=kinds)
    document.index_no = _next_index_no(document)
    document.state, document.published_at = State.PUBLISHED, timezone.now()
    document.reviewed_by, document.reviewed_at = by, document.published_at
    document.review_note, document.justification = note, justification if found else ""
    document.save()
    for clock in Clock.objects.filter(subject_type=SUBJECT, subject_id=str(document.pk), stopped_at__isnull=True):
        clock_stop(clock=clock)
    audit_record(
        action="disclosure.document.publish",
        obj=document,
        changes={
            "index_no": [None, document.index_no],
            "checklist": [None, "国家秘密、商业秘密、个人隐私均已确认"],
            **({"kept_findings": [None, f"{len(found)}处：{justification}"]} if found else {}),
        },
    )
    from .search_index import document_push

    document_push(document)
    forget_category_counts()
    return document


@case_service
def document_repeal(*, document: Document, by, reason: str) -> Document:
    """已废止: still published and findable, marked, never deleted."""
    document = _locked(document)
    _require(by, document, "repeal")
    if not (reason or "").strip():
        raise refuse_on("reason", errors.REASON_REQUIRED)
    refuse_personal("reason", "废止理由", reason, public_strings(document))  # printed on the public page
    document.validity, document.repealed_on = Validity.REPEALED, timezone.localdate()
    document.review_note = reason.strip()
    document.save(update_fields=["validity", "repealed_on", "review_note", "updated_at"])
    audit_record(
        action="disclosure.document.repeal",
        obj=document,
        changes={"validity": ["现行有效", "已废止"], "reason": [None, reason]},
    )
    from .search_index import document_push

    document_push(document)
    return document


@case_service
def document_amend(*, original: Document, replacement: Document, by) -> Document:
    """已修改: the original stays published, marked and linked to the published document that replaces it."""
    original = _locked(original)
    _require(by, original, "amend")
    # the replacement is another published document of the same organ (another organ's is not found), itself
    # in force, so that no two documents end up each marked as replaced by the other
    if replacement.department_id != original.department_id:
        raise refuse(errors.REPLACEMENT_NOT_FOUND)
    if replacement.state != State.PUBLISHED or replacement.pk == original.pk:
        raise refuse(errors.WRONG_STATE, InvalidTransition, state=replacement.get_state_display())
    if replacement.validity != Validity.IN_FORCE:
        raise refuse(errors.WRONG_STATE, InvalidTransition, state=replacement.get_validity_display())
    original.validity, original.replaced_by = Validity.AMENDED, replacement
    original.save(update_fields=["validity", "replaced_by", "updated_at"])
    audit_record(
        action="disclosure.document.amend", obj=original, changes={"replaced_by": [None, replacement.index_no]}
    )
    from .search_index import document_push

    document_push(original)
    return original


@dataclass(frozen=True)
class ImportResult:
    created: int
    masked: int  # documents whose body had personal data, masked on the way in


@case_service
def documents_import(*, department, by, rows: list[dict]) -> ImportResult:
    """The archive of an old website, already published there: each row is checked like a new draft (文号,
    dates, sanitised body), personal data in the body is masked on the way in (it was public by mistake; it
    does not stay public), 索引号 are given per year of publication, and the whole archive is indexed after
    commit. All or nothing; one audit row for the import."""
    from .search_index import search_document

    documents, masked = [], 0
    allow = {s for s in (department.phone, department.address) if s}
    for row in rows:
        typed = {k: v for k, v in row.items() if k != "published_at"}
        # Masked before the draft's checks, which refuse a number kept only encrypted in these fields.
        fields = {name: privacy.mask(typed.get(name) or "", allow=allow) for _label, name in FIELDS}
        values = _clean_fields({**typed, **fields})
        published_at = row["published_at"]
        body = privacy.mask_html(values["body"], allow=allow)
        masked += body != values["body"] or any(fields[name] != (typed.get(name) or "") for name in fields)
        values["body"] = body
        documents.append(
            Document(
                department=department,
                created_by=by,
                updated_by=by,
                state=State.PUBLISHED,
                published_at=published_at,
                reviewed_by=by,
                reviewed_at=published_at,
                **values,
            )
        )
    documents.sort(key=lambda d: d.published_at)
    counters: dict[int, IndexCounter] = {}
    for document in documents:
        year = timezone.localtime(document.published_at).year
        if year not in counters:
            counters[year], _created = IndexCounter.objects.select_for_update().get_or_create(
                department=department, year=year
            )
        counters[year].last += 1
        document.index_no = f"{department.code}/{year}-{counters[year].last:05d}"
    for counter in counters.values():
        counter.save(update_fields=["last"])
    Document.objects.bulk_create(documents, batch_size=500)
    forget_category_counts()
    created = list(
        Document.objects.filter(department=department, index_no__in=[d.index_no for d in documents]).select_related(
            "department"
        )
    )
    audit_record(
        action="disclosure.document.import",
        object_type="disclosure.document",
        object_repr=department.name,
        changes={"created": [None, len(created)], "masked": [None, masked]},
    )
    from zhengtong.search.services import documents_index

    documents_index([search_document(d) for d in created])
    return ImportResult(len(created), masked)
