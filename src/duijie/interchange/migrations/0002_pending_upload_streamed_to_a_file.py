"""Pending uploads move from a database column to files under the var dir.

Rows still waiting (at most a day old) keep their content: it is written to a file.
"""

from django.core.files.base import ContentFile
from django.db import migrations, models

import duijie.interchange.models
import duijie.interchange.uploads


def content_to_files(apps, schema_editor):
    PendingUpload = apps.get_model("interchange", "PendingUpload")
    for pending in PendingUpload.objects.using(schema_editor.connection.alias).iterator():
        pending.file.save("upload.bin", ContentFile(bytes(pending.content)), save=True)


class Migration(migrations.Migration):
    dependencies = [("interchange", "0001_pending_upload")]

    operations = [
        migrations.AddField(
            model_name="pendingupload",
            name="file",
            field=models.FileField(
                default="",
                max_length=200,
                storage=duijie.interchange.models.pending_storage,
                upload_to=duijie.interchange.uploads.UnguessableName("pending"),
                verbose_name="file",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(content_to_files, migrations.RunPython.noop),
        migrations.RemoveField(model_name="pendingupload", name="content"),
    ]
