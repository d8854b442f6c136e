"""Reader preferences kept in cookies (no login needed): audience version and elderly mode (适老化)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

AUDIENCE_COOKIE = "zt_audience"
ELDERLY_COOKIE = "zt_elderly"
ONE_YEAR = 365 * 24 * 3600

AUDIENCES = {
    "citizen": _("市民"),
    "enterprise": _("企业"),
    "investor": _("投资者"),
    "tourist": _("旅游"),
    "civil_servant": _("公务员"),
}
DEFAULT_AUDIENCE = "citizen"
# The service catalogue's audience for each version (approvals.selectors.AUDIENCE_FLAGS); the others see all.
CATALOGUE_AUDIENCE = {"citizen": "citizen", "enterprise": "legal", "investor": "investor"}


def audience(request) -> str:
    value = request.COOKIES.get(AUDIENCE_COOKIE, DEFAULT_AUDIENCE)
    return value if value in AUDIENCES else DEFAULT_AUDIENCE


def elderly(request) -> bool:
    return request.COOKIES.get(ELDERLY_COOKIE) == "1"
