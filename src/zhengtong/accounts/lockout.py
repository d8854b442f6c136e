"""What the login lockout counts failures against (django-axes' AXES_USERNAME_CALLABLE): the account an
identifier names, however it is spelled, and the address (AXES_LOCKOUT_PARAMETERS). Counting the string typed
gave an attacker five fresh guesses for every spelling of an e-mail or USCC (issue 21, item 4)."""

from __future__ import annotations

from zhengtong.core.crypto import blind_index

from .backends import MAX_IDENTIFIER, identify


def account_key(request, credentials) -> str:
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username", "")
    typed = str(typed or "")
    user = identify(typed)
    if user is not None:
        return f"account:{user.pk}"
    # no such account: the spelling, folded and bounded, as a keyed digest (the lockout table must not keep the
    # mobiles and ID numbers people type, 个人信息保护法 第五十一条)
    return "unknown:" + (blind_index(typed.strip().casefold()[:MAX_IDENTIFIER]) or "")
