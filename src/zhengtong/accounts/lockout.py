"""What the login lockout counts failures against (django-axes' AXES_USERNAME_CALLABLE): the account an
identifier names, however it is spelled, and the address (AXES_LOCKOUT_PARAMETERS). Counting the string typed
gave an attacker five fresh guesses for every spelling of an e-mail or USCC (issue 21, item 4)."""

from __future__ import annotations

from .backends import MAX_IDENTIFIER, identify


def account_key(request, credentials) -> str:
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username", "")
    typed = str(typed or "")
    user = identify(typed)
    if user is not None:
        return f"account:{user.pk}"
    return typed.strip().casefold()[:MAX_IDENTIFIER]  # no such account: the spelling, folded and bounded
