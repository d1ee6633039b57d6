"""Planning models moved out of the talent app (ADR 15).

The tables already exist (talent 0001) and keep their names, so this migration only
tells Django's state that the models now live here. The history tables of many-to-many
fields are the exception: django-simple-history names them from the app label, so
they are renamed.
"""


import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('talent', '0001_initial'),
        ('framework', '0002_revision'),
        ('organisations', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='HistoricalWorkforcePlan',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('first_year', models.PositiveSmallIntegerField(help_text='The first planned year, e.g. 2027.')),
                    ('attrition_rate', models.DecimalField(decimal_places=4, default=0.1, help_text='Share of supply lost each year, 0 to 1.', max_digits=5)),
                    ('updated_at', models.DateTimeField(blank=True, editable=False)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation')),
                    ('role_family', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='framework.rolefamily')),
                ],
                options={
                    'verbose_name': 'historical workforce plan',
                    'verbose_name_plural': 'historical workforce plans',
                    'db_table': 'talent_historicalworkforceplan',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='WorkforcePlan',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('first_year', models.PositiveSmallIntegerField(help_text='The first planned year, e.g. 2027.')),
                    ('attrition_rate', models.DecimalField(decimal_places=4, default=0.1, help_text='Share of supply lost each year, 0 to 1.', max_digits=5)),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='workforce_plans', to='organisations.organisation')),
                    ('role_family', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='framework.rolefamily')),
                ],
                options={
                    'db_table': 'talent_workforceplan',
                    'ordering': ['organisation', 'role_family'],
                },
            ),
            migrations.CreateModel(
                name='PlannedDemand',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('year', models.PositiveSmallIntegerField()),
                    ('headcount', models.PositiveIntegerField()),
                    ('role_level', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='framework.rolelevel')),
                    ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='demand', to='planning.workforceplan')),
                ],
                options={
                    'db_table': 'talent_planneddemand',
                    'ordering': ['plan', 'year', 'role_level'],
                },
            ),
            migrations.CreateModel(
                name='HistoricalPlannedDemand',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('year', models.PositiveSmallIntegerField()),
                    ('headcount', models.PositiveIntegerField()),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('role_level', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='framework.rolelevel')),
                    ('plan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='planning.workforceplan')),
                ],
                options={
                    'verbose_name': 'historical planned demand',
                    'verbose_name_plural': 'historical planned demands',
                    'db_table': 'talent_historicalplanneddemand',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.AddConstraint(
                model_name='workforceplan',
                constraint=models.UniqueConstraint(fields=('organisation', 'role_family'), name='one_plan_per_family'),
            ),
            migrations.AddConstraint(
                model_name='planneddemand',
                constraint=models.UniqueConstraint(fields=('plan', 'year', 'role_level'), name='unique_planned_demand'),
            ),
            ],
            database_operations=[
            ],
        ),
    ]
