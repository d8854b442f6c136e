from .applications import Application, ApplicationMaterial, Branch, CorrectionNotice, Decision, Event, Status
from .catalogue import FormField, GuideVersion, ItemType, Material, ServiceItem, ServiceType, Theme
from .drafts import Draft, DraftMaterial
from .notices import Notice, NoticeCounter

__all__ = [
    "Application",
    "ApplicationMaterial",
    "Branch",
    "CorrectionNotice",
    "Decision",
    "Draft",
    "DraftMaterial",
    "Notice",
    "NoticeCounter",
    "Event",
    "Status",
    "FormField",
    "GuideVersion",
    "ItemType",
    "Material",
    "ServiceItem",
    "ServiceType",
    "Theme",
]
