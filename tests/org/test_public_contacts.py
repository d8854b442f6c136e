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


def test_a_change_made_without_save_is_read_at_once(district):
    """Read from the rows on every call: a change that bumps no timestamp (QuerySet.update, a transaction committed
    after a later one) is seen by the next publication."""
    Department = district["A"].__class__
    Department.objects.filter(pk=district["A"].pk).update(phone="0574-86781555")
    assert "0574-86781555" in public_contacts()
    Department.objects.filter(pk=district["A"].pk).update(phone="0574-86781666")
    assert "0574-86781666" in public_contacts() and "0574-86781555" not in public_contacts()


def test_a_persons_data_in_an_office_field_is_never_made_public(district):
    """A mobile or a home address stored in a department's fields (before validation, or by QuerySet.update) is
    someone's: not allowed in a publication, however it got there (privacy/office.py)."""
    Department = district["A"].__class__
    Department.objects.filter(pk=district["A"].pk).update(phone="13805740001", address="横山村3组45号")
    found = public_contacts()
    assert "13805740001" not in found and not any("横山村" in value for value in found)


def test_an_office_address_with_its_street_is_public_as_a_citizen_writes_it(district):
    site = SiteSettings.current()
    site.address = "宁波市北仑区新碶街道长江路1166号"
    site.save()
    assert "长江路1166号" in public_contacts()


def test_a_persons_data_in_the_sites_settings_is_refused_naming_the_field(db):
    """Outside attack, session 62: the site's settings had no check, and the footer of every page showed a mobile as
    the site's telephone, a home as its address and an ID number in its host's name. They are read as a
    department's own contacts are (org.models.personal_data_problems)."""
    from zhengtong.org.admin import SiteSettingsForm

    values = {
        "site_name": "宁波市北仑区人民政府",
        "host_org": "北仑区人民政府办公室（联系人张伟 身份证330206199003071231）",
        "contact_phone": "13805740006",
        "address": "北仑区新碶街道春江花园9幢801室",
        "office_hours": "工作日 8:30—12:00",
    }
    form = SiteSettingsForm(data=values)
    assert not form.is_valid()
    assert {"host_org", "contact_phone", "address"} <= set(form.errors)
    assert "联系电话" in str(form.errors["contact_phone"])
    office = {
        **values,
        "host_org": "北仑区人民政府办公室",
        "contact_phone": "0574-86781111",
        "address": "宁波市北仑区长江路1166号",
    }
    assert SiteSettingsForm(data=office).is_valid(), SiteSettingsForm(data=office).errors


def test_an_offices_contacts_are_read_once_and_cannot_be_changed_by_a_caller():
    """Issue 26: a guide's page asks for its office's allowed contacts on every view; the detector reads each value
    once per process, and what it gives is frozen, so no caller's `|=` changes what the next caller is given."""
    from zhengtong.privacy import office

    office.allowed.cache_clear()
    first = office.allowed("0574-86781234", address=False)
    again = office.allowed("0574-86781234", address=False)
    assert first == {"0574-86781234"} and again is first and office.allowed.cache_info().hits == 1
    assert isinstance(first, frozenset) and office.allowed("13805740001", address=False) == frozenset()
