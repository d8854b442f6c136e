"""Django validators over core.ids: one place turns an IdentifierError into a form error with its code."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import ids

MOBILE_RE = re.compile(r"^1[3-9][0-9]{9}$")


def _wrap(parse):
    def validator(value):
        try:
            parse(value)
        except ids.IdentifierError as exc:
            raise ValidationError(exc.message, code=exc.code) from None

    validator.__name__ = f"validate_{parse.__name__.removeprefix('parse_')}"
    return validator


validate_id_number = _wrap(ids.parse_id_number)
validate_uscc = _wrap(ids.parse_uscc)
validate_org_code = _wrap(ids.parse_org_code)


def validate_mobile(value: str) -> None:
    if not MOBILE_RE.match(value or ""):
        raise ValidationError(_("手机号码应为以1开头的11位数字。"), code="MOBILE_FORMAT")
