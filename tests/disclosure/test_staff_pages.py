"""The document library in the workbench: a draft with an attachment, review with the findings shown masked,
mask, publish; another department's staff do not see it."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zhengtong.disclosure.models import Document, State

from ..factories import valid_id_number
from .conftest import docx


def test_draft_review_mask_and_publish_through_the_pages(verified_client, district, lisi, reviewer):
    id_number = valid_id_number()
    client = verified_client(lisi)
    response = client.post(
        reverse("workbench_disclosure:create"),
        {
            "department": district["A"].pk,
            "title": "关于公布低保对象的通知",
            "issuing_org": "北仑区民政局",
            "doc_no": "仑民发[2025]3号",
            "written_on": "2025-03-01",
            "category": "livelihood",
            "topic": "civil_affairs",
            "mode": "proactive",
            "body": f"<p>申请人：王小明，身份证号{id_number}。</p>",
            "attachments": [SimpleUploadedFile("名单.docx", docx("户主：李大海"))],
        },
    )
    document = Document.objects.get()
    assert response.status_code == 302 and document.doc_no == "仑民发〔2025〕3号" and document.attachments.count() == 1
    client.post(reverse("workbench_disclosure:submit", args=[document.pk]))
    review = verified_client(reviewer)
    page = review.get(reverse("workbench_disclosure:document", args=[document.pk])).content.decode()
    findings = page[page.index("处个人信息") : page.index("遮盖正文中的个人信息")]
    assert "发现 3 处个人信息" in page and id_number not in findings and f"330206********{id_number[-4:]}" in findings
    checklist = {
        "review-no_state_secret": "on",
        "review-no_commercial_secret": "on",
        "review-no_privacy": "on",
        "decision": "approve",
    }
    blocked = review.post(
        reverse("workbench_disclosure:review", args=[document.pk]), checklist, follow=True
    ).content.decode()
    assert "PRIVACY_FINDINGS" in blocked
    review.post(reverse("workbench_disclosure:mask", args=[document.pk]))
    done = review.post(
        reverse("workbench_disclosure:review", args=[document.pk]),
        {**checklist, "review-justification": "附件中户主姓名为公示所需"},
        follow=True,
    ).content.decode()
    document.refresh_from_db()
    assert "已发布" in done and document.state == State.PUBLISHED and id_number not in document.body


def _draft(client, department, title: str) -> Document:
    """A draft filed through the page."""
    client.post(
        reverse("workbench_disclosure:create"),
        {
            "department": department.pk,
            "title": title,
            "issuing_org": "区市场监管局",
            "written_on": "2025-03-01",
            "category": "other",
            "topic": "general",
            "mode": "proactive",
            "body": "<p>正文</p>",
        },
    )
    return Document.objects.get(title=title)


def test_another_department_does_not_see_the_draft(verified_client, district, lisi, wangwu):
    document = _draft(verified_client(lisi), district["A"], "内部草稿")
    other = verified_client(wangwu)
    assert other.get(reverse("workbench_disclosure:document", args=[document.pk])).status_code == 404
    assert "内部草稿" not in other.get(reverse("workbench_disclosure:library")).content.decode()


def test_the_document_pages_refuse_as_the_api_does_naming_the_state_and_auditing(verified_client, district, lisi):
    """Issue 19, bad input: an action not allowed in the document's state is refused naming the state, by page and
    API alike, and every refusal is audited; the pages now run their actions through the case engine (perform)
    with the API's parameters, instead of a copy of each call."""
    from zhengtong.audit.models import OperationLog

    client = verified_client(lisi)
    document = _draft(client, district["A"], "关于调整停车收费的通知")
    page = client.post(reverse("workbench_disclosure:repeal", args=[document.pk]), {"reason": "已过时"}, follow=True)
    assert f"“{document.get_state_display()}”" in page.content.decode()
    assert OperationLog.objects.filter(action="disclosure.refused.repeal", object_id=str(document.pk)).exists()
    missing = client.post(reverse("workbench_disclosure:detach", args=[document.pk, 999999]), follow=True)
    # the page answers with the API's status and code (it redirected to the page, 200 once followed)
    assert missing.status_code == 400 and 'data-code="ATTACHMENT_NOT_FOUND"' in missing.content.decode()
    refused = OperationLog.objects.filter(action="disclosure.refused.detach", object_id=str(document.pk))
    assert refused.exists()
    document.refresh_from_db()
    assert document.state == State.DRAFT and document.validity != "repealed"
