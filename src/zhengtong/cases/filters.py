"""A case list's filters (`CaseApi.filters`: a query parameter and the lookup it filters on), each value checked
against what the lookup can ever match: a state or kind among its field's choices, a code that names a row of the
model it points to. A value that can match nothing is a mistake in the request, answered 400 naming the
parameter and what it takes; an empty list would read as "there are none"."""

from __future__ import annotations

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from zhengtong.core.errors import refuse_on

FILTER_CHOICE = ("FILTER_VALUE", _("筛选条件 %(name)s 只能是：%(values)s。"))
FILTER_NOTHING = ("FILTER_VALUE", _("筛选条件 %(name)s：没有编码为“%(value)s”的%(what)s。"))


def _target(model: type[Model], lookup: str):
    """The model and field a lookup ends on (`assignments__department__code`: Department.code)."""
    *path, last = lookup.split("__")
    for part in path:
        model = model._meta.get_field(part).related_model
    return model, model._meta.get_field(last)


def _choices(field) -> list[str] | None:
    return [str(code) for code, _label in field.flatchoices] if field.choices else None


def choices(model: type[Model], lookup: str) -> list[str] | None:
    """The values a filter takes, where its field has choices (for the schema's enum)."""
    return _choices(_target(model, lookup)[1])


def checked(model: type[Model], name: str, lookup: str, value: str) -> str:
    target, field = _target(model, lookup)
    values = _choices(field)
    if values is not None:
        if value not in values:
            raise refuse_on(name, FILTER_CHOICE, name=name, values="、".join(values))
    elif target is not model and not target._base_manager.filter(**{field.name: value}).exists():
        raise refuse_on(name, FILTER_NOTHING, name=name, value=value, what=target._meta.verbose_name)
    return value


def filtered(cases: QuerySet, filters: dict[str, str], query) -> QuerySet:
    """Through a subquery: a filter across assignments or branches lists a case once."""
    for name, lookup in filters.items():
        value = query.get(name)
        if value:
            matching = cases.model._base_manager.filter(**{lookup: checked(cases.model, name, lookup, value[:64])})
            cases = cases.filter(pk__in=matching.values("pk"))
    return cases
