"""Demo financing data: two partner banks with their products (RIPLAY in plain Bahasa Indonesia),
the demo bank officer linked to one of them and a bank supervisor. Idempotent."""

from decimal import Decimal

from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import Role
from accounts.services import user_create

from .models import BankStaff, PartnerBank, Product

OFFICER_LOGIN = "bank@demo.bekasikab.go.id"
SUPERVISOR_LOGIN = "penyelia-bank@demo.bekasikab.go.id"

RIPLAY = {
    "costs": (
        "Bunga {rate}% per tahun ({method}). Tidak ada biaya provisi dan administrasi. Denda keterlambatan "
        "0,1% per hari dari angsuran yang terlambat. Bea meterai perjanjian kredit ditanggung bank."
    ),
    "risks": (
        "Jika Anda terlambat membayar, Anda membayar denda dan keterlambatan tercatat di SLIK OJK, sehingga "
        "mempersulit pinjaman berikutnya. Jika pelatihan tidak selesai, pinjaman tetap harus dilunasi."
    ),
    "obligations": (
        "Membayar angsuran setiap bulan sebelum tanggal jatuh tempo; memberi tahu bank bila alamat, nomor HP "
        "atau pekerjaan berubah; menghubungi bank segera bila kesulitan membayar."
    ),
}


def _product(bank, name, *, method, rate, max_amount, tenor, grace=0):
    method_label = "flat" if method == Product.Method.FLAT else "efektif/anuitas"
    Product.objects.get_or_create(
        bank=bank,
        name=name,
        defaults={
            "method": method,
            "annual_rate": Decimal(rate),
            "min_amount": Decimal(1_000_000),
            "max_amount": Decimal(max_amount),
            "min_tenor": tenor[0],
            "max_tenor": tenor[1],
            "grace_months": grace,
            "required_documents": ["ktp", "kk", "income_or_guarantor"],
            "riplay_costs": RIPLAY["costs"].format(rate=rate.replace(".", ","), method=method_label),
            "riplay_risks": RIPLAY["risks"],
            "riplay_obligations": RIPLAY["obligations"],
            "is_published": True,
        },
    )


def seed(*, faker, password):
    bjb, _created = PartnerBank.objects.get_or_create(
        name="Bank BJB Kantor Cabang Cikarang",
        defaults={
            "short_name": "BJB Cikarang",
            "contact_name": "Unit KUR",
            "contact_phone": "021-89901234",
            "contact_email": "kur.cikarang@demo.bankbjb.example",
            "address": "Jl. Raya Cikarang–Cibarusah No. 1, Cikarang Selatan",
            "four_eyes_above": Decimal(10_000_000),
        },
    )
    bri, _created = PartnerBank.objects.get_or_create(
        name="BRI Unit Tambun",
        defaults={
            "short_name": "BRI Tambun",
            "contact_phone": "021-88323456",
            "address": "Jl. Sultan Hasanudin No. 80, Tambun Selatan",
            "four_eyes_above": Decimal(15_000_000),
        },
    )
    _product(bjb, "KUR Pelatihan Kerja", method=Product.Method.FLAT, rate="6.00", max_amount=25_000_000,
             tenor=(3, 24))  # fmt: skip
    _product(bjb, "Kredit Siap Kerja", method=Product.Method.ANNUITY, rate="11.99", max_amount=50_000_000,
             tenor=(6, 36), grace=3)  # fmt: skip
    _product(bri, "KUR Super Mikro Pelatihan", method=Product.Method.FLAT, rate="3.00", max_amount=10_000_000,
             tenor=(3, 12))  # fmt: skip
    made = []
    officer = User.objects.filter(email=OFFICER_LOGIN).first()
    if officer is not None:
        BankStaff.objects.get_or_create(user=officer, defaults={"bank": bjb})
    supervisor = User.objects.filter(email=SUPERVISOR_LOGIN).first()
    if supervisor is None:
        supervisor = user_create(email=SUPERVISOR_LOGIN, password=password, full_name="Yuni Kartika")
    supervisor.groups.add(Group.objects.get(name=Role.BANK_SUPERVISOR.value))
    BankStaff.objects.get_or_create(user=supervisor, defaults={"bank": bjb})
    made.append(("Bank supervisor", SUPERVISOR_LOGIN))
    return made
