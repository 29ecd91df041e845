import datetime
import io

import factory
from django.core.files.base import ContentFile
from PIL import Image

from accounts.tests.factories import UserFactory
from core.models import Desa, EducationLevel, Kecamatan
from seekers.models import Document, Education, JobSeeker, Skill


def make_nik(birth_date: datetime.date, gender: str, serial: int, kecamatan_code="321609") -> str:
    day = birth_date.day + (40 if gender == "P" else 0)
    return f"{kecamatan_code}{day:02d}{birth_date:%m%y}{serial:04d}"


def jpeg_bytes(size=(60, 80), color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="JPEG")
    return out.getvalue()


class JobSeekerFactory(factory.django.DjangoModelFactory):
    """A registered seeker living in Cikarang Utara, profile not yet complete."""

    class Meta:
        model = JobSeeker
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    full_name = factory.LazyAttribute(lambda o: o.user.full_name)
    birth_place = "Bekasi"
    birth_date = datetime.date(2000, 5, 17)
    gender = JobSeeker.Gender.MALE
    nik = factory.Sequence(lambda n: make_nik(datetime.date(2000, 5, 17), "L", n + 1))
    marital_status = JobSeeker.MaritalStatus.SINGLE
    religion = JobSeeker.Religion.ISLAM
    address = "Jl. Raya Industri No. 1 RT 01/RW 02"
    domicile_kecamatan = factory.LazyFunction(lambda: Kecamatan.objects.get(code="32.16.09"))
    domicile_desa = factory.LazyFunction(lambda: Desa.objects.filter(kecamatan__code="32.16.09").first())
    phone = "081234567891"
    education_level = factory.LazyFunction(lambda: EducationLevel.objects.get(code="SMK"))

    class Params:
        outside = factory.Trait(domicile_kecamatan=None, domicile_desa=None, domicile_outside="Kota Bekasi")


class CompleteJobSeekerFactory(JobSeekerFactory):
    """A seeker whose profile is complete: education, a skill and a photo."""

    @factory.post_generation
    def complete(self, create, extracted, **kwargs):
        if not create:
            return
        Education.objects.create(
            seeker=self,
            level=self.education_level,
            school="SMK Negeri 1 Cikarang Barat",
            major="Teknik Pengelasan",
            graduation_year=2018,
        )
        self.skills.add(Skill.objects.get_or_create(name="pengelasan")[0])
        document = Document(seeker=self, kind=Document.Kind.PHOTO, content_type="image/jpeg", size=1)
        document.file.save("photo.jpg", ContentFile(jpeg_bytes()), save=False)
        document.thumbnail.save("thumb.jpg", ContentFile(jpeg_bytes((30, 40))), save=False)
        document.save()
