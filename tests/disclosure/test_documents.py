"""The document library (政府信息公开条例 2019): national metadata, 保密审查 before publication, the privacy guard
on the body and on everything inside the attachments, amended and repealed documents kept and marked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhengtong.audit.models import OperationLog
from zhengtong.core.errors import InvalidInput, InvalidTransition, PermissionDenied
from zhengtong.disclosure import services
from zhengtong.disclosure.models import State, Validity
from zhengtong.search.query import parse
from zhengtong.search.selectors import search
from zhengtong.supervision.models import Clock

from ..factories import valid_id_number
from ..files import samples
from .conftest import CHECKLIST, docx, draft, xlsx_with_hidden_sheet


def _publish(document, lisi, reviewer, **extra):
    services.document_submit(document=document, by=lisi)
    return services.document_review(document=document, by=reviewer, approve=True, **{**CHECKLIST, **extra})


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("仑政发[2025]12号", "仑政发〔2025〕12号"), ("仑政办发（2024）3号", "仑政办发〔2024〕3号"), ("", "")],
)
def test_a_document_number_is_stored_with_the_official_brackets(district, lisi, typed, stored):
    assert draft(district["A"], lisi, doc_no=typed).doc_no == stored


@pytest.mark.parametrize("typed", ["仑政发2025-12", "〔2025〕12号", "仑政发〔25〕12号"])
def test_a_malformed_document_number_is_refused_with_a_code(district, lisi, typed):
    with pytest.raises(InvalidInput) as caught:
        draft(district["A"], lisi, doc_no=typed)
    assert caught.value.code == "DOC_NO_FORMAT"


def test_a_future_date_and_an_empty_body_are_refused(district, lisi):
    with pytest.raises(InvalidInput, match="成文日期"):
        draft(district["A"], lisi, written_on=timezone.localdate() + dt.timedelta(days=1))
    with pytest.raises(InvalidInput) as caught:
        draft(district["A"], lisi, body="<p> </p><script>alert(1)</script>")
    assert caught.value.code == "BODY_REQUIRED"


def test_script_is_removed_from_the_body(district, lisi):
    document = draft(district["A"], lisi, body='<p onclick="x()">正文</p><script>alert(1)</script>')
    assert "script" not in document.body and "onclick" not in document.body and "正文" in document.body


def test_publication_gives_the_index_number_stops_the_clock_and_indexes_it(
    district, lisi, reviewer, django_capture_on_commit_callbacks
):
    first = draft(district["A"], lisi)
    clock = Clock.objects.get(subject_type="disclosure.document", subject_id=str(first.pk))
    assert clock.limit == 20 and clock.stopped_at is None  # Art. 26: published within 20 working days
    with django_capture_on_commit_callbacks(execute=True):
        first = _publish(first, lisi, reviewer)
    second = _publish(draft(district["A"], lisi, title="第二份文件"), lisi, reviewer)
    year = timezone.localdate().year
    assert (first.index_no, second.index_no) == (f"A/{year}-00001", f"A/{year}-00002")
    assert first.state == State.PUBLISHED and first.reviewed_by == reviewer
    clock.refresh_from_db()
    assert clock.stopped_at is not None
    assert [h.entry.object_id for h in search(parse("最低生活保障")).hits] == [str(first.pk)]


def test_every_point_of_the_secrecy_review_must_be_confirmed(district, lisi, reviewer):
    document = draft(district["A"], lisi)
    services.document_submit(document=document, by=lisi)
    with pytest.raises(InvalidInput) as caught:
        services.document_review(document=document, by=reviewer, approve=True, no_state_secret=True, no_privacy=True)
    assert caught.value.code == "REVIEW_CHECKLIST"


def test_the_drafter_cannot_review_and_another_department_cannot_either(district, lisi, wangwu):
    document = draft(district["A"], lisi)
    services.document_submit(document=document, by=lisi)
    for user in (lisi, wangwu):
        with pytest.raises(PermissionDenied):
            services.document_review(document=document, by=user, approve=True, **CHECKLIST)


def test_personal_data_in_the_body_blocks_publication_until_masked(district, lisi, reviewer):
    id_number = valid_id_number()
    document = draft(district["A"], lisi, body=f"<p>申请人：王小明，身份证号{id_number}，电话13805740001。</p>")
    services.document_submit(document=document, by=lisi)
    with pytest.raises(InvalidInput) as caught:
        services.document_review(document=document, by=reviewer, approve=True, **CHECKLIST)
    assert caught.value.code == "PRIVACY_FINDINGS" and "身份证号码" in caught.value.message
    assert services.document_mask_body(document=document, by=reviewer) == 3
    document = services.document_review(document=document, by=reviewer, approve=True, **CHECKLIST)
    assert id_number not in document.body and "138****0001" in document.body and "王**" in document.body


def test_a_hidden_sheet_with_id_numbers_blocks_publication(district, lisi, reviewer):
    rows = [(f"王{n}", valid_id_number(sequence=n), f"1380574{n:04d}") for n in range(1, 4)]
    document = draft(district["A"], lisi, uploads=[("低保名单.xlsx", xlsx_with_hidden_sheet(rows))])
    services.document_submit(document=document, by=lisi)
    found = services.findings(document)
    assert {f.kind for f in found} >= {"身份证号码", "手机号码"} and all(f.where == "低保名单.xlsx" for f in found)
    assert not any(rows[0][1] in f.text for f in found)  # the review page shows the values masked
    with pytest.raises(InvalidInput):
        services.document_review(document=document, by=reviewer, approve=True, **CHECKLIST)


def test_a_word_comment_is_read_too_and_a_kept_finding_needs_an_audited_reason(district, lisi, reviewer):
    document = draft(
        district["A"], lisi, uploads=[("通知.docx", docx("请各单位按时报送。", comment="联系人：王小明 13805740001"))]
    )
    assert len(services.findings(document)) == 2
    document = _publish(document, lisi, reviewer, justification="联系人为本单位工作人员，公开其工作电话经本人同意")
    assert document.state == State.PUBLISHED and "本人同意" in document.justification
    row = OperationLog.objects.filter(action="disclosure.document.publish").last()
    assert "本人同意" in str(row.changes)


def test_a_macro_enabled_or_disguised_attachment_is_refused_and_nothing_is_saved(district, lisi):
    from zhengtong.disclosure.models import Document

    for name, data in (("通知.docx", samples.docx(macro=True)), ("通知.pdf", b"MZ\x90\x00 not a pdf")):
        with pytest.raises(InvalidInput):
            draft(district["A"], lisi, uploads=[(name, data)])
    assert not Document.objects.exists()


def test_a_rejection_needs_a_reason_and_returns_the_draft(district, lisi, reviewer):
    document = draft(district["A"], lisi)
    services.document_submit(document=document, by=lisi)
    with pytest.raises(InvalidInput):
        services.document_review(document=document, by=reviewer, approve=False)
    document = services.document_review(document=document, by=reviewer, approve=False, note="请补充施行日期")
    assert document.state == State.DRAFT and document.review_note == "请补充施行日期"


def test_repealed_and_amended_documents_stay_published_and_marked(district, lisi, reviewer):
    original = _publish(draft(district["A"], lisi), lisi, reviewer)
    with pytest.raises(InvalidTransition):
        services.document_amend(original=original, replacement=draft(district["A"], lisi), by=lisi)
    replacement = _publish(draft(district["A"], lisi, title="北仑区最低生活保障实施办法（修订）"), lisi, reviewer)
    original = services.document_amend(original=original, replacement=replacement, by=lisi)
    assert (
        original.validity == Validity.AMENDED
        and original.replaced_by == replacement
        and original.state == State.PUBLISHED
    )
    repealed = services.document_repeal(document=replacement, by=lisi, reason="上位法废止")
    assert repealed.validity == Validity.REPEALED and repealed.state == State.PUBLISHED
    # a document no longer in force is not marked again: its mark and reason stay as given
    with pytest.raises(InvalidTransition) as again:
        services.document_repeal(document=repealed, by=lisi, reason="重复操作")
    assert again.value.code == "DOCUMENT_NOT_IN_FORCE"
    with pytest.raises(InvalidTransition):
        services.document_amend(original=original, replacement=repealed, by=lisi)
    repealed.refresh_from_db()
    assert repealed.review_note == "上位法废止"


def test_a_repeal_reason_with_personal_data_is_refused(district, lisi, reviewer):
    """Issue 20 (outside attack): the reason is printed on the public page (本文件已废止。（…）) and was published
    as typed, an applicant's ID number, mobile and home address in it."""
    from zhengtong.core.errors import InvalidInput

    document = _publish(draft(district["A"], lisi), lisi, reviewer)
    with pytest.raises(InvalidInput) as refused:
        services.document_repeal(document=document, by=lisi, reason="应张三（手机13905740031）申请废止")
    assert refused.value.code == "PERSONAL_DATA" and "reason" in refused.value.fields
    document.refresh_from_db()
    assert document.validity == Validity.IN_FORCE and "13905740031" not in document.review_note


def test_an_archive_import_masks_personal_data_numbers_by_year_and_is_searchable(
    district, lisi, django_capture_on_commit_callbacks
):
    id_number = valid_id_number()
    rows = [
        {
            "title": f"{year}年度部门预算公开",
            "issuing_org": "区市场监督管理局",
            "doc_no": "",
            "category": "budgets",
            "topic": "finance",
            "written_on": dt.date(year, 2, 1),
            "body": f"<p>{year}年度预算说明。</p>",
            "published_at": timezone.make_aware(dt.datetime(year, 2, 10)),
        }
        for year in (2023, 2024, 2024)
    ]
    rows[0]["body"] = f"<p>经办人：王小明，身份证号{id_number}</p>"
    with django_capture_on_commit_callbacks(execute=True):
        result = services.documents_import(department=district["A"], by=lisi, rows=rows)
    assert (result.created, result.masked) == (3, 1)
    from zhengtong.disclosure.models import Document

    assert sorted(Document.objects.values_list("index_no", flat=True)) == [
        "A/2023-00001",
        "A/2024-00001",
        "A/2024-00002",
    ]
    assert not any(id_number in body for body in Document.objects.values_list("body", flat=True))
    assert len(search(parse("部门预算")).hits) == 3
    with pytest.raises(InvalidInput):  # one bad row: nothing is imported
        services.documents_import(department=district["A"], by=lisi, rows=[{**rows[1], "doc_no": "坏文号"}])
    assert Document.objects.count() == 3


def test_personal_data_in_the_title_the_issuing_organ_or_a_file_name_blocks_publication_until_masked(
    district, lisi, reviewer
):
    """Issue 20, item 1: the title and the issuing organ are shown in lists and the feed, the attachment's name on
    the page and in the download's Content-Disposition; each passed unscanned. (An ID number, a mobile or a bank
    card there is now refused when the draft is saved, since those fields are stored as typed:
    test_numbers_at_rest.py.)"""
    document = draft(
        district["A"],
        lisi,
        title="关于申请人王小明最低生活保障的决定",
        issuing_org="北仑区民政局（经办人邮箱 wangxm1988@163.com）",
        uploads=[("李秀英身份证.docx", docx("请各单位按时报送。"))],
    )
    services.document_submit(document=document, by=lisi)
    found = services.findings(document)
    assert {"标题", "发布机构", "附件文件名"} <= {f.where for f in found}
    with pytest.raises(InvalidInput) as caught:
        services.document_review(document=document, by=reviewer, approve=True, **CHECKLIST)
    assert caught.value.code == "PRIVACY_FINDINGS"
    services.document_mask_body(document=document, by=reviewer)
    document = services.document_review(document=document, by=reviewer, approve=True, **CHECKLIST)
    attachment = document.attachments.select_related("file").get()
    shown = " ".join([document.title, document.issuing_org, attachment.title, attachment.file.original_name])
    assert "wangxm1988@163.com" not in shown and "王小明" not in shown
    assert "李秀英" not in shown and "李**身份证" in attachment.file.original_name


def test_a_name_alone_in_an_attachment_s_name_blocks_publication_until_masked(district, lisi, reviewer):
    """Session 65: a file named after a person (样表（王芳填写）.docx) passed the check, which read its name as a
    sentence."""
    document = draft(district["A"], lisi, uploads=[("样表（王芳填写）.docx", docx("请各单位按时报送。"))])
    services.document_submit(document=document, by=lisi)
    assert {"附件名称", "附件文件名"} <= {f.where for f in services.findings(document)}
    services.document_mask_body(document=document, by=reviewer)
    document = services.document_review(document=document, by=reviewer, approve=True, **CHECKLIST)
    attachment = document.attachments.select_related("file").get()
    assert "王芳" not in attachment.title + attachment.file.original_name


def test_an_attachment_no_parser_can_read_is_refused_with_its_reason_and_nothing_is_saved(district, lisi, monkeypatch):
    """Issue 20 (bad input): what cannot be read cannot be checked for personal data, so it is never published;
    the refusal is a 400 naming the file, not a 500."""
    from zhengtong.disclosure import models

    def broken(_data, _reading):
        raise KeyError("[Content_Types].xml")

    from zhengtong.files import extract

    monkeypatch.setitem(extract.READERS, "docx", broken)
    with pytest.raises(InvalidInput) as caught:
        draft(district["A"], lisi, uploads=[("通知.docx", docx("请各单位按时报送。"))])
    assert caught.value.code == "FILE_UNREADABLE" and "通知.docx" in caught.value.message
    assert not models.Document.objects.exists()


def test_a_number_split_by_tags_or_written_as_references_is_masked_not_just_counted(district, lisi, reviewer):
    """Outside review: the mask step masked the raw HTML, reported the values as masked, and left them."""
    body = "<p>手机<b>138</b>05740001</p><p>电话&#49;3805740002</p>"
    document = draft(district["A"], lisi, body=body)
    services.document_submit(document=document, by=lisi)
    services.document_mask_body(document=document, by=reviewer)
    document = services.document_review(document=document, by=reviewer, approve=True, **CHECKLIST)
    seen = services.body_text(document)
    assert "05740001" not in seen and "5740002" not in seen and "手机" in seen
