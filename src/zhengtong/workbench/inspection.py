"""网站自查: the platform checks itself against the single-veto indicators of the government-website inspection
(国办发〔2017〕47号 and the inspection indicators, DOMAIN §9), so that the office finds a failure before the
inspectors do:

- the home page's columns (the latest published document or reply) updated within two weeks;
- every column with an update period (set by the site's editors) updated within it, an empty one included
  (栏目不更新, 空白栏目);
- no valid consultation left unanswered for over three months;
- every published service guide carrying every key element (DOMAIN §3);
- no internal link that fails to open (the public pages crawled in-process from the home page).

The nightly run keeps the report in the shared cache for the workbench page and tells the supervisors and the
site's editors."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengtong.approvals.models import ServiceItem
from zhengtong.disclosure.models import Column, Document
from zhengtong.disclosure.models import State as DocumentState
from zhengtong.letters.models import Kind, Letter, State
from zhengtong.notifications.services import notify
from zhengtong.org.access import edits_site, site_editors
from zhengtong.supervision.access import may_supervise, supervisors

STALE_AFTER = dt.timedelta(days=14)
UNANSWERED_AFTER = dt.timedelta(days=91)  # "over three months"
START = ["/", "/services/", "/disclosure/", "/letters/"]
CRAWL_LIMIT = 300
REPORT_KEY = "workbench:inspection"
# The guide's key elements a published guide may not leave empty (DOMAIN §3); 特殊环节 and 常见问题 may be empty.
GUIDE_ELEMENTS = [
    "basis",
    "conditions",
    "process",
    "location",
    "hours",
    "phone",
    "complaint_phone",
    "result",
    "delivery",
]
_HREF = re.compile(r'href="(/[^"#]*)"')
_PRIVATE = ("/accounts/", "/workbench/", "/admin/", "/api/", "/messages/", "/open311/", "/i18n/")


@dataclass(frozen=True)
class Finding:
    check: str
    title: str
    detail: str  # every check here is a single-veto indicator: one finding fails the inspection


@dataclass
class Report:
    at: dt.datetime
    findings: list[Finding] = field(default_factory=list)
    pages: int = 0


def _home_stale(now) -> list[Finding]:
    latest = [
        Document.objects.filter(state=DocumentState.PUBLISHED)
        .order_by("-published_at")
        .values_list("published_at", flat=True)
        .first(),
        Letter.objects.filter(published_at__isnull=False)
        .order_by("-published_at")
        .values_list("published_at", flat=True)
        .first(),
    ]
    last = max((t for t in latest if t), default=None)
    if last is not None and now - last <= STALE_AFTER:
        return []
    when = timezone.localtime(last).strftime("%Y-%m-%d") if last else _("从未")
    return [Finding("home_stale", _("首页栏目两周未更新"), _("最近一次发布：%(when)s") % {"when": when})]


def _stale_columns(now) -> list[Finding]:
    """Each column with an update period whose latest publication is older than it, or that has none."""
    columns = Column.objects.filter(update_days__isnull=False).annotate(
        last=Max("documents__published_at", filter=Q(documents__state=DocumentState.PUBLISHED))
    )
    findings = []
    for column in columns:
        if column.last is not None and now - column.last <= dt.timedelta(days=column.update_days):
            continue
        when = timezone.localtime(column.last).strftime("%Y-%m-%d") if column.last else _("从未发布")
        detail = _("%(name)s：更新周期%(days)s天，最近一次发布：%(when)s") % {
            "name": column.name,
            "days": column.update_days,
            "when": when,
        }
        findings.append(Finding("column_stale", _("栏目超过更新周期未更新"), detail))
    return findings


def _unanswered(now) -> list[Finding]:
    late = (
        Letter.objects.filter(kind=Kind.CONSULTATION, received_at__lt=now - UNANSWERED_AFTER, replied_at__isnull=True)
        .exclude(state__in=[State.DECLINED, State.MERGED])
        .order_by("received_at")
        .values_list("number", flat=True)
    )
    numbers = list(late[:20])
    if not numbers:
        return []
    return [Finding("consultation_unanswered", _("咨询超过三个月未答复"), "、".join(numbers))]


def _incomplete_guides() -> list[Finding]:
    names = {f: str(ServiceItem._meta.get_field(f).verbose_name) for f in GUIDE_ELEMENTS}
    findings = []
    for item in ServiceItem.objects.filter(published=True).prefetch_related("materials").order_by("code"):
        missing = [names[f] for f in GUIDE_ELEMENTS if not str(getattr(item, f) or "").strip()]
        if not item.materials.all():
            missing.append(_("申请材料"))
        if missing:
            detail = _("%(item)s（%(code)s）缺少：%(missing)s") % {
                "item": item.name,
                "code": item.code,
                "missing": "、".join(missing),
            }
            findings.append(Finding("guide_incomplete", _("办事指南要素不全"), detail))
    return findings


def _host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*":
            return host.lstrip(".")
    return "localhost"


def _broken_links() -> tuple[list[Finding], int]:
    """The public pages as a visitor reaches them, fetched in-process (no network, no second server): every page
    that answers 400 or more, with the page that links to it."""
    client = Client(raise_request_exception=False, HTTP_HOST=_host())
    queue = [(path, "") for path in START]
    seen, broken = {p for p, _from in queue}, []
    while queue and len(seen) <= CRAWL_LIMIT:
        path, source = queue.pop(0)
        response = client.get(path)
        if response.status_code >= 400:
            broken.append(
                f"{path}（{response.status_code}）" + (_("，来自 %(page)s") % {"page": source} if source else "")
            )
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        for href in _HREF.findall(response.content.decode("utf-8", "replace")):
            target = href.split("?")[0]
            if target not in seen and not target.startswith(_PRIVATE) and len(seen) < CRAWL_LIMIT:
                seen.add(target)
                queue.append((target, path))
    findings = [Finding("link_broken", _("页面无法打开"), line) for line in broken[:20]]
    return findings, len(seen)


def inspect(*, crawl: bool = True, now: dt.datetime | None = None) -> list[Finding]:
    return run(crawl=crawl, now=now).findings


def run(*, crawl: bool = True, now: dt.datetime | None = None) -> Report:
    now = now or timezone.now()
    report = Report(at=now)
    report.findings += _home_stale(now) + _stale_columns(now) + _unanswered(now) + _incomplete_guides()
    if crawl:
        links, report.pages = _broken_links()
        report.findings += links
    return report


def may_read(user) -> bool:
    """The supervisors and the site's editors read the report and run it."""
    return may_supervise(user) or edits_site(user)


def run_and_alert() -> Report:
    """The nightly run: the report kept for the workbench page, the supervisors and editors told when anything
    fails."""
    report = run()
    cache.set(REPORT_KEY, report, 3 * 24 * 3600)
    if report.findings:
        notify(
            recipients=[*supervisors(), *site_editors()],
            title=_("网站自查发现 %(n)s 项问题") % {"n": len(report.findings)},
            body="\n".join(f"{x.title}：{x.detail}" for x in report.findings[:20]),
            link=reverse("workbench:inspection"),
        )
    return report


def latest() -> Report | None:
    return cache.get(REPORT_KEY)
