from django.urls import path

from . import views_public, views_rate

app_name = "evaluation"

urlpatterns = [
    path("", views_public.index, name="index"),
    path("mine/", views_rate.mine, name="mine"),
    path("staff/<int:pk>/", views_public.staff, name="staff"),
    path("rate/<int:invitation_id>/", views_rate.rate, name="rate"),
    path("r/<str:token>/", views_rate.link, name="link"),
    path("thanks/", views_rate.thanks, name="thanks"),
    path("kiosk/<str:token>/", views_rate.kiosk, name="kiosk"),
]
