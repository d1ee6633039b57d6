"""Bench models moved out of the talent app (ADR 15).

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
        ('people', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='BenchAvailability',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('available_from', models.DateField()),
                    ('available_to', models.DateField()),
                    ('note', models.TextField(blank=True)),
                    ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='bench_windows', to='people.person')),
                    ('skills', models.ManyToManyField(blank=True, related_name='+', to='framework.skill')),
                ],
                options={
                    'db_table': 'talent_benchavailability',
                    'ordering': ['available_from', 'person'],
                },
            ),
            migrations.CreateModel(
                name='DeploymentRequest',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('programme', models.CharField(max_length=200)),
                    ('starts_on', models.DateField()),
                    ('ends_on', models.DateField()),
                    ('state', models.CharField(choices=[('requested', 'Requested'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('completed', 'Completed'), ('cancelled', 'Cancelled')], default='requested', max_length=20)),
                    ('outcome', models.TextField(blank=True)),
                    ('requested_at', models.DateTimeField(auto_now_add=True)),
                    ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('requesting_organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='deployment_requests', to='organisations.organisation')),
                    ('skills', models.ManyToManyField(blank=True, related_name='+', to='framework.skill')),
                    ('specialist', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='deployments', to='people.person')),
                ],
                options={
                    'db_table': 'talent_deploymentrequest',
                    'ordering': ['-requested_at', '-id'],
                },
            ),
            migrations.CreateModel(
                name='HistoricalBenchAvailability',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('available_from', models.DateField()),
                    ('available_to', models.DateField()),
                    ('note', models.TextField(blank=True)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('person', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.person')),
                ],
                options={
                    'verbose_name': 'historical bench availability',
                    'verbose_name_plural': 'historical bench availabilitys',
                    'db_table': 'talent_historicalbenchavailability',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalBenchAvailability_skills',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('benchavailability', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bench.benchavailability')),
                    ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='bench.historicalbenchavailability')),
                    ('skill', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='framework.skill')),
                ],
                options={
                    'verbose_name': 'HistoricalBenchAvailability_skills',
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalDeploymentRequest',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('programme', models.CharField(max_length=200)),
                    ('starts_on', models.DateField()),
                    ('ends_on', models.DateField()),
                    ('state', models.CharField(choices=[('requested', 'Requested'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('completed', 'Completed'), ('cancelled', 'Cancelled')], default='requested', max_length=20)),
                    ('outcome', models.TextField(blank=True)),
                    ('requested_at', models.DateTimeField(blank=True, editable=False)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('requested_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('requesting_organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation')),
                    ('specialist', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.person')),
                ],
                options={
                    'verbose_name': 'historical deployment request',
                    'verbose_name_plural': 'historical deployment requests',
                    'db_table': 'talent_historicaldeploymentrequest',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalDeploymentRequest_skills',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('deploymentrequest', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='bench.deploymentrequest')),
                    ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='bench.historicaldeploymentrequest')),
                    ('skill', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='framework.skill')),
                ],
                options={
                    'verbose_name': 'HistoricalDeploymentRequest_skills',
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.AddConstraint(
                model_name='benchavailability',
                constraint=models.CheckConstraint(condition=models.Q(('available_to__gte', models.F('available_from'))), name='bench_window_in_order'),
            ),
            migrations.AddConstraint(
                model_name='deploymentrequest',
                constraint=models.CheckConstraint(condition=models.Q(('ends_on__gte', models.F('starts_on'))), name='deployment_in_order'),
            ),
            ],
            database_operations=[
                migrations.RunSQL(
                    'ALTER TABLE "talent_historicalbenchavailability_skills" RENAME TO "bench_historicalbenchavailability_skills"',
                    'ALTER TABLE "bench_historicalbenchavailability_skills" RENAME TO "talent_historicalbenchavailability_skills"',
                ),
                migrations.RunSQL(
                    'ALTER TABLE "talent_historicaldeploymentrequest_skills" RENAME TO "bench_historicaldeploymentrequest_skills"',
                    'ALTER TABLE "bench_historicaldeploymentrequest_skills" RENAME TO "talent_historicaldeploymentrequest_skills"',
                ),
            ],
        ),
    ]
