"""互动交流 on the portal: write a letter, follow it by number and query code or under 我的信件, read the
published letters (masked copies only) and the monthly summary."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhengtong.audit.context import client_ip
from zhengtong.core import params
from zhengtong.core.errors import ZtError
from zhengtong.core.forms import apply_error
from zhengtong.core.masking import mask_mobile
from zhengtong.core.paging import page_of, pager_query
from zhengtong.files import held
from zhengtong.files.intake import read_uploads
from zhengtong.notifications.verification import phone_code_send, phone_code_verify
from zhengtong.org.models import Membership
from zhengtong.search.query import parse
from zhengtong.search.selectors import search
from zhengtong.supervision.selectors import case_deadline

from . import selectors, services
from .case import LETTER
from .errors import MAX_ATTACHMENTS
from .forms import ListFilter, QueryForm, WriteForm
from .models import Channel, Kind
from .public_reads import PAGE_SIZE, PublishedRows, kind_labels, public_case, public_events
from .search_index import KIND

DONE_SESSION_KEY = "letters:done"
PHONE_PURPOSE = "letters.write"


def index(request):
    chosen = ListFilter.read(request.GET)
    results = page = None
    if chosen.q:
        results = search(parse(chosen.q, kind=KIND), page=_page(request))
    else:
        page = page_of(PublishedRows(chosen.kind), PAGE_SIZE, request.GET.get("page"))
    return render(
        request,
        "letters/index.html",
        {"chosen": chosen, "kinds": kind_labels(), "page": page, "results": results, "query": pager_query(request.GET)},
    )


def _page(request) -> int:
    try:
        return max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        return 1


def letter(request, number: str):
    found = public_case(number)
    if found is None:
        raise Http404
    return render(request, "letters/letter.html", {"letter": found[0], "events": found[1]})


HELD = "letters:write"


def _prefill(query) -> dict:
    """A link may choose the kind and a title (a staff profile's 表扬 or 投诉): text only, never anything else."""
    initial = {}
    if query.get("kind") in Kind.values:
        initial["kind"] = query["kind"]
    if query.get("title"):
        initial["title"] = query["title"][:100]
    try:
        about = params.identifier(query, "about")
    except ZtError:  # a link's stray value names no one; the form still opens
        about = None
    if about:
        initial["about"] = about
    return initial


def _about(value) -> Membership | None:
    """The published member of staff a praise or complaint is about; anything else names no one."""
    if not value:
        return None
    return Membership.objects.filter(pk=value, public_profile=True, user__is_active=True).first()


def write(request):
    """Every post first checks and holds the files chosen (files/held.py), so an error, a wrong code or sending a
    code never makes the writer choose them again."""
    user = request.user if request.user.is_authenticated else None
    refused = []
    if request.method != "POST" or "clear_files" in request.POST:
        # A fresh form holds nothing: on a shared terminal the next visitor never inherits the last one's files.
        held.release(request.session, HELD)
    else:
        chosen = read_uploads(request.FILES.getlist("attachments"))
        refused = held.hold(request.session, HELD, chosen, by=user, limit=MAX_ATTACHMENTS)
    kept = held.held(request.session, HELD)
    # bound on every post, one with files alone too (an unbound form takes no error: a 500)
    posted = request.POST if request.method == "POST" else None
    form = WriteForm(posted, user=user, initial=_prefill(request.GET)).holding(kept)
    sent_to = None
    if request.method == "POST" and "clear_files" in request.POST:
        form.without_errors()
    elif request.method == "POST" and "send_code" in request.POST:
        form.without_errors()
        try:
            phone_code_send(mobile=request.POST.get("writer_phone", ""), purpose=PHONE_PURPOSE, ip=client_ip(request))
        except ZtError as exc:
            form.add_error("writer_phone", ValidationError(exc.message, code=exc.code))
        else:
            sent_to = mask_mobile(request.POST["writer_phone"].strip())
    elif request.method == "POST" and form.is_valid() and not refused:
        data = form.cleaned_data
        # A visitor's contact is proved by an SMS code; a logged-in writer's comes from the account.
        verify = user is None and not data["anonymous"]
        try:
            with transaction.atomic():  # the code is checked after the letter's own rules, and undone with it
                intake = services.letter_submit(
                    channel=Channel.MAILBOX if data["mailbox"] else Channel.WEB,
                    mailbox=data["mailbox"],
                    kind=data["kind"],
                    title=data["title"],
                    content=data["content"],
                    location=data["location"],
                    by=user,
                    anonymous=data["anonymous"],
                    writer_name=data.get("writer_name", ""),
                    writer_phone=data.get("writer_phone", ""),
                    public_allowed=data["public_allowed"],
                    phone_verified=verify,
                    attachments=held.as_uploads(kept),
                    submission_key=data["submission_key"],
                    key_scope=f"u{user.pk}" if user else "web",
                    about=_about(data.get("about")),
                )
                if verify and not intake.again:  # a retry's code was used up by the first try
                    _verify_phone(form, data)
        except ZtError as exc:
            if not form.errors:
                apply_error(form, exc)
        else:
            held.release(request.session, HELD)
            # Shown once on the next page, never in a URL.
            request.session[DONE_SESSION_KEY] = {
                "number": intake.letter.number,
                "code": intake.query_code,
                "repeated": intake.repeated,
            }
            return redirect("letters:done")
    for problem in refused:
        form.add_error("attachments", ValidationError(problem["message"], code=problem["code"]))
    return render(request, "letters/write.html", {"form": form, "sent_to": sent_to, "held": kept})


@require_POST
def write_code(request):
    """The 获取短信验证码 button's request (htmx): a fragment saying where the code went, or why it did not."""
    mobile = request.POST.get("writer_phone", "")
    try:
        phone_code_send(mobile=mobile, purpose=PHONE_PURPOSE, ip=client_ip(request))
    except ZtError as exc:
        return render(request, "letters/_code_sent.html", {"message": exc.message, "code": exc.code})
    return render(request, "letters/_code_sent.html", {"sent_to": mask_mobile(mobile.strip())})


def _verify_phone(form, data) -> None:
    try:
        phone_code_verify(mobile=data["writer_phone"], purpose=PHONE_PURPOSE, code=data.get("phone_code", ""))
    except ZtError as exc:
        form.add_error("phone_code", ValidationError(exc.message, code=exc.code))
        raise


def done(request):
    receipt = request.session.pop(DONE_SESSION_KEY, None)
    if receipt is None:
        return redirect("letters:query")
    return render(request, "letters/done.html", {"receipt": receipt})


def query(request):
    form = QueryForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        try:
            found = services.status_lookup(
                number=form.cleaned_data["number"], code=form.cleaned_data["code"], ip=client_ip(request)
            )
        except ZtError as exc:
            apply_error(form, exc)
    return render(
        request,
        "letters/query.html",
        {
            "form": form,
            "letter": found,
            "events": public_events(found) if found else (),
            "deadline": case_deadline(LETTER.subject, found.pk) if found else None,
        },
    )


@login_required
def mine(request):
    page = page_of(request.user.letters.order_by("-received_at", "-pk"), 20, request.GET.get("page"))
    return render(request, "letters/mine.html", {"page": page})


@login_required
def mine_detail(request, number: str):
    found = request.user.letters.filter(number=number).select_related("department").first()
    if found is None:
        raise Http404
    context = {"letter": found, "events": public_events(found), "own": True}
    return render(request, "letters/query.html", {**context, "deadline": case_deadline(LETTER.subject, found.pk)})


def summary(request):
    months = selectors.months_back(12)
    month = selectors.chosen_month(request.GET.get("month"), months)
    return render(request, "letters/summary.html", {"report": selectors.monthly(month), "months": months})
