"""Open311 GeoReport v2 at /open311/v2/, driven by `georeport`, an Open311 client from PyPI (it reads services and
requests; it has no call to create one, so the POST is made as the spec describes, form-encoded with api_key)."""

from __future__ import annotations

import io

import pytest
import requests
from georeport import GeoReport

from zhengtong.letters import services
from zhengtong.letters.models import Channel, Letter

from .. import factories as f
from .conftest import handled

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def client311(live_server):
    return GeoReport(f"{live_server.url}/open311/v2")


def test_services_are_the_responsibility_catalogue(hotline, client311):
    services_ = {s["service_code"]: s for s in client311.get_service_list()}
    assert services_["food"]["service_name"] == "食品安全" and services_["food"]["group"] == "区市场监督管理局"


def _file(live_server, **data):
    """A letter filed as an Open311 client files one: form-encoded, with its key and its place."""
    filed = {"service_code": "food", "description": "菜场里有摊贩卖过期食品。", **data}
    return requests.post(f"{live_server.url}/open311/v2/requests.json", data=filed, timeout=10)


def test_a_client_files_a_letter_and_follows_it(hotline, zhangsan, client311, live_server):
    key = f.api_key(zhangsan)
    response = _file(live_server, api_key=key, lat="29.899", long="121.844")
    assert response.status_code == 200
    created = response.json()[0]
    letter = Letter.objects.get(number=created["service_request_id"])
    assert letter.channel == Channel.OPEN311 and letter.writer == zhangsan and letter.category.code == "food"
    assert "查询码" in created["service_notice"]
    own = requests.get(f"{live_server.url}/open311/v2/requests/{letter.number}.json?api_key={key}", timeout=10)
    followed = own.json()[0]
    assert followed["status"] == "open" and followed["status_notes"] == "待受理"
    assert followed["description"] is None  # unpublished: status only, never the text


def test_an_unpublished_letter_does_not_exist_for_anyone_but_its_writer(hotline, zhangsan, lisi, live_server):
    """Outside attack (issue 19: a status lookup never reveals whether a number exists without its proof): any
    visitor read an unpublished letter's state, category and department by its number, and the numbers run in
    order. Now it answers as a number never issued, by number and in the list, except to its writer's key."""
    letter = services.letter_submit(channel=Channel.WEB, kind="complaint", title="", content="路灯坏了。", by=zhangsan)
    letter = letter.letter
    base = f"{live_server.url}/open311/v2/requests"
    never = requests.get(f"{base}/XJ20269999999.json", timeout=10)
    for query in ("", f"?api_key={f.api_key(lisi)}"):
        answer = requests.get(f"{base}/{letter.number}.json{query}", timeout=10)
        assert (answer.status_code, answer.content) == (never.status_code, never.content) == (404, never.content)
        listed = requests.get(f"{base}.json?service_request_id={letter.number}{query.replace('?', '&')}", timeout=10)
        assert listed.json() == []
    mine = requests.get(f"{base}.json?service_request_id={letter.number}&api_key={f.api_key(zhangsan)}", timeout=10)
    assert [r["service_request_id"] for r in mine.json()] == [letter.number]


def test_published_letters_are_listed_masked(hotline, district, lisi, client311):
    letter = handled(
        hotline, district, lisi, content="我叫王小明，电话13812345678，楼下餐馆油烟扰民。", writer_name="王小明"
    )
    services.letter_callback(letter=letter, by=hotline["operator"], result="5")
    services.letter_publish(letter=letter, by=hotline["operator"])
    listed = client311.get_service_requests()
    assert [r["service_request_id"] for r in listed] == [letter.number]
    assert listed[0]["status"] == "closed" and "油烟扰民" in listed[0]["description"]
    text = str(listed)
    assert "13812345678" not in text and "王小明" not in text and "13805740001" not in text


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        ({"api_key": "wrong"}, 403, "OPEN311_API_KEY"),
        ({"service_code": "nope"}, 400, "OPEN311_SERVICE_CODE"),
        ({"lat": "", "long": ""}, 400, "OPEN311_LOCATION"),
        ({"description": ""}, 400, "LETTER_CONTENT_REQUIRED"),
    ],
)
def test_bad_requests_are_refused_with_the_spec_error_shape(hotline, zhangsan, live_server, data, status, code):
    values = {
        "api_key": f.api_key(zhangsan),
        "service_code": "food",
        "lat": "29.9",
        "long": "121.8",
        "description": "内容",
        **data,
    }
    response = requests.post(f"{live_server.url}/open311/v2/requests.json", data=values, timeout=10)
    assert response.status_code == status
    assert response.json()[0]["code"] == status and code in response.json()[0]["description"]
    assert not Letter.objects.exists()


def test_xml_is_refused_clearly(hotline, live_server):
    response = requests.get(f"{live_server.url}/open311/v2/services.xml", timeout=10)
    assert response.status_code == 400 and "OPEN311_FORMAT" in response.json()[0]["description"]


def test_a_staff_key_files_nothing_on_the_public_node(hotline, lisi, client, settings):
    """Outside review (issue 21, item 8): Open311 took a staff member's key on the internet-zone node, where staff
    open nothing else; an integration account's key still works there."""
    settings.SITE_ROLE = "public"
    values = {"service_code": "food", "lat": "29.9", "long": "121.8", "description": "路灯不亮"}
    response = client.post("/open311/v2/requests.json", {**values, "api_key": f.api_key(lisi)})
    assert response.status_code == 403 and not Letter.objects.exists()
    from django.core.management import call_command

    out = io.StringIO()
    call_command("integration", "create", "hotline12345", "--name", "12345平台", stdout=out)
    key = out.getvalue().split()[-1]
    response = client.post("/open311/v2/requests.json", {**values, "api_key": key})
    assert response.status_code in (200, 201) and Letter.objects.count() == 1


def test_an_integration_follows_the_letters_it_filed_for_their_writers(hotline, live_server):
    """The 12345 platform files through its integration key for the person it names (the letter has no writer's
    account): its key follows those letters, and no other unpublished one (the fresh-eyes review found it shut out
    by the rule above)."""
    from zhengtong.accounts.models import User

    platform = User.objects.create_user("hotline12345", kind=User.Kind.INTEGRATION)
    key = f.api_key(platform)
    person = {"first_name": "三", "last_name": "张", "phone": "13805740001"}
    filed = _file(live_server, api_key=key, address_string="新碶街道", **person).json()[0]
    number = filed["service_request_id"]
    assert Letter.objects.get(number=number).writer is None
    base = f"{live_server.url}/open311/v2/requests/{number}.json"
    assert requests.get(f"{base}?api_key={key}", timeout=10).json()[0]["status_notes"] == "待受理"
    assert requests.get(base, timeout=10).status_code == 404
    other = services.letter_submit(
        channel=Channel.WEB,
        kind="complaint",
        title="",
        content="路灯坏了。",
        writer_name="李四",
        writer_phone="13805740002",
    ).letter
    mine = requests.get(f"{live_server.url}/open311/v2/requests/{other.number}.json?api_key={key}", timeout=10)
    assert mine.status_code == 404
