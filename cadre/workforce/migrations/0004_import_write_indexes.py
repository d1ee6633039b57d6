"""Fewer writes per HR extract import (ADR 21, 2026-12-04 update).

Snapshot and change rows (written once per person per import, never edited) lose their
database constraints and their lone ``extract`` index (the composite indexes that start
with ``extract`` serve the same look-ups); workforce records lose the index and the
constraint on ``last_extract``, which every import sets for everyone in the file. On
PostgreSQL the workforce records table also keeps half of each page free
(``fillfactor``), so that update rewrites each row inside its own page and touches no
index ("HOT" updates). Django's ``on_delete`` still cascades and clears these references.
"""

import django.db.models.deletion
from django.db import migrations, models

FILLFACTOR = 50


def _fillfactor(value: int | None):  # noqa: ANN202
    """Set (or reset) the workforce records table's fillfactor, on PostgreSQL only."""
    def run(apps, schema_editor) -> None:  # noqa: ANN001
        if schema_editor.connection.vendor != "postgresql":
            return  # SQLite has no such setting
        table = schema_editor.quote_name(
            apps.get_model("workforce", "WorkforceRecord")._meta.db_table)
        if value is None:
            schema_editor.execute(f"ALTER TABLE {table} RESET (fillfactor)")
        else:
            schema_editor.execute(f"ALTER TABLE {table} SET (fillfactor = {int(value)})")
    return run


class Migration(migrations.Migration):

    dependencies = [
        ('framework', '0003_text_limits'),
        ('people', '0003_person_name_order_index'),
        ('workforce', '0003_import_fingerprints'),
    ]

    operations = [
        migrations.AlterField(
            model_name='extractchange',
            name='extract',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='workforce.extract'),
        ),
        migrations.AlterField(
            model_name='extractchange',
            name='person',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='people.person'),
        ),
        migrations.AlterField(
            model_name='extractrecord',
            name='extract',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='records', to='workforce.extract'),
        ),
        migrations.AlterField(
            model_name='extractrecord',
            name='person',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='extract_records', to='people.person'),
        ),
        migrations.AlterField(
            model_name='extractrecord',
            name='role_level',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='framework.rolelevel'),
        ),
        migrations.AlterField(
            model_name='workforcerecord',
            name='last_extract',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='workforce.extract'),
        ),
        migrations.RunPython(_fillfactor(FILLFACTOR), _fillfactor(None)),
    ]
