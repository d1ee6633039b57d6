"""``cadre demo learning`` on a small government (the embedded defaults, four demo
organisations and the demo professional with an account): providers and products tied to
framework skills, a framework with three lots, contracts with rate cards ending within 6 and
12 months, spend files with lines to review, pay ranges, an xAPI credential and a linked plan
activity. Run twice, it adds nothing the second time; it never runs in production."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from cadre.accreditation.models import CpdRecord
from cadre.assessments.models import Activity
from cadre.learning import demo
from cadre.learning.models import (
    ActivityProduct,
    Contract,
    MatchStatus,
    PayRange,
    Product,
    ProductSkill,
    Provider,
    ProviderCredential,
    RateCardEntry,
    SpendImport,
    SpendLine,
    SupplyFramework,
)
from cadre.organisations.models import Organisation
from cadre.people.demo import DEMO_PROFESSIONAL
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def government() -> None:
    call_command("load_defaults", stdout=io.StringIO())
    for abbreviation in ("DWP", "HMRC", "DVLA", "GDS"):
        if not Organisation.objects.filter(abbreviation=abbreviation).exists():
            OrganisationFactory(name=f"Demo {abbreviation}", abbreviation=abbreviation)
    dwp = Organisation.objects.get(abbreviation="DWP")
    manager = PersonFactory(organisation=dwp, staff_number="DWP0002")
    PersonFactory(organisation=dwp, staff_number=DEMO_PROFESSIONAL, line_manager=manager,
                  account=UserFactory(email="professional.dwp@cadre.example"))


def _run() -> str:
    out = io.StringIO()
    call_command("demo_learning", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    names = ["learning.Provider", "learning.Product", "learning.SupplyFramework",
             "learning.Lot", "learning.Contract", "learning.RateCardEntry",
             "learning.SpendImport", "learning.SpendLine", "learning.PayRange",
             "learning.ProviderCredential", "learning.ActivityProduct",
             "learning.StoredStatement"]
    return {name: apps.get_model(name).objects.count() for name in names}


def test_the_demo_fills_every_area(government) -> None:  # noqa: ANN001
    output = _run()
    assert "not there yet" not in output, output
    assert Provider.objects.count() == len(demo.PROVIDERS) == 8
    products = Product.objects.count()
    assert products == sum(len(p.products) for p in demo.PROVIDERS)
    # Every product builds at least one real framework skill at a named level.
    assert ProductSkill.objects.values("product").distinct().count() == products
    assert Product.objects.exclude(xapi_activity_id="").count() == products

    framework = SupplyFramework.objects.get(name=demo.FRAMEWORK)
    assert framework.lots.count() == 3
    assert all(lot.skills.exists() for lot in framework.lots.all())
    assert Contract.objects.count() == len(demo.CONTRACTS)
    assert RateCardEntry.objects.count() > 0
    today = timezone.localdate()
    soon = Contract.objects.filter(ends_on__gte=today,
                                   ends_on__lte=today + dt.timedelta(days=183))
    later = Contract.objects.filter(ends_on__gt=today + dt.timedelta(days=183),
                                    ends_on__lte=today + dt.timedelta(days=365))
    assert soon.filter(buyers__abbreviation="DWP").exists()
    assert later.exists()
    assert Contract.objects.filter(buyers__abbreviation="HMRC").exists()

    assert SpendImport.objects.count() == len(demo.SPEND_ORGANISATIONS)
    lines = SpendLine.objects.count()
    assert lines == sum(n for _, n, _ in demo.SPEND_ORGANISATIONS)
    years = set(SpendLine.objects.values_list("year", flat=True))
    assert len(years) == 3
    waiting = SpendLine.objects.filter(match_status=MatchStatus.REVIEW,
                                       organisation__abbreviation="DWP")
    # Both review queues have work: supplier names, and descriptions under a known supplier.
    assert waiting.filter(provider__isnull=True).exists()
    assert waiting.filter(provider__isnull=False, product__isnull=True).exists() or \
        waiting.filter(product_description__isnull=False).exists()

    assert PayRange.objects.filter(grade__code="G7").exists()

    assert ProviderCredential.objects.filter(provider__name=demo.XAPI_PROVIDER).count() == 1
    link = ActivityProduct.objects.get()
    assert link.activity.objective.plan.person.staff_number == DEMO_PROFESSIONAL
    assert link.product.code == demo.LINKED_PRODUCT
    assert link.activity.status == Activity.Status.PLANNED
    assert CpdRecord.objects.filter(
        person__staff_number=DEMO_PROFESSIONAL).exists(), "the completed record added CPD"


def test_the_demo_runs_twice_safely(government) -> None:  # noqa: ANN001
    _run()
    first = _counts()
    output = _run()
    assert _counts() == first
    assert output.count("already there") == 5, output


def test_the_demo_is_never_loaded_in_production(government, settings) -> None:  # noqa: ANN001
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        _run()
    assert not Provider.objects.exists()


def test_the_spend_file_spans_three_financial_years_and_misspells_some_suppliers() -> None:
    import csv
    import random

    data = demo.spend_file("DWP", 600, "1.00", random.Random(3)).decode()
    rows = list(csv.DictReader(io.StringIO(data)))
    assert list(rows[0]) == list(demo.SPEND_HEADERS)
    assert len(rows) == 600
    dates = [dt.date.fromisoformat(r["Posting date"]) for r in rows]
    years = {d.year if d.month >= 4 else d.year - 1 for d in dates}  # noqa: PLR2004
    assert len(years) == 3 and max(dates) <= timezone.localdate()
    names = {p.name for p in demo.PROVIDERS}
    aliases = {a for p in demo.PROVIDERS for a in p.aliases}
    odd = {r["Supplier name"] for r in rows} - names - aliases
    assert odd & {n for p in demo.PROVIDERS for n in p.spend_names}
    assert odd & set(demo.OTHER_SUPPLIERS)
    assert all(float(r["Net amount"]) > 0 and int(r["Delegates"]) > 0 for r in rows)
