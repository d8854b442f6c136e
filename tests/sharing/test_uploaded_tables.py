"""Open data from an uploaded table (issue 25 item 6: datasets "generated from registers or uploaded"): a department
uploads a CSV or an Excel workbook, the table becomes a draft dataset whose CSV, JSON and XLSX are made from its
rows as a register's are, and it opens only past the privacy guard (DOMAIN.md §2, §6), every cell read."""

from __future__ import annotations

import io
import json
import os

import pytest
from openpyxl import Workbook

from zhengtong.audit.models import OperationLog
from zhengtong.core.errors import InvalidInput, PermissionDenied
from zhengtong.sharing.models import Dataset
from zhengtong.sharing.opendata import dataset_create, dataset_publish

PARKS = "名称,地址,面积（公顷）\n中河公园,北仑区新碶街道中河路,12.5\n岩河公园,北仑区新碶街道岩河路,8\n"


def create(registers, by, table: tuple[str, bytes], name="beilun-parks", **extra) -> Dataset:
    values = {
        "organization": registers["A"],
        "title": "北仑区公园名录",
        "name": name,
        "notes": "北仑区城市公园的名称、地址和面积。",
        "license_id": "cc-by-4.0",
        "update_cycle": "yearly",
        "tags": "公园、绿地",
    }
    values.update(extra)
    return dataset_create(by=by, table=table, **values)


def workbook(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_uploaded_csv_opens_and_the_public_downloads_it_in_every_format(
    client, registers, lisi, django_capture_on_commit_callbacks
):
    draft = create(registers, lisi, ("公园.csv", PARKS.encode("utf-8-sig")))
    assert draft.state == Dataset.State.DRAFT and draft.columns == ["名称", "地址", "面积（公顷）"]
    assert sorted(draft.tags.values_list("name", flat=True)) == ["公园", "绿地"]
    assert OperationLog.objects.filter(action="sharing.dataset.create", object_id=str(draft.pk)).exists()
    with django_capture_on_commit_callbacks(execute=True):
        opened = dataset_publish(dataset=draft, by=lisi)
    assert opened.state == Dataset.State.ACTIVE, opened.refusal
    assert "岩河公园" in client.get("/data/beilun-parks/").content.decode()
    files = {f.format: f for f in opened.files.all()}

    def download(fmt: str) -> bytes:
        response = client.get(f"/data/beilun-parks/resources/{files[fmt].pk}/download")
        assert response.status_code == 200
        return b"".join(response.streaming_content) if response.streaming else response.content

    assert download("CSV").decode("utf-8-sig").splitlines()[1] == "中河公园,北仑区新碶街道中河路,12.5"
    assert [r["名称"] for r in json.loads(download("JSON"))["records"]] == ["中河公园", "岩河公园"]
    assert download("XLSX")[:2] == b"PK"


def test_a_gbk_csv_as_excel_saves_it_and_a_workbook_are_read_alike(registers, lisi):
    """Excel in a Chinese locale saves CSV in GBK; a workbook's numbers and dates come as the cells show them."""
    from_gbk = create(registers, lisi, ("公园.csv", PARKS.encode("gbk")))
    from_book = create(
        registers,
        lisi,
        ("公园.xlsx", workbook([["名称", "地址", "面积（公顷）"], ["中河公园", "北仑区新碶街道中河路", 12.5]])),
        name="beilun-parks-2",
    )
    assert from_gbk.columns == from_book.columns == ["名称", "地址", "面积（公顷）"]
    assert from_gbk.rows.first().values == from_book.rows.first().values == ["中河公园", "北仑区新碶街道中河路", "12.5"]


def test_personal_data_in_any_cell_keeps_an_uploaded_table_closed(registers, lisi):
    table = PARKS + "北仑公园,管理员王小明 13805746789,3\n"
    found = dataset_publish(dataset=create(registers, lisi, ("公园.csv", table.encode())), by=lisi)
    assert found.state == Dataset.State.DRAFT and "手机号码" in found.refusal


@pytest.mark.parametrize(
    ("column", "cell", "says"),
    [
        ("姓名", "John Smith", "姓名"),
        ("姓名", "阿卜杜拉·买买提", "姓名"),
        ("联系人", "WANG JIANGUO", "姓名"),
        ("护照号码", "P12345678", "证件号码"),
        ("微信号", "johnsmith_nb", "社交账号"),
        ("QQ", "287654323", "社交账号"),
        ("住址", "新碶街道明州社区华山路123巷5号", "详细住址"),
    ],
)
def test_a_column_of_people_keeps_a_table_closed_whatever_script_their_names_are_in(
    registers, lisi, column, cell, says
):
    """Outside attack (issue 20): a table headed 姓名, 护照号码, 微信号, QQ and 住址 opened with every row in full: the
    names were Latin or minority names the name reader does not know, the rest kinds it did not know."""
    table = f"序号,{column}\n1,{cell}\n"
    found = dataset_publish(dataset=create(registers, lisi, ("名单.csv", table.encode())), by=lisi)
    assert found.state == Dataset.State.DRAFT and says in found.refusal


@pytest.mark.parametrize(
    ("column", "cells"),
    [
        ("联系人", ["王*", "Smith*"]),
        ("当事人", ["王某某", "李某"]),
        ("负责人", ["暂无", "合计"]),
        ("值班人员", ["带班领导", "网格员"]),
        ("管理单位", ["北仑区实验幼儿园", "大碶街道横山村"]),
        ("社保卡", ["1256789", "9876543"]),
    ],
)
def test_a_column_of_people_already_masked_or_of_offices_opens(
    registers, lisi, django_capture_on_commit_callbacks, column, cells
):
    """Masked names, placeholders, roles and offices are no one's name; counts under a card's heading are counts
    (the fresh-eyes review found each of these kept closed by the first version)."""
    table = f"序号,{column}\n" + "".join(f"{n},{cell}\n" for n, cell in enumerate(cells, 1))
    with django_capture_on_commit_callbacks(execute=True):
        found = dataset_publish(dataset=create(registers, lisi, ("名单.csv", table.encode())), by=lisi)
    assert found.state == Dataset.State.ACTIVE, found.refusal


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("空.csv", b"", "没有数据"),
        ("缺列名.csv", "名称,,面积\n甲,乙,丙\n".encode(), "第 1 行（表头）第 2 列"),
        ("多出.csv", "名称,面积\n甲,1,多\n".encode(), "第 2 行"),
        ("重复.csv", "名称,名称\n甲,乙\n".encode(), "“名称”"),
        ("只有表头.csv", "名称,地址\n".encode(), "没有数据"),
        ("乱码.csv", b"\xff\xfe\x00\x00\x81\x30\x81", "编码"),
        ("文件.pdf", b"%PDF-1.4\n", "CSV"),
        ("改名.xlsx", b"not a zip", "Excel"),
    ],
)
def test_a_table_that_cannot_be_read_is_refused_naming_the_field(registers, lisi, name, data, says):
    with pytest.raises(InvalidInput) as refused:
        create(registers, lisi, (name, data))
    assert "table" in refused.value.fields and says in refused.value.message
    assert not Dataset.objects.exists()


def test_a_name_already_taken_is_refused_on_its_field(registers, lisi):
    create(registers, lisi, ("公园.csv", PARKS.encode()))
    with pytest.raises(InvalidInput) as refused:
        create(registers, lisi, ("公园.csv", PARKS.encode()))
    assert "name" in refused.value.fields and Dataset.objects.count() == 1


def test_only_the_organizations_staff_upload_its_tables(registers, wangwu):
    with pytest.raises(PermissionDenied):
        create(registers, wangwu, ("公园.csv", PARKS.encode()))


def test_the_workbench_form_makes_a_draft(verified_client, registers, lisi):
    client = verified_client(lisi)
    page = client.get("/workbench/sharing/datasets/new/")
    assert page.status_code == 200 and 'name="table"' in page.content.decode()
    upload = io.BytesIO(PARKS.encode())
    upload.name = "公园.csv"
    form = {
        "title": "北仑区公园名录",
        "name": "beilun-parks",
        "notes": "",
        "license_id": "cc-by-4.0",
        "update_cycle": "yearly",
        "tags": "公园",
        "table": upload,
        "provider": registers["A"].pk,
    }
    response = client.post("/workbench/sharing/datasets/new/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Dataset.objects.get(name="beilun-parks").organization == registers["A"]
    upload.seek(0)
    answer = client.post("/workbench/sharing/datasets/new/", dict(form, name="Beilun Parks!")).content.decode()
    assert "标识只能用小写英文字母" in answer and Dataset.objects.count() == 1
    wrong = io.BytesIO(b"%PDF-1.4\n")
    wrong.name = "公园.pdf"
    answer = client.post("/workbench/sharing/datasets/new/", dict(form, name="parks-2", table=wrong)).content.decode()
    assert "只接受 CSV 或 Excel" in answer and Dataset.objects.count() == 1


def test_a_workbook_stretched_to_the_last_column_is_refused_at_once(registers, lisi):
    """Review: openpyxl's read-only mode fills every row to the sheet's recorded width, so one blank cell at XFD
    made each of a million rows 16,384 cells wide (26 minutes of a web worker for a 5 KB file)."""
    import time

    book = Workbook()
    book.active.append(["名称", "面积"])
    book.active.append(["中河公园", 12])
    book.active.cell(row=1_000_000, column=16_384, value=" ")
    buffer = io.BytesIO()
    book.save(buffer)
    started = time.perf_counter()
    with pytest.raises(InvalidInput) as refused:
        create(registers, lisi, ("公园.xlsx", buffer.getvalue()))
    assert time.perf_counter() - started < 5 and "列" in refused.value.message


def test_a_formula_in_an_uploaded_cell_reaches_the_public_csv_as_text(
    client, registers, lisi, django_capture_on_commit_callbacks
):
    """Review: an uploaded cell starting with = went out unchanged in the CSV, which a spreadsheet runs as a
    formula (CSV injection). It is written with a leading apostrophe; a negative number stays a number."""
    table = '名称,"=HYPERLINK(""http://evil.example/x"",""点击"")"\n"=cmd|\' /C calc\'!A0",-5\n@SUM(1),+3\n'
    dataset = create(registers, lisi, ("公园.csv", table.encode()))
    with django_capture_on_commit_callbacks(execute=True):
        dataset_publish(dataset=dataset, by=lisi)
    csv_file = dataset.files.get(format="CSV")
    body = b"".join(client.get(f"/data/beilun-parks/resources/{csv_file.pk}/download").streaming_content)
    lines = body.decode("utf-8-sig").splitlines()
    assert lines == ['名称,"\'=HYPERLINK(""http://evil.example/x"",""点击"")"', "'=cmd|' /C calc'!A0,-5", "'@SUM(1),+3"]


def test_a_name_shaped_as_another_datasets_id_is_refused(registers, lisi):
    """Review: CKAN's package_show finds a dataset by name before id, so a name equal to another's UUID would
    answer for it."""
    with pytest.raises(InvalidInput) as refused:
        create(registers, lisi, ("公园.csv", PARKS.encode()), name="0f8fad5b-d9cb-469f-a165-70867728950e")
    assert "name" in refused.value.fields


def test_the_clerk_chooses_among_the_departments_he_works_in_and_a_stranger_one_is_refused(
    verified_client, registers, lisi, district
):
    client = verified_client(lisi)
    upload = io.BytesIO(PARKS.encode())
    upload.name = "公园.csv"
    form = {"title": "北仑区公园名录", "name": "parks", "license_id": "cc-by-4.0", "update_cycle": "yearly"}
    answer = client.post("/workbench/sharing/datasets/new/", {**form, "table": upload, "provider": district["B"].pk})
    assert answer.status_code == 200 and not Dataset.objects.exists()
    assert "数据提供方" in answer.content.decode()


@pytest.mark.parametrize(
    ("table", "kind"),
    [
        ("姓名,科室\n王　芳,内科\n李　娜,外科\n", "姓名"),  # a roster's names padded to line up, read under 姓名
        ("身份证号,备注\n330206199003071232,无\n", "身份证号"),  # a wrong check digit, under an ID heading
    ],
)
def test_a_cell_is_read_under_its_heading_as_a_reader_reads_it(registers, lisi, table, kind):
    """Outside attack, session 42: each cell was scanned alone, so a roster's 王　芳 under 姓名 was published."""
    found = dataset_publish(dataset=create(registers, lisi, ("名单.csv", table.encode())), by=lisi)
    assert found.state == Dataset.State.DRAFT and kind in found.refusal


def test_the_datasets_name_is_read_by_the_guard_too(registers, lisi):
    """Outside attack: the name is in the dataset's address and CKAN's answers, and was never scanned."""
    found = dataset_publish(
        dataset=create(registers, lisi, ("公园.csv", PARKS.encode()), name="p-13805746789"), by=lisi
    )
    assert found.state == Dataset.State.DRAFT and "手机号码" in found.refusal


def test_a_catalogue_workbook_past_the_upload_checks_is_refused_with_a_message(verified_client, registers, lisi):
    """Outside attack: the catalogue import opened any upload with openpyxl unchecked (535 MB for 790 KB)."""
    client = verified_client(lisi)
    fake = io.BytesIO(b"not a workbook")
    fake.name = "目录.xlsx"
    response = client.post("/workbench/sharing/catalogue/import/", {"book": fake}, follow=True)
    assert response.status_code == 200 and "表格无法读取" in response.content.decode()


def test_a_catalogue_workbook_stretched_to_the_last_column_is_refused_before_it_is_read(
    verified_client, registers, lisi
):
    """Second outside attack: the catalogue import read its whole sheet into a list, each row filled out to
    16,384 cells, and a 108 KB file took a worker to 3 GB."""
    book = Workbook()
    book.active.append(["资源代码"])
    book.active.cell(row=20_000, column=16_384, value=" ")
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "目录.xlsx"
    response = verified_client(lisi).post("/workbench/sharing/catalogue/import/", {"book": buffer}, follow=True)
    assert response.status_code == 200 and "超过" in response.content.decode()


def test_a_workbook_with_a_swollen_style_table_is_refused(registers, lisi):
    """Second outside attack: openpyxl reads every style even in read-only mode; 2,000,000 of them took 30 s and
    1.8 GB for a 1.7 MB upload."""
    import zipfile

    from zhengtong.sharing import tables

    source = zipfile.ZipFile(io.BytesIO(workbook([["名称"], ["中河公园"]])))
    swollen = io.BytesIO()
    with zipfile.ZipFile(swollen, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/styles.xml":
                data = data.replace(
                    b"</styleSheet>", b"<extLst>" + b"<ext/>" * (tables.STYLES_MAX // 6 + 1) + b"</extLst></styleSheet>"
                )
            out.writestr(item, data)
        out.writestr("docProps/padding.bin", os.urandom(200_000))  # keeps the expansion ratio ordinary
    with pytest.raises(InvalidInput) as refused:
        create(registers, lisi, ("公园.xlsx", swollen.getvalue()))
    assert "样式" in refused.value.message


def test_a_heading_naming_people_reads_its_cells_as_names(registers, lisi):
    """Second outside attack: 值班人员, 人员, 值班员 and 接种者 were no role the guard knew, so bare names under them
    were published."""
    for heading in ("值班人员", "人员", "值班员", "接种者"):
        table = f"项目,{heading}\n夜间值班,李娜\n"
        dataset = create(registers, lisi, ("名单.csv", table.encode()), name=f"duty-{len(heading)}-{ord(heading[0])}")
        assert dataset_publish(dataset=dataset, by=lisi).state == Dataset.State.DRAFT, heading


@pytest.mark.parametrize(
    ("heading", "cell"),
    [
        ("姓名（户主）", "孟繁星"),
        ("姓名（户主）", "Wang Deshun"),
        ("申请人（签字）", "雷星朵"),
        ("姓名/Name", "孟繁星"),
        ("被救助人员名单（第一批）", "卓玛次仁"),
        ("姓名", "文静"),  # a name that is also a word: a column of people is a list of them
        ("姓名", "江山"),
        ("微信", "chenxiaodong"),
        ("宅电", "86781234"),
        ("房号", "3-1-1202"),
        # the re-test (session 48)
        ("人名", "孟繁星"),
        ("Name", "Wang Deshun"),
        ("联系人Contact", "孟繁星"),
        ("领取人签名", "Wang Deshun"),
        ("人员姓名及职务", "孟繁星"),
    ],
)
def test_a_column_of_people_or_their_contacts_keeps_the_table_closed_however_its_heading_is_qualified(
    registers, lisi, heading, cell
):
    """Issue 20 (outside attack, session 48): a qualifier on a heading (姓名（户主）, 申请人（签字）, 姓名/Name)
    turned the column's rule off, a name that is also a word passed under 姓名, and a WeChat account, a landline
    without its area code and a flat's number passed under headings that say what they are."""
    table = f"序号,{heading},金额（元）\n1,{cell},2000\n".encode()
    name = f"relief-{abs(hash((heading, cell))) % 10**8}"
    dataset = create(registers, lisi, ("名单.csv", table), name=name)
    assert dataset_publish(dataset=dataset, by=lisi).state == Dataset.State.DRAFT, (heading, cell)


@pytest.mark.parametrize("cell", ["暂无", "待定", "合计"])
def test_a_people_columns_placeholder_is_no_name(registers, lisi, cell):
    table = f"序号,值班人员,日期\n1,{cell},2026-12-01\n".encode()
    dataset = create(registers, lisi, ("值班表.csv", table), name=f"duty-{ord(cell[0])}")
    assert dataset_publish(dataset=dataset, by=lisi).state == Dataset.State.ACTIVE, cell


def test_the_organizations_own_telephone_and_address_open(registers, lisi):
    """The re-test (session 48): a table printing the providing department's own telephone was kept closed, as no
    other publishing place keeps it (the department's telephone and address are allowed everywhere)."""
    department = registers["A"]
    department.phone, department.address = "0574-86781322", "北仑区新碶街道明州路188号"
    department.save()
    table = f"项目,咨询电话,地址\n企业开办,{department.phone},{department.address}\n".encode()
    dataset = create(registers, lisi, ("窗口.csv", table), name="own-contacts")
    assert dataset_publish(dataset=dataset, by=lisi).state == Dataset.State.ACTIVE


@pytest.mark.parametrize(
    "table",
    [
        ("违建.csv", "序号,小区,幢,单元,室,违建类型,处理结果\n1,新城家园,3,2,601,阳台外扩,已自行拆除\n".encode()),
        (
            "违建.xlsx",
            workbook([["序号", "小区", "幢", "单元", "室", "处理结果"], [1, "新城家园", 3, 2, 601, "已拆除"]]),
        ),
    ],
)
def test_a_door_spread_over_a_rows_cells_keeps_the_table_closed(registers, lisi, table):
    """Outside attack, session 62: a home's estate, building, unit and room in four columns were each read alone
    (and a workbook's numbers not at all), so the table was published with every door in it. A row is also read as
    a reader reads it, its cells after their headings, for the door they make together."""
    dataset = create(registers, lisi, table, name=f"wj-{len(table[1]) % 1000}")
    found = dataset_publish(dataset=dataset, by=lisi)
    assert found.state == Dataset.State.DRAFT and "详细住址" in found.refusal
