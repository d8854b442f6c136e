"""Base registers fed by file import (issue 25 item 2): every row checked, all or none, a known key replaced."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhengtong.audit.models import OperationLog
from zhengtong.sharing.models import LegalPerson, Person

from .. import factories as f


def test_a_csv_feeds_the_legal_person_register_and_replaces_a_known_code(tmp_path, registers):
    known = LegalPerson.objects.get(name="宁波港城贸易有限公司")
    new = f.valid_uscc("91330206MA2F00001")
    path = tmp_path / "法人.csv"
    path.write_text(
        "统一社会信用代码,名称,类型,法定代表人,成立日期\n"
        f"{known.uscc},宁波港城贸易股份有限公司,股份有限公司,王小明,2020-05-01\n"
        f"{new},宁波新设公司,有限责任公司,李明,2026-11-30\n",
        encoding="utf-8-sig",
    )
    call_command("registers", "import", "legal_person", str(path), "--source", "A")
    assert LegalPerson.objects.get(uscc=known.uscc).name == "宁波港城贸易股份有限公司"
    assert LegalPerson.objects.get(uscc=new).source.code == "A"
    assert OperationLog.objects.filter(action="sharing.register.import").exists()


def test_a_bad_row_imports_nothing_and_names_the_row(tmp_path, registers, capsys):
    path = tmp_path / "人口.csv"
    path.write_text(
        "id_number,name,gender,birth_date\n"
        f"{f.valid_id_number(sequence=8)},孙九,M,1990-01-02\n"
        "330206199001021234,周十,F,1990-01-02\n",  # a wrong check character
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("registers", "import", "population", str(path), "--source", "B")
    assert "第 3 行" in capsys.readouterr().err
    assert Person.objects.count() == 1  # only the fixture's
