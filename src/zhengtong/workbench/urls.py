from django.urls import path

from . import audit_views, inspection_views, supervision_views, views

app_name = "workbench"

urlpatterns = [
    path("", views.home, name="home"),
    path("audit/operations/", audit_views.operation_log, name="audit_operations"),
    path("audit/logins/", audit_views.login_log, name="audit_logins"),
    path("supervision/", supervision_views.dashboard, name="supervision"),
    path("supervision/clocks/", supervision_views.clock_list, name="supervision_clocks"),
    path("supervision/clocks/<int:clock_id>/", supervision_views.clock_detail, name="supervision_clock"),
    path("inspection/", inspection_views.report, name="inspection"),
]
