"""Rating a concluded case: from the rater's account (我的评价, the case page's button), or from the SMS link with
no log-in. One form for both; after the rating, one addition (追评) from the account."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengtong.core.errors import ZtError
from zhengtong.core.forms import ZtForm, apply_error, styled

from . import services
from .models import SUB_INDICATORS, Channel, Invitation, Rating, Score

SCORES = [(s.value, s.label) for s in Score]


class RatingForm(ZtForm):
    score = forms.TypedChoiceField(
        label=_("整体满意度"), choices=SCORES, coerce=int, widget=forms.RadioSelect(attrs={"class": "form-check-input"})
    )
    comment = forms.CharField(
        label=_("评价内容"),
        required=False,
        max_length=services.COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("选择“不满意”或“非常不满意”时请写明原因，我们会在1个工作日内核实。"),
    )

    def __init__(self, *args, online: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if online:
            for field, label in SUB_INDICATORS:
                self.fields[field] = forms.TypedChoiceField(
                    label=label,
                    choices=SCORES,
                    coerce=int,
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                )
            self.order_fields(["score", *(f for f, _label in SUB_INDICATORS), "comment"])
        styled(self)


class AdditionForm(ZtForm):
    addition = forms.CharField(
        label=_("追加评价"), max_length=services.COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        styled(self)


def _rate(request, invitation: Invitation, channel: str, done_url: str):
    rating = Rating.objects.filter(invitation=invitation).first()
    form = None
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
    return render(
        request,
        "evaluation/rate.html",
        {
            "invitation": invitation,
            "rating": rating,
            "form": form,
            "expired": timezone.now() >= invitation.expires_at,
            "addition_form": AdditionForm()
            if rating and rating.added_at is None and request.user.is_authenticated
            else None,
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
    if rating is not None and form.is_valid():
        try:
            services.rating_add(rating=rating, text=form.cleaned_data["addition"])
        except ZtError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("追加评价已提交。"))
            return redirect(request.path)
    return render(
        request,
        "evaluation/rate.html",
        {"invitation": invitation, "rating": rating, "form": None, "expired": False, "addition_form": form},
    )


def link(request, token: str):
    """The SMS link: no log-in, scoped to its one case; spent by the rating."""
    try:
        invitation = services.invitation_for(token=token)
    except ZtError as exc:
        return render(request, "evaluation/refused.html", {"error": exc}, status=exc.status)
    return _rate(request, invitation, Channel.SMS, reverse("evaluation:thanks"))


def thanks(request):
    return render(request, "evaluation/thanks.html")


@login_required
def mine(request):
    """我的评价: what the user may still rate, and what he rated."""
    invitations = (
        Invitation.objects.filter(rater=request.user)
        .select_related("rating", "department")
        .order_by("-concluded_at")[:100]
    )
    return render(request, "evaluation/mine.html", {"invitations": invitations, "now": timezone.now()})


def kiosk(request, token: str):
    """The counter's 评价器: no log-in, one case, large buttons; after the rating it thanks and forgets."""
    try:
        invitation = services.invitation_at_kiosk(token)
    except ZtError as exc:
        return render(request, "evaluation/kiosk_done.html", {"error": exc}, status=exc.status)
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
            return render(request, "evaluation/kiosk_done.html", {})
    return render(request, "evaluation/kiosk.html", {"invitation": invitation, "form": form})
