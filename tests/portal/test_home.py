"""The portal's home page as a government portal's (issue 22 item 1; 国办发〔2017〕47号: 信息发布, 办事服务,
互动交流 on the home page): 热门服务 from real application counts and filtered by the audience version, the common
actions (办件查询, 我要写信, 依申请公开), the latest replies from published letters, the latest disclosed documents
and policy files, and a personal space in the header with unread messages once logged in."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.utils import timezone

from zhengtong.approvals.models import Application, Status
from zhengtong.notifications.services import notify

from ..approvals.conftest import make_item
from ..letters.conftest import handled


def _applications(item, n: int) -> None:
    for i in range(n):
        Application.objects.create(
            receipt_no=f"{item.code[-4:]}{i:04d}",
            query_hash="x",
            item=item,
            lead_department=item.lead_department,
            applicant_name="申请人",
            received_at=timezone.now() - dt.timedelta(days=1),
            status=Status.SUBMITTED,
        )


def test_hot_services_come_from_application_counts_and_follow_the_audience(client, district):
    cache.clear()
    quiet = make_item(district, code="330206-XK-0002", name="酒类零售许可", parallel=False)
    busy = make_item(district, code="330206-XK-0003", name="公共场所卫生许可", parallel=False)
    personal = make_item(district, code="330206-GF-0004", name="老年人优待证办理", parallel=False)
    personal.for_legal_persons, personal.for_citizens = False, True
    personal.save()
    _applications(quiet, 1)
    _applications(busy, 3)
    page = client.get("/", HTTP_COOKIE="zt_audience=enterprise").content.decode()
    hot = page[page.index('id="hot-h"') :]
    assert hot.index("公共场所卫生许可") < hot.index("酒类零售许可") and "老年人优待证办理" not in hot[:2000]
    citizen = client.get("/", HTTP_COOKIE="zt_audience=citizen").content.decode()
    assert "老年人优待证办理" in citizen[citizen.index('id="hot-h"') :]


def test_the_home_page_offers_the_common_actions_and_the_latest_replies(client, hotline, district, lisi):
    from zhengtong.letters import services

    letter = handled(hotline, district, lisi)
    services.letter_callback(letter=letter, by=hotline["operator"], result="5")
    services.letter_publish(letter=letter, by=hotline["operator"])
    letter.refresh_from_db()
    page = client.get("/").content.decode()
    for href in ('href="/services/status/"', 'href="/letters/write/"', 'href="/disclosure/requests/new/"'):
        assert href in page
    assert letter.public_title in page and f'href="/letters/{letter.number}/"' in page


def test_a_logged_in_citizen_has_a_personal_space_with_unread_messages(client, zhangsan):
    notify(recipients=[zhangsan], title="您的申请已受理")
    notify(recipients=[zhangsan], title="您的信件已答复")
    client.force_login(zhangsan)
    page = client.get("/").content.decode()
    header = page[: page.index("</header>")]
    for label in ("我的办件", "我的信件", "我的申请"):
        assert label in header
    assert "消息（2）" in header or "消息 2" in header
