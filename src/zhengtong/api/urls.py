from django.urls import path
from drf_spectacular.views import SpectacularSwaggerSplitView

from zhengtong.approvals import api as approvals_api
from zhengtong.cases.api import case_urls
from zhengtong.disclosure.api import DOCUMENTS, REQUESTS
from zhengtong.evaluation import api as evaluation_api
from zhengtong.letters.api import LETTERS
from zhengtong.sharing import api as sharing_api

from . import views
from .schema import SchemaView

app_name = "api"

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("v1/me/", views.Me.as_view(), name="me"),
    path("v1/org/departments/", views.DepartmentList.as_view(), name="departments"),
    path("v1/org/departments/<str:code>/", views.DepartmentDetail.as_view(), name="department"),
    path("v1/org/departments/<str:code>/staff/", views.DepartmentStaff.as_view(), name="department_staff"),
    path("v1/workdays/add", views.WorkdaysAdd.as_view(), name="workdays_add"),
    path("v1/workdays/between", views.WorkdaysBetween.as_view(), name="workdays_between"),
    path("v1/approvals/items/", approvals_api.ItemList.as_view(), name="approvals_items"),
    path("v1/approvals/items/<str:code>/", approvals_api.ItemDetail.as_view(), name="approvals_item"),
    path("v1/approvals/items/<str:code>/applications/", approvals_api.Submit.as_view(), name="approvals_submit"),
    path("v1/approvals/items/<str:code>/window/", approvals_api.Register.as_view(), name="approvals_register"),
    path("v1/approvals/status/", approvals_api.StatusLookup.as_view(), name="approvals_status"),
    path("v1/approvals/applications/", approvals_api.MyApplications.as_view(), name="approvals_mine"),
    path("v1/evaluation/invitations/", evaluation_api.MyInvitations.as_view(), name="evaluation_invitations"),
    path("v1/evaluation/invitations/<int:pk>/rating/", evaluation_api.Rate.as_view(), name="evaluation_rate"),
    path("v1/evaluation/rankings/", evaluation_api.Rankings.as_view(), name="evaluation_rankings"),
    path("v1/exchange/resources/<str:code>/rows/", sharing_api.Rows.as_view(), name="exchange_rows"),
    path("v1/exchange/grants/", sharing_api.Grants.as_view(), name="exchange_grants"),
    path("v1/exchange/public-key/", sharing_api.PublicKey.as_view(), name="exchange_public_key"),
    path(
        "v1/approvals/applications/<int:pk>/actions/<slug:action>/",
        approvals_api.StaffAction.as_view(),
        name="approvals_action",
    ),
]

# One shape for every case type (cases/api.py): list, detail, actions.
for _case_api in (approvals_api.APPLICATIONS, REQUESTS, DOCUMENTS, LETTERS, sharing_api.SHARE_REQUESTS):
    urlpatterns += case_urls(_case_api)
