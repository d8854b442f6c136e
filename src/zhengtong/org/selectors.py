from __future__ import annotations

from django.db.models import QuerySet

from zhengtong.core.models import SiteSettings

from .models import Department, Membership, contacts


def public_departments() -> QuerySet[Department]:
    return Department.objects.filter(is_active=True).order_by("path")


def public_staff(department: Department) -> QuerySet[Membership]:
    """Staff profiles 公示 on the portal: name, post, duties. Nothing else about a person is public."""
    return (
        Membership.objects.filter(department=department, public_profile=True, user__is_active=True)
        .select_related("user", "post")
        .order_by("-is_head", "post__sort_order", "sort_order", "user__real_name")
    )


def department_children(department: Department) -> QuerySet[Department]:
    return Department.objects.get_children(department).filter(is_active=True)


def user_memberships(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("department", "post").order_by("-is_primary")


def department_ancestors(department: Department) -> QuerySet[Department]:
    return Department.objects.get_ancestors(department)


def public_contacts() -> frozenset[str]:
    """The telephones and addresses offices print on purpose: the site's (its footer shows them on every page) and
    every active department's own (its public page). A publication allows them (privacy.scan's `allow`): a citizen
    who writes that he called the bureau's number has published nobody's (issue 20 item 3). Read from the rows each
    time; each pair is read by the detector once per process (org.models.contacts)."""
    site = SiteSettings.current()
    values = set(contacts(site.contact_phone, site.address))
    for phone, address in Department.objects.filter(is_active=True).values_list("phone", "address"):
        values |= contacts(phone, address)
    return frozenset(values)
