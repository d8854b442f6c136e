"""My API keys (staff): issue one (shown once), see when each was last used, revoke. The second factor is already
behind every staff page (SecondFactorMiddleware)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .models import ApiToken, User
from .tokens import token_issue, token_revoke

MAX_LIVE_TOKENS = 10


class IssueForm(forms.Form):
    name = forms.CharField(
        label=_("用途"), max_length=100, help_text=_("例如：办件同步脚本。密钥只显示一次，请当场复制保存。")
    )


def _staff(request) -> None:
    if request.user.kind != User.Kind.STAFF:
        raise PermissionDenied


@never_cache  # the page that shows a new key once must not be kept by the browser or a proxy
@login_required
def tokens(request):
    _staff(request)
    live = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True).order_by("-created_at")
    form = IssueForm(request.POST or None)
    key = None
    if request.method == "POST" and form.is_valid():
        if live.count() >= MAX_LIVE_TOKENS:
            form.add_error("name", _("有效密钥已达 %(n)d 个，请先吊销不用的密钥。") % {"n": MAX_LIVE_TOKENS})
        else:
            _token, key = token_issue(user=request.user, name=form.cleaned_data["name"])
            form = IssueForm()
    return render(request, "accounts/tokens.html", {"form": form, "tokens": live, "key": key})


@login_required
@require_POST
def token_revoke_view(request, pk: int):
    _staff(request)
    token_revoke(token=get_object_or_404(ApiToken, pk=pk, user=request.user))
    return redirect("accounts:tokens")
