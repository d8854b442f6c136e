from django.urls import path

from . import otp, views, views_tokens

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("register/", views.register_choice, name="register"),
    path("register/citizen/", views.register_citizen, name="register_citizen"),
    path("register/enterprise/", views.register_enterprise, name="register_enterprise"),
    path("otp/", otp.otp_verify, name="otp"),
    path("otp/setup/", otp.otp_setup, name="otp_setup"),
    path("tokens/", views_tokens.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views_tokens.token_revoke_view, name="token_revoke"),
]
