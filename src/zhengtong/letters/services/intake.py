"""Intake from every channel into one kind of case: the web form (anonymous or real-name), a leader's or a
department's mailbox, a phone call entered by a hotline operator, an Open311 client. Each letter starts the
2-hour acceptance clock at the centre. The same writer sending the same text again within 30 days gets the
first letter back (one case, not two); a near-identical text from anyone is flagged for the centre to merge."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from zhengtong import privacy
from zhengtong.audit.services import audit_record
from zhengtong.cases import lookup
from zhengtong.core.crypto import blind_indexes, decrypt
from zhengtong.core.errors import refuse, refuse_on
from zhengtong.core.sql import lock_for_transaction, next_key
from zhengtong.core.validators import MOBILE_RE
from zhengtong.files.services import uploads_store

from .. import errors, similar
from ..case import LETTER
from ..models import Attachment, Channel, Kind, Letter, Mailbox, State, Urgency
from .common import centre_department, event, letter_number, limit_for, query_hash, start_clock

DUPLICATE_WINDOW = dt.timedelta(days=30)
LANDLINE_RE = re.compile(r"^0[0-9]{2,3}-?[0-9]{7,8}$")
MARKUP_RE = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
OWN_LETTERS = 50  # one writer's letters in 30 days
PER_BAND = 10
NOT_A_CASE = (State.MERGED, State.DECLINED)  # never found again as an earlier letter (_repeat and _near)
# The earlier letters _repeat and _near compare with: received in the window and still a case.
IN_WINDOW = f"received_at >= %s AND state NOT IN ({', '.join(['%s'] * len(NOT_A_CASE))})"


@dataclass(frozen=True)
class Intake:
    letter: Letter
    query_code: str  # shown once; only its HMAC is stored. Empty when `repeated`.
    repeated: bool = False
    again: bool = False  # the same submission sent again (same key, same words): nothing new was filed


def _clean_text(title: str, content: str) -> tuple[str, str]:
    title, content = (title or "").strip(), (content or "").strip()
    if not content:
        raise refuse(errors.CONTENT_REQUIRED)
    if len(content) > errors.MAX_CONTENT:
        raise refuse(errors.CONTENT_TOO_LONG, max=errors.MAX_CONTENT)
    if MARKUP_RE.search(title) or MARKUP_RE.search(content):
        raise refuse(errors.MARKUP)
    if title and privacy.scan(title):
        # A title is copied into lists, notifications, the clock's label and the audit's description: personal data
        # in it is masked there, and the title kept whole at the head of the content, which is encrypted.
        content, title = f"（原标题：{title}）\n{content}", privacy.mask(title)
    # Masked, then cut: a number cut short no longer reads as one (17 digits of an ID number are no ID number).
    title = title or privacy.mask(content.splitlines()[0])[:30]
    return title[:100], content


def _check_name(name: str) -> None:
    """A writer's name is stored in clear and shown to staff: a number in it is refused."""
    if privacy.numbers_in(name):
        raise refuse_on("writer_name", errors.NAME_NOT_A_NAME)


def _check_phone(phone: str) -> str:
    phone = re.sub(r"[\s()（）]", "", phone or "")
    if phone and not (MOBILE_RE.match(phone) or LANDLINE_RE.match(phone)):
        raise refuse(errors.PHONE_INVALID)
    return phone


def _window_params(since: dt.datetime) -> list:
    return [connection.ops.adapt_datetimefield_value(since), *NOT_A_CASE]


def _repeat(text: str, by, phone: str, since: dt.datetime) -> Letter | None:
    """The writer's own letter with the same text in the window: looked up by writer, so any number of other
    people sending the same text (a campaign) cannot push it out of sight."""
    if by is not None and getattr(by, "pk", None) and getattr(by, "kind", "") != "staff":
        column, writers = "writer_id", [by.pk]
    elif phone:
        column, writers = "writer_phone_index", blind_indexes(phone)  # under every key, as during a rotation
    else:
        return None
    # Plain SQL, as _near's: run on every letter taken in, the ORM's query cost more to build than to run.
    sql = (
        f"SELECT id, title, content FROM {Letter._meta.db_table} "
        f"WHERE {column} IN ({', '.join(['%s'] * len(writers))}) AND {IN_WINDOW} "
        f"ORDER BY received_at, id LIMIT {OWN_LETTERS}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*writers, *_window_params(since)])
        rows = cursor.fetchall()
    norm = similar.normalise(text)
    for pk, title, content in rows:  # content is stored encrypted (issue 20): plain SQL reads the ciphertext
        if similar.normalise(f"{title}\n{decrypt(content)}") == norm:
            return Letter.objects.get(pk=pk)
    return None


def _near(text: str, b: tuple[int, ...], since: dt.datetime) -> int | None:
    """The earliest near-identical letter in the window (`b`: the text's bands, worked out once per letter). Each
    band is read in its own bounded index range: a band shared by thousands of letters (common words make some)
    costs no more than a rare one. One plain statement for the six reads: built through the ORM, their UNION cost
    more to compile than to run, on every letter taken in."""
    if not any(b):
        return None
    arm = (
        "SELECT * FROM (SELECT id, received_at, title, content FROM {letter} WHERE band{i} = %s AND {window} "
        "ORDER BY received_at LIMIT %s) b{i}"
    )
    union = " UNION ALL ".join(arm.format(letter=Letter._meta.db_table, i=i, window=IN_WINDOW) for i in range(len(b)))
    # Ordered by the database: up to 60 timestamps made time-zone aware in Python cost more than the reads.
    sql = f"SELECT id, title, content FROM ({union}) candidates ORDER BY received_at, id"
    window = _window_params(since)
    params = [p for value in b for p in (value, *window, PER_BAND)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    mine, seen = similar.shingles(text), set()
    for pk, title, content in rows:
        if pk not in seen:  # a letter sharing several bands comes once per band
            seen.add(pk)
            if similar.jaccard(mine, similar.shingles(f"{title}\n{decrypt(content)}")) >= similar.NEAR:
                return pk
    return None


def _attach(letter: Letter, uploads, by) -> None:
    """Store the files through the intake (all or none); a file the letter already has (a repeat) is not added
    twice."""
    if not uploads:
        return
    have = set(letter.attachments.values_list("file__sha256", flat=True))
    for _name, stored in uploads_store(uploads, by=by if getattr(by, "pk", None) else None):
        if stored.sha256 not in have:
            Attachment.objects.create(letter=letter, file=stored)
            have.add(stored.sha256)


@transaction.atomic
def letter_submit(
    *,
    channel: str,
    kind: str,
    title: str,
    content: str,
    by=None,
    anonymous: bool = False,
    writer_name: str = "",
    writer_phone: str = "",
    public_allowed: bool = False,
    mailbox: Mailbox | None = None,
    urgency: str = Urgency.NORMAL,
    received_at: dt.datetime | None = None,
    location: str = "",
    latitude=None,
    longitude=None,
    category=None,
    phone_verified: bool = False,
    attachments=(),
    submission_key: str = "",
    key_scope: str = "",
    about=None,
    filed_by=None,
) -> Intake:
    """attachments: (name, bytes) pairs, at most errors.MAX_ATTACHMENTS. about: the member of staff (a
    Membership) a 表扬 or 投诉 names; kept only for those two kinds. filed_by: the account that files for the
    writer (an integration's key through Open311), kept as the letter's creator; by default the writer.
    submission_key: the key a form or a client sent (at most 64 characters), bound to `key_scope` (who sent it);
    the same key again is answered with the letter it filed and the same query code, and files nothing."""
    title, content = _clean_text(title, content)
    if len(attachments) > errors.MAX_ATTACHMENTS:
        raise refuse(errors.TOO_MANY_FILES, max=errors.MAX_ATTACHMENTS)
    if kind not in Kind.values:
        raise refuse(errors.KIND_INVALID)
    if channel not in Channel.values or urgency not in Urgency.values:
        raise refuse(errors.KIND_INVALID)
    if mailbox is not None and not mailbox.is_active:
        raise refuse(errors.MAILBOX_INVALID)
    staff = getattr(by, "kind", "") == "staff"
    now = timezone.now()
    if staff and received_at:
        if received_at > now:
            raise refuse(errors.RECEIVED_IN_FUTURE)
    else:
        received_at, urgency = now, (urgency if staff else Urgency.NORMAL)
    writer = by if (by is not None and getattr(by, "pk", None) and not staff and not anonymous) else None
    if writer is not None:
        writer_name, writer_phone = writer.real_name or writer.display_name, writer.mobile or writer_phone
    if anonymous:
        writer_name = ""
    writer_phone = _check_phone(writer_phone)
    _check_name(writer_name)
    if not anonymous and not (writer_name.strip() and writer_phone):
        raise refuse(errors.CONTACT_REQUIRED)
    if len(submission_key) > 64:
        raise refuse(errors.SUBMISSION_KEY_TOO_LONG)
    text = f"{title}\n{content}"
    sent_as = f"{kind}\n{anonymous}\n{writer_name}\n{writer_phone}\n{text}"
    digest = lookup.submission_digest(LETTER, key_scope, submission_key, sent_as) if submission_key else ""
    if digest:  # before the writer's repeat: a retry is answered as the first try was
        sent = lookup.made_before(LETTER, Letter, digest)
        if sent is not None:
            return Intake(sent, lookup.new_query_code(LETTER, digest), again=True)
    who = f"u{by.pk}" if by is not None and getattr(by, "pk", None) and not staff else writer_phone
    if who:  # two identical submissions at once (a double click, two tabs) must not both find nothing and both create
        lock_for_transaction(f"letters.intake:{who}")
    since = received_at - DUPLICATE_WINDOW
    repeat = _repeat(text, by, writer_phone, since)
    if repeat is not None:
        event(repeat, "repeat", "同一来信人再次提交相同内容，已并入本件", by=by, at=now)
        _attach(repeat, attachments, by)
        audit_record(action="letters.letter.repeat", obj=repeat, changes={"channel": [None, channel]})
        return Intake(repeat, "", repeated=True)
    b = similar.bands(text)
    # The number is written with the letter: a placeholder updated after made each insert wait for the letter
    # before it to commit, so intake ran one letter at a time however many came in at once.
    pk, code = next_key(Letter), lookup.new_query_code(LETTER, digest)
    number = letter_number(received_at, pk)
    letter = Letter.objects.create(
        pk=pk,
        number=number,
        about=about if kind in (Kind.PRAISE, Kind.COMPLAINT) else None,
        query_hash=query_hash(number, code),
        submission_key=digest,
        channel=channel,
        mailbox=mailbox,
        kind=kind,
        urgency=urgency,
        title=title,
        content=content,
        location=location.strip()[:200],
        latitude=latitude,
        longitude=longitude,
        writer=writer,
        anonymous=anonymous,
        writer_name=writer_name.strip()[:50],
        writer_phone=writer_phone,
        phone_verified=phone_verified and bool(writer_phone),
        public_allowed=public_allowed,
        received_at=received_at,
        band0=b[0],
        band1=b[1],
        band2=b[2],
        band3=b[3],
        band4=b[4],
        band5=b[5],
        possible_duplicate_id=_near(text, b, since),
        category=category,
        created_by=filed_by or (by if getattr(by, "pk", None) else None),
    )
    _attach(letter, attachments, by)
    centre = centre_department()
    event(
        letter,
        "submit",
        f"收到来信（{letter.get_channel_display()}）",
        by=by,
        department=centre,
        at=received_at,
        public=True,
    )
    if centre is not None:
        start_clock(letter, "accept", "受理", centre, limit_for("accept"), started_at=received_at)
    audit_record(
        action="letters.letter.submit",
        obj=letter,
        changes={"channel": [None, letter.get_channel_display()], "kind": [None, letter.get_kind_display()]},
    )
    _send_query_code(letter, code)
    return Intake(letter, code)


def _send_query_code(letter: Letter, code: str) -> None:
    """One SMS with the letter's number and query code (issue 22 item 5), to the writer's account mobile or to the
    mobile he proved with an SMS code; a number nobody proved (typed by a visitor, or by the operator from a call)
    gets none. Only a new letter comes here: a retry (`again`) and a merged repeat return before."""
    if letter.writer_id:
        mobile = letter.writer.mobile or ""
    else:
        mobile = letter.writer_phone if letter.phone_verified else ""
    lookup.send_code(
        mobile=mobile,
        recipient=letter.writer,
        what="您的来信已收到",
        number_label="信件编号",
        number=letter.number,
        code=code,
        page="信件查询",
    )
