"""Issue 20 item 3: public office phones and addresses are allowed in every publication (org.selectors)."""

from __future__ import annotations

from zhengtong.core.models import SiteSettings
from zhengtong.org.selectors import public_contacts


def test_the_sites_and_every_departments_contacts_are_public_as_written_and_as_read(district):
    site = SiteSettings.current()
    site.contact_phone, site.address = "0574-86781111", "宁波市北仑区长江路1166号"
    site.save()
    department = district["A"]
    department.refresh_from_db()
    department.phone, department.address = "0574-86781333", "宁波市北仑区长江路1133号"
    department.save()
    found = public_contacts()
    assert {"0574-86781111", "长江路1166号", "0574-86781333", "长江路1133号", "宁波市北仑区长江路1133号"} <= found
    department.phone = "0574-86781444"
    department.save()
    assert "0574-86781444" in public_contacts() and "0574-86781333" not in public_contacts()
