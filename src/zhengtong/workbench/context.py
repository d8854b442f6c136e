"""In the workbench the header's navigation lists the workbench's modules instead of the public site's sections
(issue 22 item 8): a clerk moves between the hall, disclosure, letters and supervision from any page. Runs after
portal.context.site, whose `nav_sections` it replaces on workbench pages only."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zhengtong.core.reverse import reverse_once
from zhengtong.org.access import rights
from zhengtong.org.models import Duty


def modules(request) -> dict:
    user = getattr(request, "user", None)
    home = reverse_once("workbench:home")
    if not request.path.startswith(home) or user is None or getattr(user, "kind", "") != "staff":
        return {}
    items = [
        (_("工作台"), "workbench:home"),
        (_("网上办事"), "workbench_approvals:queue"),
        (_("政府信息管理"), "workbench_disclosure:library"),
        (_("来信办理"), "workbench_letters:queue"),
        (_("好差评"), "workbench_evaluation:index"),
        (_("数据共享"), "workbench_sharing:index"),
    ]
    opened = rights(user)  # one query: this runs on every workbench page
    if opened.supervises:
        items.append((_("电子监察"), "workbench:supervision"))
    if opened.supervises or opened.edits_site:
        items.append((_("网站自查"), "workbench:inspection"))
    if Duty.AUDIT in opened.duties:
        items.append((_("操作日志"), "workbench:audit_operations"))
    return {"nav_sections": [{"key": name, "label": label, "url": reverse_once(name)} for label, name in items]}
