"""Personal data in free text: find it, mask it (every publishing path goes through `scan` and `mask`)."""

from .boxes import boxed
from .detect import Finding, Kind, numbers_in, scan
from .file_names import in_file_name, mask_file_name, split_extension
from .html import mask_html, visible_text
from .mask import listed, mask, mask_finding, mask_together, may_hold

__all__ = [
    "Finding",
    "Kind",
    "boxed",
    "in_file_name",
    "listed",
    "mask",
    "mask_file_name",
    "mask_finding",
    "mask_html",
    "mask_together",
    "may_hold",
    "numbers_in",
    "scan",
    "split_extension",
    "visible_text",
]
