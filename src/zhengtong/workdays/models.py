"""The official holiday schedule: only the exceptions to "Monday-Friday work, weekends rest".

Each year's schedule is published by the State Council General Office (国务院办公厅关于X年部分节假日安排的通知),
usually in October-November of the year before. A year without a `CalendarYear` row is unpublished: dates in it
get provisional answers (weekends only).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    notice = models.CharField(_("依据文件"), max_length=200)
    source = models.CharField(_("来源"), max_length=100, blank=True)
    published_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("年度节假日安排")
        verbose_name_plural = _("年度节假日安排")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("放假")
        WORKDAY = "workday", _("调休上班")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("节日"), max_length=50)
    year = models.ForeignKey(CalendarYear, verbose_name=_("年度"), on_delete=models.CASCADE, related_name="days")

    class Meta:
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}{self.get_kind_display()}"
