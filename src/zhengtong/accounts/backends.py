"""Log in with any of one's identifiers: user name, mobile number, e-mail or (enterprises) USCC."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


class IdentifierBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        User = get_user_model()
        ident = username.strip()
        match = Q(username=ident) | Q(mobile=ident) | Q(uscc=ident.upper())
        if "@" in ident:
            match |= Q(email__iexact=ident)
        user = User.objects.filter(match).first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle for user names
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
