import datetime

import factory

from overseas.models import Intake, IntakeStage, Scheme, SendingOrganisation, SendingOrganisationStaff

# The technical-intern scheme's stage list, in order (DESIGN.md).
TECHNICAL_INTERN_STAGES = [
    ("Seleksi administrasi", IntakeStage.Kind.ADMINISTRATIVE),
    ("Tes matematika", IntakeStage.Kind.MATHEMATICS),
    ("Tes fisik dan ketahanan", IntakeStage.Kind.PHYSICAL),
    ("Wawancara", IntakeStage.Kind.INTERVIEW),
    ("Pemeriksaan kesehatan", IntakeStage.Kind.MEDICAL),
    ("Tes bahasa Jepang", IntakeStage.Kind.JAPANESE),
    ("Pelatihan pra-pemberangkatan tahap I", IntakeStage.Kind.TRAINING),
    ("Pelatihan pra-pemberangkatan tahap II", IntakeStage.Kind.TRAINING),
]


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scheme
        django_get_or_create = ("name",)

    name = "Pemagangan teknis (Technical Intern Training)"
    country = "Jepang"
    legal_basis = "Permenaker 8/2008; Act on Proper Technical Intern Training (Japan)"
    duration_months = 36
    max_extension_months = 24


class SendingOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SendingOrganisation

    name = factory.Sequence(lambda n: f"LPK-SO Sakura {n}")
    kind = SendingOrganisation.Kind.LPK_SO
    licence_number = factory.Sequence(lambda n: f"KEP.{n}/LATTAS/2025")
    licence_valid_until = datetime.date(2029, 12, 31)


class SendingOrganisationStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SendingOrganisationStaff

    organisation = factory.SubFactory(SendingOrganisationFactory)


class IntakeFactory(factory.django.DjangoModelFactory):
    """A published intake of the technical-intern scheme, open all of 2026, with the eight
    stages of TECHNICAL_INTERN_STAGES (pass `stages=[...]` for another list)."""

    class Meta:
        model = Intake
        skip_postgeneration_save = True

    scheme = factory.SubFactory(SchemeFactory)
    organisation = factory.SubFactory(SendingOrganisationFactory)
    name = factory.Sequence(lambda n: f"Magang Jepang 2026 gelombang {n}")
    year = 2026
    quota = 50
    registration_opens = datetime.date(2026, 1, 1)
    registration_closes = datetime.date(2026, 12, 31)
    reference_date = datetime.date(2026, 12, 31)
    planned_departure = datetime.date(2027, 9, 1)
    min_age_men = 18
    max_age_men = 30
    min_age_women = 18
    max_age_women = 28
    is_published = True

    @factory.post_generation
    def stages(self, create, extracted, **kwargs):
        if not create:
            return
        for position, (name, kind) in enumerate(TECHNICAL_INTERN_STAGES if extracted is None else extracted, start=1):
            IntakeStage.objects.create(intake=self, position=position, name=name, kind=kind)


def open_vacancy(*, employer_name, title="Operator produksi", japanese=False, closing=datetime.date(2029, 12, 31)):
    """A published vacancy of a verified employer of the placements app (test data only)."""
    from django.utils import timezone

    from core.models import Kecamatan
    from overseas.models import JapaneseAffiliation
    from placements.models import Employer, OccupationGroup, Vacancy

    occupation = OccupationGroup.objects.first() or OccupationGroup.objects.create(
        code="81", name="Operator mesin", source="KBJI 2014"
    )
    employer = Employer.objects.create(
        name=employer_name, nib=f"{Employer.objects.count() + 1:013d}", verified_at=timezone.now()
    )
    if japanese:
        JapaneseAffiliation.objects.create(employer=employer, parent_company="Nihon Kabushiki Kaisha")
    return Vacancy.objects.create(
        employer=employer,
        title=title,
        occupation=occupation,
        kecamatan=Kecamatan.objects.get(code="32.16.09"),
        wage_min=5_500_000,
        wage_max=6_000_000,
        closing_date=closing,
        status=Vacancy.Status.PUBLISHED,
        published_at=timezone.now(),
    )
