"""Vacancy and managed-move states become django-fsm fields (same columns, same values:
no data changes); vacancies get ``updated_at`` for their versions (ETag), set to the
creation time for vacancies already there."""

import django.utils.timezone
import django_fsm
from django.db import migrations, models

VACANCY_STATES = [('draft', 'Draft'), ('open', 'Open'), ('closed', 'Closed'),
                  ('filled', 'Filled'), ('withdrawn', 'Withdrawn')]
MOVE_STATES = [('proposed', 'Proposed'),
               ('receiving_agreed', 'Agreed by the receiving organisation'),
               ('releasing_agreed', 'Agreed by both organisations'),
               ('logistics', 'Arranging logistics'), ('completed', 'Completed'),
               ('cancelled', 'Cancelled')]


def updated_when_created(apps, schema_editor):  # noqa: ANN001, ANN201
    vacancy = apps.get_model("mobility", "Vacancy")
    vacancy.objects.update(updated_at=models.F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('mobility', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalvacancy',
            name='updated_at',
            field=models.DateTimeField(blank=True, default=django.utils.timezone.now,
                                       editable=False),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='vacancy',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.RunPython(updated_when_created, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='historicalmoverequest',
            name='state',
            field=django_fsm.FSMField(choices=MOVE_STATES, default='proposed', max_length=20),
        ),
        migrations.AlterField(
            model_name='historicalvacancy',
            name='state',
            field=django_fsm.FSMField(choices=VACANCY_STATES, default='draft', max_length=20),
        ),
        migrations.AlterField(
            model_name='moverequest',
            name='state',
            field=django_fsm.FSMField(choices=MOVE_STATES, default='proposed', max_length=20),
        ),
        migrations.AlterField(
            model_name='vacancy',
            name='state',
            field=django_fsm.FSMField(choices=VACANCY_STATES, default='draft', max_length=20),
        ),
    ]
