from django.urls import path

from . import views_public as views

app_name = "letters"

urlpatterns = [
    path("", views.index, name="index"),
    path("write/", views.write, name="write"),
    path("write/done/", views.done, name="done"),
    path("write/code/", views.write_code, name="write_code"),
    path("query/", views.query, name="query"),
    path("mine/", views.mine, name="mine"),
    path("mine/<str:number>/", views.mine_detail, name="mine_detail"),
    path("summary/", views.summary, name="summary"),
    path("<str:number>/", views.letter, name="letter"),
]
