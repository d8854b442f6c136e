"""The project's URLs plus the floor the hall benchmark measures against: a minimal Django view that runs one
indexed query and returns plain text, through the same middleware as every page. The layout floor puts the same
query's answer in an otherwise empty page of the portal layout (base.html): what any portal page costs before
its own content, printed beside the targets so their headroom is visible."""

import functools

from django.http import HttpResponse
from django.urls import path

from zhengtong.urls import urlpatterns as project_urls


def floor(request, receipt_no):
    from zhengtong.approvals.models import Application

    status = Application.objects.filter(receipt_no=receipt_no).values_list("status", flat=True).first()
    return HttpResponse(status or "", content_type="text/plain")


def signed_in_floor(request, receipt_no):
    """The same floor for a signed-in citizen (his session and account read), for the pages timed as him."""
    from django.contrib.auth.decorators import login_required

    return login_required(floor)(request, receipt_no)


def staff_floor(request, receipt_no):
    """The same floor behind the workbench's gate (session, user, second factor), for the clerk's pages."""
    from zhengtong.accounts.access import staff_required

    return staff_required(floor)(request, receipt_no)


def letter_floor(request, number):
    """The letters benchmark's floor: one indexed query on the letters table."""
    from zhengtong.letters.models import Letter

    state = Letter.objects.filter(number=number).values_list("state", flat=True).first()
    return HttpResponse(state or "", content_type="text/plain")


def evaluation_floor(request, pk):
    """The 好差评 benchmark's floor: one indexed query on the invitations table."""
    from zhengtong.evaluation.models import Invitation

    label = Invitation.objects.filter(pk=pk).values_list("subject_label", flat=True).first()
    return HttpResponse(label or "", content_type="text/plain")


def evaluation_signed_in_floor(request, pk):
    """The same query for a signed-in citizen (his session and account read, as the rating page's are)."""
    from django.contrib.auth.decorators import login_required

    return login_required(evaluation_floor)(request, pk)


def evaluation_layout_floor(request, pk):
    """The same query's answer in an otherwise empty page of the portal layout."""
    from zhengtong.evaluation.models import Invitation

    label = Invitation.objects.filter(pk=pk).values_list("subject_label", flat=True).first()
    return HttpResponse(_empty_page().render({"state": label}, request))


def exchange_floor(request, uscc):
    """The exchange benchmark's floor: one indexed query on the legal-person register."""
    from zhengtong.sharing.models import LegalPerson

    name = LegalPerson.objects.filter(uscc=uscc).values_list("name", flat=True).first()
    return HttpResponse(name or "", content_type="text/plain")


def write_floor(request):
    """The floor of any recorded change: one row inserted and committed (autocommit: one durable statement, its
    WAL flushed to disk before the answer). A rating, an exchange call or any audited change costs at least this;
    the read floor above does not wait for the disk at all."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_write_floor (at) VALUES (now())")
    return HttpResponse("ok", content_type="text/plain")


def create_write_floor_table() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_write_floor (id bigserial PRIMARY KEY, at timestamptz)")


@functools.cache
def _empty_page():
    from django.template import engines

    return engines["jinja2"].from_string('{% extends "base.html" %}{% block content %}<p>{{ state }}</p>{% endblock %}')


def letter_layout_floor(request, number):
    from zhengtong.letters.models import Letter

    state = Letter.objects.filter(number=number).values_list("state", flat=True).first()
    return HttpResponse(_empty_page().render({"state": state}, request))


urlpatterns = [
    path("bench-floor/<str:receipt_no>/", floor),
    path("bench-floor-signed-in/<str:receipt_no>/", signed_in_floor),
    path("bench-letter-floor/<str:number>/", letter_floor),
    path("bench-letter-layout/<str:number>/", letter_layout_floor),
    path("bench-evaluation-floor/<int:pk>/", evaluation_floor),
    path("bench-evaluation-layout/<int:pk>/", evaluation_layout_floor),
    path("bench-evaluation-signed-in/<int:pk>/", evaluation_signed_in_floor),
    path("bench-exchange-floor/<str:uscc>/", exchange_floor),
    path("bench-write-floor/", write_floor),
    path("workbench/bench-floor/<str:receipt_no>/", staff_floor),
    *project_urls,
]
