"""After a seeker's whole journey, the metrics parse as Prometheus text and name nobody."""

from django.core.files.base import ContentFile
from django.urls import reverse
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from core.models import Desa, EducationLevel, Kecamatan
from seekers.models import AK1Card, Document, Education, JobSeeker, Skill
from seekers.tests.factories import jpeg_bytes
from trainings.models import Enrolment
from trainings.tests.factories import BatchFactory

EMAIL = "rina.marlina@example.id"
NIK = "3216095708950002"
PHONE = "+6281234567890"
PASSWORD = "kopi tubruk pagi hari"
TOKEN = "scrape-token-for-the-privacy-test-0123456789"


def _value(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0.0


def _seeker_journey(client):
    """Register, fill the profile, get the AK/1 card, look at it, apply for a training."""
    response = client.post(
        reverse("seekers:register"),
        {"full_name": "Rina Marlina", "identifier": EMAIL, "password1": PASSWORD, "password2": PASSWORD,
         "consent": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    kecamatan = Kecamatan.objects.get(code="32.16.09")
    response = client.post(
        reverse("seekers:profile_personal"),
        {"nik": "3216 0957 0895 0002", "full_name": "Rina Marlina", "birth_place": "Bekasi",
         "birth_date": "1995-08-17", "gender": "P", "marital_status": "single", "religion": "islam",
         "address": "Jl. Kenanga No. 5 RT 02/RW 03", "domicile_kecamatan": kecamatan.pk,
         "domicile_desa": Desa.objects.filter(kecamatan=kecamatan).first().pk, "domicile_outside": "",
         "phone": "0812 3456 7890"},
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    seeker = JobSeeker.objects.get(nik=NIK)
    # Education, a skill and a photo, as the later steps save them.
    seeker.education_level = EducationLevel.objects.get(code="SMK")
    seeker.save(update_fields=["education_level"])
    Education.objects.create(seeker=seeker, level=seeker.education_level, school="SMK Negeri 1")
    seeker.skills.add(Skill.objects.get_or_create(name="pengelasan")[0])
    photo = Document(seeker=seeker, kind=Document.Kind.PHOTO, content_type="image/jpeg", size=1)
    photo.file.save("photo.jpg", ContentFile(jpeg_bytes()), save=False)
    photo.thumbnail.save("thumb.jpg", ContentFile(jpeg_bytes((30, 40))), save=False)
    photo.save()

    assert client.post(reverse("seekers:card_issue")).status_code == 302
    card = AK1Card.objects.get(seeker=seeker)
    assert client.get(reverse("seekers:card")).status_code == 200
    assert client.get(reverse("seekers:card_pdf", args=[card.pk])).status_code == 200
    assert client.get(reverse("seekers:card_verify", args=[card.token])).status_code == 200
    batch = BatchFactory()
    response = client.post(reverse("trainings:apply", args=[batch.pk]), {"motivation": "Ingin jadi juru las"})
    assert response.status_code == 302
    assert Enrolment.objects.filter(seeker=seeker).exists()
    return seeker, card


def test_after_a_full_seeker_flow_the_metrics_parse_and_contain_no_nik_phone_or_email(
    client, disnaker_staff, settings, celery_eager, django_capture_on_commit_callbacks
):
    settings.METRICS_TOKEN = TOKEN
    cards, trainings = _value("bekasi_ak1_cards_issued_total"), _value("bekasi_applications_total", kind="training")
    failures = _value("bekasi_login_failures_total")

    with django_capture_on_commit_callbacks(execute=True):
        seeker, card = _seeker_journey(client)
        client.logout()
        # Failed logins with each of the person's identifiers, and paths that carry them.
        for identifier in (EMAIL, "0812-3456-7890", NIK):
            client.post(reverse("accounts:login"), {"username": identifier, "password": "not the password"})
        client.get(f"/pencari-kerja/{NIK}/{EMAIL}/")
        client.get(reverse("seekers:card_verify", args=[card.token]))
        # Staff search for her by NIK, phone and email, and open her record.
        client.force_login(disnaker_staff)
        changelist = reverse("admin:seekers_jobseeker_changelist")
        for query in (NIK, "0812 3456 7890", EMAIL):
            assert client.get(changelist, {"q": query}).status_code == 200
        assert client.get(reverse("admin:seekers_jobseeker_change", args=[seeker.pk])).status_code == 200

    response = client.get("/metrics", REMOTE_ADDR="198.51.100.20", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    text = response.content.decode()
    families = list(text_string_to_metric_families(text))  # parses, or raises
    assert {"bekasi_http_requests", "bekasi_outbox_messages", "bekasi_ak1_cards_issued"} <= {f.name for f in families}

    for secret in (NIK, PHONE, "081234567890", "81234567890", EMAIL, "rina.marlina", "Rina Marlina", card.number,
                   str(card.token)):  # fmt: skip
        assert secret not in text, secret
    label_values = {v for f in families for s in f.samples for v in s.labels.values()}
    assert not any("@" in v or "/" in v for v in label_values)

    assert _value("bekasi_ak1_cards_issued_total") == cards + 1
    assert _value("bekasi_applications_total", kind="training") == trainings + 1
    assert _value("bekasi_login_failures_total") == failures + 3
