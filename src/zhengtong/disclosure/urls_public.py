from django.urls import path

from . import views_public as views

app_name = "disclosure"

urlpatterns = [
    path("", views.index, name="index"),
    path("guide/", views.guide, name="guide"),
    path("feed.atom", views.LatestFeed(), name="feed"),
    path("category/<slug:code>/", views.category, name="category"),
    path("column/<slug:code>/", views.column, name="column"),
    path("department/<str:code>/", views.department, name="department"),
    path("docs/<path:index_no>/files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("docs/<path:index_no>/", views.document, name="document"),
]
