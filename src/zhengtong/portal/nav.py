"""The portal's top navigation. A section appears once its pages exist: a domain adds its entry here with the
URL name of its index page, and an entry whose URL does not resolve is not shown (no empty columns)."""

from __future__ import annotations

import functools

from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _

from zhengtong.core.reverse import reverse_once

SECTIONS = [
    ("home", _("首页"), "portal:home"),
    ("disclosure", _("政务公开"), "disclosure:index"),
    ("services", _("办事服务"), "approvals:index"),
    ("interaction", _("互动交流"), "letters:index"),
    ("evaluation", _("好差评"), "evaluation:index"),
    ("data", _("数据开放"), "data:index"),
    ("org", _("机构职能"), "portal:departments"),
    ("deadline", _("期限计算器"), "portal:deadline"),
    ("search", _("站内搜索"), "portal:search"),
]


@functools.lru_cache(maxsize=8)
def _built(language: str, prefix: str) -> tuple:
    return tuple(_resolve())


def sections() -> list[dict]:
    """Resolved once per language and script prefix in a process: the URL configuration does not change while
    it runs, and the labels are translated here rather than by every page that shows them."""
    from django.urls import get_script_prefix
    from django.utils.translation import get_language

    return list(_built(get_language() or "", get_script_prefix()))


def _resolve() -> list[dict]:
    built = []
    for key, label, url_name in SECTIONS:
        try:
            built.append({"key": key, "label": str(label), "url": reverse(url_name)})
        except NoReverseMatch:
            continue
    return built


LAYOUT_LINKS = {
    "home": "portal:home",
    "elderly": "portal:elderly",
    "language": "set_language",
    "login": "accounts:login",
    "register": "accounts:register",
    "logout": "accounts:logout",
    "inbox": "notifications:inbox",
    "workbench": "workbench:home",
    "search": "portal:search",
    "my_applications": "approvals:mine",
    "my_letters": "letters:mine",
    "my_requests": "disclosure:requests",
    "my_evaluations": "evaluation:mine",
    "site_map": "portal:site_map",
    "contact": "portal:contact",
    "statement": "portal:statement",
    "privacy": "portal:privacy",
}


def layout_links() -> dict[str, str]:
    """The URLs every page's header and footer link to, worked out once per script prefix in a process instead
    of on every page (the same dict each time: the layout only reads it)."""
    return _links(get_script_prefix())


@functools.lru_cache(maxsize=8)
def _links(prefix: str) -> dict[str, str]:
    return {key: reverse_once(url_name) for key, url_name in LAYOUT_LINKS.items()}
