from .applications import Application, ApplicationMaterial, Branch, CorrectionNotice, Decision, Event, Status
from .catalogue import FormField, GuideVersion, ItemType, Material, ServiceItem, ServiceType, Theme
from .drafts import Draft, DraftMaterial

__all__ = [
    "Application",
    "ApplicationMaterial",
    "Branch",
    "CorrectionNotice",
    "Decision",
    "Draft",
    "DraftMaterial",
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
