"""What a file input needs for portal/site.js to check a file the moment it is chosen (its type by name, its
size), before anything is sent; the server checks it again by its content (intake.clean)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .intake import MAX_BYTES

ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"


def checked_on_choice(accept: str = ACCEPT) -> dict:
    return {
        "accept": accept,
        "data-max-bytes": str(MAX_BYTES),
        "data-type-message": _("%(name)s：只能上传 PDF、JPG、PNG、docx 或 xlsx 文件，请重新选择。"),
        "data-size-message": _("%(name)s：文件超过20MB，请压缩或拆分后重新选择。"),
    }
