"""Issue 20, item 5 (at rest) and DOMAIN.md §2: an ID number, a mobile or a bank card is never stored in clear.
A document's title and issuing organ are stored as typed (lists sort and search them), so such a number typed
there lay in the database until the reviewer masked it, and for ever in a draft never submitted. It is refused
when the draft is saved, naming the field, and nothing is stored; a name stays for the review to mask or
justify, as before."""

from __future__ import annotations

import pytest

from tests.disclosure.conftest import draft
from tests.factories import valid_id_number
from zhengtong.core.errors import InvalidInput
from zhengtong.disclosure import services
from zhengtong.disclosure.models import Document


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("title", f"关于王小明（{valid_id_number()}）最低生活保障的决定"),
        ("issuing_org", "北仑区民政局（联系电话13805740001）"),
        ("title", "关于退还多缴费用至申请人银行卡 6222 0212 3456 7890 128 的通知"),
    ],
)
def test_a_number_kept_only_encrypted_is_refused_in_a_field_stored_as_typed(district, lisi, field, typed):
    with pytest.raises(InvalidInput) as caught:
        draft(district["A"], lisi, **{field: typed})
    assert caught.value.code == "PERSONAL_NUMBER_IN_CLEAR"
    assert list(caught.value.fields) == [field]
    assert "13805740001" not in caught.value.message  # the message shows it masked
    assert not Document.objects.exists()


def test_an_update_is_refused_alike_and_the_draft_keeps_what_it_had(district, lisi):
    document = draft(district["A"], lisi)
    with pytest.raises(InvalidInput) as caught:
        services.document_update(document=document, by=lisi, issuing_org="民政局 138-0574-0001")
    assert list(caught.value.fields) == ["issuing_org"]
    document.refresh_from_db()
    assert document.issuing_org == "北仑区人民政府"


def test_a_name_or_the_offices_own_landline_is_still_saved_for_the_review(district, lisi):
    document = draft(
        district["A"], lisi, title="关于王小明最低生活保障的决定", issuing_org="北仑区民政局（0574-86781234）"
    )
    assert document.pk and "王小明" in document.title


def test_an_old_sites_archive_is_masked_on_the_way_in_not_refused(district, lisi):
    """An archive row was public already: its number is masked as it is imported (as its body's is), so the
    import neither stores it in clear nor fails the whole archive over it."""
    import datetime as dt

    from django.utils import timezone

    id_number = valid_id_number()
    row = {
        "title": f"关于王小明（{id_number}）最低生活保障的决定",
        "issuing_org": "北仑区民政局（联系电话13805740001）",
        "doc_no": "",
        "category": "regulations",
        "written_on": dt.date(2024, 2, 1),
        "body": "<p>决定如下。</p>",
        "published_at": timezone.make_aware(dt.datetime(2024, 2, 10)),
    }
    result = services.documents_import(department=district["A"], by=lisi, rows=[row])
    assert (result.created, result.masked) == (1, 1)
    stored = Document.objects.values_list("title", "issuing_org").get()
    assert id_number not in stored[0] and "13805740001" not in stored[1]


def test_a_number_broken_by_line_breaks_is_refused_too(district, lisi):
    """Outside attack: a form post put line breaks into the one-line title (联系电话138⏎0013⏎8000), which the
    detector reads as three numbers; a one-line field now keeps one line, its runs of white space one space."""
    with pytest.raises(InvalidInput) as caught:
        draft(district["A"], lisi, title="联系电话138\n0013\r\n8000")
    assert list(caught.value.fields) == ["title"]
    document = draft(district["A"], lisi, title="北仑区\n最低生活保障\t实施办法", issuing_org="北仑区\r\n人民政府")
    assert (document.title, document.issuing_org) == ("北仑区 最低生活保障 实施办法", "北仑区 人民政府")
