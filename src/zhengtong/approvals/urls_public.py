from django.urls import path

from . import views_public as views

app_name = "approvals"

urlpatterns = [
    path("", views.index, name="index"),
    path("items/<str:code>/", views.guide, name="guide"),
    path("items/<str:code>/apply/", views.apply, name="apply"),
    path("items/<str:code>/apply/check/", views.apply_check, name="apply_check"),
    path("items/<str:code>/forms/<int:material_id>/<str:which>/", views.form_file, name="form_file"),
    path("status/", views.status, name="status"),
    path("mine/", views.mine, name="mine"),
    path("applications/<str:receipt_no>/", views.detail, name="detail"),
    path("applications/<str:receipt_no>/receipt/", views.receipt, name="receipt"),
    path("applications/<str:receipt_no>/withdraw/", views.withdraw, name="withdraw"),
    path("applications/<str:receipt_no>/files/<int:material_id>/", views.material_file, name="file"),
    path("applications/<str:receipt_no>/notices/<int:notice_id>.<str:fmt>", views.notice, name="notice"),
]
