from __future__ import annotations

from .. import factories as f


def registered_request(district, content: str, phone: str = "13805740001"):
    """A disclosure request registered at the counter by department A's clerk: (the clerk, the request)."""
    from zhengtong.disclosure import requests as svc

    clerk = f.staff("clerk_a", "甲", district["A"])
    registered = svc.request_register(
        department=district["A"],
        by=clerk,
        applicant_kind="person",
        applicant_name="张三",
        identifier=f.valid_id_number(),
        contact_phone=phone,
        channel="in_person",
        content=content,
    )
    return clerk, registered
