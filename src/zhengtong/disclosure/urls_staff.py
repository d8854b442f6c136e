from django.urls import path

from . import views_columns
from . import views_staff as views
from . import views_staff_requests as req

app_name = "workbench_disclosure"

urlpatterns = [
    path("", views.library, name="library"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.document, name="document"),
    path("<int:pk>/findings/", views.document_findings, name="findings"),
    path("<int:pk>/submit/", views.act, {"action": "submit"}, name="submit"),
    path("<int:pk>/mask/", views.act, {"action": "mask_body"}, name="mask"),
    path("<int:pk>/detach/<int:attachment_id>/", views.act, {"action": "detach"}, name="detach"),
    path("<int:pk>/review/", views.act, {"action": "review"}, name="review"),
    path("<int:pk>/repeal/", views.act, {"action": "repeal"}, name="repeal"),
    path("<int:pk>/amend/", views.act, {"action": "amend"}, name="amend"),
    path("requests/", req.requests, name="requests"),
    path("requests/<int:pk>/", req.request_detail, name="request"),
    path("requests/<int:pk>/act/<slug:action>/", req.request_act, name="request_act"),
    path("requests/<int:pk>/letter.<str:fmt>", req.request_letter, name="request_letter"),
    path("report/", req.annual_report, name="report"),
    path("columns/", views_columns.columns, name="columns"),
    path("columns/new/", views_columns.columns, name="column_new"),
    path("columns/<int:pk>/", views_columns.column, name="column"),
]
