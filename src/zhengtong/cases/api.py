"""One API shape for every case type, made from its declaration: a scoped list with filters, a detail with the
allowed actions, the clocks and the timeline, and an action endpoint that takes an Idempotency-Key.

A domain declares a `CaseApi` (its serializer, its filters, how each action's parameters reach its service);
`case_urls` turns it into three endpoints under /api/v1/cases/<name>/. Staff see what `visible` lets them see
(cases/visibility.py); an applicant acts only on his own case, through the same action endpoint (a correction,
a resubmission, a withdrawal). Who may take which action in which state is the transition table's answer
(cases/transitions.py), here as on the pages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Model, Q, QuerySet
from django.http import QueryDict
from django.urls import path
from django.utils.cache import add_never_cache_headers
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import generics, permissions, serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from zhengtong.accounts.api_auth import second_factor_behind
from zhengtong.accounts.models import User
from zhengtong.audit.models import OperationLog
from zhengtong.core import params as core_params
from zhengtong.core.errors import Conflict, NotFound, refuse
from zhengtong.core.fields import EncryptedTextField
from zhengtong.core.paging import RowsOf
from zhengtong.org.access import handles_cases
from zhengtong.supervision.models import Clock

from .bodies import body_schema
from .filters import choices, filtered
from .guards import refusals_audited, unreachable
from .lookup import KEY_REUSED, KEY_TOO_LONG
from .reveal import STEP, STEP_LABEL, identifiers_masked, reveal, shown
from .transitions import action as table_action
from .transitions import allowed_actions, perform
from .types import CaseType
from .visibility import visible_case, visible_in_order

# Each case API by its name, as `case_urls` made it: the workbench's reveal view finds a case type by it.
REGISTERED: dict[str, CaseApi] = {}
IDEMPOTENCY_SECONDS = 24 * 3600  # a client retrying a lost answer within a day gets the same answer

Perform = Callable[[Model, Any, dict, dict], Model]


@dataclass(frozen=True)
class CaseApi:
    """`name` is the path segment (/api/v1/cases/<name>/); `queryset` the cases with what the serializer reads;
    `lookup` the field a case is named by in the path; `filters` the list's query parameters and the lookups
    they filter on; `perform` each action's call of its service, given (case, user, data, files);
    `applicant_field` the case's FK to the applicant's account, for the applicant's own actions; `staff_serializer`
    the case as staff read it in its detail, where it says more than the list or an applicant's answer (who may
    approve a step its actions name by id)."""

    case_type: CaseType
    name: str
    label: str
    queryset: Callable[[], QuerySet]
    serializer: type[serializers.Serializer]
    perform: dict[str, Perform]
    lookup: str = "pk"
    filters: dict[str, str] = field(default_factory=dict)
    applicant_field: str = "applicant"
    staff_serializer: type[serializers.Serializer] | None = None


def unprinted_secrets(serializer: type[serializers.Serializer], model: type[Model]) -> tuple[str, ...]:
    """The encrypted columns of `model` that `serializer` prints no part of: a list leaves them unread, where each
    row decrypted them (the letters' case list printed only plain columns and decrypted six texts a letter).
    A field read through the whole row (`source="*"`) may read anything: then all are read."""
    sources = {serializer_field.source.split(".")[0] for serializer_field in serializer().fields.values()}
    if "*" in sources:
        return ()
    concrete = model._meta.concrete_fields
    return tuple(f.name for f in concrete if isinstance(f, EncryptedTextField) and f.name not in sources)


class CaseUser(permissions.BasePermission):
    """Staff through an API key (issued only after the second factor) or a session that passed TOTP; or an
    applicant's account (for his own case's actions)."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        if user.kind != User.Kind.STAFF:
            return view.applicants_welcome
        return second_factor_behind(request)


class ClockSerializer(serializers.ModelSerializer):
    class Meta:
        model = Clock
        fields = [
            "stage",
            "stage_label",
            "window",
            "limit",
            "unit",
            "started_at",
            "due_at",
            "paused_since",  # paused (补正, a special procedure): the due time moves on when it runs again
            "stopped_at",
            "outcome",
            "level",
        ]


class TimelineSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.CharField()
    label = serializers.CharField()
    actor = serializers.CharField()


def step_labels(case_type: CaseType) -> dict[str, str]:
    """What the timeline calls each audited step: the table's actions, the case type's other steps (its submission,
    a reply drafted), and the reveal of a person's number."""
    return {STEP: STEP_LABEL, **dict(case_type.steps), **{a.name: a.label for a in case_type.actions}}


def timeline(case_type: CaseType, case: Model) -> list[dict]:
    """Every audited step of the case and of its parts (`related_audit`), oldest first, with who took it: the
    audit log is the one complete record (refused attempts are left out: they changed nothing). Staff are
    named; an applicant or writer is "申请人", never his account name (a mobile number)."""
    labels = step_labels(case_type)
    parts = Q(object_type=case_type.subject, object_id=str(case.pk))
    for object_type, related in case_type.related_audit:
        ids = [str(pk) for pk in getattr(case, related).values_list("pk", flat=True)]
        parts |= Q(object_type=object_type, object_id__in=ids)
    rows = list(OperationLog.objects.filter(parts).order_by("seq").values_list("at", "action", "actor_id"))
    actor_ids = {actor for _at, _action, actor in rows if actor}
    staff = dict(User.objects.filter(pk__in=actor_ids, kind=User.Kind.STAFF).values_list("pk", "real_name"))
    out = []
    for at, action, actor in rows:
        if ".denied." in action or ".refused." in action or ".status." in action:
            continue
        step = action.rsplit(".", 1)[-1]
        who = staff.get(actor) or ("申请人" if actor else "系统")
        out.append({"at": at, "action": step, "label": labels.get(step, step), "actor": who})
    return out


class PersonalSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    masked = serializers.CharField()
    may_reveal = serializers.BooleanField()


def _texts_masked(base: type[serializers.Serializer], case_type: CaseType) -> type[serializers.Serializer]:
    """`base` with a person's own words (`CaseType.personal_texts`) given with his ID and card numbers masked, as
    the staff pages give them: the whole text is the audited reveal's (cases/reveal.py)."""
    texts = [name for name, _label in case_type.personal_texts]
    if not texts:
        return base

    class Masked(base):
        def to_representation(self, case):
            data = super().to_representation(case)
            for name in texts:
                if isinstance(data.get(name), str):
                    data[name] = identifiers_masked(data[name])
            return data

    Masked.__name__ = base.__name__  # the schema's name, as before
    return Masked


def _detail_serializer(api: CaseApi) -> type[serializers.Serializer]:
    case_type = api.case_type
    base = _texts_masked(api.staff_serializer or api.serializer, case_type)

    class Detail(base):
        allowed_actions = serializers.SerializerMethodField(help_text="当前用户在本件当前状态下可以进行的操作")
        clocks = serializers.SerializerMethodField()
        timeline = serializers.SerializerMethodField()
        personal = serializers.SerializerMethodField(
            help_text="当事人的联系电话、证件号码等，已遮盖；may_reveal 为真时可经 reveal 接口查看完整值（留痕）"
        )

        class Meta(base.Meta):
            fields = [*base.Meta.fields, "allowed_actions", "clocks", "timeline", "personal"]

        @extend_schema_field(PersonalSerializer(many=True))
        def get_personal(self, case):
            return [vars(s) for s in shown(case_type, case, self.context["request"].user).values()]

        def get_allowed_actions(self, case) -> list[str]:
            return list(allowed_actions(case_type, case, self.context["request"].user))

        @extend_schema_field(ClockSerializer(many=True))
        def get_clocks(self, case):
            clocks = Clock.objects.filter(subject_type=case_type.subject, subject_id=str(case.pk)).order_by("pk")
            return ClockSerializer(clocks, many=True).data

        @extend_schema_field(TimelineSerializer(many=True))
        def get_timeline(self, case):
            return TimelineSerializer(timeline(case_type, case), many=True).data

    Detail.__name__ = f"{api.serializer.__name__.removesuffix('Serializer')}Detail"  # the schema's name, as before
    return Detail


def _applicant_serializer(api: CaseApi) -> type[serializers.Serializer]:
    """What an applicant is answered after his own action: the case and what he may do next, not the staff's
    clocks and timeline."""
    case_type = api.case_type

    class ApplicantView(api.serializer):
        allowed_actions = serializers.SerializerMethodField()

        class Meta(api.serializer.Meta):
            fields = [*api.serializer.Meta.fields, "allowed_actions"]

        def get_allowed_actions(self, case) -> list[str]:
            return list(allowed_actions(case_type, case, self.context["request"].user))

    ApplicantView.__name__ = f"{api.serializer.__name__.removesuffix('Serializer')}ApplicantView"
    return ApplicantView


def _find(api: CaseApi, user, key) -> Model:
    """The case named in the path, if this user may see it (staff) or it is his own (an applicant); 404
    otherwise, as for a number never issued."""
    if handles_cases(user):
        found = visible_case(api.case_type, user, api.queryset(), **{api.lookup: key})
    else:
        found = api.queryset().filter(**{api.applicant_field: user, api.lookup: key}).first()
    if found is None:
        raise NotFound()
    return found


def case_urls(api: CaseApi) -> list:
    detail_serializer = _detail_serializer(api)
    applicant_serializer = _applicant_serializer(api)
    base = f"v1/cases/{api.name}/"
    lookup = "<int:key>" if api.lookup == "pk" else "<str:key>"
    model = api.queryset().model
    unread = unprinted_secrets(api.serializer, model)
    filter_params = [
        OpenApiParameter(name, str, required=False, enum=choices(model, lookup)) for name, lookup in api.filters.items()
    ]

    class List(generics.ListAPIView):
        permission_classes = [CaseUser]
        applicants_welcome = False
        serializer_class = _texts_masked(api.serializer, api.case_type)

        @extend_schema(summary=f"{api.label}列表", parameters=filter_params, tags=["cases"])
        def get(self, request, *args, **kwargs):
            return super().get(request, *args, **kwargs)

        def get_queryset(self):
            """His cases newest first, each part of what he sees read as its own range as far as the page ends
            (cases.visibility.visible_in_order): ordered whole, the list walked every case of the city for a
            clerk of a department with few."""
            cases = filtered(api.queryset().defer(*unread), api.filters, self.request.query_params)
            return RowsOf(cases, visible_in_order(api.case_type, self.request.user, cases, ("-pk",)))

    class Detail(APIView):
        permission_classes = [CaseUser]
        applicants_welcome = False

        @extend_schema(summary=f"{api.label}详情", responses=detail_serializer, tags=["cases"])
        def get(self, request, key):
            case = _find(api, request.user, key)
            return Response(detail_serializer(case, context={"request": request}).data)

    class Act(APIView):
        permission_classes = [CaseUser]
        applicants_welcome = True
        parser_classes = [JSONParser, FormParser, MultiPartParser]

        @extend_schema(exclude=True)  # each action is documented at its own path, with its own body (below)
        def post(self, request, key, action: str):
            if action not in api.perform:
                raise NotFound()
            table_action(api.case_type, action)  # every action the API performs is in the table
            try:
                case = _find(api, request.user, key)
            except NotFound:
                unreachable(api.case_type, request.user, action, key)
                raise

            def run():
                perform(api.case_type, api.perform, action, case, request.user, params(request.data), request.FILES)
                now = api.queryset().get(pk=case.pk)  # as it stands now, even if no longer in his scope
                serializer = detail_serializer if handles_cases(request.user) else applicant_serializer
                return serializer(now, context={"request": request}).data

            with refusals_audited(api.case_type, request.user, case, action):  # a reused key too
                return Response(Once(api, request, key, action).answer(run))

    class Reveal(APIView):
        permission_classes = [CaseUser]
        applicants_welcome = False

        @extend_schema(
            summary=f"查看{api.label}当事人的完整信息",
            description="仅正在办理该件的工作人员可以查看；每次查看都记入操作日志。",
            request=None,
            responses=inline_serializer(
                f"{api.name.title().replace('-', '')}Revealed",
                {"field": serializers.CharField(), "label": serializers.CharField(), "value": serializers.CharField()},
            ),
            tags=["cases"],
        )
        def post(self, request, key, field: str):
            case = _find(api, request.user, key)
            label, value = reveal(api.case_type, case, request.user, field)
            response = Response({"field": field, "label": label, "value": value})
            add_never_cache_headers(response)  # a whole ID number is kept by no cache
            return response

    def documented(action: str):
        body = body_schema(api.perform[action])
        taken = {"application/json": body, "application/x-www-form-urlencoded": body, "multipart/form-data": body}

        class ActNamed(Act):
            @extend_schema(
                summary=f"{api.label}：{table_action(api.case_type, action).label}",
                description="参数与工作台表单相同。请求头 Idempotency-Key 相同的重复请求只办理一次，"
                "并得到第一次的答复。不能在当前状态办理的，答复 409 并说明状态；参数有误的，答复 400，"
                "fields 列出有误的参数。",
                request=taken,
                responses=detail_serializer,
                parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False)],
                operation_id=f"cases_{api.name.replace('-', '_')}_{action}",
                tags=["cases"],
            )
            def post(self, request, key):
                return super().post(request, key, action)

        return ActNamed.as_view()

    REGISTERED[api.name] = api
    name = api.name.replace("-", "_")
    named = [
        path(f"{base}{lookup}/actions/{action}/", documented(action), name=f"cases_{name}_{action}")
        for action in api.perform
    ]
    return [
        *named,
        path(base, List.as_view(), name=f"cases_{name}"),
        path(f"{base}{lookup}/reveal/<slug:field>/", Reveal.as_view(), name=f"cases_{name}_reveal"),
        path(f"{base}{lookup}/", Detail.as_view(), name=f"cases_{name}_detail"),
        path(f"{base}{lookup}/actions/<slug:action>/", Act.as_view(), name=f"cases_{name}_action"),
    ]


def params(data) -> QueryDict:
    """The action's parameters as the workbench form posts them, whether sent as a form or as JSON
    (core/params.from_json: each value keeps its JSON type for its field to check)."""
    return data if isinstance(data, QueryDict) else core_params.from_json(data)


def without_files(actions: dict[str, Callable[[Model, Any, QueryDict], Any]]) -> dict[str, Perform]:
    """A domain's actions by name, as the workbench's form posts call them (case, user, params), for `perform`."""

    def without(run):
        wrapper = lambda case, user, data, files: run(case, user, data)  # noqa: E731
        wrapper.__wrapped__ = run  # the action's own code, for its body's schema (cases/bodies.py)
        return wrapper

    return {name: without(run) for name, run in actions.items()}


def _fingerprint(request, head: str) -> str:
    """What a repeat must send again: the body as sent; a multipart body (whose raw bytes Django has streamed
    into its fields and files, not kept) as its fields and each file's name and content digest."""
    digest = hashlib.sha256(head.encode())
    if not request.content_type.startswith("multipart/"):
        digest.update(request.body)
        return digest.hexdigest()
    for name, values in sorted(request.POST.lists()):
        digest.update(repr((name, values)).encode())
    for name, files in sorted(request.FILES.lists()):
        for upload in files:
            digest.update(repr((name, upload.name, upload.size)).encode())
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)  # the action reads it from the start
    return digest.hexdigest()


class Once:
    """An Idempotency-Key: the first request with it runs, and a repeat (the client retrying after a lost answer)
    gets the first answer. The key is taken with an atomic add in the shared cache before the action runs, so
    two requests racing with one key cannot both run it; the one that loses waits for nothing and is told so.
    The key belongs to the caller and the case type; reused for another case, action or body it is refused."""

    PENDING = "pending"

    def __init__(self, api: CaseApi, request, key, action: str):
        self.idem = request.headers.get("Idempotency-Key", "")
        if len(self.idem) > 64:
            raise refuse(KEY_TOO_LONG)
        # without a key nothing is remembered: a multipart body's files are not read twice for nothing
        self.fingerprint = _fingerprint(request, f"{key}:{action}:") if self.idem else ""
        digest = hashlib.sha256(f"{api.case_type.subject}:{request.user.pk}:{self.idem}".encode()).hexdigest()
        self.cache_key = f"idempotency:{digest}"

    def begin(self):
        """None when this request is to run the action; the first answer when it already ran."""
        if not self.idem:
            return None
        if cache.add(self.cache_key, {"state": self.PENDING, "fingerprint": self.fingerprint}, IDEMPOTENCY_SECONDS):
            return None
        stored = cache.get(self.cache_key) or {}
        if stored.get("fingerprint") != self.fingerprint:
            raise refuse(KEY_REUSED, Conflict)
        if stored.get("state") == self.PENDING:
            raise Conflict("同一请求正在办理中，请稍后查看结果。", code="IDEMPOTENCY_IN_PROGRESS")
        return stored["body"]

    def answer(self, run: Callable[[], Any]):
        """The first answer to a repeat; otherwise the answer `run` gives, remembered. A refused or failed attempt
        frees the key, so it may be tried again with it."""
        remembered = self.begin()
        if remembered is not None:
            return remembered
        try:
            body = run()
        except BaseException:
            self.abandon()
            raise
        self.remember(body)
        return body

    def abandon(self) -> None:
        if self.idem:
            cache.delete(self.cache_key)

    def remember(self, body) -> None:
        if self.idem:
            stored = {"state": "done", "fingerprint": self.fingerprint, "body": body}
            cache.set(self.cache_key, stored, IDEMPOTENCY_SECONDS)
