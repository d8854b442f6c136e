"""The public deadline calculator (办事期限计算器): page and API, no login."""

from __future__ import annotations


def test_the_api_adds_working_days_and_lists_skipped_holidays(client, db):
    body = client.get("/api/v1/workdays/add", {"start": "2026-09-30", "days": "3"}).json()
    assert body["due"] == "2026-10-10" and body["provisional"] is False
    assert [d["date"] for d in body["skipped"]] == [f"2026-10-0{i}" for i in range(1, 8)]
    assert body["makeup_working_days"] == [{"date": "2026-10-10", "name": "国庆节"}]


def test_the_api_counts_between_and_flags_provisional_years(client, db):
    assert client.get("/api/v1/workdays/between", {"start": "2026-09-30", "end": "2026-10-10"}).json() == {
        "start": "2026-09-30",
        "end": "2026-10-10",
        "working_days": 3,
        "provisional": False,
    }
    assert (
        client.get("/api/v1/workdays/between", {"start": "2026-12-01", "end": "2027-01-10"}).json()["provisional"]
        is True
    )


def test_bad_input_gets_a_chinese_message_and_code(client, db):
    cases = [
        ({"start": "2026-13-01", "days": "3"}, "DATE_FORMAT"),
        ({"start": "2026-03-01", "days": "-1"}, "DAYS_RANGE"),
        ({"start": "2026-03-01", "days": "abc"}, "DAYS_FORMAT"),
        ({"start": "1999-03-01", "days": "3"}, "DATE_OUT_OF_RANGE"),
        ({"start": "2099-12-01", "days": "3000"}, "DATE_OUT_OF_RANGE"),
    ]
    for params, code in cases:
        response = client.get("/api/v1/workdays/add", params)
        assert response.status_code == 400 and response.json()["code"] == code, params
    response = client.get("/api/v1/workdays/between", {"start": "2026-03-05", "end": "2026-03-01"})
    assert response.json()["code"] == "END_BEFORE_START"


def test_the_page_answers_in_chinese(client, db):
    page = client.get("/tools/deadline/", {"start": "2026-02-13", "days": "2"}).content.decode()
    assert "2026年2月24日（当日24时前）" in page and "春节" in page and "2026-02-14（春节调休）" in page


def test_the_page_warns_on_a_provisional_answer(client, db):
    page = client.get("/tools/deadline/", {"start": "2026-12-20", "days": "20"}).content.decode()
    assert "临时结果" in page


def test_the_page_shows_errors_with_a_code(client, db):
    page = client.get("/tools/deadline/", {"start": "nonsense", "days": "2"}).content.decode()
    assert "DATE_FORMAT" in page
