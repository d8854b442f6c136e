from django.urls import path

from . import views_catalogue
from . import views_staff as views

app_name = "workbench_approvals"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("queue/<slug:section>/", views.queue_section, name="queue_section"),
    path("register/", views.register, name="register"),
    path("catalogue/", views_catalogue.catalogue, name="catalogue"),
    path("catalogue/<str:code>/", views_catalogue.item_edit, name="item"),
    path("catalogue/<str:code>/files/<int:material_id>/<slug:which>/", views_catalogue.item_file, name="item_file"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/act/<slug:action>/", views.act, name="act"),
    path("<int:pk>/files/<int:material_id>/", views.material_file, name="file"),
    path("<int:pk>/notices/<int:notice_id>.<str:fmt>", views.notice, name="notice"),
]
