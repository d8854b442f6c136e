from django.urls import include, path

from zhengtong.api import health
from zhengtong.org.admin import site as admin_site
from zhengtong.portal.views import set_language

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("api/", include("zhengtong.api.urls")),
    path("accounts/", include("zhengtong.accounts.urls")),
    path("workbench/approvals/", include("zhengtong.approvals.urls_staff")),
    path("workbench/disclosure/", include("zhengtong.disclosure.urls_staff")),
    path("workbench/letters/", include("zhengtong.letters.urls_staff")),
    path("workbench/", include("zhengtong.workbench.urls")),
    path("admin/", admin_site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("services/", include("zhengtong.approvals.urls_public")),
    path("disclosure/", include("zhengtong.disclosure.urls_public")),
    path("letters/", include("zhengtong.letters.urls_public")),
    path("open311/v2/", include("zhengtong.letters.urls_open311")),
    path("messages/", include("zhengtong.notifications.urls")),
    path("", include("zhengtong.portal.urls")),
]

handler400 = "zhengtong.api.handlers.bad_request"
handler403 = "zhengtong.api.handlers.permission_denied"
handler404 = "zhengtong.api.handlers.page_not_found"
handler500 = "zhengtong.api.handlers.server_error"
