"""The transition table (cases/transitions.py): one table answers the page, the API and the service's guard.

行政许可法 第三十二条 (受理、不予受理、补正), 第三十八条 (决定), 第四十四条 (送达): each step is taken by the
organ that handles the application, in its order; an attempt out of order changes nothing, is answered 409
naming the state, and is audited (等保2.0 8.1.4.3).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from zhengtong.approvals import services
from zhengtong.approvals.case import APPLICATION
from zhengtong.audit.models import OperationLog
from zhengtong.cases.transitions import allowed_actions
from zhengtong.core.errors import InvalidTransition
from zhengtong.org.models import DataScope

from .. import factories as f


@pytest.fixture
def application(item, zhangsan, uploads, form_data):
    return services.application_submit(item=item, applicant=zhangsan, data=form_data, uploads=uploads)


def test_each_user_is_offered_what_the_table_allows_him_in_the_state(application, lisi, wangwu, zhangsan):
    assert allowed_actions(APPLICATION, application, lisi) == ("accept", "correction", "refuse")
    assert allowed_actions(APPLICATION, application, wangwu) == ()  # B has no branch before acceptance
    assert allowed_actions(APPLICATION, application, zhangsan) == ("withdraw",)
    application = services.application_accept(application=application, by=lisi)
    # no special procedure under way: it may be started, not ended
    assert allowed_actions(APPLICATION, application, lisi) == ("review", "special_pause", "extend")
    services.application_special_pause(application=application, by=lisi, reason="hearing", note="听证", expected_days=5)
    assert allowed_actions(APPLICATION, application, lisi) == ("review", "special_resume", "extend")
    with pytest.raises(InvalidTransition):  # 第四十五条: one procedure at a time, not paused twice
        services.application_special_pause(
            application=application, by=lisi, reason="hearing", note="听证", expected_days=5
        )
    assert allowed_actions(APPLICATION, application, wangwu) == ("review",)


def test_an_action_out_of_order_is_409_naming_the_state_audited_and_changes_nothing(application, lisi):
    services.application_accept(application=application, by=lisi)
    with pytest.raises(InvalidTransition) as refused:
        services.application_deliver(application=application, by=lisi, method="窗口领取")
    assert refused.value.status == 409 and "审查中" in str(refused.value.message)
    application.refresh_from_db()
    assert application.status == "reviewing" and application.delivered_at is None
    attempt = OperationLog.objects.get(action="approvals.refused.deliver")
    assert attempt.object_id == str(application.pk)
    assert attempt.changes == {"user": [None, "lisi"], "state": [None, "reviewing"]}


def test_the_page_offers_the_forms_of_the_allowed_actions_only(verified_client, district, application, lisi):
    watcher = f.staff("watcher", "监察", district["B"], f.role("r_all", DataScope.ALL))
    url = reverse("workbench_approvals:detail", args=[application.pk])
    lead_page = verified_client(lisi).get(url).content.decode()
    assert reverse("workbench_approvals:act", args=[application.pk, "accept"]) in lead_page
    assert reverse("workbench_approvals:act", args=[application.pk, "deliver"]) not in lead_page
    watched = verified_client(watcher).get(url)
    assert watched.status_code == 200 and "/act/" not in watched.content.decode()  # sees, may not act
