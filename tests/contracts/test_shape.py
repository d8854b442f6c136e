"""The contracts that hold the project's shape where import-linter cannot see (docs/architecture.md):
selectors only read, and no module names another domain's models by their app label."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import zhengtong

SOURCE = Path(zhengtong.__file__).parent
DOMAINS = ("approvals", "disclosure", "letters", "sharing")
WRITES = {
    "save",
    "create",
    "bulk_create",
    "update",
    "bulk_update",
    "delete",
    "get_or_create",
    "update_or_create",
    "audit_record",
    "select_for_update",
}
APP_LABEL = re.compile(r"^(%s)\.[a-z_]+$" % "|".join(DOMAINS))


def _calls(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            yield func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def test_selectors_never_write():
    writers = {str(p.relative_to(SOURCE)): sorted(set(_calls(p)) & WRITES) for p in SOURCE.glob("*/selectors.py")}
    assert {path: calls for path, calls in writers.items() if calls} == {}


def _strings(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.value


def test_no_module_below_the_portal_names_another_domains_models():
    """A domain reaches another's data through a lower layer (a clock's category, an index kind), never by its
    app label: renaming one domain's model must not silently break another's counts."""
    found = []
    for path in SOURCE.rglob("*.py"):
        app = path.relative_to(SOURCE).parts[0]
        if app in ("portal", "workbench", "api", "demo", "migrations") or "migrations" in path.parts:
            continue
        for text in _strings(path):
            match = APP_LABEL.match(text)
            if match and match.group(1) != app:
                found.append(f"{path.relative_to(SOURCE)}: {text}")
    assert found == []


STATE_TEST = re.compile(r"\{%-?\s*(?:if|elif)\b[^%]*\.(?:state|status)\b[^%]*%\}|\b(?:Status|State)\.[A-Z]")


def test_staff_pages_ask_the_transition_table_not_the_state():
    """Which forms a staff page offers comes from `allowed_actions` (cases/transitions.py), so the page, the API
    and the service's guard cannot disagree; a template never tests a case's state itself."""
    pages = [p for app in DOMAINS for p in (SOURCE / app).glob("jinja2/*/staff_*.html")]
    assert pages
    found = [f"{p.relative_to(SOURCE)}: {m.group(0)}" for p in pages for m in STATE_TEST.finditer(p.read_text())]
    assert found == []


def _glued_paths(path: Path):
    """f-strings that begin with a site path: a link glued by hand instead of reversed by name."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            head = node.values[0].value
            if isinstance(head, str) and head.startswith("/") and not head.startswith("//"):
                yield head


def test_links_are_reversed_by_name_never_glued():
    """A site served under a script prefix (behind the city's gateway) must link inside it: `reverse` and the
    templates' `url` put the prefix in; a path written out does not."""
    found = [f"{p.relative_to(SOURCE)}: {head}" for p in SOURCE.rglob("*.py") for head in _glued_paths(p)]
    pages = [*SOURCE.glob("*/templates/**/*.html"), *SOURCE.glob("*/jinja2/**/*.html")]
    # The server-error page renders when anything may be broken, the URL configuration included.
    pages = [p for p in pages if p.name != "500.html"]
    written = re.compile(r"""(?:href|action|src)="/(?!/)|_url \}\}\{\{""")
    found += [f"{p.relative_to(SOURCE)}: {m.group(0)}" for p in pages for m in written.finditer(p.read_text())]
    assert found == []


def _layers() -> list[set[str]]:
    """The layers of the import contract (pyproject.toml), top first, each a set of package names."""
    import tomllib

    config = tomllib.loads((SOURCE.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    return [{name.strip().removeprefix("zhengtong.") for name in layer.split("|")} for layer in contract["layers"]]


def test_every_package_and_module_stands_in_a_layer():
    """A new package fails until it is placed in the import contract's layers (pyproject.toml)."""
    import pkgutil

    placed = set().union(*_layers())
    present = {m.name for m in pkgutil.iter_modules([str(SOURCE)])} - {"__init__"}
    assert present - placed == set()


INCLUDES = re.compile(r"""\{%-?\s*(?:include|extends|jinja|import|from)\s+["']([^"']+)["']""")


def test_a_page_uses_its_own_apps_templates_and_those_of_the_layers_below():
    """A domain's page never reaches up into the workbench or the portal for a partial (the pager, the clock's
    level): shared partials live below the domains. The layout itself (base.html) is the one exception."""
    layers = _layers()
    depth = {name: i for i, layer in enumerate(layers) for name in layer}
    found = []
    for page in [*SOURCE.glob("*/templates/**/*.html"), *SOURCE.glob("*/jinja2/**/*.html")]:
        app = page.relative_to(SOURCE).parts[0]
        for name in INCLUDES.findall(page.read_text(encoding="utf-8")):
            owner = name.split("/", 1)[0] if "/" in name else None
            if owner is None or owner == app or owner == "django":
                continue  # the layout and the error pages, the app's own, or Django's own (a widget's input)
            if depth.get(owner, -1) <= depth[app]:
                found.append(f"{page.relative_to(SOURCE)} -> {name}")
    assert found == []


def test_pages_render_through_one_engine():
    """Issue 19 item 5: every page, partial, layout, form and widget of the project is Jinja2 (core/jinja.py);
    Django's engine draws only Django's admin (issue 26: a form drawn by it cost most of its page's time)."""
    assert [p.relative_to(SOURCE) for p in SOURCE.glob("*/templates/**/*.html")] == []


def test_a_case_tells_its_person_through_the_engine():
    """Issue 19 item 1: the engine tells the person a case is for (the applicant, the writer) of its steps
    (cases/notices.py, declared by the case type's `told`); no domain keeps a helper of its own for it."""
    helper = re.compile(r"^def _?tell(_applicant|_writer)?\(", re.M)
    found = [
        str(p.relative_to(SOURCE))
        for app in DOMAINS
        for p in (SOURCE / app).rglob("*.py")
        if helper.search(p.read_text())
    ]
    assert found == []
