"""System-admin page of the disclosure engine: the office the 公开指南 names (on the project's admin site, with its
duty checks and audit)."""

from __future__ import annotations

from django.contrib import admin

from zhengtong.org.admin import DutyAdmin, site

from .models import GuideOffice


@admin.register(GuideOffice, site=site)
class GuideOfficeAdmin(DutyAdmin):
    list_display = ["name", "phone", "office_hours", "updated_at"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not GuideOffice.objects.exists()  # one office, as the guide shows one
