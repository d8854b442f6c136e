"""Rating a concluded case: from the rater's account (我的评价, the case page's button), or from the SMS link with
no log-in. One form for both; after the rating, one addition (追评) from the account."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengtong.core.errors import ZtError
from zhengtong.core.forms import ChoiceButtons, ZtForm, apply_error, message_error, styled
from zhengtong.core.paging import page_of, pager_query

from . import services
from .models import SUB_INDICATORS, Channel, Invitation, Rating, Score

SCORES = [(s.value, s.label) for s in Score]


def _level(label, *, required: bool) -> forms.TypedChoiceField:
    message = _("请为“%(label)s”选择一个等级（非常满意到非常不满意）。") % {"label": label}
    return forms.TypedChoiceField(
        label=label,
        choices=SCORES,
        coerce=int,
        required=required,
        widget=ChoiceButtons,
        error_messages={"required": message, "invalid_choice": message},
    )


def _words(label, *, required: bool) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=services.COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("“%(label)s”不能超过500字。") % {"label": label}},
    )


class RatingForm(ZtForm):
    score = _level(_("整体满意度"), required=True)
    comment = _words(_("评价内容"), required=False)

    def __init__(self, *args, online: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if online:
            for field, label in SUB_INDICATORS:
                self.fields[field] = _level(label, required=False)
            self.order_fields(["score", *(f for f, _label in SUB_INDICATORS), "comment"])
        self.fields["comment"].help_text = _("选择“不满意”或“非常不满意”时请写明原因，我们会在1个工作日内核实。")
        styled(self)


class AdditionForm(ZtForm):
    addition = _words(_("追加评价"), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        styled(self)


def _rate(request, invitation: Invitation, channel: str, done_url: str):
    rating = Rating.objects.filter(invitation=invitation).first()
    form = None
    if rating is not None and request.method == "POST":
        messages.info(request, _("这件事您已经评价过了，每件只能评价一次，可以追加一次评价。"))
    if rating is None:
        form = RatingForm(request.POST or None, online=invitation.online)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.rating_submit(
                    invitation=invitation,
                    score=data["score"],
                    comment=data["comment"],
                    parts={f: data.get(f) for f, _label in SUB_INDICATORS},
                    channel=channel,
                )
            except ZtError as exc:
                apply_error(form, exc)
            else:
                messages.success(request, _("感谢您的评价。"))
                return redirect(done_url)
    return _page(request, invitation, rating, form=form)


def _page(request, invitation, rating, *, form=None, addition_form=None):
    if addition_form is None and rating and rating.added_at is None and request.user.is_authenticated:
        addition_form = AdditionForm()
    return render(
        request,
        "evaluation/rate.html",
        {
            "invitation": invitation,
            "rating": rating,
            "form": form,
            "expired": timezone.now() >= invitation.expires_at,
            "addition_form": addition_form,
        },
    )


@login_required
def rate(request, invitation_id: int):
    try:
        invitation = services.invitation_for(user=request.user, invitation_id=invitation_id)
    except ZtError as exc:
        return render(request, "evaluation/refused.html", {"error": exc}, status=exc.status)
    if request.method == "POST" and "addition" in request.POST:
        return _add(request, invitation)
    return _rate(request, invitation, Channel.CASE_PAGE, request.path)


def _add(request, invitation: Invitation):
    rating = Rating.objects.filter(invitation=invitation).first()
    form = AdditionForm(request.POST)
    if rating is None:
        return redirect(request.path)
    if form.is_valid():
        try:
            services.rating_add(rating=rating, text=form.cleaned_data["addition"])
        except ZtError as exc:
            message_error(request, exc)  # added already: the form is not offered again
            return redirect(request.path)
        messages.success(request, _("追加评价已提交。"))
        return redirect(request.path)
    return _page(request, invitation, rating, addition_form=form)


def link(request, token: str):
    """The SMS link: no log-in, scoped to its one case; after the rating it shows what was said."""
    try:
        invitation = services.invitation_for(token=token)
    except ZtError as exc:
        return render(request, "evaluation/refused.html", {"error": exc}, status=exc.status)
    return _rate(request, invitation, Channel.SMS, reverse("evaluation:thanks"))


def thanks(request):
    return render(request, "evaluation/thanks.html")


@login_required
def mine(request):
    """我的评价: every case he may still rate, the soonest to close first, then what he rated or let pass, newest
    first; each list a page at a time on its own pager (`open` and `page`), each keeping the other's page: the
    rating period bounds the open ones, but a frequent applicant's can be thousands."""
    now = timezone.now()
    # what the rows show: a rating's encrypted texts and the rater's mobile stay unread and undecrypted
    shown = ("subject_label", "department__name", "concluded_at", "expires_at", "rating__score")
    his = Invitation.objects.filter(rater=request.user).select_related("rating", "department").only(*shown)
    still_open = Q(rated_at__isnull=True, expires_at__gt=now)  # evaluation_rater_unrated, in its order
    still = page_of(his.filter(still_open).order_by("expires_at", "pk"), 50, request.GET.get("open"))
    rest = page_of(his.exclude(still_open).order_by("-concluded_at", "-pk"), 50, request.GET.get("page"))
    return render(
        request,
        "evaluation/mine.html",
        {
            "open": still,
            "open_query": pager_query(request.GET, "open"),
            "page": rest,
            "query": pager_query(request.GET),
            "now": now,
        },
    )


KIOSK = {"elderly_mode": True}  # large type on the counter's tablet, whoever used it last


def kiosk(request, token: str):
    """The counter's 评价器: no log-in, one case, large buttons; after the rating it thanks and forgets."""
    try:
        invitation = services.invitation_at_kiosk(token)
    except ZtError as exc:
        return render(request, "evaluation/kiosk_done.html", {"error": exc, **KIOSK}, status=exc.status)
    form = RatingForm(request.POST or None, online=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.rating_submit(
                invitation=invitation,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
                channel=Channel.TABLET,
            )
        except ZtError as exc:
            apply_error(form, exc)
        else:
            return render(request, "evaluation/kiosk_done.html", KIOSK)
    return render(request, "evaluation/kiosk.html", {"invitation": invitation, "form": form, **KIOSK})
