"""Attachments on a letter (issue 6, intake: "attachments through the files intake"): photos and documents go
through the same checks as the service hall's uploads (type by bytes, macros and zip bombs refused, metadata
stripped); a refused file refuses the whole letter with nothing saved; the handling departments download them,
other departments cannot; nothing of them (not even a file name) reaches a public page."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from zhengtong.core.errors import InvalidInput
from zhengtong.files.models import StoredFile
from zhengtong.files.services import file_open
from zhengtong.letters import services
from zhengtong.letters.models import Letter

from ..files.samples import EXE, docx, jpeg_with_exif, pdf, png_with_text
from .conftest import handled, submit

LETTER = {
    "kind": "complaint",
    "title": "路灯不亮",
    "content": "大碶街道某路段路灯已坏一周，夜间行走不安全。",
    "anonymous": "on",
    "public_allowed": "on",
}


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_a_letter_keeps_its_photos_with_metadata_stripped(hotline):
    letter = submit(attachments=[("路灯.jpg", jpeg_with_exif()), ("现场.png", png_with_text())]).letter
    files = list(letter.attachments.select_related("file").order_by("pk"))
    assert [a.file.original_name for a in files] == ["路灯.jpg", "现场.png"]
    assert b"GPS" not in file_open(files[0].file) and b"Zhang San" not in file_open(files[1].file)


def test_an_executable_renamed_pdf_refuses_the_whole_letter_with_its_code(hotline):
    try:
        submit(attachments=[("照片.png", png_with_text()), ("举报材料.pdf", EXE)])
    except InvalidInput as exc:
        assert exc.code == "FILE_TYPE" and "举报材料.pdf" in exc.message and "attachments" in exc.fields
    else:
        raise AssertionError("an executable was accepted")
    assert not Letter.objects.exists() and not StoredFile.objects.exists()


def test_a_macro_document_is_refused(hotline):
    try:
        submit(attachments=[("材料.docx", docx(macro=True))])
    except InvalidInput as exc:
        assert exc.code == "FILE_MACRO"
    else:
        raise AssertionError("a macro document was accepted")


def test_more_than_five_files_are_refused(hotline):
    try:
        submit(attachments=[(f"{i}.pdf", pdf()) for i in range(6)])
    except InvalidInput as exc:
        assert exc.code == "LETTER_TOO_MANY_FILES"
    else:
        raise AssertionError("six files were accepted")
    assert not Letter.objects.exists()


def test_a_repeat_adds_only_the_new_files_to_the_first_letter(hotline):
    first = submit(attachments=[("a.pdf", pdf())]).letter
    again = submit(attachments=[("a.pdf", pdf()), ("b.png", png_with_text())])
    assert again.repeated and again.letter == first
    assert sorted(a.file.original_name for a in first.attachments.select_related("file")) == ["a.pdf", "b.png"]


def test_the_web_form_takes_files_and_shows_a_refusal_without_losing_the_text(hotline, client):
    refused = client.post("/letters/write/", {**LETTER, "attachments": [_upload("照片.pdf", EXE)]}).content.decode()
    assert "FILE_TYPE" in refused and "大碶街道某路段路灯已坏一周" in refused and not Letter.objects.exists()
    client.post("/letters/write/", {**LETTER, "attachments": [_upload("路灯.jpg", jpeg_with_exif())]}, follow=True)
    assert Letter.objects.get().attachments.count() == 1


def test_handlers_download_other_departments_and_the_public_never_see_them(
    hotline, district, lisi, wangwu, client, verified_client
):
    letter = handled(hotline, district, lisi, attachments=[("张三身份证.jpg", jpeg_with_exif())])
    services.letter_callback(letter=letter, by=hotline["operator"], result="5")
    services.letter_publish(letter=letter, by=hotline["operator"])
    attachment = letter.attachments.get()
    url = f"/workbench/letters/{letter.number}/files/{attachment.pk}/"
    a = verified_client(lisi)
    assert "张三身份证.jpg" in a.get(f"/workbench/letters/{letter.number}/").content.decode()
    response = a.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    client.logout()
    assert verified_client(wangwu).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code in (302, 403)
    public = client.get(f"/letters/{letter.number}/").content.decode()
    assert "张三身份证" not in public and "/files/" not in public
