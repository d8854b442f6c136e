from django.urls import path

from . import audit_views, views

app_name = "workbench"

urlpatterns = [
    path("", views.home, name="home"),
    path("audit/operations/", audit_views.operation_log, name="audit_operations"),
    path("audit/logins/", audit_views.login_log, name="audit_logins"),
]
