"""Publication: a masked copy of the letter and its reply, made once by the centre. Public pages, feeds, the API
and the search index read only this copy; the raw letter never leaves the workbench."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from zhengtong import privacy
from zhengtong.audit.services import audit_record
from zhengtong.cases.guards import case_service
from zhengtong.core.errors import refuse
from zhengtong.core.masking import mask_name
from zhengtong.org.selectors import public_contacts

from .. import errors
from ..counts import forget_counts
from ..models import Letter, State
from ..search_index import letter_push
from .common import locked, require_centre, require_state_for


def masked(letter: Letter, *texts: str) -> list[str]:
    """The parts of the letter as the public reads them: the privacy guard over them together (a name found in one
    is masked in all), names in its prose read by the model as well (made once, at publication), offices' own
    telephones and addresses kept, and the writer's own name and phone masked wherever they appear."""
    out = []
    for text in privacy.mask_together(texts, allow=public_contacts(), read_prose=True):
        if len(letter.writer_name) >= 2:
            text = text.replace(letter.writer_name, mask_name(letter.writer_name))
        if letter.writer_phone:
            text = text.replace(letter.writer_phone, "*" * len(letter.writer_phone))
        out.append(text)
    return out


def public_copy(letter: Letter) -> tuple[str, str, str]:
    """The title, text and reply as the public reads them."""
    title, content, reply = masked(letter, letter.title, letter.content, letter.reply)
    return title, content, reply


@case_service
def letter_publish(*, letter: Letter, by) -> Letter:
    require_centre(by, letter, "publish")
    letter = locked(letter)
    if not (letter.public_allowed and letter.state in (State.REPLIED, State.CLOSED)):
        raise refuse(errors.NOT_PUBLISHABLE)  # the writer did not agree, or there is no answer yet
    require_state_for(letter, "publish", by)  # and not published already (letters/case.py)
    letter.public_title, letter.public_content, letter.public_reply = public_copy(letter)
    letter.published_at = timezone.now()
    letter.save()
    audit_record(action="letters.letter.publish", obj=letter)
    letter_push(letter)
    transaction.on_commit(forget_counts)  # the list's count and page keys
    return letter


@case_service
def letter_unpublish(*, letter: Letter, by) -> Letter:
    require_centre(by, letter, "unpublish")
    letter = locked(letter)
    require_state_for(letter, "unpublish", by)
    letter.published_at, letter.public_title, letter.public_content, letter.public_reply = None, "", "", ""
    letter.save()
    audit_record(action="letters.letter.unpublish", obj=letter)
    letter_push(letter)
    transaction.on_commit(forget_counts)  # the list's count and page keys
    return letter


def letters_remask(*, progress=None) -> tuple[int, int]:
    """Every published letter's public copy made again from the letter with the privacy guard as it stands now:
    the copy is made once at publication, so what an older guard missed (a passport, a WeChat id) stayed public
    after the upgrade that taught it. A changed copy is saved, audited and indexed again, one letter a
    transaction; an unchanged one is left alone. Returns (changed, published)."""
    published = list(Letter.objects.filter(published_at__isnull=False).order_by("pk").values_list("pk", flat=True))
    changed = 0
    for done, pk in enumerate(published, 1):
        with transaction.atomic():
            letter = locked(Letter(pk=pk))
            fresh = public_copy(letter)
            if letter.published_at and fresh != (letter.public_title, letter.public_content, letter.public_reply):
                letter.public_title, letter.public_content, letter.public_reply = fresh
                letter.save(update_fields=["public_title", "public_content", "public_reply", "updated_at"])
                audit_record(action="letters.letter.remask", obj=letter)
                letter_push(letter)
                changed += 1
        if progress and (done % 200 == 0 or done == len(published)):
            progress(done, len(published))
    if changed:
        forget_counts()
    return changed, len(published)
