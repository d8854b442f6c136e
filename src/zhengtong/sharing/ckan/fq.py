"""package_search's `fq`: the part of Solr's filter syntax CKAN's clients and harvesters write (decision 0019)."""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import Q
from django.utils.dateparse import parse_datetime

from ..models import Dataset
from .errors import ActionError

FQ_FIELDS = {
    "organization": "organization__code",
    "owner_org": "organization__code",
    "tags": "tags__name",
    "groups": "groups__name",
    "res_format": "files__format",
    "license_id": "license_id",
    "name": "name",
}
MANY = {"tags", "groups", "files"}
RANGES = {"metadata_modified": "modified", "metadata_created": "created"}
FQ_MAX, FQ_TERMS, FQ_VALUES = 4_000, 50, 100  # characters, terms, values in one (a OR b) set
FQ_OR = re.compile(r"OR\s+")
# One term of Solr's fq as CKAN's clients write it: [+|-]field:value, the value "quoted", bare, a set (a OR b) or a
# range [from TO to] (`*` open); terms are joined by AND, written or not, or by OR.
FQ_TERM = re.compile(
    r'\s*(?:AND\s+)?([+-]?)(\w+):(?:"([^"]*)"|\(([^()]*)\)|\[(\S+) TO (\S+)\]|([^\s()\[\]"]+))(?:\s+|$)'
)


def filtered(datasets, fq: str):
    """`fq`'s terms, each narrowing the datasets (`-` leaving its matches out; `a OR b` either): a column of the
    dataset filters the query itself (the organization's index serves it); a term on a related list (tags, groups,
    formats) goes through a subquery, so a dataset is listed once; a time range (a harvester's
    `metadata_modified:[… TO *]`) compares the dataset's time. Bounded in length, terms and values, as each value
    is a parameter of one statement."""
    if len(fq) > FQ_MAX:
        raise fq_error(fq)
    rest, groups, joined, terms = fq.strip(), [], False, 0
    while rest:
        if groups and not joined and (either := FQ_OR.match(rest)):
            rest, joined = rest[either.end() :], True
            continue
        match = FQ_TERM.match(rest)
        terms += 1
        if not match or terms > FQ_TERMS:
            raise fq_error(fq)
        sign, field, quoted, either_values, low, high, bare = match.groups()
        if low is not None:
            condition = _range(field, low, high, fq)
        else:
            condition = _equals(field, quoted, either_values, bare, fq)
        condition = ~condition if sign == "-" else condition
        if joined:
            groups[-1] |= condition
        else:
            groups.append(condition)
        joined, rest = False, rest[match.end() :]
    if joined:
        raise fq_error(fq)  # a trailing OR
    for group in groups:
        datasets = datasets.filter(group)
    return datasets


def fq_error(fq: str) -> ActionError:
    return ActionError(409, "Search Query Error", f"Search error: cannot parse fq: {fq[:200]}")


def _equals(field: str, quoted: str | None, either: str | None, bare: str | None, fq: str) -> Q:
    if field not in FQ_FIELDS:
        raise fq_error(fq)
    if either is not None:
        values = [v.strip().strip('"') for v in re.split(r"\s+OR\s+", either.strip())]
        if not all(values) or len(values) > FQ_VALUES:
            raise fq_error(fq)
    else:
        values = [quoted if quoted is not None else bare]
    lookup = f"{FQ_FIELDS[field]}__in"
    if FQ_FIELDS[field].split("__")[0] in MANY:
        return Q(pk__in=Dataset.objects.filter(**{lookup: values}).values("pk"))
    return Q(**{lookup: values})


def _range(field: str, low: str, high: str, fq: str) -> Q:
    if field not in RANGES:
        raise fq_error(fq)
    condition = Q(**{f"{RANGES[field]}__isnull": False})  # [* TO *]: any value, as Solr reads it
    for bound, comparison in ((low, "gte"), (high, "lte")):
        if bound == "*":
            continue
        try:
            moment = parse_datetime(bound)
        except ValueError:  # well formed, no such time (month 13)
            moment = None
        if moment is None:
            raise fq_error(fq)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)  # Solr's times are UTC
        try:
            moment = moment.astimezone(dt.timezone.utc)  # as the database is given it
        except OverflowError:  # 9999-12-31T23:59:59-23:00 lies past the last time Python can hold
            raise fq_error(fq) from None
        condition &= Q(**{f"{RANGES[field]}__{comparison}": moment})
    return condition
