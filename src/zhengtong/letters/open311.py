"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/) at /open311/v2/, JSON only, so existing Open311
client apps can file letters and follow them.

- services: the responsibility catalogue (service_code = its code).
- requests list and requests/{id}: published letters in full (their masked public copy). Any other letter
  answers as a number never issued, except to the api_key of its writer or of the integration that filed it
  (status, department and dates, never its text): the numbers run in order, and a status lookup reveals
  nothing without its proof (issue 19).
- POST requests: api_key is an API token. A citizen's own token files under his verified name; an
  integration account's token (staff) files for the person named in first_name/last_name/phone, or anonymously.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db.models import Q
from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from zhengtong.accounts.models import User
from zhengtong.accounts.tokens import token_user
from zhengtong.audit.context import rebind
from zhengtong.core.errors import ZtError

from . import services
from .models import Channel, Kind, Letter, Responsibility, State

OPEN = [State.SUBMITTED, State.ACCEPTED, State.DISPATCHED, State.RETURNED, State.HANDLING, State.REVIEW]
MAX_RANGE = dt.timedelta(days=90)  # the spec's limit on a date range
MAX_RESULTS = 200


def _error(status: int, description: str, code: str = "") -> JsonResponse:
    body = [{"code": status, "description": f"{description}{f'（{code}）' if code else ''}"}]
    return JsonResponse(body, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _json(data) -> JsonResponse:
    return JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False})


def _only_json(fmt: str) -> JsonResponse | None:
    return None if fmt == "json" else _error(400, "本接口仅支持 JSON 格式（.json）", "OPEN311_FORMAT")


@require_GET
def service_list(request, fmt: str):
    if (bad := _only_json(fmt)) is not None:
        return bad
    rows = Responsibility.objects.filter(is_active=True).select_related("department")
    return _json(
        [
            {
                "service_code": r.code,
                "service_name": r.name,
                "description": f"由{r.department.name}办理",
                "metadata": False,
                "type": "realtime",
                "keywords": ",".join(r.keyword_list()),
                "group": r.department.name,
            }
            for r in rows
        ]
    )


def _iso(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _as_request(letter: Letter) -> dict:
    closed = letter.state not in OPEN
    item = {
        "service_request_id": letter.number,
        "status": "closed" if closed else "open",
        "status_notes": letter.get_state_display(),
        "service_code": letter.category.code if letter.category else None,
        "service_name": letter.category.name if letter.category else letter.get_kind_display(),
        "agency_responsible": letter.department.name if letter.department else None,
        "requested_datetime": _iso(letter.received_at),
        "updated_datetime": _iso(letter.updated_at),
        "expected_datetime": None,
        "address": None,
        "lat": None,
        "long": None,
        "media_url": None,
        "description": None,
        "service_notice": None,
    }
    if letter.published_at:  # the masked copy only; the location is not published (it is often the writer's home)
        item.update(description=letter.public_content, status_notes=letter.public_reply or item["status_notes"])
    return item


def _letters(request):
    """The letters this caller may follow: the published ones, and by his key those he wrote or filed here (an
    integration files for the writer)."""
    letters = Letter.objects.select_related("department", "category").exclude(state=State.MERGED)
    caller = token_user(request.GET.get("api_key", ""))
    mine = Q(writer=caller) | Q(created_by=caller, channel=Channel.OPEN311) if caller is not None else Q(pk__in=[])
    return letters.filter(Q(published_at__isnull=False) | mine)


def _moment(value: str):
    """A W3C date-time; one without a zone is Beijing time (the site's zone), so that a start without a zone and
    an end with one compare. None when it is not a date-time."""
    try:
        moment = parse_datetime(value)
    except ValueError:  # well formed but out of range (month 13, hour 25)
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _before(moment, span):
    try:
        return moment - span if moment is not None else None
    except OverflowError:  # an end near year 1
        return None


def _published_requests(request):
    params = request.GET
    ids = [i.strip() for i in params.get("service_request_id", "").split(",") if i.strip()]
    if ids:
        return _letters(request).filter(number__in=ids[:MAX_RESULTS]), None
    end = _moment(params["end_date"]) if params.get("end_date") else timezone.now()
    start = _moment(params["start_date"]) if params.get("start_date") else _before(end, MAX_RANGE)
    if start is None or end is None:
        return None, _error(
            400, "start_date、end_date 须为 W3C 日期时间格式，如 2026-01-01T00:00:00+08:00", "OPEN311_DATE"
        )
    if end - start > MAX_RANGE:
        return None, _error(400, "查询时间范围不能超过90天", "OPEN311_RANGE")
    letters = _letters(request).filter(published_at__isnull=False, received_at__gte=start, received_at__lte=end)
    if params.get("service_code"):
        letters = letters.filter(category__code__in=params["service_code"].split(","))
    if params.get("status") in ("open", "closed"):
        letters = letters.filter(state__in=OPEN) if params["status"] == "open" else letters.exclude(state__in=OPEN)
    return letters.order_by("-received_at")[:MAX_RESULTS], None


@csrf_exempt  # an API for other apps, authenticated by api_key, not by a browser session
@require_http_methods(["GET", "POST"])
def request_list(request, fmt: str):
    if (bad := _only_json(fmt)) is not None:
        return bad
    if request.method == "POST":
        return _create(request)
    letters, error = _published_requests(request)
    return error or _json([_as_request(letter) for letter in letters])


@require_GET
def request_detail(request, number: str, fmt: str):
    if (bad := _only_json(fmt)) is not None:
        return bad
    letter = _letters(request).filter(number=number).first()
    if letter is None:
        return _error(404, "没有这个编号的信件", "OPEN311_NOT_FOUND")
    return _json([_as_request(letter)])


def _coordinate(value: str, limit: int):
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        return "bad"
    return number.quantize(Decimal("0.000001")) if -limit <= number <= limit else "bad"


def _create(request):
    data = request.POST
    user = token_user(data.get("api_key", ""))
    if user is None or (settings.SITE_ROLE == "public" and user.kind == User.Kind.STAFF):
        # staff work on the internal node only (accounts.middleware.StaffZoneMiddleware); integrations may post here
        return _error(403, "api_key 无效或已停用", "OPEN311_API_KEY")
    rebind(user, request)  # the letter's audit rows name the account the key belongs to
    service = Responsibility.objects.filter(code=data.get("service_code", ""), is_active=True).first()
    if service is None:
        return _error(400, "service_code 不存在，请先调用 services.json", "OPEN311_SERVICE_CODE")
    lat, lon = _coordinate(data.get("lat", ""), 90), _coordinate(data.get("long", ""), 180)
    if "bad" in (lat, lon):
        return _error(400, "lat、long 须为有效的经纬度", "OPEN311_LOCATION")
    if lat is None and not data.get("address_string") and not data.get("address_id"):
        return _error(400, "请提供位置：lat 和 long，或 address_string", "OPEN311_LOCATION")
    name = f"{data.get('last_name', '')}{data.get('first_name', '')}".strip()
    phone = data.get("phone", "").strip()
    citizen = user.kind not in (User.Kind.STAFF, User.Kind.INTEGRATION)
    try:
        intake = services.letter_submit(
            channel=Channel.OPEN311,
            kind=data.get("attribute[kind]") or Kind.HELP,
            title="",
            content=data.get("description", ""),
            by=user if citizen else None,
            anonymous=not citizen and not (name and phone),
            writer_name=name,
            writer_phone=phone,
            location=data.get("address_string", ""),
            latitude=lat,
            longitude=lon,
            public_allowed=data.get("attribute[public]") in ("1", "true", "yes"),
            category=service,
            # Not part of GeoReport v2: a client may send one so that its retry after a lost answer files nothing.
            submission_key=request.headers.get("Idempotency-Key", ""),
            key_scope=f"u{user.pk}",
            filed_by=user,
        )
    except ZtError as exc:
        return _error(400, str(exc.message), exc.code)
    letter = intake.letter
    notice = (
        "已并入您30天内内容相同的信件"
        if intake.repeated
        else f"已受理登记。查询码 {intake.query_code}，凭信件编号和查询码可在网站查询办理进度，请妥善保存。"
    )
    return _json([{"service_request_id": letter.number, "service_notice": notice, "account_id": None}])
