import datetime
import io
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from seekers.tests.factories import JobSeekerFactory
from trainings.models import Enrolment
from trainings.tests.factories import BatchFactory, ProgramFactory

from ..models import Application, BankStaff, PartnerBank, Product


class PartnerBankFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerBank

    name = factory.Sequence(lambda n: f"Bank Contoh {n}")
    short_name = factory.Sequence(lambda n: f"BK{n}")
    contact_phone = "021-8900000"
    contact_email = "kur@bank.example.id"
    address = "Jl. Raya Cikarang No. 1"
    four_eyes_above = Decimal(10_000_000)
    arrears_after_days = 30


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    bank = factory.SubFactory(PartnerBankFactory)
    name = factory.Sequence(lambda n: f"KUR Pelatihan {n}")
    purpose = Product.Purpose.COURSE_FEE
    method = Product.Method.FLAT
    annual_rate = Decimal("6.00")
    min_amount = Decimal(500_000)
    max_amount = Decimal(50_000_000)
    min_tenor = 3
    max_tenor = 36
    grace_months = 0
    min_age = 18
    max_age = 55
    local_only = True
    required_documents = ["ktp", "kk", "income_or_guarantor"]
    riplay_costs = "Bunga 6% per tahun (flat). Tanpa biaya provisi dan administrasi."
    riplay_risks = "Jika terlambat membayar, Anda dikenai denda dan tercatat di SLIK OJK."
    riplay_obligations = "Membayar angsuran setiap bulan tepat waktu."
    is_published = True


class BankStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BankStaff

    bank = factory.SubFactory(PartnerBankFactory)


def accepted_enrolment(*, seeker=None, fee=Decimal(8_000_000)):
    """An accepted enrolment of a fee-charging programme (seats counted as the services would)."""
    seeker = seeker or JobSeekerFactory()
    batch = BatchFactory(program=ProgramFactory(fee=fee), seats_taken=1)
    return Enrolment.objects.create(batch=batch, seeker=seeker, status=Enrolment.Status.ACCEPTED, local_resident=True)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application in any status; set the fields the status implies yourself."""

    class Meta:
        model = Application

    reference = factory.Sequence(lambda n: f"PB-2026-{n + 1:06d}")
    enrolment = factory.LazyFunction(accepted_enrolment)
    seeker = factory.LazyAttribute(lambda o: o.enrolment.seeker)
    product = factory.SubFactory(ProductFactory)
    bank = factory.LazyAttribute(lambda o: o.product.bank)
    purpose = Product.Purpose.COURSE_FEE
    amount_requested = Decimal(5_000_000)
    tenor_requested = 12
    submitted_at = factory.LazyFunction(timezone.now)


def jpeg_upload(name="ktp.jpg"):
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (10, 120, 200)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def today():
    return timezone.localdate()


def days_ago(n):
    return today() - datetime.timedelta(days=n)
