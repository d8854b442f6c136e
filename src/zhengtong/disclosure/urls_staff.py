from django.urls import path

from . import views_staff as views

app_name = "workbench_disclosure"

urlpatterns = [
    path("", views.library, name="library"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.document, name="document"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/mask/", views.mask, name="mask"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/repeal/", views.repeal, name="repeal"),
    path("<int:pk>/amend/", views.amend, name="amend"),
]
