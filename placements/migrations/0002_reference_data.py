"""Reference data: KBJI 2014 sub-major groups, the UMK of Kabupaten Bekasi per year, industrial
estates. Sources in placements/data/README.md."""

import csv
from decimal import Decimal
from pathlib import Path

from django.db import migrations

KBJI_CSV = Path(__file__).resolve().parent.parent / "data" / "kbji2014_sub_major_groups.csv"
KBJI_SOURCE = (
    "KBJI 2014 (Klasifikasi Baku Jabatan Indonesia), Kementerian Ketenagakerjaan RI dan BPS; "
    "struktur mengikuti ISCO-08 (ILO)"
)
UMK_SOURCE = "Keputusan Gubernur Jawa Barat Nomor 561/Kep.862-Kesra/2025"
MINIMUM_WAGES = [(2025, Decimal("5558515")), (2026, Decimal("5938885"))]
# (name, kecamatan code)
INDUSTRIAL_ESTATES = [
    ("Kawasan Industri Jababeka", "32.16.09"),
    ("MM2100 Industrial Town", "32.16.08"),
    ("EJIP (East Jakarta Industrial Park)", "32.16.19"),
    ("Delta Silicon / Lippo Cikarang", "32.16.19"),
    ("GIIC / Kota Deltamas", "32.16.20"),
    ("Hyundai Industrial Park", "32.16.19"),
    ("BIIE (Bekasi International Industrial Estate)", "32.16.19"),
    ("Marunda Center", "32.16.01"),
    ("Gobel Industrial Estate", "32.16.08"),
    ("Kawasan Industri Bekasi Fajar", "32.16.08"),
]


def load(apps, schema_editor):
    OccupationGroup = apps.get_model("placements", "OccupationGroup")
    MinimumWage = apps.get_model("placements", "MinimumWage")
    IndustrialEstate = apps.get_model("placements", "IndustrialEstate")
    Kecamatan = apps.get_model("core", "Kecamatan")
    with KBJI_CSV.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            OccupationGroup.objects.update_or_create(
                code=row["code"], defaults={"name": row["name"], "source": KBJI_SOURCE}
            )
    for year, amount in MINIMUM_WAGES:
        MinimumWage.objects.update_or_create(year=year, defaults={"amount": amount, "source": UMK_SOURCE})
    kecamatan = {k.code: k for k in Kecamatan.objects.all()}
    for name, code in INDUSTRIAL_ESTATES:
        IndustrialEstate.objects.get_or_create(name=name, defaults={"kecamatan": kecamatan.get(code)})


class Migration(migrations.Migration):
    dependencies = [
        ("placements", "0001_initial"),
        ("core", "0002_reference_data"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
