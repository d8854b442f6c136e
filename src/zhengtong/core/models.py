"""The base model every domain table derives from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Created/updated at and by. The "by" columns are plain references so that deleting a user never
    rewrites history rows (and the audit log, not these columns, is the record of who did what)."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("更新人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class SiteSettings(models.Model):
    """The portal's identity and the footer items 国办发〔2017〕47号 requires; one row, edited by the system admin."""

    site_name = models.CharField(_("网站名称"), max_length=100, default="宁波市北仑区人民政府")
    host_org = models.CharField(_("主办单位"), max_length=100, default="宁波市北仑区人民政府办公室")
    site_code = models.CharField(_("网站标识码"), max_length=20, blank=True)
    icp_record = models.CharField(_("ICP备案号"), max_length=50, blank=True)
    police_record = models.CharField(_("公安备案号"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=100, blank=True, default="工作日 8:30—12:00，14:00—17:30")
    conac_url = models.URLField(
        _("党政机关标识链接"), blank=True, help_text=_("开办单位在党政机关网站标识管理系统中的证书页面地址。")
    )
    statement = models.TextField(_("网站声明"), blank=True, help_text=_("留空则使用平台的默认声明。"))
    privacy_policy = models.TextField(
        _("隐私政策"), blank=True, help_text=_("留空则使用平台的默认隐私政策，它如实说明平台收集和保护个人信息的方式。")
    )

    class Meta:
        verbose_name = _("网站设置")
        verbose_name_plural = _("网站设置")

    def __str__(self) -> str:
        return self.site_name

    @classmethod
    def current(cls) -> "SiteSettings":
        """Read on every page, changed perhaps once a year: cached for a minute, dropped on save."""
        from django.core.cache import cache

        obj = cache.get(SITE_SETTINGS_CACHE_KEY)
        if obj is None:
            obj = cls.objects.order_by("pk").first() or cls()
            cache.set(SITE_SETTINGS_CACHE_KEY, obj, 60)
        return obj

    def save(self, *args, **kwargs):
        from django.core.cache import cache

        super().save(*args, **kwargs)
        cache.delete(SITE_SETTINGS_CACHE_KEY)


SITE_SETTINGS_CACHE_KEY = "zt:site-settings"
