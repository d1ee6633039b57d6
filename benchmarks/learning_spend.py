"""Learning spend import at 500,000 lines (issue 17: "importing 500,000 spend lines under
60 s on PostgreSQL").

``python -m benchmarks.learning_spend`` (``BENCH_LEARNING_SPEND_LINES``, default 500,000).
The database is ``BENCH_DATABASE_URL`` (or a fresh SQLite file); tables come straight from
the models, as ``pytest --no-migrations`` makes them. A catalogue of 40 suppliers (with
aliases) and 400 products is made once; the spend file is a CSV written as finance
systems write it: ISO and UK dates, amounts as ``£1,234.50``, ``1,234.50`` and plain
numbers, about 160 spellings of the suppliers (case, legal forms, typing slips) and 30
suppliers that are not in the catalogue, some 2,000 descriptions, attendees, purchase
orders and cost centres.

Measured, in one process and one database:

* the baseline: the file's rows (as text) written the database's fastest way into a
  plain table (PostgreSQL ``COPY``; SQLite ``executemany`` in one transaction);
* the import (``services.spend.import_spend``: reading and checking every line, matching
  the distinct suppliers and descriptions, writing the lines by ``COPY`` / batched
  ``INSERT``, the duplicate check against earlier imports, one audit event), wall and CPU
  time of this process; the bench organisation's earlier lines are removed first, and the
  remembered names are kept (a second run is a re-import of a known file's names).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import csv  # noqa: E402
import io  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402

from benchmarks.common import record, setup_fresh_django, tables_from_models  # noqa: E402

LINES = int(os.environ.get("BENCH_LEARNING_SPEND_LINES", "500000"))
TARGET_S = 60.0
ABBREVIATION = "BENCHSPEND"
SUPPLIERS, PRODUCTS, UNKNOWN = 40, 400, 30
WORDS = ["Agile", "Data", "Cloud", "Security", "Leadership", "Python", "Service", "Design",
         "Analysis", "Architecture", "Testing", "DevOps", "Product", "User", "Research",
         "Delivery", "Management", "Engineering", "Network", "Digital"]
LEVELS = ["Foundation", "Practitioner", "Advanced", "Masterclass", "Bootcamp", "Essentials"]


def _catalogue(rng: random.Random) -> tuple[object, list[str], list[list[str]]]:
    """The bench organisation, and each bench supplier's name and product titles."""
    from decimal import Decimal

    from cadre.learning.models import DeliveryMode, Product, ProductKind, Provider
    from cadre.organisations.models import Organisation

    organisation, _ = Organisation.objects.get_or_create(
        abbreviation=ABBREVIATION, defaults={"name": "Bench spend department",
                                             "type": "ministerial_department"})
    names, titles = [], []
    for i in range(SUPPLIERS):
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} Learning {i} Limited"
        provider, made = Provider.objects.get_or_create(
            name=f"Bench {i} {name}", defaults={"aliases": [f"Bench {i} Training"]})
        names.append(provider.name)
        own = []
        for j in range(PRODUCTS // SUPPLIERS):
            title = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(LEVELS)} {j}"
            if made:
                Product.objects.create(provider=provider, title=title, code=f"B{i}P{j}",
                                       kind=ProductKind.COURSE, mode=DeliveryMode.ONLINE_LIVE,
                                       duration_hours=Decimal("7"), list_price=Decimal("500"))
            own.append(title)
        if not made:
            own = list(Product.objects.filter(provider=provider).values_list("title",
                                                                               flat=True))
        titles.append(own)
    return organisation, names, titles


def _spelling(rng: random.Random, name: str) -> str:
    choice = rng.random()
    if choice < 0.5:
        return name
    if choice < 0.7:
        return name.upper()
    if choice < 0.85:
        return name.replace("Limited", "Ltd")
    cut = rng.randrange(len(name) - 8) + 8
    return name[:cut] + name[cut + 1:]  # a typing slip


def _spend_file(rng: random.Random, names: list[str], titles: list[list[str]]) -> bytes:
    spellings = [[_spelling(rng, n) for _ in range(4)] for n in names]
    unknown = [f"{rng.choice(WORDS)} Supplies {k} plc" for k in range(UNKNOWN)]
    descriptions = [[*t, *(f"{x} course {rng.randint(1, 4)} places" for x in t)]
                    for t in titles]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Transaction Date", "Supplier Name", "Line Description", "Amount (£)",
                     "Delegates", "PO Number", "Cost Centre"])
    for n in range(LINES):
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.choice((2023, 2024, 2025))
        date = (f"{year}-{month:02d}-{day:02d}" if n % 2 else f"{day:02d}/{month:02d}/{year}")
        pence = rng.randint(5_000, 2_500_000)
        amount = (f"£{pence / 100:,.2f}" if n % 3 == 0 else
                  f"{pence / 100:,.2f}" if n % 3 == 1 else f"{pence / 100:.2f}")
        if rng.random() < 0.03:
            supplier, description = rng.choice(unknown), "Office supplies"
        else:
            s = rng.randrange(SUPPLIERS)
            supplier, description = rng.choice(spellings[s]), rng.choice(descriptions[s])
        writer.writerow([date, supplier, description, amount, rng.randint(1, 20),
                         f"PO{n:07d}", f"CC{n % 97:03d}"])
    return out.getvalue().encode()


def _baseline(data: bytes) -> dict:
    """The file's rows as text, written the database's fastest way into a plain table."""
    from django.db import connection, transaction

    rows = list(csv.reader(io.StringIO(data.decode())))[1:]
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_spend_plain (a text, b text, c text, "
                       "d text, e text, f text, g text)")
        if connection.vendor == "postgresql":
            with cursor.cursor.copy("COPY bench_spend_plain FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            how = "COPY into a plain table"
        else:
            cursor.cursor.executemany("INSERT INTO bench_spend_plain VALUES "
                                      "(?, ?, ?, ?, ?, ?, ?)", rows)
            how = "executemany INSERT into a plain table, one transaction"
        took = time.perf_counter() - start
        cursor.execute("DROP TABLE bench_spend_plain")
    return {"s": round(took, 3), "how": how}


def main() -> int:
    setup_fresh_django("learning-spend")
    tables_from_models("learning_spendline")
    from django.db import connection

    from cadre.core.actor import Actor
    from cadre.learning.models import SpendImport, SpendLine
    from cadre.learning.services.spend import import_spend

    rng = random.Random(17)
    organisation, names, titles = _catalogue(rng)
    data = _spend_file(rng, names, titles)
    old = SpendImport.objects.filter(organisation=organisation)
    SpendLine.objects.filter(spend_import__in=old)._raw_delete(connection.alias)
    old.delete()
    baseline = _baseline(data)
    engine = connection.vendor
    print(f"Learning spend import of {LINES:,} lines ({engine}, {len(data) / 1e6:.1f} MB); "
          f"baseline {baseline['how']}: {baseline['s']} s")
    start, cpu = time.perf_counter(), time.process_time()
    result = import_spend(actor=Actor.command_line("bench"), organisation=organisation,
                          data=data, filename="bench-spend.csv")
    took, cpu_took = time.perf_counter() - start, time.process_time() - cpu
    load = round(os.getloadavg()[0], 2)
    record(f"spend import [{engine}, {LINES:,} lines]", round(took, 2), unit="s",
           baseline=baseline["how"], baseline_value=baseline["s"], target_s=TARGET_S,
           cpu_s=round(cpu_took, 2), load_average=load, to_review=result.to_review,
           matched=result.matched, duplicates=result.duplicates)
    print(f"  {result.rows:,} lines: {result.matched:,} matched, {result.to_review:,} waiting "
          f"for review; CPU {cpu_took:.1f} s in this process; load average {load}")
    return 0 if took < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
