"""An attachment's text moves to its file's reading (files.FileText), which pictures are added to. A published
document's attachments keep the text they were published with (the search index reads it); the others, and every
picture, are read again from the file, pictures included, when they are next reviewed."""

from django.db import migrations


def carry_texts(apps, schema_editor):
    Attachment = apps.get_model("disclosure", "Attachment")
    FileText = apps.get_model("files", "FileText")
    known = set(FileText.objects.values_list("sha256", flat=True))
    published = Attachment.objects.filter(document__state="published").select_related("file").order_by("pk")
    for attachment in published.iterator(chunk_size=500):
        sha256 = attachment.file.sha256
        if sha256 in known or attachment.file.kind in ("jpeg", "png"):
            continue
        FileText.objects.create(sha256=sha256, kind=attachment.file.kind, state="read", text=attachment.text)
        known.add(sha256)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0012_request_queue_order"),
        ("files", "0002_file_text"),
    ]

    operations = [
        migrations.RunPython(carry_texts, migrations.RunPython.noop),
        migrations.RemoveField(model_name="attachment", name="text"),
    ]
