from django.contrib.sitemaps import views as sitemaps
from django.urls import path

from . import calculator, furniture, password, search, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("audience/<slug:audience>/", views.set_audience, name="audience"),
    path("elderly/", views.toggle_elderly, name="elderly"),
    path("departments/", views.departments, name="departments"),
    path("departments/<str:code>/", views.department_detail, name="department"),
    path("tools/deadline/", calculator.deadline, name="deadline"),
    path("search/", search.search, name="search"),
    path("robots.txt", furniture.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        furniture.cached(sitemaps.index),
        {"sitemaps": furniture.SITEMAPS, "sitemap_url_name": "portal:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        furniture.cached(sitemaps.sitemap),
        {"sitemaps": furniture.SITEMAPS},
        name="sitemap_section",
    ),
    path("site-map/", furniture.site_map, name="site_map"),
    path("password/forgot/", password.forgot, name="password_forgot"),
    path("contact/", furniture.contact, name="contact"),
    path("statement/", furniture.statement, name="statement"),
    path("privacy/", furniture.privacy, name="privacy"),
]
