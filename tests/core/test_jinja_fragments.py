"""The Jinja2 partials that the busiest pages include (core/jinja.py, decisions 0010, 0022): they must escape,
translate and link exactly as the Django templates they replaced did."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.template import engines
from django.urls import set_script_prefix
from django.utils import translation

from zhengtong.core.reverse import reverse_once as url
from zhengtong.letters.public_reads import PublicRow


def _render(source: str, **context) -> str:
    # without a request: no context processors, so no database
    return engines["jinja2"].from_string(source).render(context)


def _pager(**values) -> str:
    return _render('{% from "core/_pager.html" import pager %}{{ pager(**values) }}', values=values)


def _include(name: str, **values) -> str:
    """A partial as a page includes it: `{% with name=value %}{% include name %}{% endwith %}`."""
    return engines["jinja2"].get_template(name).render(values)


def _row(title: str) -> PublicRow:
    return PublicRow(
        "XJ000000000001", title, "投诉", "区住建局", "2026-11-02", "2026-11-05", "/letters/XJ000000000001/"
    )


def test_a_value_is_escaped_once():
    """What a citizen wrote reaches the page as text: markup in a title is escaped, and the fragment's own
    markup is not escaped a second time by the page that includes it."""
    html = _include(
        "letters/_published.html",
        page=[_row('<script>alert("x")</script> & 噪声')],
    )
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 噪声" in html
    assert '<a href="/letters/XJ000000000001/">' in html


def test_every_cell_of_a_public_row_is_escaped():
    """A list row renders itself with the standard library's escape, not through Jinja2's autoescape (decision
    0013), so each of its cells must escape on its own: markup in any of them stays text."""
    row = PublicRow(*(f'<b>{i}</b>"&' for i in range(7)))
    html = _include("letters/_published.html", page=[row])
    assert "<b>" not in html
    for i in range(7):
        assert f"&lt;b&gt;{i}&lt;/b&gt;&quot;&amp;" in html


def test_an_empty_list_says_so():
    assert "暂无公开的来信。" in _include("letters/_published.html", page=[])


def test_text_comes_from_the_django_catalogue_of_the_active_language():
    page = Paginator(list(range(45)), 20).get_page(2)
    with translation.override("en"):
        html = _pager(page=page, query="kind=complaint")
    assert "45 in all" in html and "Previous" in html and "Next" in html
    assert 'href="?kind=complaint&amp;page=1"' in html and 'href="?kind=complaint&amp;page=3"' in html
    assert "Page 2 of 3" in html and "First" in html and "Last" in html


def test_the_pager_leaves_out_links_past_either_end():
    page = Paginator(list(range(45)), 20).get_page(1)
    html = _pager(page=page, query="")
    assert "上一页" not in html and 'href="?page=2"' in html


def test_url_keeps_the_script_prefix_it_was_reversed_under():
    """Reversed once per name and prefix: a site served under a sub-path gets its own links, not the root's."""
    try:
        set_script_prefix("/gov/")
        assert url("letters:index") == "/gov/letters/"
    finally:
        set_script_prefix("/")
    assert url("letters:index") == "/letters/"


def test_linebreaks_makes_paragraphs_of_escaped_text():
    """A letter's content and reply keep their paragraphs (as Django's |linebreaks did), and what the writer typed
    stays text."""
    html = engines["jinja2"].from_string("{{ text|linebreaks }}").render({"text": "第一段<b>粗</b>\n第二行\n\n第二段"})
    assert html == "<p>第一段&lt;b&gt;粗&lt;/b&gt;<br>第二行</p>\n\n<p>第二段</p>"


def test_minute_shows_beijing_time():
    moment = dt.datetime(2026, 3, 1, 17, 30, tzinfo=dt.timezone.utc)
    assert engines["jinja2"].from_string("{{ at|minute }}").render({"at": moment}) == "2026-03-02 01:30"


def test_a_macro_translates_with_the_fragments_language():
    """The queue's sections are a macro: it must see the render's _ as the page's own text does."""
    from zhengtong.approvals.queue import TITLES, Row, Section

    row = Row(1, "BL1", "食品经营许可", "张三", dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc), "区市场监管局", True)
    queue = {
        key: Section([row] if key == "reviews" else [], 1 if key == "reviews" else 0, title=str(TITLES[key]))
        for key in ("accept", "reviews", "decide", "deliver", "correction")
    }
    html = _include("approvals/_queue.html", queue=queue)
    assert "区市场监管局（牵头）" in html and "本部门审查（1）" in html


def test_the_layout_renders_without_a_request():
    """A template rendered outside a request (an e-mail, a management command) gets no request; Django's template
    language showed nothing for it, and the layout's fragments must not fail on it either."""
    html = _render(
        "{% with site=portal_site, links=site_links, elderly=elderly_mode, user=user, sections=nav_sections %}"
        '{% include "portal/_header.html" %}{% endwith %}'
        '{% with site=portal_site, links=site_links, language=LANG %}{% include "portal/_footer.html" %}{% endwith %}',
        nav_sections=[{"url": "/", "label": "首页"}],
    )  # as base.html calls them, with no context processors
    assert '<input type="hidden" name="next" value="">' in html and ">首页</a>" in html and "aria-current" not in html
