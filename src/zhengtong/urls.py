from django.urls import include, path, re_path

from zhengtong.api import health
from zhengtong.org.admin import site as admin_site
from zhengtong.portal.views import set_language
from zhengtong.sharing import ckan

# Django tries the patterns in order, and each include passed over raises and catches a Resolver404: the public
# pages, the busiest, come first (the letters list resolved in 20 µs behind the workbench and admin, 10 µs here).
urlpatterns = [
    path("letters/", include("zhengtong.letters.urls_public")),
    path("services/", include("zhengtong.approvals.urls_public")),
    path("disclosure/", include("zhengtong.disclosure.urls_public")),
    path("evaluation/", include("zhengtong.evaluation.urls_public")),
    path("data/", include("zhengtong.sharing.urls_public")),
    # CKAN answers its Action API on both paths; clients and harvesters use either
    re_path(r"^api/3/?$", ckan.api_version, name="ckan_version"),
    path("api/3/action/<str:name>", ckan.action, name="ckan_action"),
    path("api/action/<str:name>", ckan.action, name="ckan_action_unversioned"),
    path("open311/v2/", include("zhengtong.letters.urls_open311")),
    path("messages/", include("zhengtong.notifications.urls")),
    path("accounts/", include("zhengtong.accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", include("zhengtong.api.urls")),
    path("workbench/approvals/", include("zhengtong.approvals.urls_staff")),
    path("workbench/disclosure/", include("zhengtong.disclosure.urls_staff")),
    path("workbench/letters/", include("zhengtong.letters.urls_staff")),
    path("workbench/evaluation/", include("zhengtong.evaluation.urls_staff")),
    path("workbench/sharing/", include("zhengtong.sharing.urls_staff")),
    path("workbench/cases/", include("zhengtong.cases.urls_staff")),
    path("workbench/", include("zhengtong.workbench.urls")),
    path("admin/", admin_site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", include("zhengtong.portal.urls")),  # the home page and the site's own paths; last, as the widest
]

handler400 = "zhengtong.api.handlers.bad_request"
handler403 = "zhengtong.api.handlers.permission_denied"
handler404 = "zhengtong.api.handlers.page_not_found"
handler500 = "zhengtong.api.handlers.server_error"
