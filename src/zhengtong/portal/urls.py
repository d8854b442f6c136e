from django.urls import path

from . import calculator, search, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("audience/<slug:audience>/", views.set_audience, name="audience"),
    path("elderly/", views.toggle_elderly, name="elderly"),
    path("departments/", views.departments, name="departments"),
    path("departments/<str:code>/", views.department_detail, name="department"),
    path("tools/deadline/", calculator.deadline, name="deadline"),
    path("search/", search.search, name="search"),
]
