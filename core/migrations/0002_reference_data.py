"""Reference data: Kabupaten Bekasi's kecamatan and desa/kelurahan, education levels, KBLI sections."""

import csv
from pathlib import Path

from django.db import migrations

WILAYAH_CSV = Path(__file__).resolve().parent.parent / "data" / "wilayah_3216.csv"

EDUCATION_LEVELS = [
    # (code, name, rank)
    ("TS", "Tidak/belum sekolah", 0),
    ("SD", "SD/sederajat", 10),
    ("SMP", "SMP/sederajat", 20),
    ("SMA", "SMA/sederajat", 30),
    ("SMK", "SMK", 31),
    ("D1", "Diploma I", 40),
    ("D2", "Diploma II", 41),
    ("D3", "Diploma III", 42),
    ("D4", "Diploma IV/Sarjana Terapan", 50),
    ("S1", "Sarjana (S1)", 51),
    ("S2", "Magister (S2)", 60),
    ("S3", "Doktor (S3)", 70),
]

# KBLI 2020 sections.
SECTORS = [
    ("A", "Pertanian, Kehutanan dan Perikanan"),
    ("B", "Pertambangan dan Penggalian"),
    ("C", "Industri Pengolahan"),
    ("D", "Pengadaan Listrik, Gas, Uap/Air Panas dan Udara Dingin"),
    ("E", "Treatment Air, Treatment Air Limbah, Treatment dan Pemulihan Material Sampah, dan Aktivitas Remediasi"),
    ("F", "Konstruksi"),
    ("G", "Perdagangan Besar dan Eceran; Reparasi dan Perawatan Mobil dan Sepeda Motor"),
    ("H", "Pengangkutan dan Pergudangan"),
    ("I", "Penyediaan Akomodasi dan Penyediaan Makan Minum"),
    ("J", "Informasi dan Komunikasi"),
    ("K", "Aktivitas Keuangan dan Asuransi"),
    ("L", "Real Estat"),
    ("M", "Aktivitas Profesional, Ilmiah dan Teknis"),
    (
        "N",
        "Aktivitas Penyewaan dan Sewa Guna Usaha Tanpa Hak Opsi, Ketenagakerjaan, Agen Perjalanan dan Penunjang Usaha Lainnya",
    ),
    ("O", "Administrasi Pemerintahan, Pertahanan dan Jaminan Sosial Wajib"),
    ("P", "Pendidikan"),
    ("Q", "Aktivitas Kesehatan Manusia dan Aktivitas Sosial"),
    ("R", "Kesenian, Hiburan dan Rekreasi"),
    ("S", "Aktivitas Jasa Lainnya"),
    ("T", "Aktivitas Rumah Tangga sebagai Pemberi Kerja"),
    ("U", "Aktivitas Badan Internasional dan Badan Ekstra Internasional Lainnya"),
]


def load(apps, schema_editor):
    Kecamatan = apps.get_model("core", "Kecamatan")
    Desa = apps.get_model("core", "Desa")
    EducationLevel = apps.get_model("core", "EducationLevel")
    Sector = apps.get_model("core", "Sector")

    with WILAYAH_CSV.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    kecamatan = {}
    for row in rows:
        if row["level"] == "kecamatan":
            kecamatan[row["code"]] = Kecamatan.objects.create(code=row["code"], name=row["name"])
    Desa.objects.bulk_create(
        Desa(code=row["code"], name=row["name"], kind=row["level"], kecamatan=kecamatan[row["code"][:8]])
        for row in rows
        if row["level"] in ("desa", "kelurahan")
    )
    EducationLevel.objects.bulk_create(EducationLevel(code=c, name=n, rank=r) for c, n, r in EDUCATION_LEVELS)
    Sector.objects.bulk_create(Sector(code=c, name=n) for c, n in SECTORS)


def unload(apps, schema_editor):
    for model in ("Desa", "Kecamatan", "EducationLevel", "Sector"):
        apps.get_model("core", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
