import datetime

import factory
from django.utils import timezone

from core.models import Kecamatan
from trainings.models import Batch, Program, Provider, ProviderStaff


def today():
    return timezone.localdate()


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"LPK Contoh {n}")
    kind = Provider.Kind.PARTNER
    address = "Jl. Raya Industri No. 5"
    kecamatan = factory.LazyFunction(lambda: Kecamatan.objects.get(code="32.16.09"))


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    provider = factory.SubFactory(ProviderFactory)
    title = factory.Sequence(lambda n: f"Program {n}")
    category = Program.Category.VOCATIONAL
    mode = Program.Mode.OFFLINE
    hours = 160
    is_published = True


class BatchFactory(factory.django.DjangoModelFactory):
    """A published batch, registration open today, starting in two weeks, five seats."""

    class Meta:
        model = Batch

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Angkatan {n}")
    status = Batch.Status.PUBLISHED
    start_date = factory.LazyFunction(lambda: today() + datetime.timedelta(days=14))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=30))
    capacity = 5
    registration_opens = factory.LazyFunction(lambda: today() - datetime.timedelta(days=7))
    registration_closes = factory.LazyFunction(lambda: today() + datetime.timedelta(days=7))
    location = "Workshop 1"


class ProviderStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderStaff

    provider = factory.SubFactory(ProviderFactory)
