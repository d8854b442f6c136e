"""A person's identifiers on a case (a mobile, an ID number) as staff see them (issue 20, item 7; DOMAIN.md §8:
per-field access control, checked on the server, every view audited).

Staff pages and the case API show each declared field (`CaseType.personal`) masked. The full value is shown to
staff who may act on the case while it is open (its transition table allows them an action: the clerk who must
ring the applicant back), one field at a time, on a POST that writes "<app>.reveal" with the field; anyone else is
refused (403) and the attempt is audited as "<app>.denied.reveal". A supervisor who sees the case through his
data scope reads it masked."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from zhengtong import privacy
from zhengtong.audit.services import audit_record
from zhengtong.core.errors import NotFound

from .guards import case_service, denied
from .transitions import allowed_actions
from .types import CaseType

NOT_ALLOWED = ("REVEAL_NOT_ALLOWED", _("只有正在办理该件的工作人员可以查看完整信息。"))
STEP, STEP_LABEL = "reveal", _("查看完整个人信息")  # its audit row's last part, and its name in the timeline


@dataclass(frozen=True)
class Shown:
    field: str
    label: str
    masked: str
    may_reveal: bool


def masked(value: str) -> str:
    """The value as the privacy layer masks it (138****0001, 330206********1231); a value it does not recognise
    keeps only its last four characters."""
    value = value or ""
    hidden = privacy.mask(value)
    if hidden != value or len(value) <= 4:
        return hidden
    return "*" * (len(value) - 4) + value[-4:]


# What is masked in a person's own words (`CaseType.personal_texts`): the numbers that identify him to an office.
# His phone and his address are what the handling needs, and the rest of the text is the case itself.
IDENTIFIERS = frozenset((privacy.Kind.ID_NUMBER, privacy.Kind.BANK_CARD, privacy.Kind.CERTIFICATE))


def identifiers_masked(text: str) -> str:
    found = [finding for finding in privacy.scan(text, numbers_only=True) if finding.kind in IDENTIFIERS]
    return privacy.mask(text, findings=found) if found else text


def may_reveal(case_type: CaseType, case: Model, user, allowed: tuple[str, ...] | None = None) -> bool:
    """While the case is open and this user may act on it (`allowed`: his allowed actions, where known): a closed
    case's contact is nobody's need, though an action such as unpublishing stays open on it. Never where the person
    asked not to be known (`personal_withheld`): the hotline may still hold the number an anonymous caller rang
    from."""
    if getattr(case, case_type.state_field) in case_type.closed_states:
        return False
    if case_type.personal_withheld is not None and case_type.personal_withheld(case):
        return False
    return bool(allowed if allowed is not None else allowed_actions(case_type, case, user))


def shown(case_type: CaseType, case: Model, user, allowed: tuple[str, ...] | None = None) -> dict[str, Shown]:
    """Each declared field with a value, masked, and whether this user may ask for it whole (`allowed`: his
    allowed actions, where the caller has them already)."""
    may = may_reveal(case_type, case, user, allowed)
    fields = {
        field: Shown(field, label, masked(str(getattr(case, field) or "")), may)
        for field, label in case_type.personal
        if getattr(case, field)
    }
    for field, label in case_type.personal_texts:  # only a text that holds an identifier: the rest is shown whole
        text = str(getattr(case, field) or "")
        if (shown_text := identifiers_masked(text)) != text:
            fields[field] = Shown(field, label, shown_text, may)
    return fields


@case_service
def reveal(case_type: CaseType, case: Model, user, field: str) -> tuple[str, str]:
    """(label, the whole value), audited; refused (403, audited) for a user who may not act on the case."""
    labels = dict(case_type.personal + case_type.personal_texts)
    if field not in labels:
        raise NotFound()
    if not may_reveal(case_type, case, user):
        raise denied(case_type, user, case, STEP, NOT_ALLOWED, field=field)
    audit_record(action=f"{case_type.namespace}.{STEP}", obj=case, changes={"field": [None, labels[field]]})
    return labels[field], str(getattr(case, field) or "")
