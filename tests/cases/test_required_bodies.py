"""What the schema marks required (a reader's `needed=`, cases/bodies.py) is what each step refuses without:
posted with an empty body by someone who may take it, in a state it is taken from, it answers 400 naming one of
the marked fields. The services refuse, with the law's code (a refusal's reason, 行政许可法 第三十八条; a reply,
《信访工作条例》 第三十二条), so the mark is held to them here rather than declared a second time."""

from __future__ import annotations

from zhengtong.disclosure import requests as svc
from zhengtong.disclosure import services as documents
from zhengtong.letters import services as letters

from .. import factories as f
from ..bodies import refused_for_a_marked_field
from ..disclosure.conftest import CHECKLIST, draft
from ..letters.conftest import handled, submit
from .test_guards import _register


def test_the_letters_steps(client, hotline, district, lisi, wangwu):
    operator = hotline["operator"]
    waiting = submit(title="路灯不亮").letter
    for action in ("decline", "dispatch", "merge"):
        refused_for_a_marked_field(client, "letters", waiting.number, action, operator)
    dispatched = submit(title="噪音扰民").letter
    letters.letter_dispatch(letter=dispatched, by=operator, department=district["A"], co_departments=[district["B"]])
    refused_for_a_marked_field(client, "letters", dispatched.number, "return", lisi)
    refused_for_a_marked_field(client, "letters", dispatched.number, "co_opinion", wangwu)
    refused_for_a_marked_field(client, "letters", dispatched.number, "supervise", operator)
    letters.letter_sign(letter=dispatched, by=lisi, department=district["A"])
    refused_for_a_marked_field(client, "letters", dispatched.number, "draft", lisi)
    replied = handled(hotline, district, lisi)
    refused_for_a_marked_field(client, "letters", replied.number, "callback", operator)
    # a result outside the documented answers: refused by the service, after who asks (`one_of=` only says them)
    url = f"/api/v1/cases/letters/{replied.number}/actions/callback/"
    for user, status, code in ((operator, 400, "LETTER_SATISFACTION_INVALID"), (lisi, 403, "LETTER_NOT_CENTRE")):
        answer = client.post(
            url, {"result": "9"}, content_type="application/json", HTTP_AUTHORIZATION=f"Token {f.api_key(user)}"
        )
        assert (answer.status_code, answer.json()["code"]) == (status, code), answer.json()
    letters.letter_callback(letter=replied, by=operator, result="1", note="没有解决")
    for action in ("reopen", "close"):
        refused_for_a_marked_field(client, "letters", replied.number, action, operator)


def test_the_disclosure_requests_and_documents_steps(client, district, zhangsan, lisi):
    request = _register(district["A"], zhangsan)
    for action in ("correction", "consult", "answer", "extend"):
        refused_for_a_marked_field(client, "disclosure-requests", request.pk, action, lisi)
    svc.request_correction(request=request, by=lisi, items=["请写明所需信息的年份"])
    refused_for_a_marked_field(client, "disclosure-requests", request.pk, "correct", zhangsan)
    answered = svc.request_answer(request=_register(district["A"], zhangsan), by=lisi, answer_type="granted")
    refused_for_a_marked_field(client, "disclosure-requests", answered.pk, "deliver", lisi)

    reviewer = f.staff("shenhe", "审核人", district["A"])
    document = draft(district["A"], lisi)
    documents.document_submit(document=document, by=lisi)
    documents.document_review(document=document, by=reviewer, approve=True, **CHECKLIST)
    for action in ("amend", "repeal"):
        refused_for_a_marked_field(client, "disclosure-documents", document.pk, action, lisi)
