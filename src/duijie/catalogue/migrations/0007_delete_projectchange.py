from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0006_project_changes_into_history")]

    operations = [migrations.DeleteModel(name="ProjectChange")]
