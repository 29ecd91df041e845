"""The staff candidate and returnee lists: rows written by a template tag, the candidate list's
filter choices kept in the shared cache per scope and forgotten when an intake or a kecamatan
changes."""

from unittest import mock

import pytest
from django.urls import reverse

from core.models import Kecamatan
from overseas.models import Candidacy

from .factories import IntakeFactory

pytestmark = pytest.mark.django_db
URL = reverse("overseas:staff_candidates")


def _options(response, field):
    return dict(response.context["form"].fields[field].choices)


def test_a_row_shows_name_link_intake_status_stage_and_kecamatan(client, disnaker_staff, intake, apply):
    candidacy = apply(intake, full_name="Dewi Lestari Putri")
    client.force_login(disnaker_staff)

    html = client.get(URL, {"intake": intake.pk}).content.decode()

    url = reverse("overseas:staff_candidacy", args=[candidacy.pk])
    kecamatan = candidacy.seeker.domicile_kecamatan.name
    stage = candidacy.next_stage.name
    status = Candidacy.Status(candidacy.status).label
    assert (
        f'<tr data-testid="candidate"><td><a href="{url}">Dewi Lestari Putri</a></td><td>{intake.name}</td>'
        f"<td>{status}</td><td>{stage}</td><td>{kecamatan}</td></tr>"
    ) in html
    assert "Tidak ada peserta yang cocok." in client.get(URL, {"q": "Tidak Ada Nama Ini"}).content.decode()


def test_a_renamed_or_new_intake_and_a_renamed_kecamatan_show_at_once(client, disnaker_staff, intake):
    client.force_login(disnaker_staff)
    assert _options(client.get(URL), "intake")[intake.pk] == intake.name  # now cached

    intake.name = "Magang Jepang gelombang khusus"
    intake.save()
    newer = IntakeFactory(name="Magang Jepang susulan")
    kecamatan = Kecamatan.objects.order_by("pk").first()
    kecamatan.name = "Tambun Utara Baru"
    kecamatan.save()
    response = client.get(URL)

    assert _options(response, "intake")[intake.pk] == "Magang Jepang gelombang khusus"
    assert _options(response, "intake")[newer.pk] == "Magang Jepang susulan"
    assert _options(response, "kecamatan")[kecamatan.pk] == "Tambun Utara Baru"
    newer.delete()
    assert newer.pk not in _options(client.get(URL), "intake")


def test_cached_choices_are_kept_per_scope(client, disnaker_staff, sending_org_staff, intake):
    own = IntakeFactory(organisation=sending_org_staff.sending_organisation_staff.organisation)
    client.force_login(disnaker_staff)
    assert set(_options(client.get(URL), "intake")) == {"", intake.pk, own.pk}  # every intake, cached

    client.force_login(sending_org_staff)
    response = client.get(URL, {"intake": intake.pk})

    assert set(_options(response, "intake")) == {"", own.pk}
    assert not response.context["form"].is_valid()  # another organisation's intake is not a choice
    assert list(response.context["page"]) == []


def test_a_cache_outage_only_costs_the_queries(client, disnaker_staff, intake, apply):
    candidacy = apply(intake)
    client.force_login(disnaker_staff)
    with (
        mock.patch("django.core.cache.cache.get", side_effect=ConnectionError),
        mock.patch("django.core.cache.cache.set", side_effect=ConnectionError),
    ):
        response = client.get(URL, {"intake": intake.pk})

    assert response.status_code == 200
    assert [c.pk for c in response.context["page"]] == [candidacy.pk]
