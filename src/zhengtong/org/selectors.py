from __future__ import annotations

from django.db.models import QuerySet

from .models import Department, Membership


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
