import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from notifications.models import NotificationPreference
from notifications.services import preference_update


def test_the_settings_page_asks_for_login(client, db):
    response = client.get(reverse("notifications:preferences"))
    assert response.url.startswith(reverse("accounts:login"))


def test_a_person_with_a_verified_number_opts_into_whatsapp_and_out_of_email(client, seeker):
    seeker.phone_verified_at = timezone.now()
    seeker.save()
    client.force_login(seeker)
    response = client.post(reverse("notifications:preferences"), {"whatsapp": "on"}, follow=True)
    assert "Pengaturan notifikasi Anda tersimpan." in response.content.decode()
    preference = NotificationPreference.objects.get(user=seeker)
    assert (preference.email, preference.sms, preference.whatsapp) == (False, False, True)
    form = client.get(reverse("notifications:preferences")).context["form"]
    assert form.initial == {"email": False, "sms": False, "whatsapp": True}


def test_without_a_verified_number_sms_and_whatsapp_cannot_be_switched_on(client, seeker):
    client.force_login(seeker)
    page = client.get(reverse("notifications:preferences"))
    assert page.context["form"].fields["sms"].disabled
    assert "diverifikasi" in page.content.decode()
    client.post(reverse("notifications:preferences"), {"email": "on", "sms": "on", "whatsapp": "on"})
    preference = NotificationPreference.objects.get(user=seeker)
    assert (preference.email, preference.sms, preference.whatsapp) == (True, False, False)


def test_the_service_refuses_sms_without_a_verified_number(seeker):
    with pytest.raises(ValidationError):
        preference_update(user=seeker, email=True, sms=True, whatsapp=False)
    assert not NotificationPreference.objects.exists()
