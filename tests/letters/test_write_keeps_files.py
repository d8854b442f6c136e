"""A photo chosen on the letter form survives a wrong SMS code or any other error (issue 22 item 4: uploads kept
across validation errors, checked as soon as they come): it is checked and stored at the first post, held for
this visitor's session only, and filed with the letter when it goes; a refused file is named at once."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from zhengtong.letters.models import Letter

from ..conftest import sms_code
from ..files import samples
from .test_pages import _send_code, _write


def _photo(name="路灯.png"):
    return SimpleUploadedFile(name, samples.png_with_text(), content_type="image/png")


def test_a_photo_survives_a_wrong_code_and_goes_with_the_letter(
    hotline, client, sms_outbox, django_capture_on_commit_callbacks
):
    _send_code(client, django_capture_on_commit_callbacks)
    wrong = "000000" if sms_code(sms_outbox) != "000000" else "111111"
    page = _write(client, phone_code=wrong, attachments=[_photo()]).content.decode()
    assert "短信验证码不正确" in page and "已上传：路灯.png" in page and not Letter.objects.exists()
    _write(client, phone_code=sms_code(sms_outbox))  # the photo is not chosen again
    letter = Letter.objects.get()
    assert [a.file.original_name for a in letter.attachments.select_related("file")] == ["路灯.png"]
    assert "已上传" not in client.get("/letters/write/").content.decode()  # filed: nothing held any more


def test_a_refused_file_is_named_at_once_and_another_session_sees_nothing_held(hotline, client, sms_outbox):
    page = _write(client, attachments=[SimpleUploadedFile("照片.png", samples.EXE), _photo()]).content.decode()
    assert 'data-code="FILE_TYPE"' in page and "照片.png" in page and "已上传：路灯.png" in page
    client.cookies.clear()
    assert "已上传" not in client.get("/letters/write/").content.decode()


def test_the_writer_clears_what_he_chose_and_a_fresh_form_holds_nothing(hotline, client, sms_outbox):
    """A wrongly chosen photo can be taken back; on a shared terminal the next visitor's form starts empty."""
    page = _write(client, title="", attachments=[_photo()]).content.decode()
    assert "已上传：路灯.png" in page and "清除已上传的文件" in page
    page = _write(client, clear_files="1").content.decode()
    assert "已上传" not in page and "大碶街道某路段路灯已坏一周" in page  # what was typed stays
    _write(client, title="", attachments=[_photo()])
    assert "已上传" not in client.get("/letters/write/").content.decode()
    _write(client, anonymous="on", writer_name="", writer_phone="")
    assert not Letter.objects.get().attachments.exists()


def test_a_post_of_files_alone_is_answered_with_the_form_s_errors_not_a_500(hotline, client):
    """An outside review (session 66): a post with a file and no field left the form unbound, and an unbound form
    takes no error."""
    page = client.post("/letters/write/", {"attachments": [_photo()]})
    assert page.status_code == 200 and "已上传：路灯.png" in page.content.decode()


def test_a_file_held_while_the_writer_is_on_his_form_is_kept_young_for_the_sweep(hotline, client):
    """An outside attack (session 66): an active session outlives the sweep's day; each showing of the form makes
    the files it holds young again."""
    import datetime as dt

    from django.utils import timezone

    from zhengtong.files.models import StoredFile

    _write(client, title="", attachments=[_photo()])
    StoredFile.objects.update(created_at=timezone.now() - dt.timedelta(days=2))
    assert "已上传：路灯.png" in _write(client, title="").content.decode()
    assert StoredFile.objects.get().created_at > timezone.now() - dt.timedelta(minutes=1)


def test_a_refused_file_s_name_is_masked(hotline, client):
    page = _write(client, attachments=[SimpleUploadedFile("王芳13905740015.png", samples.EXE)]).content.decode()
    assert 'data-code="FILE_TYPE"' in page and "13905740015" not in page
