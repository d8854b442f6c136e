"""Demo 好差评: most concluded cases of the seeded hall, disclosure requests and letters rated by their applicants
at a plausible moment after the conclusion (the simulated clock, decision 0005), through the same services; the
差评 followed up into every state — waiting for verification (some now overdue), rectifying, rectified and told,
appealed, appeal upheld, appeal refused."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from zhengtong.accounts.models import User
from zhengtong.core.crypto import blind_indexes
from zhengtong.core.errors import ZtError
from zhengtong.evaluation import followup, services
from zhengtong.evaluation.models import SUB_INDICATORS, Channel, FollowUp, Invitation, Rating
from zhengtong.evaluation.tallies import refresh
from zhengtong.org.access import department_staff
from zhengtong.supervision.scan import scan

from .hall import simulated_now
from .seed import DEMO_CITIZEN

COMMENTS = {
    5: ["办事很快，工作人员很耐心", "网上就办好了，一次都没跑", "指南写得清楚，材料一次备齐"],
    4: ["总体满意，排队时间稍长", "答复及时，内容清楚", "办理顺利"],
    3: ["办成了，但是补正了两次", "电话不太好打通"],
    2: ["补正要求前后不一致，多跑了一趟", "答复内容和我问的不完全对应", "等了很久才有人联系"],
    1: ["窗口说法和网上指南不一样，白跑两次", "超过承诺时间还没有结果，打电话也没人接"],
}
SHARE_RATED = 0.7
# What happens to each 差评 in turn: the states a demo should show.
FOLLOW_UPS = ("leave", "verify", "rectify", "appeal_upheld", "appeal_refused", "rectify", "appeal", "rectify")


def _rate(rng, invitation: Invitation, real_now: dt.datetime) -> Rating | None:
    moment = min(invitation.concluded_at + dt.timedelta(hours=rng.randrange(1, 96)), real_now)
    if moment >= invitation.expires_at:
        return None
    score = rng.choices([5, 4, 3, 2, 1], weights=[58, 25, 9, 5, 3])[0]
    comment = rng.choice(COMMENTS[score]) if score <= 2 or rng.random() < 0.3 else ""
    parts = {field: min(5, max(1, score + rng.choice([-1, 0, 0, 1]))) for field, _label in SUB_INDICATORS}
    channel = Channel.CASE_PAGE if invitation.rater_id else Channel.SMS
    with simulated_now(moment):
        return services.rating_submit(invitation=invitation, score=score, comment=comment, parts=parts, channel=channel)


def _follow(rng, follow_up: FollowUp, plan: str, supervisor: User, real_now: dt.datetime) -> None:
    clerk = department_staff(follow_up.rating.department_id).order_by("pk").first()
    if clerk is None or plan == "leave":
        return
    moment = follow_up.rating.at + dt.timedelta(hours=rng.randrange(2, 20))
    with simulated_now(min(moment, real_now)) as clock:
        if plan.startswith("appeal"):
            follow_up = followup.followup_appeal(
                follow_up=follow_up, by=clerk, reason="评价反映的是其他部门窗口的问题，不属于本部门办理事项"
            )
            if plan == "appeal":
                return
            clock["now"] = min(clock["now"] + dt.timedelta(hours=24), real_now)
            followup.followup_appeal_decide(
                follow_up=follow_up,
                by=supervisor,
                upheld=plan == "appeal_upheld",
                decision="经核实，确非本部门事项"
                if plan == "appeal_upheld"
                else "经核实，属于本部门办理环节，请继续整改",
            )
            return
        follow_up = followup.followup_verify(
            follow_up=follow_up, by=clerk, verification="已电话联系评价人核实，情况基本属实"
        )
        if plan == "rectify":
            clock["now"] = min(clock["now"] + dt.timedelta(hours=rng.randrange(20, 120)), real_now)
            followup.followup_rectify(
                follow_up=follow_up, by=clerk, rectification="已统一窗口和网上指南的材料要求，并对经办人员进行提醒谈话"
            )


def seed_evaluation(progress=print) -> dict:
    # Seeded already when ratings of its own channels exist: the letters' callbacks, seeded before, rate cases too
    # (rate_on_behalf), and counting those skipped every rating and follow-up below.
    if Rating.objects.filter(channel__in=[Channel.CASE_PAGE, Channel.SMS]).exists():
        return {"ratings": Rating.objects.count()}
    rng = random.Random(2019)
    real_now = timezone.now()
    rated = 0
    # The demo citizen's latest case still open to rating is left for whoever tries the demo to rate.
    citizen = User.objects.filter(mobile_index__in=blind_indexes(DEMO_CITIZEN["mobile"])).first()
    left = Invitation.objects.filter(rater=citizen, expires_at__gt=real_now).order_by("-concluded_at").first()
    for invitation in Invitation.objects.filter(rating__isnull=True).order_by("concluded_at", "pk"):
        if rng.random() > SHARE_RATED or invitation == left:
            continue
        try:
            rated += _rate(rng, invitation, real_now) is not None
        except ZtError:
            continue
    supervisor = User.objects.get(username="qianqi")
    for n, follow_up in enumerate(FollowUp.objects.select_related("rating").order_by("rating__at", "pk")):
        try:
            _follow(rng, follow_up, FOLLOW_UPS[n % len(FOLLOW_UPS)], supervisor, real_now)
        except ZtError:
            continue
    scan()  # follow-ups left waiting past their day turn red, as the periodic scan would have made them
    for month in {timezone.localtime(at).date().replace(day=1) for at in Rating.objects.values_list("at", flat=True)}:
        refresh(month)  # the rankings as the periodic count would have left them
    bad = FollowUp.objects.count()
    progress(f"    好差评 {rated} 件（差评 {bad} 件，核实、整改、申诉各种状态）")
    return {"ratings": rated}
