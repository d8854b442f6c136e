"""Dispatch suggestion (DOMAIN §5: by the responsibility catalogue, learning from past dispatches, fallback for
unclear ownership) and publication (the handling record and reply with personal data masked: no full ID
number, phone or address in any public page or in the search index)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from zhengtong.core.errors import InvalidInput
from zhengtong.letters import services
from zhengtong.letters.models import Mailbox
from zhengtong.letters.suggest import suggest
from zhengtong.search.models import Entry

from .. import factories as f
from .conftest import handled, submit


def test_a_catalogue_keyword_suggests_its_department_with_the_reason(hotline, district):
    s = suggest(submit(content="我在某餐馆买到过期食品，请查处。").letter)
    assert s.department == district["A"] and "食品安全" in s.reason and "过期" in s.reason


def test_unclear_ownership_goes_to_the_fallback(hotline, district):
    s = suggest(submit(title="一个想法", content="希望多举办一些活动。").letter)
    assert s.department == district["government"] and "兜底" in s.reason


def test_a_department_mailbox_suggests_its_department(hotline, district):
    box = Mailbox.objects.create(code="b", name="区卫健局局长信箱", department=district["B"])
    s = suggest(submit(title="一个想法", content="希望多举办一些活动。", mailbox=box).letter)
    assert s.department == district["B"] and "区卫健局局长信箱" in s.reason


def test_the_suggestion_learns_from_letters_departments_signed_for(hotline, district, wangwu):
    for i in range(3):
        letter = submit(
            title="疫苗接种",
            content=f"社区卫生服务中心的疫苗接种预约太难了，第{i}次反映。",
            writer_phone=f"1390574000{i}",
        ).letter
        services.letter_dispatch(letter=letter, by=hotline["operator"], department=district["B"])
        services.letter_sign(letter=letter, by=wangwu, department=district["B"])
    s = suggest(submit(title="接种预约", content="想问疫苗接种怎么预约。", writer_phone="13905749999").letter)
    assert s.department == district["B"] and "疫苗" in s.reason and "3封" in s.reason


SECRET_ID = f.valid_id_number("19700101")
PRIVATE = {"id": SECRET_ID, "phone": "13812345678", "address": "新碶街道明州路88弄6号302室"}


def _published(hotline, district, lisi):
    letter = handled(
        hotline,
        district,
        lisi,
        writer_name="王小明",
        content=f"我叫王小明，身份证{PRIVATE['id']}，电话{PRIVATE['phone']}，住{PRIVATE['address']}，楼下餐馆油烟扰民。",
    )
    services.letter_callback(letter=letter, by=hotline["operator"], result="5")
    return services.letter_publish(letter=letter, by=hotline["operator"])


def test_the_published_copy_is_masked(hotline, district, lisi):
    letter = _published(hotline, district, lisi)
    for value in [*PRIVATE.values(), "王小明"]:
        assert value not in letter.public_content
    assert "楼下餐馆油烟扰民" in letter.public_content and letter.public_reply


def test_no_personal_data_in_public_pages_or_the_search_index(
    hotline, district, lisi, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        letter = _published(hotline, district, lisi)
    pages = [
        client.get(url)
        for url in (
            "/letters/",
            f"/letters/{letter.number}/",
            "/letters/?q=油烟",
            "/search/?q=油烟",
            "/letters/summary/",
        )
    ]
    assert [p.status_code for p in pages] == [200] * len(pages)
    assert letter.number in pages[0].content.decode() and "楼下餐馆油烟扰民" in pages[1].content.decode()
    entry = Entry.objects.get(kind="letters.letter", object_id=str(letter.pk))
    for value in [*PRIVATE.values(), "王小明", "13805740001"]:
        for page in pages:
            assert value not in page.content.decode()
        assert value not in entry.text and value not in entry.title


def test_a_letter_the_writer_kept_private_cannot_be_published(hotline, district, lisi):
    letter = handled(hotline, district, lisi, public_allowed=False)
    with pytest.raises(InvalidInput) as refused:
        services.letter_publish(letter=letter, by=hotline["operator"])
    assert refused.value.code == "LETTER_NOT_PUBLISHABLE"


def test_an_unpublished_letter_is_not_public(hotline, district, lisi, client, django_capture_on_commit_callbacks):
    letter = handled(hotline, district, lisi)
    assert client.get(f"/letters/{letter.number}/").status_code == 404
    services.letter_callback(letter=letter, by=hotline["operator"], result="5")
    with django_capture_on_commit_callbacks(execute=True):
        services.letter_publish(letter=letter, by=hotline["operator"])
    assert Entry.objects.filter(kind="letters.letter").exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.letter_unpublish(letter=letter, by=hotline["operator"])
    assert client.get(f"/letters/{letter.number}/").status_code == 404
    assert not Entry.objects.filter(kind="letters.letter").exists()


def test_the_published_page_reads_the_letter_and_its_record_in_one_query(
    hotline, district, lisi, client, django_assert_num_queries
):
    """The page's speed target (issue 6: p95 <= 2x a one-query view) leaves room for one statement: the masked
    copy and its public handling record, in order, come back together; the handlers' own rows stay out."""
    letter = _published(hotline, district, lisi)
    letter.events.create(
        at=timezone.now(), action="note", label="内部备注：来信人情绪激动", department=district["A"], public=False
    )
    record = list(letter.events.filter(public=True).order_by("at", "pk").values_list("label", flat=True))
    assert len(record) >= 3
    client.get(f"/letters/{letter.number}/")  # the site's settings are cached by the first page
    with django_assert_num_queries(1):
        page = client.get(f"/letters/{letter.number}/")
    html = page.content.decode()
    shown = html[html.index("办理过程") :]
    positions = [shown.index(f"</time> {label}") for label in record]
    assert positions == sorted(positions) and "内部备注" not in html
    assert district["A"].name in html and letter.public_reply in html


def test_a_published_letter_with_no_public_record_still_shows(hotline, district, lisi, client):
    letter = _published(hotline, district, lisi)
    letter.events.update(public=False)
    html = client.get(f"/letters/{letter.number}/").content.decode()
    assert letter.public_title in html and '<li class="list-group-item">' not in html


def test_the_words_learnt_for_dispatch_hold_no_number_and_no_name(hotline):
    """Outside attack, session 41: the words a department's accepted letters teach the dispatcher were stored as
    written, an ID number ending in x (not all digits) and the writer's name among them, in a table no key
    protects. They are learnt from the letter as the public would see it, masked, and a word with a digit is no
    department's business."""
    from zhengtong.letters.models import DispatchWord
    from zhengtong.letters.suggest import learn

    from ..factories import valid_id_number

    id_number = next(n for s in range(1, 100) if (n := valid_id_number(sequence=s)).endswith("X")).lower()
    letter = submit(content=f"我叫黄海波，身份证号{id_number}，反映新碶街道餐馆油烟扰民，编号A12345。").letter
    learn(letter, hotline["centre"].pk)
    words = set(DispatchWord.objects.values_list("word", flat=True))
    assert "油烟" in words or "餐馆" in words  # it still learns what the letter is about
    assert not any(ch.isdigit() for word in words for ch in word), words
    assert "黄海波" not in words


def test_words_with_numbers_learnt_before_are_forgotten_by_the_migration(hotline):
    import importlib

    from django.apps import apps

    from zhengtong.letters.models import DispatchWord

    centre = hotline["centre"]
    for word in ("33020619850312004x", "a12345", "油烟"):
        DispatchWord.objects.create(word=word, department=centre, count=1)
    migration = importlib.import_module("zhengtong.letters.migrations.0012_forget_numbered_dispatch_words")
    migration.forget_numbered_words(apps, None)
    assert list(DispatchWord.objects.values_list("word", flat=True)) == ["油烟"]
