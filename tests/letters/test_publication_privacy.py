"""A published letter shows no home address and no third party's name (issue 20; DOMAIN §2: 12345 letters are
published with personal data masked): the page's footnote says addresses are masked, and now they are."""

from __future__ import annotations

from zhengtong.letters import services
from zhengtong.letters.models import Letter

from .conftest import handled


def test_an_estate_address_a_village_address_and_an_unlabelled_neighbour_are_masked(hotline, district, lisi, client):
    content = (
        "我叫张三，住绿城春江花园9幢800室。邻居王建军长期在楼道堆放杂物，"
        "其老家在大碶街道横山村3组45号，联系电话138.0574.9876，请相关部门处理。"
    )
    letter = handled(hotline, district, lisi, content=content)
    services.letter_callback(letter=letter, by=hotline["operator"], result="5")
    services.letter_publish(letter=letter, by=hotline["operator"])
    published = Letter.objects.get(pk=letter.pk).public_content
    for secret in ("9幢800室", "王建军", "3组45号", "0574.9876", "张三"):
        assert secret not in published, secret
    assert "绿城春江花园**幢***室" in published and "王**" in published
    page = client.get(f"/letters/{letter.number}/").content.decode()
    assert "800室" not in page and "王建军" not in page
