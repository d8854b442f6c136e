from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zhengtong.core.errors import ZtError
from zhengtong.core.forms import apply_error

from . import errors, services
from .forms import CitizenRegistrationForm, EnterpriseRegistrationForm, LoginForm
from .models import User


def register_choice(request):
    return render(request, "accounts/register_choice.html")


def _register(request, form_class, service, fields, title):
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = service(**{name: form.cleaned_data[name] for name in fields})
        except ZtError as exc:
            apply_error(form, exc)
        else:
            auth_login(request, user, backend="zhengtong.accounts.backends.IdentifierBackend")
            messages.success(request, _("注册成功，欢迎使用。"))
            return redirect("portal:home")
    return render(request, "accounts/register.html", {"form": form, "title": title})


@require_http_methods(["GET", "POST"])
def register_citizen(request):
    return _register(
        request,
        CitizenRegistrationForm,
        services.citizen_register,
        ["real_name", "id_number", "mobile", "email", "password", "consent"],
        _("个人注册"),
    )


@require_http_methods(["GET", "POST"])
def register_enterprise(request):
    return _register(
        request,
        EnterpriseRegistrationForm,
        services.enterprise_register,
        ["uscc", "enterprise_name", "legal_representative", "mobile", "email", "password", "consent"],
        _("法人注册"),
    )


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = False

    def get_success_url(self):
        # Staff go on to the second factor; nothing on the workbench opens before it.
        if self.request.user.kind == User.Kind.STAFF:
            return reverse("accounts:otp") + "?next=" + reverse("workbench:home")
        return super().get_success_url()


class LogoutView(auth_views.LogoutView):
    pass


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes lockout response: Chinese message, stable code, HTTP 429, no hint whether the user exists."""
    code, message = errors.ACCOUNT_LOCKED
    return render(request, "accounts/locked_out.html", {"code": code, "message": message}, status=429)
