"""Every URL pattern, fetched without login, answers 302/401/403 unless it is on the public allow-list.

A new public page must be added here on purpose, with the reason it is public.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = {
    "healthz",
    "readyz",  # probes for the load balancer
    "api:schema",
    "api:docs",  # the API's contract is public
    "api:departments",
    "api:department",
    "api:department_staff",  # 机构职能 is proactive disclosure (条例 第二十条)
    "accounts:login",
    "accounts:register",
    "accounts:register_citizen",
    "accounts:register_enterprise",
    "accounts:logout",  # logging out when not logged in is harmless
    "set_language",
    "portal:home",
    "portal:audience",
    "portal:elderly",
    "portal:departments",
    "portal:department",
    "portal:deadline",
    "portal:robots",
    "portal:sitemap",
    "portal:sitemap_section",  # crawlers' files: published pages only (portal/furniture.py)
    "portal:site_map",
    "portal:contact",
    "portal:statement",
    "portal:privacy",  # the website furniture every government site carries (国办发〔2017〕47号)
    "portal:password_forgot",  # 忘记密码 by SMS: answers alike for unknown numbers (portal/password.py)
    "api:workdays_add",
    "api:workdays_between",  # 办事期限计算器 is a public service
    "approvals:index",
    "approvals:guide",
    "approvals:form_file",  # the service catalogue and guides are public
    "approvals:status",  # status by receipt number and query code, without login (the 100% queryable)
    "api:approvals_items",
    "api:approvals_item",
    "api:approvals_status",  # the same, through the API
    "portal:search",  # site search over public documents and guides only (nothing unpublished is indexed)
    "disclosure:index",
    "disclosure:guide",
    "disclosure:guide_organ",
    "disclosure:feed",
    "disclosure:category",
    "disclosure:column",
    "disclosure:department",
    "disclosure:document",
    "disclosure:attachment",  # 政府信息公开目录 (条例 第二十三条)
    "letters:index",
    "letters:letter",
    "letters:summary",  # published letters and the monthly summary (DOMAIN §5)
    "letters:write",
    "letters:query",  # anyone may write (anonymously too) and follow a letter by number and code
    "evaluation:index",
    "api:evaluation_rankings",  # 好差评 results and rectifications are published (国办发〔2019〕51号)
    "evaluation:link",  # the SMS link rates one case without log-in: its token is the credential
    "evaluation:thanks",  # where the link's rating lands; no data
    "evaluation:staff",  # 工作人员评价公示: only staff the organ publishes (机构职能), counts and masked praise
    "api:evaluation_rate",  # a rater without an account rates with his link's token; anything else is refused
    "data:index",
    "data:catalog",
    "data:dataset",
    "data:download",  # open data (公共数据开放) is public by definition; only datasets past the privacy guard
    "ckan_action",
    "ckan_action_unversioned",  # CKAN's read-only Action API over the same open datasets
    "ckan_version",  # /api/3: the API's version, as CKAN answers it
    "api:exchange_public_key",  # the exchange log's public key: anyone may verify the signatures
    "open311:services",
    "open311:requests",
    "open311:request",  # GeoReport v2 is a public API by design
    "admin:login",
    "admin:logout",
    "admin:jsi18n",  # Django admin's own login page
    "admin:view_on_site",
    "admin:autocomplete",  # redirect or refuse without login themselves
    "admin:javascript-catalog",  # treebeard's static UI translations, no data
}


def _patterns(resolver=None, prefix="", namespace=None):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            ns = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else ns
            yield from _patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, prefix + str(entry.pattern)


def _concrete(pattern: str) -> str:
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: "1", pattern)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    path = path.replace("^", "").replace("$", "").replace("\\", "")
    path = re.sub(r"\(\?:[^)]*\)\??", "", path)
    return "/" + path.lstrip("/")


ALL = sorted({(name or "", _concrete(p)) for name, p in _patterns()})


def test_the_crawl_covers_the_project():
    names = {n for n, _ in ALL}
    assert {"portal:home", "workbench:home", "workbench:audit_operations", "api:me", "admin:index"} <= names


@pytest.mark.parametrize(("name", "path"), ALL)
def test_it_refuses_strangers_unless_public(client, db, name, path):
    if name in PUBLIC:
        return
    response = client.get(path)
    assert response.status_code in (301, 302, 401, 403, 404, 405), f"{name} {path} -> {response.status_code}"
    if response.status_code == 404:
        # a 404 is only acceptable where the lookup of the dummy object failed *after* the login check
        assert not name or name.startswith("admin:"), f"{name} {path} answers 404 to a stranger"


def test_the_allow_list_names_only_real_urls():
    names = {n for n, _ in ALL}
    assert PUBLIC - names == set()
