"""A retry after a lost answer (issue 21 item 11; GB/T 22239-2019 数据完整性: nothing lost, nothing twice). The web
form carries a submission key and an Open311 client may send an Idempotency-Key: the same key from the same
writer files one letter, and the retry is answered with the same number and the same query code, so a writer whose
first answer never arrived still learns how to follow his letter. The key is stored only as a keyed digest."""

from __future__ import annotations

import re

import pytest
import requests

from zhengtong.letters import services
from zhengtong.letters.models import Letter

from .. import factories as f
from ..conftest import sms_code

ANONYMOUS = {
    "kind": "complaint",
    "title": "路灯不亮",
    "content": "大碶街道某路段路灯已坏一周，夜间行走不安全。",
    "anonymous": "on",
}


def _form_key(client) -> str:
    page = client.get("/letters/write/").content.decode()
    return re.search(r'name="submission_key" value="([0-9a-f]{32})"', page).group(1)


def _receipt(client, key: str) -> tuple[str, str]:
    page = client.post("/letters/write/", {**ANONYMOUS, "submission_key": key}, follow=True).content.decode()
    number = re.search(r"XJ\d{11}", page).group(0)
    code = re.search(r"查询码[^0-9]*(\d{6})", page).group(1)
    return number, code


def test_an_anonymous_letter_sent_twice_with_one_key_is_one_letter_with_one_code(hotline, client):
    key = _form_key(client)
    first, again = _receipt(client, key), _receipt(client, key)
    assert first == again and Letter.objects.count() == 1
    stored = Letter.objects.get()
    assert stored.submission_key and key not in stored.submission_key  # a digest, never the key as sent
    found = services.status_lookup(number=first[0], code=first[1], ip="203.0.113.9")
    assert found == stored


def test_two_forms_are_two_letters_and_a_key_belongs_to_its_writer(hotline, client, zhangsan):
    _receipt(client, _form_key(client))
    key = _form_key(client)
    number, _code = _receipt(client, key)
    assert Letter.objects.count() == 2
    client.force_login(zhangsan)  # another writer with the same key gets his own letter, never the first one
    page = client.post(
        "/letters/write/", {**ANONYMOUS, "anonymous": "", "submission_key": key}, follow=True
    ).content.decode()
    assert number not in page and Letter.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_an_open311_client_retrying_with_its_idempotency_key_gets_the_same_request(hotline, zhangsan, live_server):
    values = {
        "api_key": f.api_key(zhangsan),
        "service_code": "food",
        "description": "菜场里有摊贩卖过期食品。",
        "address_string": "大碶菜场",
    }

    def post(key: str):
        response = requests.post(
            f"{live_server.url}/open311/v2/requests.json", data=values, headers={"Idempotency-Key": key}, timeout=10
        )
        assert response.status_code == 200
        return response.json()[0]

    first, again = post("c-1"), post("c-1")
    assert first == again and "查询码" in first["service_notice"] and Letter.objects.count() == 1
    values["description"] = "另一件事：小区垃圾无人清运。"
    assert post("c-2")["service_request_id"] != first["service_request_id"]


def test_the_same_key_with_other_words_is_another_letter_never_the_first_ones_code(hotline, client):
    """A shared computer: the next person presses Back and writes on the page the last one sent. The key is the
    same; the letter is not, so he gets his own number and code, never the first writer's."""
    key = _form_key(client)
    first = _receipt(client, key)
    page = client.post(
        "/letters/write/", {**ANONYMOUS, "content": "另一件事：小区垃圾无人清运。", "submission_key": key}, follow=True
    ).content.decode()
    assert first[0] not in page and first[1] not in page and Letter.objects.count() == 2


def test_a_visitor_who_proved_his_mobile_can_retry_after_a_lost_answer(
    hotline, client, sms_outbox, django_capture_on_commit_callbacks
):
    key = _form_key(client)
    visitor = {**ANONYMOUS, "anonymous": "", "writer_name": "张三", "writer_phone": "13805740001"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/letters/write/", {**visitor, "send_code": "1"})
    sent = {**visitor, "phone_code": sms_code(sms_outbox), "submission_key": key}
    first = client.post("/letters/write/", sent, follow=True).content.decode()
    again = client.post("/letters/write/", sent, follow=True).content.decode()  # the code is used up by now
    number = re.search(r"XJ\d{11}", first).group(0)
    assert number in again and Letter.objects.count() == 1
