from django.urls import path

from . import views_public

app_name = "data"

urlpatterns = [
    path("", views_public.index, name="index"),
    path("catalog.jsonld", views_public.catalog, name="catalog"),
    path("<slug:name>/", views_public.dataset, name="dataset"),
    # <str:>, not <uuid:>: links are reversed once per process with digit stand-ins (core/reverse.py)
    path("<slug:name>/resources/<str:file_id>/download", views_public.download, name="download"),
]
