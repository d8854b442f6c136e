"""Log in with any of one's identifiers: user name, mobile number, e-mail or (enterprises) USCC."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from zhengtong.core.crypto import blind_indexes

MAX_IDENTIFIER = 150  # the longest user name or e-mail accepted; anything longer matches no account


def identify(identifier: str):
    """The account an identifier names (user name, mobile, e-mail in any case, USCC), or None. An over-long
    identifier is refused before any table sees it."""
    ident = (identifier or "").strip()
    if not ident or len(ident) > MAX_IDENTIFIER:
        return None
    match = Q(username=ident) | Q(mobile_index__in=blind_indexes(ident)) | Q(uscc=ident.upper())
    if "@" in ident:
        match |= Q(email__iexact=ident)
    return get_user_model().objects.filter(match).first()


class IdentifierBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        User = get_user_model()
        user = identify(username)
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle for user names
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
