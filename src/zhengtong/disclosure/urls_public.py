from django.urls import path

from . import views_public as views
from . import views_requests

app_name = "disclosure"

urlpatterns = [
    path("", views.index, name="index"),
    path("guide/", views.guide, name="guide"),
    path("guide/<str:code>/", views.guide, name="guide_organ"),
    path("feed.atom", views.LatestFeed(), name="feed"),
    path("category/<slug:code>/", views.category, name="category"),
    path("column/<slug:code>/", views.column, name="column"),
    path("department/<str:code>/", views.department, name="department"),
    path("docs/<path:index_no>/files/<int:attachment_id>/", views.attachment, name="attachment"),
    path("docs/<path:index_no>/", views.document, name="document"),
    path("requests/", views_requests.mine, name="requests"),
    path("requests/new/", views_requests.new, name="request_new"),
    path("requests/<str:receipt_no>/", views_requests.detail, name="request"),
    path("requests/<str:receipt_no>/withdraw/", views_requests.withdraw, name="request_withdraw"),
    path("requests/<str:receipt_no>/letter.<str:fmt>", views_requests.letter, name="request_letter"),
]
