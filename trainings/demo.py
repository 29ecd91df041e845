"""Demo training data: the regency's providers, believable programmes and batches open for
registration now. Idempotent; needs only accounts/demo.py (for the partner account)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from core.models import EducationLevel, Kecamatan

from . import services
from .models import Batch, Program, Provider, ProviderStaff

PARTNER_LOGIN = "mitra@demo.bekasikab.go.id"

PROVIDERS = [
    # (key, name, short name, kind, kecamatan code, address, accreditation, contact)
    (
        "blk",
        "UPTD Balai Latihan Kerja Kabupaten Bekasi",
        "BLK Kabupaten Bekasi",
        Provider.Kind.BLK,
        "32.16.20",
        "Kompleks Perkantoran Pemerintah Kabupaten Bekasi, Cikarang Pusat",
        "A",
        ("Hendra Gunawan", "021-89970001", "blk@demo.bekasikab.go.id"),
    ),
    (
        "bpptik",
        "Balai Pelatihan dan Pengembangan Teknologi Informasi dan Komunikasi Cikarang",
        "BPPTIK Cikarang",
        Provider.Kind.BPPTIK,
        "32.16.19",
        "Jl. Inspeksi Kalimalang, Cikarang Selatan",
        "",
        ("Yulia Permatasari", "021-89970002", "bpptik@demo.bekasikab.go.id"),
    ),
    (
        "mitra",
        "LPK Mitra Karya Cikarang",
        "LPK Mitra Karya",
        Provider.Kind.PARTNER,
        "32.16.09",
        "Jl. Raya Industri No. 12, Cikarang Utara",
        "B (LA-LPK, berlaku sampai 2028)",
        ("Dewi Lestari", "0812-8800-1122", PARTNER_LOGIN),
    ),
    (
        "bina",
        "LPK Bina Terampil Tambun",
        "LPK Bina Terampil",
        Provider.Kind.PARTNER,
        "32.16.06",
        "Jl. Sultan Hasanudin No. 45, Tambun Selatan",
        "A (LA-LPK, berlaku sampai 2027)",
        ("Rudi Hartono", "0813-1100-2233", "bina@demo.bekasikab.go.id"),
    ),
    (
        "dapur",
        "LKP Dapur Nusantara Cibitung",
        "LKP Dapur Nusantara",
        Provider.Kind.PARTNER,
        "32.16.07",
        "Jl. Teuku Umar No. 8, Cibitung",
        "B (LA-LPK, berlaku sampai 2027)",
        ("Sri Wahyuni", "0857-2200-3344", "dapur@demo.bekasikab.go.id"),
    ),
]

V, D, E = Program.Category.VOCATIONAL, Program.Category.DIGITAL, Program.Category.ENTREPRENEURSHIP
OFF, ON, HY = Program.Mode.OFFLINE, Program.Mode.ONLINE, Program.Mode.HYBRID

PROGRAMS = [
    # (provider key, title, category, mode, hours, fee, min education, ages, local only, standard, description)
    (
        "blk",
        "Pengelasan SMAW 3G",
        V,
        OFF,
        240,
        0,
        "SMP",
        (18, 35),
        True,
        "SKKNI Pengelasan – Juru Las SMAW posisi 3G",
        "Las busur manual pada pelat baja posisi datar, horizontal dan vertikal; keselamatan kerja las; "
        "persiapan uji kompetensi juru las.",
    ),
    (
        "blk",
        "Instalasi Listrik dan PLC Dasar",
        V,
        OFF,
        240,
        0,
        "SMA",
        (18, 35),
        True,
        "SKKNI Instalasi Tenaga Listrik; Pemrograman PLC Dasar",
        "Instalasi penerangan dan tenaga, panel kontrol motor, pemrograman PLC untuk otomasi sederhana di pabrik.",
    ),
    (
        "blk",
        "Operator Mesin CNC Bubut",
        V,
        OFF,
        280,
        0,
        "SMK",
        (18, 30),
        True,
        "SKKNI Pemesinan – Operator CNC",
        "Membaca gambar teknik, pemrograman G-code, setting dan pengoperasian mesin bubut CNC.",
    ),
    (
        "blk",
        "Teknisi Sepeda Motor Injeksi",
        V,
        OFF,
        200,
        0,
        "SMP",
        (18, 35),
        True,
        "SKKNI Otomotif – Perawatan Sepeda Motor",
        "Servis berkala, sistem injeksi (EFI), kelistrikan dan diagnosis kerusakan sepeda motor.",
    ),
    (
        "blk",
        "Teknisi AC Split Residensial",
        V,
        OFF,
        160,
        0,
        "SMP",
        (18, 40),
        True,
        "SKKNI Refrigerasi dan Tata Udara",
        "Pemasangan, perawatan dan perbaikan AC split, penanganan refrigeran yang aman.",
    ),
    (
        "blk",
        "Menjahit Pakaian Wanita",
        V,
        OFF,
        200,
        0,
        "SD",
        (18, 45),
        True,
        "SKKNI Garmen – Penjahit",
        "Membuat pola, memotong dan menjahit blus, rok dan gamis dengan mesin jahit industri.",
    ),
    (
        "blk",
        "Tata Boga: Pengolahan Makanan dan Kue",
        V,
        OFF,
        160,
        0,
        "SMP",
        (18, 45),
        True,
        "SKKNI Jasa Boga",
        "Higiene dan sanitasi pangan, masakan Nusantara, kue basah dan kering, perhitungan harga jual.",
    ),
    (
        "blk",
        "Administrasi Perkantoran",
        V,
        OFF,
        200,
        0,
        "SMA",
        (18, 35),
        True,
        "SKKNI Administrasi Perkantoran",
        "Pengolahan surat dan arsip, aplikasi perkantoran, pelayanan pelanggan dan dasar-dasar akuntansi.",
    ),
    (
        "bpptik",
        "Junior Web Developer",
        D,
        HY,
        120,
        0,
        "SMA",
        (18, 35),
        False,
        "SKKNI Junior Web Developer",
        "HTML, CSS, JavaScript dan dasar pemrograman sisi server; membangun dan menerbitkan situs web sederhana.",
    ),
    (
        "bpptik",
        "Pengembang Aplikasi Android",
        D,
        ON,
        120,
        0,
        "SMA",
        (18, 35),
        False,
        "SKKNI Junior Mobile Programmer",
        "Kotlin, antarmuka aplikasi, penyimpanan data dan publikasi aplikasi Android.",
    ),
    (
        "bpptik",
        "Junior Network Administrator",
        D,
        OFF,
        100,
        0,
        "SMK",
        (18, 35),
        False,
        "SKKNI Junior Network Administrator",
        "Pengkabelan, konfigurasi router dan switch, jaringan nirkabel dan keamanan dasar.",
    ),
    (
        "bpptik",
        "Desain Grafis Muda",
        D,
        HY,
        100,
        0,
        "SMA",
        (18, 35),
        False,
        "SKKNI Desainer Grafis Muda",
        "Prinsip desain, tipografi, pengolahan gambar dan desain untuk media sosial dan cetak.",
    ),
    (
        "bpptik",
        "Digital Marketing",
        D,
        ON,
        80,
        0,
        "SMA",
        (18, 40),
        False,
        "SKKNI Digital Marketing",
        "Pemasaran media sosial, iklan berbayar, optimasi mesin pencari dan analitik.",
    ),
    (
        "bpptik",
        "Kewirausahaan Digital: Memulai Usaha Online",
        E,
        HY,
        60,
        0,
        "SMP",
        (18, 55),
        True,
        "",
        "Dari ide ke usaha: model bisnis, foto produk, toko daring dan marketplace, pembukuan sederhana, NIB "
        "lewat OSS. Pendampingan enam bulan setelah pelatihan.",
    ),
    (
        "mitra",
        "Operator Forklift Bersertifikat",
        V,
        OFF,
        48,
        Decimal("3500000"),
        "SMA",
        (20, 45),
        False,
        "Skema sertifikasi operator forklift (SIO)",
        "Teori dan praktik pengoperasian forklift, keselamatan gudang, ujian SIO.",
    ),
    (
        "bina",
        "Perawat Lansia (Caregiver)",
        V,
        OFF,
        300,
        Decimal("4250000"),
        "SMA",
        (19, 35),
        False,
        "SKKNI Caregiver",
        "Perawatan dasar lansia, gizi, pertolongan pertama dan komunikasi; magang di panti werdha.",
    ),
    (
        "dapur",
        "Barista Profesional",
        V,
        OFF,
        40,
        Decimal("2750000"),
        "SMP",
        (18, 40),
        False,
        "",
        "Espresso, manual brew, latte art, kebersihan bar dan pelayanan pelanggan.",
    ),
]


def seed(*, faker, password):
    today = timezone.localdate()
    kecamatan = {k.code: k for k in Kecamatan.objects.all()}
    levels = {e.code: e for e in EducationLevel.objects.all()}
    providers = {}
    for key, name, short, kind, kec, address, accreditation, (contact, phone, email) in PROVIDERS:
        providers[key], _created = Provider.objects.get_or_create(
            name=name,
            defaults={
                "short_name": short,
                "kind": kind,
                "kecamatan": kecamatan.get(kec),
                "address": address,
                "accreditation": accreditation,
                "contact_name": contact,
                "contact_phone": phone,
                "contact_email": email,
            },
        )
    partner = User.objects.filter(email=PARTNER_LOGIN).first()
    if partner is not None:
        ProviderStaff.objects.get_or_create(user=partner, defaults={"provider": providers["mitra"]})

    for number, (key, title, category, mode, hours, fee, edu, (low, high), local, standard, text) in enumerate(
        PROGRAMS
    ):
        program, _created = Program.objects.get_or_create(
            provider=providers[key],
            title=title,
            defaults={
                "category": category,
                "mode": mode,
                "hours": hours,
                "fee": fee,
                "min_education": levels.get(edu),
                "min_age": low,
                "max_age": high,
                "local_only": local,
                "competency_standard": standard,
                "description": text,
                "prerequisites": "Sehat jasmani dan rohani; bersedia mengikuti pelatihan sampai selesai."
                if key == "blk"
                else "",
                "is_published": True,
            },
        )
        if program.batches.exists():
            continue
        # Staggered so the catalogue has batches opening, open and about to start.
        start = today + timedelta(days=14 + 7 * (number % 4))
        days = max(hours // 8, 5)
        first = Batch(
            program=program,
            name=f"Angkatan I {start.year}",
            admission=Batch.Admission.FIRST_COME if category == D else Batch.Admission.SELECTION,
            start_date=start,
            end_date=start + timedelta(days=days + days // 5 * 2),
            schedule="Senin–Jumat, 08.00–16.00 WIB" if mode != ON else "Senin–Kamis, 19.00–21.00 WIB (daring)",
            location="" if mode == ON else providers[key].address,
            kecamatan=None if mode == ON else providers[key].kecamatan,
            capacity=16 if key == "blk" else 24,
            registration_opens=today - timedelta(days=7),
            registration_closes=start - timedelta(days=3),
        )
        services.batch_publish(batch=services.batch_save(batch=first, actor=None), actor=None)
        if key == "blk" and number % 3 == 0:
            # A mobile training unit (MTU) in a northern kecamatan, registration opening later.
            later = start + timedelta(days=45)
            mtu = Batch(
                program=program,
                name=f"Angkatan II {later.year} (MTU)",
                start_date=later,
                end_date=later + timedelta(days=days + days // 5 * 2),
                schedule="Senin–Jumat, 08.00–15.00 WIB",
                location="Balai Desa Pantai Bahagia (unit pelatihan keliling)",
                kecamatan=kecamatan.get("32.16.17"),
                capacity=16,
                registration_opens=today + timedelta(days=20),
                registration_closes=later - timedelta(days=3),
            )
            services.batch_publish(batch=services.batch_save(batch=mtu, actor=None), actor=None)
    return []
