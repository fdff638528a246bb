from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("pipeline", "0006_stage_event_revisions_into_history")]

    operations = [migrations.DeleteModel(name="StageEventRevision")]
