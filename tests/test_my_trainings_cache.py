"""'My trainings' keeps a person's list in the shared cache (trainings/views.py, under the version
keys of seekers/sections.py); the CSRF token of their withdraw forms is inserted per request."""

import re

from django.test import Client
from django.urls import reverse

from seekers.tests.factories import CompleteJobSeekerFactory
from trainings.services import batch_start, enrolment_accept, enrolment_apply, enrolment_complete
from trainings.tests.factories import BatchFactory

URL = reverse("trainings:my_trainings")


def _statuses(client):
    html = client.get(URL).content.decode()
    return re.findall(r'data-testid="enrolment-status">([^<]*)<', html)


def test_the_cached_list_withdraws_with_this_requests_csrf_token(profile):
    client = Client(enforce_csrf_checks=True)
    client.force_login(profile.user)
    enrolment = enrolment_apply(batch=BatchFactory(), seeker=profile, actor=profile.user)
    client.get(URL)  # rendered and cached
    html = client.get(URL).content.decode()  # from the cache
    action = reverse("trainings:withdraw", args=[enrolment.pk])
    form = html.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    assert "csrf-" not in html  # no placeholder left
    response = client.post(action, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert _statuses(client) == ["Mengundurkan diri"]  # the withdrawal shows at once
    # Another login gets another token: never the one cached with the list.
    client.logout()
    client.force_login(profile.user)
    html = client.get(URL).content.decode()
    assert token not in html


def test_staff_decisions_batch_changes_and_certificates_show_at_once(client, profile, disnaker_staff, time_machine):
    client.force_login(profile.user)
    batch = BatchFactory(location="Gedung A")
    enrolment = enrolment_apply(batch=batch, seeker=profile, actor=profile.user)
    assert _statuses(client) == ["Mendaftar"]
    enrolment_accept(enrolment=enrolment, actor=disnaker_staff)
    assert _statuses(client) == ["Diterima"]
    batch.location = "Gedung B"  # a shared record: every list that shows it is renewed
    batch.save()
    assert "Gedung B" in client.get(URL).content.decode()
    time_machine.move_to(batch.start_date)
    batch_start(batch=batch, actor=disnaker_staff)
    client.force_login(profile.user)  # weeks later: a new session
    assert _statuses(client) == ["Sedang mengikuti"]  # the batch started: cached again
    completed = enrolment_complete(enrolment=enrolment, actor=disnaker_staff)
    assert completed.certificate.number in client.get(URL).content.decode()


def test_no_one_sees_another_persons_list(client, profile, other_seeker):
    other = CompleteJobSeekerFactory(user=other_seeker)
    enrolment_apply(batch=BatchFactory(program__title="Tata Boga"), seeker=other, actor=other_seeker)
    client.force_login(other_seeker)
    assert "Tata Boga" in client.get(URL).content.decode()
    client.force_login(profile.user)
    assert "Tata Boga" not in client.get(URL).content.decode()
    assert "Tata Boga" not in client.get(URL, {"page": 1}).content.decode()
    client.force_login(other_seeker)
    client.cookies["django_language"] = "en"
    english = client.get(URL).content.decode()
    assert "Tata Boga" in english and "Applied" in english  # its own entry per language


def test_a_profile_made_after_the_first_visit_shows_at_once(client, seeker):
    client.force_login(seeker)
    assert "alert-info" in client.get(URL).content.decode()  # "create your profile"; no profile cached
    profile = CompleteJobSeekerFactory(user=seeker)
    enrolment_apply(batch=BatchFactory(program__title="Tata Rias"), seeker=profile, actor=seeker)
    html = client.get(URL).content.decode()
    assert "alert-info" not in html and "Tata Rias" in html


def test_a_cache_outage_costs_only_speed(client, profile, cache_down):
    enrolment_apply(batch=BatchFactory(program__title="Pengelasan SMAW"), seeker=profile, actor=profile.user)
    client.force_login(profile.user)
    with cache_down():
        response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200 and "Pengelasan SMAW" in html and 'data-testid="withdraw"' in html
    assert "csrf-" not in html
