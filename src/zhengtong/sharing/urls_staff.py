from django.urls import path

from . import views_staff

app_name = "workbench_sharing"

urlpatterns = [
    path("", views_staff.index, name="index"),
    path("catalogue.xlsx", views_staff.catalogue_export, name="export"),
    path("catalogue/import/", views_staff.catalogue_upload, name="import"),
    path("resources/new/", views_staff.resource_edit, name="resource_new"),
    path("resources/<str:code>/", views_staff.resource, name="resource"),
    path("resources/<str:code>/edit/", views_staff.resource_edit, name="resource_edit"),
    path("requests/<int:pk>/", views_staff.share_request, name="request"),
    path("grants/<int:pk>/revoke/", views_staff.revoke, name="revoke"),
    path("datasets/new/", views_staff.dataset_new, name="dataset_new"),
    path("datasets/<str:pk>/publish/", views_staff.dataset_publish, name="dataset_publish"),
    path("datasets/<str:pk>/withdraw/", views_staff.dataset_withdraw, name="dataset_withdraw"),
]
