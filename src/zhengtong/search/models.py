from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Entry(models.Model):
    """One public document in the index: what the result list shows. Its words live in the backend's own table
    (SQLite FTS5 `search_fts`, PostgreSQL `search_tsv`), keyed by this row's id."""

    kind = models.CharField(_("类别"), max_length=40)  # e.g. "disclosure.document", "approvals.item"
    kind_label = models.CharField(_("类别名称"), max_length=40)
    object_id = models.CharField(max_length=64)
    title = models.CharField(_("标题"), max_length=500)
    text = models.TextField(_("正文"), blank=True)  # masked, for snippets
    url = models.CharField(max_length=500)
    department_id = models.IntegerField(null=True, blank=True)  # a plain id: the engine knows no domain's tables
    department_name = models.CharField(_("部门"), max_length=200, blank=True)
    category = models.CharField(_("分类代码"), max_length=40, blank=True)
    category_label = models.CharField(_("分类"), max_length=100, blank=True)
    published_at = models.DateTimeField(_("发布日期"), null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("索引条目")
        verbose_name_plural = _("索引条目")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")]
        indexes = [models.Index(fields=["title"], name="search_entry_title")]  # a title typed exactly (selectors)

    def __str__(self) -> str:
        return self.title
