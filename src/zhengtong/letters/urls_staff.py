from django.urls import path

from . import views_catalogue
from . import views_staff as views

app_name = "workbench_letters"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("phone/", views.phone, name="phone"),
    path("stats/", views.stats, name="stats"),
    path("stats.xlsx", views.stats_export, name="stats_export"),
    path("catalogue/", views_catalogue.catalogue, name="catalogue"),
    path("catalogue.xlsx", views_catalogue.catalogue_export, name="catalogue_export"),
    path("limits/<slug:key>/", views_catalogue.limit, name="limit"),
    path("<str:number>/", views.detail, name="detail"),
    path("<str:number>/files/<int:pk>/", views.attachment, name="attachment"),
    path("<str:number>/<str:action>/", views.act, name="act"),
]
