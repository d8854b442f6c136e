from django.urls import path

from . import views

app_name = "workbench_cases"

urlpatterns = [
    path("<slug:api_name>/<str:key>/reveal/<slug:field>/", views.reveal_view, name="reveal"),
]
