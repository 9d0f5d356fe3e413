from django.db import migrations


def load(apps, schema_editor):
    from planet.sdgs.loader import load_sdgs

    load_sdgs(apps.get_model("sdgs", "Goal"), apps.get_model("sdgs", "Target"))


class Migration(migrations.Migration):
    dependencies = [("sdgs", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
