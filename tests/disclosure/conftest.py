from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook

from zhengtong.disclosure import services
from zhengtong.disclosure.models import Category

from .. import factories as f

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(body: str, comment: str = "") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(
            "word/document.xml",
            f"<w:document {W}><w:body><w:p><w:r><w:t>{body}</w:t></w:r></w:p></w:body></w:document>",
        )
        if comment:
            z.writestr(
                "word/comments.xml",
                f"<w:comments {W}><w:comment><w:p><w:r><w:t>{comment}</w:t></w:r></w:p></w:comment></w:comments>",
            )
    return out.getvalue()


def xlsx_with_hidden_sheet(rows) -> bytes:
    book = Workbook()
    book.active.title = "公示名单"
    book.active.append(["序号", "户主", "保障人数"])
    book.active.append([1, "王*明", 3])
    hidden = book.create_sheet("原始数据")
    hidden.sheet_state = "hidden"
    hidden.append(["姓名", "身份证号", "联系电话"])
    for row in rows:
        hidden.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def draft(department, by, *, body="<p>为规范最低生活保障工作，制定本办法。</p>", uploads=(), **extra):
    values = {
        "title": "北仑区最低生活保障实施办法",
        "issuing_org": "北仑区人民政府",
        "doc_no": "仑政发〔2025〕12号",
        "category": Category.REGULATIONS,
        "written_on": dt.date(2025, 3, 1),
        "body": body,
        **extra,
    }
    return services.document_create(department=department, by=by, uploads=uploads, **values)


@pytest.fixture
def reviewer(district):
    return f.staff("shenhe", "审核人", district["A"])


CHECKLIST = {"no_state_secret": True, "no_commercial_secret": True, "no_privacy": True}
