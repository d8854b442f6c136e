from __future__ import annotations

from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import i18n
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from zhengtong.approvals import selectors as approvals
from zhengtong.core.redirects import next_path
from zhengtong.disclosure import selectors as disclosure
from zhengtong.disclosure.models import Category
from zhengtong.letters.public_reads import latest_replies
from zhengtong.org import selectors as org_selectors
from zhengtong.org.models import Department

from . import preferences


def _back(request):
    """Back to the page the reader came from (core.redirects: a path on this site only)."""
    return HttpResponseRedirect(next_path(request, reverse("portal:home")))


HOT_SECONDS = 600  # 热门服务 count three months of applications: counted once per audience every ten minutes


def home(request):
    """The portal's home page: the audience version's 热门服务, the common actions, the latest replies, the columns
    the site's editors put on it (要闻动态, 通知公告, 政策解读 …) and the policy files (issue 22 item 1)."""
    audience = preferences.audience(request)
    catalogue = preferences.CATALOGUE_AUDIENCE.get(audience, "")
    hot = cache.get_or_set(f"portal:hot:{audience}", lambda: approvals.popular_items(audience=catalogue), HOT_SECONDS)
    documents = disclosure.published().select_related(None).only("index_no", "title", "published_at")
    return render(
        request,
        "portal/home.html",
        {
            "audience": audience,
            "hot": hot,
            "replies": latest_replies(),
            "columns": disclosure.home_columns(),
            "policies": documents.filter(category=Category.REGULATIONS)[:6],
        },
    )


def set_audience(request, audience: str):
    response = redirect("portal:home")
    if audience in preferences.AUDIENCES:
        response.set_cookie(preferences.AUDIENCE_COOKIE, audience, max_age=preferences.ONE_YEAR, samesite="Lax")
    return response


# The two reader preferences every page offers (大字版 and the language) change only the reader's own display
# cookie, so they take no CSRF token: a forged request could at worst enlarge someone's text or switch the
# page's language. Without them no public page carries a per-reader token or sets a cookie, so a reverse proxy
# may cache it, and the layout does not pay for a token on every page.
@csrf_exempt
@require_POST
def toggle_elderly(request):
    response = _back(request)
    value = "0" if preferences.elderly(request) else "1"
    response.set_cookie(preferences.ELDERLY_COOKIE, value, max_age=preferences.ONE_YEAR, samesite="Lax")
    return response


set_language = csrf_exempt(i18n.set_language)


def departments(request):
    return render(request, "portal/departments.html", {"departments": org_selectors.public_departments()})


def department_detail(request, code: str):
    department = get_object_or_404(Department, code=code, is_active=True)
    return render(
        request,
        "portal/department_detail.html",
        {
            "department": department,
            "ancestors": org_selectors.department_ancestors(department),
            "children": org_selectors.department_children(department),
            "staff": org_selectors.public_staff(department),
        },
    )
