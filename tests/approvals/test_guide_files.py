"""A material's blank form (空白表格) and sample (示例样表) are uploaded by the staff who keep the guide (国务院关于
加快推进"互联网+政务服务"工作的指导意见: 办事指南 lists each material with its blank form and sample), and published
only as the guide's other texts are (issue 20, item 1; 政府信息公开条例 第十五条): a file holding personal data, or
one that cannot be read, is refused on its row with the reason, and nothing of the save is kept."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from zhengtong.approvals.models import ServiceItem
from zhengtong.audit.models import OperationLog
from zhengtong.files.services import file_store

from ..downloads import body
from ..files import hidden
from .test_catalogue import _edit_data, _head_of_a

ITEM_PAGE = "workbench_approvals:item"


def _row(page, name: str) -> str:
    """The prefix of the materials formset's row for the material called `name`."""
    return next(form.prefix for form in page.context["materials"].forms if form.instance.name == name)


def _save(client, item, files: dict, extra: dict | None = None):
    """Post the item page back unchanged, with `files` ({(material name, which): (file name, bytes)})."""
    page = client.get(reverse(ITEM_PAGE, args=[item.code]))
    data = _edit_data(page)
    for (name, which), (file_name, content) in files.items():
        data[f"{_row(page, name)}-{which}_upload"] = SimpleUploadedFile(file_name, content)
    data.update(extra or {})
    return client.post(reverse(ITEM_PAGE, args=[item.code]), data)


def _guide(client, item) -> str:
    return client.get(reverse("approvals:guide", args=[item.code])).content.decode()


def test_a_blank_form_and_a_sample_uploaded_on_the_item_page_are_linked_from_the_guide(
    verified_client, client, district, item
):
    staff = _head_of_a(district)
    response = _save(
        verified_client(staff),
        item,
        {
            ("营业执照", "blank_form"): ("申请表（空白）.xlsx", hidden.xlsx()),
            ("营业执照", "sample"): ("示例.xlsx", hidden.xlsx()),
        },
    )
    assert response.status_code == 302
    material = item.materials.get(name="营业执照")
    assert material.blank_form.original_name == "申请表（空白）.xlsx" and material.sample.original_name == "示例.xlsx"
    page = _guide(client, item)
    for which in ("blank", "sample"):
        url = reverse("approvals:form_file", args=[item.code, material.pk, which])
        assert url in page and client.get(url).status_code == 200
    item.refresh_from_db()
    assert item.version == 2  # a new version of the guide, as any edit is
    entry = OperationLog.objects.filter(action="approvals.item.change").latest("pk")
    assert entry.actor_id == staff.pk and "示例.xlsx" in str(entry.changes)


def test_a_sample_with_an_id_number_inside_is_refused_on_its_row_and_nothing_is_saved(verified_client, district, item):
    response = _save(
        verified_client(_head_of_a(district)),
        item,
        {("营业执照", "sample"): ("示例.xlsx", hidden.xlsx(veryhidden=True))},
        {"faq": "问：要带什么？答：见材料清单。"},
    )
    assert response.status_code == 200
    row = _row(response, "营业执照")
    errors = response.context["materials"].forms[int(row.rsplit("-", 1)[1])].errors["sample_upload"]
    assert "示例.xlsx" in errors[0] and "身份证号" in errors[0] and hidden.ID not in response.content.decode()
    item.refresh_from_db()
    assert item.materials.get(name="营业执照").sample is None and not item.faq and item.version == 1


def test_a_file_named_with_a_mobile_is_refused(verified_client, district, item):
    response = _save(
        verified_client(_head_of_a(district)),
        item,
        {("营业执照", "blank_form"): (f"{hidden.MOBILE}.xlsx", hidden.xlsx())},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "空白表格“138****0001.xlsx”含个人信息" in page and hidden.MOBILE not in page
    assert item.materials.get(name="营业执照").blank_form is None


def test_a_file_that_cannot_be_read_is_refused_with_its_reason_not_a_500(verified_client, district, item):
    """Issue 20 (bad input): a workbook whose zip checksum is wrong cannot be checked, so it is not published."""
    good = hidden.xlsx()
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
    data = bytearray(broken.getvalue())
    sheet = data.find(b"xl/worksheets/sheet1.xml")
    data[sheet + 60] ^= 0xFF  # inside the first sheet's stored bytes: its CRC no longer matches
    response = _save(verified_client(_head_of_a(district)), item, {("营业执照", "sample"): ("坏.xlsx", bytes(data))})
    assert response.status_code == 200
    page = response.content.decode()
    assert "坏.xlsx：文件已损坏，无法打开" in page
    assert item.materials.get(name="营业执照").sample is None


def test_a_file_can_be_taken_off_the_guide(verified_client, client, district, item):
    staff_client = verified_client(_head_of_a(district))
    _save(staff_client, item, {("营业执照", "sample"): ("示例.xlsx", hidden.xlsx())})
    page = staff_client.get(reverse(ITEM_PAGE, args=[item.code]))
    assert "示例.xlsx" in page.content.decode()  # staff see what the row holds now
    data = _edit_data(page)
    data[f"{_row(page, '营业执照')}-sample_upload-clear"] = "on"
    assert staff_client.post(reverse(ITEM_PAGE, args=[item.code]), data).status_code == 302
    material = item.materials.get(name="营业执照")
    assert material.sample is None
    assert reverse("approvals:form_file", args=[item.code, material.pk, "sample"]) not in _guide(client, item)


def test_a_scanned_sample_is_taken_and_staff_are_told_it_waits_for_its_reading(
    verified_client, district, item, django_capture_on_commit_callbacks
):
    staff_client = verified_client(_head_of_a(district))
    with django_capture_on_commit_callbacks(execute=False):
        response = _save(staff_client, item, {("营业执照", "sample"): ("示例.png", hidden.id_card_png())})
    assert response.status_code == 302
    page = staff_client.get(reverse(ITEM_PAGE, args=[item.code])).content.decode()
    assert "图片正在识别（0/1）" in page  # not published until its pictures are read, and how far the reading is


def test_importing_the_catalogue_keeps_each_material_s_files(verified_client, district, item):
    """The import replaces an item's materials by its sheet's rows: a row naming a material keeps its files (the
    round trip of export and import dropped every blank form and sample)."""
    client = verified_client(_head_of_a(district))
    _save(client, item, {("营业执照", "sample"): ("示例.xlsx", hidden.xlsx())})
    exported = load_workbook(io.BytesIO(body(client.get(reverse("workbench_approvals:catalogue"), {"format": "xlsx"}))))
    buffer = io.BytesIO()
    exported.save(buffer)
    response = client.post(
        reverse("workbench_approvals:catalogue"), {"file": SimpleUploadedFile("c.xlsx", buffer.getvalue())}
    )
    assert response.status_code == 302
    assert item.materials.get(name="营业执照").sample.original_name == "示例.xlsx"


def _import_with_co_departments(client, codes: str):
    exported = load_workbook(io.BytesIO(body(client.get(reverse("workbench_approvals:catalogue"), {"format": "xlsx"}))))
    sheet = exported["事项"]
    column = [c.value for c in sheet[1]].index("并联审批部门（机构编码，顿号分隔）") + 1
    sheet.cell(2, column).value = codes
    buffer = io.BytesIO()
    exported.save(buffer)
    return client.post(
        reverse("workbench_approvals:catalogue"), {"file": SimpleUploadedFile("c.xlsx", buffer.getvalue())}
    )


def test_an_import_cannot_make_a_department_outside_the_importers_scope_a_parallel_reviewer(
    verified_client, district, item
):
    """A parallel reviewer (并联审批部门) sees every application of the item and answers for it within the joint time
    limit (行政许可法 第二十六条、第四十二条): staff of the lead department cannot enlist another department, which the
    item page does not offer either. Keeping the departments already listed is allowed."""
    client = verified_client(_head_of_a(district))
    item.co_departments.clear()
    response = _import_with_co_departments(client, "B")
    assert response.status_code == 200 and "区卫生健康局" in response.content.decode()
    assert not item.co_departments.exists()


def test_staff_whose_scope_covers_the_department_may_list_it_as_a_parallel_reviewer(verified_client, district, item):
    from .. import factories as f

    manager = f.staff("hall", "政务办", district["government"], f.role("hall_manager", "department_and_below"))
    item.co_departments.clear()
    assert _import_with_co_departments(verified_client(manager), "B").status_code == 302
    assert list(ServiceItem.objects.get(pk=item.pk).co_departments.values_list("code", flat=True)) == ["B"]


def test_the_api_links_each_published_file_and_no_withheld_one(verified_client, client, district, item):
    """The guide's API (an app's copy of the guide) offers what the page offers: a clean file's link, and none
    for a file the page withholds."""
    _save(verified_client(_head_of_a(district)), item, {("营业执照", "sample"): ("示例.xlsx", hidden.xlsx())})
    material = item.materials.get(name="营业执照")
    material.blank_form = file_store(data=hidden.xlsx(veryhidden=True), name="空白.xlsx")  # as seeded before the check
    material.save(update_fields=["blank_form"])
    answer = client.get(f"/api/v1/approvals/items/{item.code}/").json()
    row = next(m for m in answer["materials"] if m["name"] == "营业执照")
    assert row["sample_url"].endswith(reverse("approvals:form_file", args=[item.code, material.pk, "sample"]))
    assert row["blank_form_url"] is None
    assert client.get(row["sample_url"]).status_code == 200


def test_a_row_deleted_meanwhile_or_of_another_item_is_refused_not_saved_as_if_kept(verified_client, district, item):
    """A row whose material is gone (deleted by a colleague while the page was open) or is another item's (a
    tampered id) was skipped by the formset while its upload was stored and audited, and the page said 已保存."""
    from .conftest import make_item

    other = make_item(district, code="330206-XK-0002", name="其他事项", parallel=False)
    client = verified_client(_head_of_a(district))
    page = client.get(reverse(ITEM_PAGE, args=[item.code]))
    data = _edit_data(page)
    row = _row(page, "营业执照")
    data[f"{row}-id"] = other.materials.get(name="营业执照").pk
    data[f"{row}-sample_upload"] = SimpleUploadedFile("示例.xlsx", hidden.xlsx())
    response = client.post(reverse(ITEM_PAGE, args=[item.code]), data)
    assert response.status_code == 200 and "刷新" in response.content.decode()
    item.refresh_from_db()
    assert item.version == 1 and not OperationLog.objects.filter(action="approvals.item.change").exists()
    assert not any(m.sample_id for m in [*item.materials.all(), *other.materials.all()])


def test_a_sample_named_after_whoever_filled_it_in_is_refused(verified_client, district, item):
    response = _save(
        verified_client(_head_of_a(district)), item, {("营业执照", "sample"): ("样表（王芳填写）.xlsx", hidden.xlsx())}
    )
    assert response.status_code == 200 and "王*" in response.content.decode()
    assert item.materials.get(name="营业执照").sample is None


def test_one_row_edited_and_deleted_as_another_in_one_post_is_refused(verified_client, district, item):
    """The second attack: row 0 uploads to the material, row 1 names the same material and deletes it; the page
    said 已保存, the material was gone and the audit told of its new sample."""
    client = verified_client(_head_of_a(district))
    page = client.get(reverse(ITEM_PAGE, args=[item.code]))
    data = _edit_data(page)
    first, second = (form.prefix for form in page.context["materials"].forms[:2])
    data[f"{second}-id"] = data[f"{first}-id"]
    data[f"{second}-DELETE"] = "on"
    data[f"{first}-sample_upload"] = SimpleUploadedFile("示例.xlsx", hidden.xlsx())
    response = client.post(reverse(ITEM_PAGE, args=[item.code]), data)
    assert response.status_code == 200 and "同一条记录" in response.content.decode()
    assert item.materials.count() == 2 and not OperationLog.objects.filter(action="approvals.item.change").exists()


def test_the_refusal_of_a_file_named_after_someone_masks_the_name(verified_client, district, item):
    response = _save(
        verified_client(_head_of_a(district)), item, {("营业执照", "sample"): ("王芳.xlsx", hidden.xlsx())}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "王*.xlsx" in page and "王芳" not in page


def test_the_keepers_open_a_withheld_file_and_no_one_else_does(verified_client, district, item, wangwu):
    """The row links the file for the staff who keep the guide, so a withheld one can be looked at; staff of
    another department and the public get nothing (the public download withholds it: 404)."""
    material = item.materials.get(name="营业执照")
    material.sample = file_store(data=hidden.xlsx(veryhidden=True), name="示例.xlsx")  # as seeded before the check
    material.save(update_fields=["sample"])
    url = reverse("workbench_approvals:item_file", args=[item.code, material.pk, "sample"])
    keeper = verified_client(_head_of_a(district))
    assert url in keeper.get(reverse(ITEM_PAGE, args=[item.code])).content.decode()
    assert keeper.get(url).status_code == 200
    assert keeper.get(url.replace("sample", "blank")).status_code == 404
    assert verified_client(wangwu).get(url).status_code == 404
    public = Client()
    assert public.get(reverse("approvals:form_file", args=[item.code, material.pk, "sample"])).status_code == 404
    assert public.get(url).status_code == 302  # to the sign-in


def test_a_file_whose_text_holds_a_number_is_said_to_while_its_pictures_wait(verified_client, district, item):
    """The review: a withheld file still being read was said to await its reading, though its text already held an
    ID number (seeded before the check, as the demo's files were)."""
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (40, 20), (255, 255, 255)).save(picture, "PNG")
    material = item.materials.get(name="营业执照")
    content = hidden.docx(body=f"申请人身份证号{hidden.ID}", parts={"word/media/image1.png": picture.getvalue()})
    material.sample = file_store(data=content, name="示例.docx")
    material.save(update_fields=["sample"])
    page = verified_client(_head_of_a(district)).get(reverse(ITEM_PAGE, args=[item.code])).content.decode()
    assert "示例.docx（未公开：含个人信息" in page
