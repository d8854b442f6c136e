"""我的消息: every logged-in user reads his in-site messages here (applicants and staff alike)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from zhengtong.core.paging import page_of

from .models import Message
from .services import message_read


@login_required
def inbox(request):
    messages = Message.objects.filter(recipient=request.user)
    page = page_of(messages, 30, request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "query": "", "unread": messages.filter(read_at__isnull=True).count()},
    )


@login_required
@require_POST
def open_message(request, pk: int):
    message = get_object_or_404(Message, pk=pk, recipient=request.user)
    message_read(message=message)
    target = (
        message.link if url_has_allowed_host_and_scheme(message.link, {request.get_host()}, request.is_secure()) else ""
    )
    return redirect(target or "notifications:inbox")
