"""Site search (站内搜索): service guides and documents in one list, with filters, highlighting and pages."""

from __future__ import annotations

from django.urls import reverse

from zhengtong.approvals.search_index import item_document
from zhengtong.approvals.services.catalogue import item_save
from zhengtong.search.services import index_now

from ..approvals.conftest import make_item


def test_a_service_guide_is_found_with_the_word_highlighted(client, district):
    item = make_item(district)
    index_now(item_document(item))
    page = client.get(reverse("portal:search"), {"q": "食品经营"}).content.decode()
    assert f'href="{reverse("approvals:guide", args=[item.code])}"' in page
    assert "<mark>食品</mark>" in page and "办事指南" in page and "区市场监督管理局" in page


def test_filters_and_an_empty_result_say_so_in_chinese(client, district):
    index_now(item_document(make_item(district)))
    page = client.get(reverse("portal:search"), {"q": "食品", "kind": "disclosure.document"}).content.decode()
    assert "没有找到" in page
    assert "请输入" in client.get(reverse("portal:search")).content.decode()


def test_script_in_the_query_is_shown_as_text(client, db):
    page = client.get(reverse("portal:search"), {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_saving_a_guide_puts_it_in_the_search_and_unpublishing_takes_it_out(
    client, district, lisi, django_capture_on_commit_callbacks
):
    item = make_item(district)
    with django_capture_on_commit_callbacks(execute=True):
        item_save(item=item, values={"name": "港城小吃店食品经营许可"}, by=lisi)
    assert (
        "港城<mark>小吃店</mark>食品经营许可" in client.get(reverse("portal:search"), {"q": "小吃店"}).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        item_save(item=item, values={"published": False}, by=lisi)
    assert "没有找到" in client.get(reverse("portal:search"), {"q": "小吃店"}).content.decode()
