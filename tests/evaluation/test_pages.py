"""The 好差评 pages: the rater's form from his account and from the SMS link, 我的评价, the public rankings with
their Excel, and the workbench's follow-up page (国办发〔2019〕51号: results and rectifications published)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from zhengtong.audit.models import OperationLog
from zhengtong.disclosure import requests as disclosure
from zhengtong.evaluation import services
from zhengtong.evaluation.models import FollowUp, Invitation, Rating
from zhengtong.evaluation.tallies import refresh

from ..disclosure.test_requests import _register
from ..downloads import body
from ..letters.conftest import handled


@pytest.fixture
def invitation(district, zhangsan, lisi):
    request = disclosure.request_answer(request=_register(district["A"], zhangsan), by=lisi, answer_type="granted")
    return Invitation.objects.get(subject_type="disclosure.request", subject_id=str(request.pk))


def test_the_rater_rates_from_his_account_and_errors_name_the_field(client, invitation, zhangsan):
    client.force_login(zhangsan)
    page = client.get(f"/evaluation/rate/{invitation.pk}/").content.decode()
    assert "整体满意度" in page and "办事效率" in page and "非常满意" in page
    refused = client.post(f"/evaluation/rate/{invitation.pk}/", {"score": "2"}).content.decode()
    assert "请在“评价内容”中写明不满意的原因" in refused and not Rating.objects.exists()
    client.post(f"/evaluation/rate/{invitation.pk}/", {"score": "2", "comment": "答复内容不完整"})
    assert Rating.objects.get().score == 2 and FollowUp.objects.count() == 1
    mine = client.get("/evaluation/mine/").content.decode()
    assert "不满意" in mine
    client.post(f"/evaluation/rate/{invitation.pk}/", {"addition": "后来补充答复了"})
    assert Rating.objects.get().addition == "后来补充答复了"


def _invitations(like: Invitation, label: str, count: int, *, concluded, expires) -> None:
    """`count` more invitations of `like`'s rater and department, labelled `label` and a number, each concluded and
    closing to rating when `concluded(n)` and `expires(n)` say."""
    Invitation.objects.bulk_create(
        Invitation(
            subject_type="disclosure.request",
            subject_id=f"{label}{n}",
            subject_label=f"{label}{n:03d}",
            department_id=like.department_id,
            rater=like.rater,
            concluded_at=concluded(n),
            expires_at=expires(n),
        )
        for n in range(count)
    )


def test_my_ratings_list_every_case_still_open_to_rating_first_and_page_the_rest(client, invitation, zhangsan):
    """国办发〔2019〕51号 (每个办件都可评价): 我的评价 took the user's 100 latest cases and only then put the ones he
    may still rate first, so a case open to rating behind 100 newer ones was not offered (an outside try)."""
    now = timezone.now()
    closed = now - dt.timedelta(seconds=1)
    _invitations(invitation, "旧办件", 120, concluded=lambda n: now - dt.timedelta(minutes=n), expires=lambda n: closed)
    Invitation.objects.filter(pk=invitation.pk).update(concluded_at=now - dt.timedelta(days=3))
    client.force_login(zhangsan)
    first = client.get("/evaluation/mine/").content.decode()
    assert f'href="/evaluation/rate/{invitation.pk}/">去评价' in first
    assert "旧办件000" in first and "旧办件119" not in first and "page=2" in first
    assert "旧办件119" in client.get("/evaluation/mine/?page=3").content.decode()


def test_cases_open_to_rating_are_paged_soonest_to_close_first_each_reachable(client, invitation, zhangsan):
    """Issue 26: 我的评价 listed every case still open to rating on one page, 2,979 of them for the benchmark's
    frequent applicant (308 ms). They are paged as the rated ones are, the soonest to close first, on a pager of
    their own that keeps the other list's page; every case stays reachable (国办发〔2019〕51号, 每个办件都可评价)."""
    now = timezone.now()
    day_before = now - dt.timedelta(days=1)
    _invitations(
        invitation, "待评办件", 60, concluded=lambda n: day_before, expires=lambda n: now + dt.timedelta(hours=n + 1)
    )
    client.force_login(zhangsan)
    first = client.get("/evaluation/mine/").content.decode()
    assert "待评办件000" in first and "待评办件049" in first and "待评办件050" not in first
    assert "?open=2" in first
    second = client.get("/evaluation/mine/?open=2&page=1").content.decode()
    assert "待评办件050" in second and "待评办件059" in second and "待评办件000" not in second
    assert f'href="/evaluation/rate/{invitation.pk}/">去评价' in second  # closes last: the 61st
    assert "?open=2&amp;page=" in second or "?page=1&amp;open=" in second  # each pager keeps the other's page
    assert 'aria-label="待评价办件的分页"' in first and 'id="pager-jump-open"' in first  # told apart by a reader


def test_my_ratings_read_what_the_list_shows_and_decrypt_no_comment(client, invitation, zhangsan, monkeypatch):
    """Issue 26: 我的评价 read each rated case's rating whole, its comment and addition decrypted (50 a page) to
    show its score; it reads the columns it shows."""
    from django.db import connection

    from zhengtong.core import crypto

    client.force_login(zhangsan)
    client.post(f"/evaluation/rate/{invitation.pk}/", {"score": "2", "comment": "答复内容不完整"})
    decrypted = []
    real = crypto.decrypt
    monkeypatch.setattr(crypto, "decrypt", lambda value: decrypted.append(value) or real(value))
    mine = client.get("/evaluation/mine/").content.decode()
    assert "不满意" in mine and invitation.subject_label in mine
    stored = Rating.objects.values_list("comment", flat=True).query  # the column as stored, encrypted
    with connection.cursor() as cursor:
        cursor.execute(*stored.sql_with_params())
        (encrypted,) = cursor.fetchone()
    assert encrypted.startswith("enc") and encrypted not in decrypted


def test_another_account_gets_a_refusal_not_the_form(verified_client, invitation, wangwu):
    response = verified_client(wangwu).get(f"/evaluation/rate/{invitation.pk}/")
    assert response.status_code == 403 and "EVALUATION_NOT_FOUND" in response.content.decode()


def test_the_sms_link_rates_without_logging_in_once(
    client, hotline, district, lisi, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        handled(hotline, district, lisi, phone_verified=True)
    path = "/evaluation/r/" + sms_outbox[-1][1].split("/evaluation/r/")[1].split("/")[0] + "/"
    assert "办事评价" in client.get(path).content.decode()
    assert client.post(path, {"score": "5"}).status_code == 302
    again = client.post(path, {"score": "1", "comment": "再评一次"}, follow=True).content.decode()
    assert "您已经评价过了" in again and "非常满意" in again and Rating.objects.count() == 1
    assert client.get("/evaluation/r/forged/").status_code == 403


def test_the_public_page_ranks_and_exports(client, invitation, zhangsan):
    client.force_login(zhangsan)
    client.post(f"/evaluation/rate/{invitation.pk}/", {"score": "5"})
    client.logout()
    assert "还没有统计" in client.get("/evaluation/").content.decode()
    refresh(timezone.localdate())
    page = client.get("/evaluation/").content.decode()
    assert "区市场监督管理局" in page and "政府信息公开申请" in page and "95%把握的最低值" in page
    book = load_workbook(io.BytesIO(body(client.get("/evaluation/?format=xlsx"))))
    rows = list(book.active.values)
    assert rows[0][:4] == ("名次", "名称", "综合得分", "等次") and rows[1][1] == "区市场监督管理局"


def test_the_published_rectifications_are_read_live_whatever_month_is_shown(client, invitation, zhangsan, lisi):
    """国办发〔2019〕51号 (差评整改情况向社会公开): a rectification is public once published. The list sat inside the
    month's rankings, rendered once per count in each process, so a month not counted again kept the list it had
    when first shown, and months differed from one another (an outside try)."""
    from zhengtong.evaluation import followup

    client.force_login(zhangsan)
    client.post(f"/evaluation/rate/{invitation.pk}/", {"score": "1", "comment": "等了很久没有答复"})
    client.logout()
    refresh(timezone.localdate())
    assert "暂无已整改的差评" in client.get("/evaluation/").content.decode()  # the month's rankings rendered
    found = FollowUp.objects.get()
    found = followup.followup_verify(follow_up=found, by=lisi, verification="属实")
    followup.followup_rectify(follow_up=found, by=lisi, rectification="已安排专人当日答复")
    for url in ("/evaluation/", "/evaluation/?month=2020-01"):
        assert "已安排专人当日答复" in client.get(url).content.decode(), url


def test_the_department_follows_up_in_the_workbench(verified_client, invitation, zhangsan, lisi, wangwu, client):
    client.force_login(zhangsan)
    client.post(f"/evaluation/rate/{invitation.pk}/", {"score": "1", "comment": "没有答复我要的内容"})
    follow_up = FollowUp.objects.get()
    staff = verified_client(lisi)
    listing = staff.get("/workbench/evaluation/").content.decode()
    assert "没有答复我要的内容" not in listing and "非常不满意" in listing
    page = staff.get(f"/workbench/evaluation/followups/{follow_up.pk}/").content.decode()
    assert "张三" not in page and "13805740001" not in page and "记录核实情况" in page
    staff.post(f"/workbench/evaluation/followups/{follow_up.pk}/", {"action": "verify", "verify-text": "属实"})
    staff.post(f"/workbench/evaluation/followups/{follow_up.pk}/", {"action": "rectify", "rectify-text": "已补充答复"})
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUp.State.DONE
    other = verified_client(wangwu)
    assert other.get(f"/workbench/evaluation/followups/{follow_up.pk}/").status_code == 404


def test_a_follow_up_past_its_limit_says_so_in_the_list_and_on_its_page(
    client, verified_client, invitation, zhangsan, lisi
):
    """国办发〔2019〕51号 (核实整改时限): a 差评 nineteen days past its day to verify read only "期限 2026年11月17日"
    on its page and nothing in the list (an outside try). Both show the limit's warning level, as the queues do."""
    from zhengtong.supervision.models import Clock

    client.force_login(zhangsan)
    client.post(f"/evaluation/rate/{invitation.pk}/", {"score": "1", "comment": "没人答复"})
    follow_up = FollowUp.objects.get()
    Clock.objects.filter(subject_type="evaluation.followup", subject_id=str(follow_up.pk)).update(level="red")
    client = verified_client(lisi)
    page = client.get(f"/workbench/evaluation/followups/{follow_up.pk}/").content.decode()
    listing = client.get("/workbench/evaluation/").content.decode()
    assert "● 超时" in page and "● 超时" in listing


def test_a_refused_step_keeps_what_the_clerk_wrote(client, verified_client, invitation, zhangsan, lisi):
    """Nothing lost on bad input (the brief): a verification refused for its length, or a step refused for the
    state, redirected to an empty form, and what the clerk typed was gone (an outside try)."""
    client.force_login(zhangsan)
    client.post(f"/evaluation/rate/{invitation.pk}/", {"score": "1", "comment": "没人答复"})
    follow_up = FollowUp.objects.get()
    staff = verified_client(lisi)
    url = f"/workbench/evaluation/followups/{follow_up.pk}/"
    written = "已电话联系评价人核实，" * 200  # 2,200 characters
    refused = staff.post(url, {"action": "verify", "verify-text": written})
    page = refused.content.decode()
    assert refused.status_code == 400 and written in page and "不能超过2000字" in page
    late = staff.post(url, {"action": "rectify", "rectify-text": "已经整改"})
    assert late.status_code == 409 and "已经整改" in late.content.decode() and "待核实" in late.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUp.State.VERIFYING and not follow_up.verification


def test_the_api_lists_rates_once_and_ranks(client, invitation, zhangsan):
    client.force_login(zhangsan)
    [listed] = client.get("/api/v1/evaluation/invitations/").json()["results"]
    assert listed["id"] == invitation.pk and listed["rated"] is False
    url = f"/api/v1/evaluation/invitations/{invitation.pk}/rating/"
    refused = client.post(url, {"score": 1}, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["code"] == "EVALUATION_COMMENT_REQUIRED"
    made = client.post(url, {"score": 4, "efficiency": 5}, content_type="application/json")
    assert made.status_code == 201 and made.json()["score_label"] == "满意"
    again = client.post(url, {"score": 5}, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "EVALUATION_RATED_ALREADY"
    client.logout()
    refresh(timezone.localdate())
    [row] = client.get("/api/v1/evaluation/rankings/").json()
    assert row["name"] == "区市场监督管理局" and row["ratings"] == 1 and row["band"] == "样本不足"
    for bad in ("9999-12", "2026-13", "abc"):
        refused = client.get(f"/api/v1/evaluation/rankings/?month={bad}")
        assert refused.status_code == 400 and refused.json()["code"] == "EVALUATION_MONTH_INVALID"
    assert client.get("/api/v1/evaluation/rankings/?by=foo").json()["code"] == "EVALUATION_BY_INVALID"
    assert client.get("/evaluation/?month=9999-12").status_code == 200
    forged = client.post(url, {"score": 5, "token": "forged"}, content_type="application/json")
    assert forged.status_code == 403 and forged.json()["code"] == "EVALUATION_LINK_INVALID"
    schema = client.get("/api/schema/").content.decode()
    assert (
        "/api/v1/evaluation/invitations/{id}/rating/" in schema
        or "/api/v1/evaluation/invitations/{pk}/rating/" in schema
    )


def test_the_case_page_asks_for_the_rating_and_then_shows_it(client, invitation, zhangsan):
    client.force_login(zhangsan)
    from zhengtong.disclosure.models import Request

    request = Request.objects.get(pk=invitation.subject_id)
    page = client.get(f"/disclosure/requests/{request.receipt_no}/").content.decode()
    assert "去评价" in page and f"/evaluation/rate/{invitation.pk}/" in page
    client.post(f"/evaluation/rate/{invitation.pk}/", {"score": "5"})
    assert "非常满意" in client.get(f"/disclosure/requests/{request.receipt_no}/").content.decode()


def test_the_window_tablet_rates_one_case_without_logging_in(
    verified_client, client, item, uploads, form_data, zhangsan, lisi, wangwu
):
    """A window applicant rates on the counter's 评价器 (国办发〔2019〕51号: 现场评价): the clerk opens it for the one
    case he handled; no log-in, single use, minutes long; a clerk of another department cannot open it."""
    from zhengtong.approvals import services as approvals

    from ..approvals.test_notices import _concluded
    from ..approvals.test_workflow import submit as apply

    application = approvals.application_accept(application=apply(item, zhangsan, uploads, form_data), by=lisi)
    application = _concluded(application, lisi, wangwu)
    invitation = Invitation.objects.get(subject_type="approvals.application", subject_id=str(application.pk))
    staff = verified_client(lisi)
    page = staff.get(f"/workbench/approvals/{application.pk}/").content.decode()
    assert "请办事人在评价器上评价" in page
    opened = staff.post(f"/workbench/evaluation/invitations/{invitation.pk}/kiosk/")
    assert opened.status_code == 302 and "/evaluation/kiosk/" in opened.url
    tablet = client.__class__()
    form = tablet.get(opened.url).content.decode()
    assert "请您对本次办事服务作出评价" in form and "张三" not in form and "site-nav" not in form
    assert '<html lang="zh-CN" class="elderly">' in form, "the tablet is in 大字版 whatever the tablet's cookie says"
    tablet.post(opened.url, {"score": "5"})
    assert Rating.objects.get(invitation=invitation).channel == "tablet"
    assert tablet.get(opened.url).status_code == 403, "spent by the rating"
    again = staff.post(f"/workbench/evaluation/invitations/{invitation.pk}/kiosk/", {"back": "https://evil.example/"})
    assert again.status_code == 302 and "evil" not in again.url
    # Outside attack (issue 19): another department's clerk learnt which cases exist from the refusal's message.
    other = verified_client(wangwu)
    never = other.post("/workbench/evaluation/invitations/999999/kiosk/")
    refused = other.post(f"/workbench/evaluation/invitations/{invitation.pk}/kiosk/")
    assert refused.status_code == never.status_code == 404
    assert OperationLog.objects.filter(action="evaluation.denied.kiosk", object_id=str(invitation.pk)).exists()


def test_a_public_staff_profile_counts_what_people_said_and_opens_a_letter(client, invitation, zhangsan, lisi):
    from zhengtong.org.models import Membership

    client.force_login(zhangsan)
    client.post(f"/evaluation/rate/{invitation.pk}/", {"score": "5", "comment": "李四答复很耐心，电话13805740001"})
    client.logout()
    membership = Membership.objects.get(user=lisi)
    Membership.objects.filter(pk=membership.pk).update(public_profile=False)
    assert client.get(f"/evaluation/staff/{membership.pk}/").status_code == 404, "only staff the organ publishes"
    Membership.objects.filter(pk=membership.pk).update(public_profile=True)
    page = client.get(f"/evaluation/staff/{membership.pk}/").content.decode()
    assert "李四" in page and "收到评价" in page and "答复很耐心" in page and "13805740001" not in page
    assert "kind=complaint" in page
    form = client.get("/letters/write/?kind=complaint&title=投诉区市场监督管理局李四").content.decode()
    assert 'value="投诉区市场监督管理局李四"' in form and 'value="complaint" selected' in form


def test_a_score_is_explained_down_to_its_cases_within_the_viewers_scope(
    client, verified_client, invitation, zhangsan, lisi, wangwu
):
    client.force_login(zhangsan)
    client.post(f"/evaluation/rate/{invitation.pk}/", {"score": "2", "comment": "答复不完整，电话13805740001"})
    client.logout()
    month = timezone.localdate().strftime("%Y-%m")
    url = f"/workbench/evaluation/explain/?month={month}&by=department&key={invitation.department_id}"
    page = verified_client(lisi).get(url).content.decode()
    assert "0/1" in page and "答复不完整" in page and "13805740001" not in page and "张三" not in page
    assert "待核实" in page
    assert verified_client(wangwu).get(url).status_code == 404, "another department's row is outside his scope"


def test_the_public_and_the_rated_department_read_a_comment_with_names_in_its_prose_masked(
    client, verified_client, invitation, zhangsan, lisi
):
    """个人信息保护法 Art. 28, issue 20: a rater names himself in his words (我是孙悟空: a name the segmenter knows as a
    word, which the rules take for a public figure's). The public praise on a staff profile and the rated
    department's pages read the comment as it was masked once, when it was said, with names in prose read by the
    model; masked by the rules on each view, the name was shown in clear (an outside try)."""
    from zhengtong.org.models import Membership

    client.force_login(zhangsan)
    client.post(f"/evaluation/rate/{invitation.pk}/", {"score": "5", "comment": "答复很耐心，我是孙悟空"})
    client.logout()
    membership = Membership.objects.get(user=lisi)
    Membership.objects.filter(pk=membership.pk).update(public_profile=True)
    page = client.get(f"/evaluation/staff/{membership.pk}/").content.decode()
    assert "答复很耐心" in page and "孙**" in page and "孙悟空" not in page
    month = timezone.localdate().strftime("%Y-%m")
    url = f"/workbench/evaluation/explain/?month={month}&by=department&key={invitation.department_id}"
    explained = verified_client(lisi).get(url).content.decode()
    assert "答复很耐心" in explained and "孙悟空" not in explained


def test_the_rated_department_reads_a_bad_comment_and_its_addition_masked_once(
    client, verified_client, invitation, zhangsan, lisi
):
    client.force_login(zhangsan)
    client.post(f"/evaluation/rate/{invitation.pk}/", {"score": "1", "comment": "柜台说明不清，我是孙悟空 13900001111"})
    rating = FollowUp.objects.get().rating
    services.rating_add(rating=rating, text="补充：我是孙悟空，住绿城春江花园9幢800室")
    page = verified_client(lisi).get(f"/workbench/evaluation/followups/{rating.follow_up.pk}/").content.decode()
    assert "柜台说明不清" in page and "孙**" in page
    assert "孙悟空" not in page and "13900001111" not in page and "800室" not in page


def test_an_explanation_of_a_key_that_is_no_id_is_not_found(verified_client, lisi):
    staff = verified_client(lisi)
    for key in ("9999-12-31", "' OR 1=1--", "1" * 30):
        assert staff.get(f"/workbench/evaluation/explain/?by=staff&key={key}").status_code == 404
    assert staff.get("/workbench/evaluation/explain/?by=nothing&key=1").status_code == 404


def test_a_praise_or_complaint_from_a_staff_profile_is_tied_to_him_and_counted(client, zhangsan, lisi):
    """Issue 24 item 4: praise and complaints tied to named staff; the profile shows their counts. A link naming
    someone the organ does not publish ties the letter to no one."""
    from zhengtong.letters.models import Letter
    from zhengtong.org.models import Membership

    membership = Membership.objects.get(user=lisi)
    Membership.objects.filter(pk=membership.pk).update(public_profile=True)
    client.force_login(zhangsan)
    page = client.get(f"/letters/write/?kind=praise&title=表扬李四&about={membership.pk}").content.decode()
    assert f'name="about" value="{membership.pk}"' in page
    data = {
        "kind": "praise",
        "title": "表扬李四",
        "content": "李四耐心解答了我的问题，特此表扬。",
        "about": membership.pk,
    }
    assert client.post("/letters/write/", {**data, "submission_key": "k1"}).status_code == 302
    assert Letter.objects.get().about == membership
    profile = client.get(f"/evaluation/staff/{membership.pk}/").content.decode()
    assert "表扬来信" in profile and "投诉来信" in profile

    Membership.objects.filter(pk=membership.pk).update(public_profile=False)
    data.update(content="第二封表扬信，内容不同。", submission_key="k2")
    client.post("/letters/write/", data)
    assert Letter.objects.order_by("-pk").first().about is None


def test_the_workbench_ranks_his_scope_from_the_stored_counts(verified_client, district, lisi, wangwu):
    """Issue 26 (counts kept): once a month is counted, the workbench's rankings are his departments' stored
    counts (what a live count of his rows gave), not a count of every rating and clock of the month per request."""
    from .test_rankings import _ratings

    _ratings(district["A"], [5, 5])
    _ratings(district["B"], [5])
    Rating.objects.update(at=timezone.now())  # this month's: the task counts it
    refresh(timezone.localdate())
    page = verified_client(lisi).get("/workbench/evaluation/").content.decode()
    ranked = page[page.index("部门排名") :]
    assert "数据统计于" in page and district["A"].name in ranked and district["B"].name not in ranked
    Rating.objects.filter(pk__in=[r.pk for r in _ratings(district["B"], [1])]).update(at=timezone.now())
    other = verified_client(wangwu).get("/workbench/evaluation/").content.decode()
    ranked = other[other.index("部门排名") :]  # counted at the next refresh, not on this request
    assert district["B"].name in ranked and '<td data-label="评价数">1</td>' in ranked  # not yet 2


def test_a_supervisor_recognises_a_firm_that_rated_by_its_name_and_a_person_by_a_masked_one():
    """A firm's name is no personal data (个人信息保护法 Art. 4): masked as a person's it read 宁********* (an
    outside try). A person stays masked: enough to recognise a call back."""
    from types import SimpleNamespace

    from zhengtong.accounts.models import User
    from zhengtong.evaluation.views_staff import _rater

    firm = SimpleNamespace(kind=User.Kind.ENTERPRISE, display_name="宁波港城物流有限公司", mobile="13805740001")
    person = SimpleNamespace(kind=User.Kind.CITIZEN, display_name="张三丰", mobile="13805740002")
    assert _rater(SimpleNamespace(rater=firm)) == "宁波港城物流有限公司 138****0001"
    assert _rater(SimpleNamespace(rater=person)) == "张** 138****0002"
