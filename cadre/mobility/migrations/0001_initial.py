"""Mobility models moved out of the talent app (ADR 15).

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
                name='HistoricalMobilityPolicy',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('internal_days', models.PositiveSmallIntegerField(default=28)),
                    ('updated_at', models.DateTimeField(blank=True, editable=False)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('updated_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical mobility policy',
                    'verbose_name_plural': 'historical mobility policys',
                    'db_table': 'talent_historicalmobilitypolicy',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalMobilityPreference',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('open_to_opportunities', models.BooleanField(default=False)),
                    ('updated_at', models.DateTimeField(blank=True, editable=False)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('person', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.person')),
                ],
                options={
                    'verbose_name': 'historical mobility preference',
                    'verbose_name_plural': 'historical mobility preferences',
                    'db_table': 'talent_historicalmobilitypreference',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalVacancy',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('title', models.CharField(max_length=200)),
                    ('description', models.TextField(blank=True)),
                    ('hybrid', models.BooleanField(default=True)),
                    ('security_clearance', models.CharField(choices=[('none', 'None beyond baseline checks'), ('bpss', 'Baseline personnel security standard (BPSS)'), ('ctc', 'Counter-terrorist check (CTC)'), ('sc', 'Security check (SC)'), ('dv', 'Developed vetting (DV)')], default='bpss', max_length=10)),
                    ('closing_date', models.DateField()),
                    ('state', models.CharField(choices=[('draft', 'Draft'), ('open', 'Open'), ('closed', 'Closed'), ('filled', 'Filled'), ('withdrawn', 'Withdrawn')], default='draft', max_length=20)),
                    ('opened_on', models.DateField(blank=True, null=True)),
                    ('external_decided_at', models.DateTimeField(blank=True, null=True)),
                    ('external_reason', models.TextField(blank=True)),
                    ('created_at', models.DateTimeField(blank=True, editable=False)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('external_decided_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('filled_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.person')),
                    ('grade', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.grade')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation')),
                    ('role_level', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='framework.rolelevel')),
                ],
                options={
                    'verbose_name': 'historical vacancy',
                    'verbose_name_plural': 'historical vacancies',
                    'db_table': 'talent_historicalvacancy',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='MobilityPolicy',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('internal_days', models.PositiveSmallIntegerField(default=28)),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'talent_mobilitypolicy',
                },
            ),
            migrations.CreateModel(
                name='MobilityPreference',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('open_to_opportunities', models.BooleanField(default=False)),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('grades', models.ManyToManyField(blank=True, related_name='+', to='organisations.grade')),
                    ('locations', models.ManyToManyField(blank=True, related_name='+', to='organisations.location')),
                    ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='mobility', to='people.person')),
                    ('role_families', models.ManyToManyField(blank=True, related_name='+', to='framework.rolefamily')),
                ],
                options={
                    'db_table': 'talent_mobilitypreference',
                },
            ),
            migrations.CreateModel(
                name='HistoricalMobilityPreference_role_families',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='mobility.historicalmobilitypreference')),
                    ('rolefamily', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='framework.rolefamily')),
                    ('mobilitypreference', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='mobility.mobilitypreference')),
                ],
                options={
                    'verbose_name': 'HistoricalMobilityPreference_role_families',
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalMobilityPreference_locations',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='mobility.historicalmobilitypreference')),
                    ('location', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.location')),
                    ('mobilitypreference', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='mobility.mobilitypreference')),
                ],
                options={
                    'verbose_name': 'HistoricalMobilityPreference_locations',
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalMobilityPreference_grades',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('grade', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.grade')),
                    ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='mobility.historicalmobilitypreference')),
                    ('mobilitypreference', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='mobility.mobilitypreference')),
                ],
                options={
                    'verbose_name': 'HistoricalMobilityPreference_grades',
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='Vacancy',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=200)),
                    ('description', models.TextField(blank=True)),
                    ('hybrid', models.BooleanField(default=True)),
                    ('security_clearance', models.CharField(choices=[('none', 'None beyond baseline checks'), ('bpss', 'Baseline personnel security standard (BPSS)'), ('ctc', 'Counter-terrorist check (CTC)'), ('sc', 'Security check (SC)'), ('dv', 'Developed vetting (DV)')], default='bpss', max_length=10)),
                    ('closing_date', models.DateField()),
                    ('state', models.CharField(choices=[('draft', 'Draft'), ('open', 'Open'), ('closed', 'Closed'), ('filled', 'Filled'), ('withdrawn', 'Withdrawn')], default='draft', max_length=20)),
                    ('opened_on', models.DateField(blank=True, null=True)),
                    ('external_decided_at', models.DateTimeField(blank=True, null=True)),
                    ('external_reason', models.TextField(blank=True)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('external_decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('filled_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='people.person')),
                    ('grade', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='vacancies', to='organisations.grade')),
                    ('locations', models.ManyToManyField(blank=True, related_name='+', to='organisations.location')),
                    ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='vacancies', to='organisations.organisation')),
                    ('role_level', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='vacancies', to='framework.rolelevel')),
                ],
                options={
                    'verbose_name_plural': 'vacancies',
                    'db_table': 'talent_vacancy',
                    'ordering': ['-created_at', '-id'],
                },
            ),
            migrations.CreateModel(
                name='MoveRequest',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('state', models.CharField(choices=[('proposed', 'Proposed'), ('receiving_agreed', 'Agreed by the receiving organisation'), ('releasing_agreed', 'Agreed by both organisations'), ('logistics', 'Arranging logistics'), ('completed', 'Completed'), ('cancelled', 'Cancelled')], default='proposed', max_length=20)),
                    ('proposed_at', models.DateTimeField(auto_now_add=True)),
                    ('receiving_agreed_at', models.DateTimeField(blank=True, null=True)),
                    ('releasing_agreed_at', models.DateTimeField(blank=True, null=True)),
                    ('start_date', models.DateField(blank=True, null=True)),
                    ('clearance_transferred', models.BooleanField(default=False)),
                    ('pay_and_pension_agreed', models.BooleanField(default=False)),
                    ('equipment_ready', models.BooleanField(default=False)),
                    ('access_ready', models.BooleanField(default=False)),
                    ('completed_at', models.DateTimeField(blank=True, null=True)),
                    ('cancelled_at', models.DateTimeField(blank=True, null=True)),
                    ('cancel_reason', models.TextField(blank=True)),
                    ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='moves', to='people.person')),
                    ('proposed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('receiving', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='moves_in', to='organisations.organisation')),
                    ('releasing', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='moves_out', to='organisations.organisation')),
                    ('vacancy', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='moves', to='mobility.vacancy')),
                ],
                options={
                    'db_table': 'talent_moverequest',
                    'ordering': ['-proposed_at', '-id'],
                },
            ),
            migrations.CreateModel(
                name='HistoricalVacancySkill',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('essential', models.BooleanField(default=True)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('level', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='framework.skilllevel')),
                    ('skill', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='framework.skill')),
                    ('vacancy', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='mobility.vacancy')),
                ],
                options={
                    'verbose_name': 'historical vacancy skill',
                    'verbose_name_plural': 'historical vacancy skills',
                    'db_table': 'talent_historicalvacancyskill',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalVacancy_locations',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='mobility.historicalvacancy')),
                    ('location', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.location')),
                    ('vacancy', models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='mobility.vacancy')),
                ],
                options={
                    'verbose_name': 'HistoricalVacancy_locations',
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalMoveRequest',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('state', models.CharField(choices=[('proposed', 'Proposed'), ('receiving_agreed', 'Agreed by the receiving organisation'), ('releasing_agreed', 'Agreed by both organisations'), ('logistics', 'Arranging logistics'), ('completed', 'Completed'), ('cancelled', 'Cancelled')], default='proposed', max_length=20)),
                    ('proposed_at', models.DateTimeField(blank=True, editable=False)),
                    ('receiving_agreed_at', models.DateTimeField(blank=True, null=True)),
                    ('releasing_agreed_at', models.DateTimeField(blank=True, null=True)),
                    ('start_date', models.DateField(blank=True, null=True)),
                    ('clearance_transferred', models.BooleanField(default=False)),
                    ('pay_and_pension_agreed', models.BooleanField(default=False)),
                    ('equipment_ready', models.BooleanField(default=False)),
                    ('access_ready', models.BooleanField(default=False)),
                    ('completed_at', models.DateTimeField(blank=True, null=True)),
                    ('cancelled_at', models.DateTimeField(blank=True, null=True)),
                    ('cancel_reason', models.TextField(blank=True)),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('person', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.person')),
                    ('proposed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('receiving', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation')),
                    ('releasing', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisations.organisation')),
                    ('vacancy', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='mobility.vacancy')),
                ],
                options={
                    'verbose_name': 'historical move request',
                    'verbose_name_plural': 'historical move requests',
                    'db_table': 'talent_historicalmoverequest',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='VacancySkill',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('essential', models.BooleanField(default=True)),
                    ('level', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='framework.skilllevel')),
                    ('skill', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='framework.skill')),
                    ('vacancy', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='skills', to='mobility.vacancy')),
                ],
                options={
                    'db_table': 'talent_vacancyskill',
                    'ordering': ['vacancy', '-essential', 'skill__name'],
                },
            ),
            migrations.AddIndex(
                model_name='vacancy',
                index=models.Index(fields=['state', 'closing_date'], name='talent_vaca_state_e0006e_idx'),
            ),
            migrations.AddConstraint(
                model_name='vacancyskill',
                constraint=models.UniqueConstraint(fields=('vacancy', 'skill'), name='unique_vacancy_skill'),
            ),
            ],
            database_operations=[
                migrations.RunSQL(
                    'ALTER TABLE "talent_historicalmobilitypreference_role_families" RENAME TO "mobility_historicalmobilitypreference_role_families"',
                    'ALTER TABLE "mobility_historicalmobilitypreference_role_families" RENAME TO "talent_historicalmobilitypreference_role_families"',
                ),
                migrations.RunSQL(
                    'ALTER TABLE "talent_historicalmobilitypreference_locations" RENAME TO "mobility_historicalmobilitypreference_locations"',
                    'ALTER TABLE "mobility_historicalmobilitypreference_locations" RENAME TO "talent_historicalmobilitypreference_locations"',
                ),
                migrations.RunSQL(
                    'ALTER TABLE "talent_historicalmobilitypreference_grades" RENAME TO "mobility_historicalmobilitypreference_grades"',
                    'ALTER TABLE "mobility_historicalmobilitypreference_grades" RENAME TO "talent_historicalmobilitypreference_grades"',
                ),
                migrations.RunSQL(
                    'ALTER TABLE "talent_historicalvacancy_locations" RENAME TO "mobility_historicalvacancy_locations"',
                    'ALTER TABLE "mobility_historicalvacancy_locations" RENAME TO "talent_historicalvacancy_locations"',
                ),
            ],
        ),
    ]
