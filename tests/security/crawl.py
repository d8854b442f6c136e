"""A crawler for the test client: starting from a persona's home pages it follows same-site links and reads every
form, so that a test can reach each URL pattern with real ids and knows each page's form fields and query
parameters. Pages are fetched at most `per_pattern` times per URL name, so a list of 400 letters costs two."""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import Resolver404, resolve

SKIP_PREFIXES = ("/static/", "/media/", "/accounts/logout/", "/admin/logout/", "/i18n/")


@dataclass
class Endpoint:
    """One place that takes input: a form (POST or GET) or a page whose links carry query parameters."""

    name: str
    path: str
    method: str
    fields: dict[str, set[str]] = field(default_factory=dict)  # name -> values seen on the page
    files: set[str] = field(default_factory=set)

    def key(self) -> tuple:
        return self.name, self.method, frozenset(self.fields), frozenset(self.files)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self.forms.append({"action": a.get("action") or "", "method": (a.get("method") or "get").upper()})
            self.forms[-1].update(fields={}, files=set())
        elif tag in ("input", "select", "textarea", "button") and self.forms and a.get("name"):
            form = self.forms[-1]
            if a.get("type") == "file":
                form["files"].add(a["name"])
            elif tag == "select":
                form["fields"].setdefault(a["name"], set())  # its options follow
            else:
                form["fields"].setdefault(a["name"], set()).add(a.get("value") or "")
        elif tag == "option" and self.forms and a.get("value") is not None:
            names = list(self.forms[-1]["fields"])
            if names:
                self.forms[-1]["fields"][names[-1]].add(a["value"])


def url_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def crawl(
    client, start: list[str], *, per_pattern: int = 2, limit: int = 600, read_downloads: bool = True
) -> tuple[dict[str, str], list[Endpoint]]:
    """(first path fetched per URL name, the endpoints found); only 200 HTML pages are read for links. A download
    is read through (an error while it is written is raised), unless the caller times them itself (pages_bench:
    a million-row register's download took most of a persona's crawl)."""
    fetched: Counter[str] = Counter()
    reached: dict[str, str] = {}
    endpoints: dict[tuple, Endpoint] = {}
    queue, queued = deque(start), set(start)
    while queue and sum(fetched.values()) < limit:
        path = queue.popleft()
        name = url_name(path)
        if name is None or fetched[name] >= per_pattern:
            continue
        fetched[name] += 1
        response = client.get(path)
        reached.setdefault(name, path)
        kind = response.get("Content-Type", "")
        if response.streaming:  # a download (an export, a dataset's file): no links to follow
            if read_downloads:
                b"".join(response.streaming_content)  # an error while it is written is raised here
            response.close()
            continue
        if response.status_code != 200 or not any(t in kind for t in ("html", "xml", "text/plain")):
            continue
        page = _Page()
        text = response.content.decode("utf-8", "replace")
        if "html" in kind:
            page.feed(text)
        else:  # as a search engine reads them: robots.txt names the sitemap, a sitemap lists its pages in <loc>
            page.links = re.findall(r"^Sitemap:\s*(\S+)", text, re.M) + re.findall(r"<loc>([^<]+)</loc>", text)
        for href in page.links:
            target = urlsplit(urljoin(path, href))
            if target.scheme not in ("", "http") or target.netloc not in ("", "testserver"):
                continue
            if target.path.startswith(SKIP_PREFIXES):
                continue
            if target.query and (link_name := url_name(target.path)):
                params = {k: {v} for k, v in parse_qsl(target.query, keep_blank_values=True)}
                _add(endpoints, Endpoint(link_name, target.path, "GET", params))
            if target.path not in queued:
                queued.add(target.path)
                queue.append(target.path)
        for form in page.forms:
            action = urlsplit(urljoin(path, form["action"])).path or path
            if action.startswith(SKIP_PREFIXES) or not (form_name := url_name(action)):
                continue
            method = "POST" if form["method"] == "POST" else "GET"
            _add(endpoints, Endpoint(form_name, action, method, form["fields"], form["files"]))
    return reached, list(endpoints.values())


def _add(endpoints: dict[tuple, Endpoint], found: Endpoint) -> None:
    known = endpoints.setdefault(found.key(), found)
    if known is not found:
        for name, values in found.fields.items():
            known.fields[name] |= values
