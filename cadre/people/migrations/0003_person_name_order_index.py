"""The people list's index covers its whole ordering (last name, first name, id)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0002_staff_number_limit"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="person",
            name="people_pers_last_na_c63c6e_idx",
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["last_name", "first_name", "id"],
                               name="people_person_name_order"),
        ),
    ]
