"""An attachment's text is its file's reading now (files.FileText), read again from the file when next needed,
hidden parts and pictures included. The old column is not carried over: it was read by an earlier, less complete
reader, and a reading made from it would be trusted for any later upload of the same bytes. Published documents
keep their search entries; `zhengtong search reindex` reads their attachments anew."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0012_request_queue_order"),
        ("files", "0002_file_text"),
    ]

    operations = [migrations.RemoveField(model_name="attachment", name="text")]
