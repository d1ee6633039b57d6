"""Store every account email normalised and make emails unique whatever their case.

Accounts have always been created through ``get_or_create_account`` or
``create_user``, which lower-cased the address, so two accounts differing only in
case or surrounding spaces should not exist. If some do (written around those
paths), this migration changes nothing and stops with a list of them: which one
to keep is a decision for an administrator, not for a migration.
"""

import unicodedata
from collections import defaultdict

from django.db import migrations, models
from django.db.models.functions import Lower


def _normalise(value: str) -> str:
    # The same rule as cadre.access.emails.normalise_email, frozen here.
    return unicodedata.normalize("NFC", value.strip()).casefold()


def normalise_emails(apps, schema_editor) -> None:  # noqa: ANN001
    User = apps.get_model("access", "User")
    groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pk, email in User.objects.values_list("pk", "email").order_by("pk"):
        groups[_normalise(email)].append((pk, email))
    clashes = {key: rows for key, rows in groups.items() if len(rows) > 1}
    if clashes:
        lines = [
            f"  {key}: " + ", ".join(f"account {pk} ({email!r})" for pk, email in rows)
            for key, rows in sorted(clashes.items())
        ]
        raise RuntimeError(
            "Cannot make account emails unique regardless of case: these accounts share "
            "an address once trimmed and case-folded:\n" + "\n".join(lines) + "\n"
            "Change the email of (or delete) all but one account in each group, then run "
            "'cadre migrate' again. Nothing was changed."
        )
    for key, rows in groups.items():
        pk, email = rows[0]
        if email != key:
            User.objects.filter(pk=pk).update(email=key)


class Migration(migrations.Migration):

    dependencies = [
        ("access", "0002_initial"),
    ]

    operations = [
        migrations.RunPython(normalise_emails, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(Lower("email"), name="access_user_email_ci_unique"),
        ),
    ]
