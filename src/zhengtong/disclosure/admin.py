"""System-admin page of the disclosure engine: the office each organ's 公开指南 names (on the project's admin
site, with its duty checks and audit)."""

from __future__ import annotations

from django.contrib import admin

from zhengtong.org.admin import DutyAdmin, site

from .models import GuideOffice
from .selectors import organs


@admin.register(GuideOffice, site=site)
class GuideOfficeAdmin(DutyAdmin):
    list_display = ["department", "name", "phone", "office_hours", "updated_at"]
    list_select_related = ["department"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "department":
            kwargs["queryset"] = organs()  # the organs that publish a guide
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
