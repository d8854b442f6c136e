from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("v1/me/", views.Me.as_view(), name="me"),
    path("v1/org/departments/", views.DepartmentList.as_view(), name="departments"),
    path("v1/org/departments/<str:code>/", views.DepartmentDetail.as_view(), name="department"),
    path("v1/org/departments/<str:code>/staff/", views.DepartmentStaff.as_view(), name="department_staff"),
    path("v1/workdays/add", views.WorkdaysAdd.as_view(), name="workdays_add"),
    path("v1/workdays/between", views.WorkdaysBetween.as_view(), name="workdays_between"),
]
