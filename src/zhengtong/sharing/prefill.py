"""No collecting again (DOMAIN.md §6): what the service hall may take from the registers instead of asking the
applicant, where the item's department holds a grant on the register (or provides it): the enterprise's
registered data for the application form, and the licences the applicant holds for the guide's materials.

The form's fields are matched by their key (字段标识): a field keyed as a legal-person column (`uscc`,
`address`, `legal_representative`, `registered_capital`, `established_on`) or as the unit's name (`unit_name`,
`enterprise_name`) is filled from the register, among the columns the grant gives."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from zhengtong.core import crypto
from zhengtong.core.sql import planned_for_its_values

from .models import Grant, LegalPerson, Licence, Register, Resource

FORM_KEYS = {
    "unit_name": "name",
    "enterprise_name": "name",
    "uscc": "uscc",
    "address": "address",
    "legal_representative": "legal_representative",
    "registered_capital": "registered_capital",
    "established_on": "established_on",
}


def granted_columns(department_id: int | None, register: str) -> set[str]:
    """The register columns a department may read: all a resource of its own gives, or those of its current
    grants."""
    if department_id is None:
        return set()
    resources = Resource.objects.filter(register=register)
    own = resources.filter(provider_id=department_id)
    keys = set(own.values_list("items__key", flat=True))
    for fields in _current_grants(resources, department_id).order_by().values_list("fields", flat=True).distinct():
        keys.update(fields)
    keys.discard(None)
    return keys


def _current_grants(resources, department_id: int):
    return Grant.objects.filter(
        resource__in=resources,
        consumer_id=department_id,
        state=Grant.State.ACTIVE,
        expires_on__gte=timezone.localdate(),
    )


def form_values(user, department_id: int | None, keys) -> dict[str, str]:
    """The form's fields (by key) the legal-person register fills for this enterprise applicant."""
    uscc = getattr(user, "uscc", None)
    wanted = {k: FORM_KEYS[k] for k in keys if k in FORM_KEYS}
    if not uscc or not wanted:
        return {}
    columns = granted_columns(department_id, Register.LEGAL_PERSON)
    if not columns:
        return {}
    found = LegalPerson.objects.filter(uscc=uscc).first()
    if found is None:
        return {}
    return {k: str(getattr(found, c) or "") for k, c in wanted.items() if c in columns}


def licences_of(user) -> QuerySet[Licence]:
    """The valid licences held by the applicant: an enterprise's by its credit code, a person's by his ID number."""
    condition = Q(pk__in=[])
    if getattr(user, "uscc", None):
        condition |= Q(holder_uscc=user.uscc)
    if getattr(user, "id_number", None):
        condition |= Q(holder_index__in=crypto.blind_indexes(user.id_number))
    today = timezone.localdate()
    return Licence.objects.filter(condition, status=Licence.Status.VALID).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )


def reads_licences(department_id: int | None) -> bool:
    """Whether the department may read the licence register (a grant, or its own resource): asked of the index,
    not by reading every grant's fields (the service guide, a hot public page, asks it; 0.5 s at 1M rows)."""
    if department_id is None:
        return False
    resources = Resource.objects.filter(register=Register.LICENCE)
    own = resources.filter(provider_id=department_id, items__isnull=False)
    with planned_for_its_values():  # most departments hold no grant: a generic plan read every grant to find none
        return own.exists() or _current_grants(resources, department_id).exists()


def held_licences(user, department_id: int | None, kinds) -> dict[str, Licence]:
    """Licence kind → the applicant's licence of that kind, for the kinds asked, where the department may read
    the licence register."""
    kinds = {k for k in kinds if k}
    if not kinds or not user or not getattr(user, "is_authenticated", False):
        return {}
    if not reads_licences(department_id):
        return {}
    return {
        lic.kind: lic for lic in licences_of(user).filter(kind__in=kinds).order_by("issued_on")
    }  # the newest last, so kept
