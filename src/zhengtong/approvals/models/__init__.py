from .applications import Application, ApplicationMaterial, Branch, CorrectionNotice, Decision, Event, Status
from .catalogue import FormField, GuideVersion, ItemType, Material, ServiceItem, ServiceType, Theme

__all__ = [
    "Application",
    "ApplicationMaterial",
    "Branch",
    "CorrectionNotice",
    "Decision",
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
