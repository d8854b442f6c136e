"""Gate for every staff page: logged in, a staff account, and verified by the second factor this session."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
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
            return to_sign_in(request, redirect_to_login(request.get_full_path(), reverse("accounts:login")))
        if user.kind != User.Kind.STAFF:
            raise PermissionDenied
        if not user.is_verified():
            return to_sign_in(request, redirect(reverse("accounts:otp") + "?next=" + request.get_full_path()))
        return view(request, *args, **kwargs)

    return wrapper


def is_background(request) -> bool:
    """A request a page makes on its own (htmx: a poll, a section, a value swapped in), not one the reader opened."""
    return request.headers.get("HX-Request") == "true"


def to_sign_in(request, redirect_response):
    """A page's background request (htmx: a poll, a section) whose session has ended reloads the page instead:
    followed inside the request, the redirect put the whole log-in page where the section was, and logging in
    returned to the section alone. The reload is an ordinary request, redirected to log in and back to the page."""
    if is_background(request):
        reload = HttpResponse(status=204)
        reload["HX-Refresh"] = "true"
        return reload
    return redirect_response
