"""Writes on accounts: registration and staff creation. Each is one durable transaction with its audit row."""

from __future__ import annotations

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from zhengtong.audit.services import audit_record
from zhengtong.core import ids
from zhengtong.core.crypto import blind_indexes
from zhengtong.core.errors import InvalidInput, refuse_on

from . import errors
from .models import User


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput(
            exc.messages[0],
            code="PASSWORD_WEAK",
            fields={"password": [{"code": "PASSWORD_WEAK", "message": m} for m in exc.messages]},
        ) from None


def _identifier(parse, value: str, field: str) -> str:
    try:
        result = parse(value)
    except ids.IdentifierError as exc:
        raise refuse_on(field, (exc.code, exc.message)) from None
    return result.value if isinstance(result, ids.IdNumber) else result


def _check_contacts(mobile: str | None, email: str | None) -> None:
    if not mobile and not email:
        raise refuse_on("mobile", errors.CONTACT_REQUIRED)
    if mobile and User.objects.filter(mobile_index__in=blind_indexes(mobile)).exists():
        raise refuse_on("mobile", errors.MOBILE_DUPLICATE)
    if email and User.objects.filter(email__iexact=email).exists():
        raise refuse_on("email", errors.EMAIL_DUPLICATE)


def _save_new(user: User, password: str | None, *, action: str, consented: bool = False) -> User:
    if password:
        _check_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    changes = {"kind": [None, user.kind]}
    if consented:  # 个人信息保护法 Art. 14: the consent is proven by this row, with the registration it came with
        changes["privacy_consent"] = [None, "同意隐私政策"]
    audit_record(action=action, obj=user, changes=changes)
    return user


@transaction.atomic(durable=True)
def citizen_register(
    *, real_name: str, id_number: str, password: str, mobile: str = "", email: str = "", consent: bool = False
) -> User:
    id_number = _identifier(ids.parse_id_number, id_number, "id_number")
    if User.objects.filter(id_number_index__in=blind_indexes(id_number)).exists():
        raise refuse_on("id_number", errors.ID_DUPLICATE)
    _check_contacts(mobile, email)
    user = User(
        # a handle, not the mobile or e-mail: a user name is stored and shown in clear (log in with either)
        username=f"c{secrets.token_hex(6)}",
        kind=User.Kind.CITIZEN,
        real_name=real_name.strip(),
        id_number=id_number,
        mobile=mobile or None,
        email=(email or "").lower(),
    )
    return _save_new(user, password, action="accounts.citizen.register", consented=consent)


@transaction.atomic(durable=True)
def enterprise_register(
    *,
    uscc: str,
    enterprise_name: str,
    legal_representative: str,
    password: str,
    mobile: str = "",
    email: str = "",
    consent: bool = False,
) -> User:
    uscc = _identifier(ids.parse_uscc, uscc, "uscc")
    if User.objects.filter(uscc=uscc).exists():
        raise refuse_on("uscc", errors.USCC_DUPLICATE)
    _check_contacts(mobile, email)
    user = User(
        username=uscc,
        kind=User.Kind.ENTERPRISE,
        uscc=uscc,
        enterprise_name=enterprise_name.strip(),
        legal_representative=legal_representative.strip(),
        mobile=mobile or None,
        email=(email or "").lower(),
    )
    return _save_new(user, password, action="accounts.enterprise.register", consented=consent)


@transaction.atomic
def staff_create(*, username: str, real_name: str, password: str | None = None, mobile: str = "") -> User:
    """Staff accounts are made by an administrator, never by self-registration. Not durable: org's
    `staff_onboard` creates the account, its membership and roles in one transaction."""
    if User.objects.filter(username=username).exists():
        raise refuse_on("username", errors.USERNAME_DUPLICATE)
    if mobile and User.objects.filter(mobile_index__in=blind_indexes(mobile)).exists():
        raise refuse_on("mobile", errors.MOBILE_DUPLICATE)
    user = User(username=username, kind=User.Kind.STAFF, real_name=real_name, mobile=mobile or None)
    return _save_new(user, password, action="accounts.staff.create")


PUBLIC_KINDS = (User.Kind.CITIZEN, User.Kind.ENTERPRISE)


def public_account_by_mobile(mobile: str) -> User | None:
    """The citizen's or enterprise's active account with this mobile on record (staff and integrations never:
    their credentials are the security administrator's)."""
    if not mobile:
        return None
    return User.objects.filter(
        mobile_index__in=blind_indexes(mobile.strip()), kind__in=PUBLIC_KINDS, is_active=True
    ).first()


def password_reset(*, user: User, password: str) -> None:
    """A new password for a public account whose holder proved the mobile on record (the caller checks the
    proof, an SMS code, in the same transaction). Audited on the account."""
    if user.kind not in PUBLIC_KINDS:
        raise refuse_on("mobile", errors.RESET_NOT_ALLOWED)
    _check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(action="accounts.password.reset", obj=user, changes={"proof": [None, "sms"]})
