"""Gate for every staff page: logged in, a staff account, and verified by the second factor this session."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from .models import User


def is_verified_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.kind == User.Kind.STAFF and user.is_verified())


def staff_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
        if user.kind != User.Kind.STAFF:
            raise PermissionDenied
        if not user.is_verified():
            return redirect(reverse("accounts:otp") + "?next=" + request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper
