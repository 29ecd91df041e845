import datetime
import io
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reportlab.pdfgen import canvas

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from core.models import EducationLevel, Kecamatan
from placements.models import (
    Application,
    ContractType,
    Employer,
    EmployerStaff,
    MinimumWage,
    OccupationGroup,
    Placement,
    Vacancy,
)
from seekers.tests.factories import JobSeekerFactory, jpeg_bytes


def umk():
    return MinimumWage.for_year(timezone.localdate().year).amount


class EmployerFactory(factory.django.DjangoModelFactory):
    """A verified employer in Cikarang Utara."""

    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"PT Contoh Industri {n}")
    nib = factory.Sequence(lambda n: f"{9120000000000 + n}")
    kecamatan = factory.LazyFunction(lambda: Kecamatan.objects.get(code="32.16.09"))
    verified_at = factory.LazyFunction(timezone.now)


class EmployerStaffFactory(factory.django.DjangoModelFactory):
    """A verified HR officer of an employer, with the employer-staff role."""

    class Meta:
        model = EmployerStaff

    user = factory.SubFactory(UserFactory, role=Role.EMPLOYER)
    employer = factory.SubFactory(EmployerFactory)
    status = EmployerStaff.Status.VERIFIED


class VacancyFactory(factory.django.DjangoModelFactory):
    """A published vacancy closing in two weeks, paying the UMK, no education minimum."""

    class Meta:
        model = Vacancy
        skip_postgeneration_save = True

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Operator Produksi {n}")
    occupation = factory.LazyFunction(lambda: OccupationGroup.objects.get(code="81"))
    contract_type = ContractType.PKWT
    kecamatan = factory.LazyFunction(lambda: Kecamatan.objects.get(code="32.16.09"))
    wage_min = factory.LazyFunction(umk)
    wage_max = factory.LazyAttribute(lambda o: o.wage_min + Decimal("1000000"))
    closing_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    skills = ""
    status = Vacancy.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    search_text = factory.LazyAttribute(lambda o: f"{o.title} {o.employer.name} {o.skills}")


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    vacancy = factory.SubFactory(VacancyFactory)
    seeker = factory.SubFactory(JobSeekerFactory)


class PlacementFactory(factory.django.DjangoModelFactory):
    """A verified placement of a local seeker, started a month ago."""

    class Meta:
        model = Placement

    seeker = factory.SubFactory(JobSeekerFactory)
    employer = factory.SubFactory(EmployerFactory)
    position = "Operator Produksi"
    contract_type = ContractType.PKWT
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    wage = factory.LazyFunction(umk)
    channel = Placement.Channel.PORTAL
    reporter = Placement.Reporter.EMPLOYER
    is_local = factory.LazyAttribute(lambda o: o.seeker.is_local)
    status = Placement.Status.VERIFIED


def smk():
    return EducationLevel.objects.get(code="SMK")


def pdf_upload(name="kontrak.pdf"):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(100, 750, "Surat keterangan kerja")
    pdf.showPage()
    pdf.save()
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def photo_upload(name="kontrak.jpg"):
    return SimpleUploadedFile(name, jpeg_bytes((200, 300)), content_type="image/jpeg")
