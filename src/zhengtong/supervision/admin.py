"""System-admin pages of the engine: warning thresholds and the official holiday table (on the project's
admin site, with its duty checks and audit)."""

from __future__ import annotations

from django.contrib import admin

from zhengtong.org.admin import DutyAdmin, site
from zhengtong.workdays.models import CalendarDay, CalendarYear

from .models import WarningRule


@admin.register(WarningRule, site=site)
class WarningRuleAdmin(DutyAdmin):
    list_display = ["item_code", "stage", "yellow_units", "yellow_ratio"]
    search_fields = ["item_code", "stage"]


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 0
    fields = ["date", "kind", "name"]


@admin.register(CalendarYear, site=site)
class CalendarYearAdmin(DutyAdmin):
    """A year entered here is official from then on; open provisional deadlines are recomputed on save."""

    list_display = ["year", "notice", "source", "published_at"]
    inlines = [CalendarDayInline]


@admin.register(CalendarDay, site=site)
class CalendarDayAdmin(DutyAdmin):
    list_display = ["date", "kind", "name", "year"]
    list_filter = ["kind", "year"]
    date_hierarchy = "date"
