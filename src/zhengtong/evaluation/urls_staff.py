from django.urls import path

from . import views_staff

app_name = "workbench_evaluation"

urlpatterns = [
    path("", views_staff.index, name="index"),
    path("followups/<int:pk>/", views_staff.detail, name="detail"),
    path("invitations/<int:pk>/kiosk/", views_staff.kiosk, name="kiosk"),
    path("explain/", views_staff.explain, name="explain"),
]
