"""The public catalogue and a programme's page."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Kecamatan
from trainings.models import Batch, Program

from .factories import BatchFactory, ProgramFactory, ProviderFactory, today


def _titles(response):
    return [p.title for p in response.context["page"]]


@pytest.fixture
def programmes(db):
    blk = ProviderFactory(name="BLK Kabupaten Bekasi", kind="blk", kecamatan=Kecamatan.objects.get(code="32.16.20"))
    bpptik = ProviderFactory(name="BPPTIK Cikarang", kind="bpptik", kecamatan=Kecamatan.objects.get(code="32.16.19"))
    lpk = ProviderFactory(name="LPK Mitra Karya", kecamatan=None)
    welding = ProgramFactory(
        provider=blk, title="Pengelasan SMAW 3G", description="Juru las pelat baja", competency_standard="SKKNI Las"
    )
    web = ProgramFactory(
        provider=bpptik, title="Junior Web Developer", category=Program.Category.DIGITAL, mode=Program.Mode.ONLINE
    )
    forklift = ProgramFactory(provider=lpk, title="Operator Forklift", fee=Decimal("3500000"))
    ProgramFactory(provider=blk, title="Draf: Teknisi Drone", is_published=False)
    BatchFactory(program=welding)
    BatchFactory(  # registration opens later
        program=web,
        registration_opens=today() + datetime.timedelta(days=3),
        registration_closes=today() + datetime.timedelta(days=10),
    )
    BatchFactory(program=forklift, kecamatan=Kecamatan.objects.get(code="32.16.17"))
    return {"welding": welding, "web": web, "forklift": forklift, "blk": blk}


def test_the_catalogue_lists_published_programmes_open_ones_first(client, programmes):
    response = client.get(reverse("trainings:catalogue"))
    assert response.status_code == 200
    titles = _titles(response)
    assert "Draf: Teknisi Drone" not in titles
    assert set(titles[:2]) == {"Pengelasan SMAW 3G", "Operator Forklift"}
    assert titles[2] == "Junior Web Developer"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "las"}, ["Pengelasan SMAW 3G"]),
        ({"q": "skkni"}, ["Pengelasan SMAW 3G"]),
        ({"q": "bpptik"}, ["Junior Web Developer"]),
        ({"category": "digital"}, ["Junior Web Developer"]),
        ({"mode": "online"}, ["Junior Web Developer"]),
        ({"price": "paid"}, ["Operator Forklift"]),
        ({"price": "free", "open": "on"}, ["Pengelasan SMAW 3G"]),
        ({"open": "on"}, ["Operator Forklift", "Pengelasan SMAW 3G"]),
    ],
)
def test_the_catalogue_filters(client, programmes, query, expected):
    assert sorted(_titles(client.get(reverse("trainings:catalogue"), query))) == expected


def test_the_catalogue_filters_by_provider_and_kecamatan(client, programmes):
    assert _titles(client.get(reverse("trainings:catalogue"), {"provider": programmes["blk"].pk})) == [
        "Pengelasan SMAW 3G"
    ]
    cikarang_pusat = Kecamatan.objects.get(code="32.16.20")  # the BLK's own kecamatan
    muaragembong = Kecamatan.objects.get(code="32.16.17")  # a batch held out there
    assert _titles(client.get(reverse("trainings:catalogue"), {"kecamatan": cikarang_pusat.pk})) == [
        "Pengelasan SMAW 3G"
    ]
    assert _titles(client.get(reverse("trainings:catalogue"), {"kecamatan": muaragembong.pk})) == ["Operator Forklift"]


def test_the_catalogue_is_paginated(client, db):
    for n in range(15):
        ProgramFactory(title=f"Program {n:02d}")
    first = client.get(reverse("trainings:catalogue"))
    second = client.get(reverse("trainings:catalogue"), {"page": 2})
    assert len(first.context["page"]) == 12 and len(second.context["page"]) == 3
    assert 'data-testid="next-page"' in first.content.decode()


def _count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def _more_programmes(n):
    for _ in range(n):
        BatchFactory(program=ProgramFactory(provider=ProviderFactory()))


def test_the_catalogue_query_count_does_not_grow_with_data(client, programmes, django_assert_num_queries):
    url = reverse("trainings:catalogue")
    params = {"q": "a", "category": "vocational", "open": "on", "provider": programmes["blk"].pk}
    _more_programmes(2)
    # The filter's provider and kecamatan choices (2, then cached), validating the chosen provider
    # (1), the page's COUNT (1) and its rows (1); sessions/auth cost nothing for a visitor.
    with django_assert_num_queries(5):
        client.get(url, params)
    with django_assert_num_queries(3):  # the choices come from the cache now
        client.get(url, params)
    with django_assert_num_queries(2):  # no provider to validate
        client.get(url)
    _more_programmes(20)  # new providers: the choices are read again, once
    with django_assert_num_queries(5):
        client.get(url, params)
    with django_assert_num_queries(2):
        client.get(url)


def test_the_catalogue_result_list_is_cached_until_a_programme_or_batch_changes(
    client, programmes, django_assert_num_queries
):
    url = reverse("trainings:catalogue")
    client.get(url, {"open": "on"})
    with django_assert_num_queries(0):  # choices and result list from the cache
        html = client.get(url, {"open": "on"}).content.decode()
    assert "Pengelasan SMAW 3G" in html
    welding = programmes["welding"]
    welding.title = "Pengelasan SMAW 4G"
    welding.save()  # a change shows at once
    assert "Pengelasan SMAW 4G" in client.get(url, {"open": "on"}).content.decode()
    batch = welding.batches.get()
    batch.registration_closes = batch.registration_opens = today() - datetime.timedelta(days=1)
    batch.save()  # no longer open for registration
    assert "Pengelasan SMAW 4G" not in client.get(url, {"open": "on"}).content.decode()


def test_searches_and_unknown_parameters_are_not_cached(client, programmes, django_assert_num_queries):
    url = reverse("trainings:catalogue")
    for params in ({"q": "las"}, {"utm_source": "wa"}, {"page": "21"}, {"page": "²"}, {"page": "-1"}):
        client.get(url, params)
        with django_assert_num_queries(2):  # the COUNT and the rows, again
            client.get(url, params)


def test_the_catalogue_filter_offers_new_providers_at_once_and_keeps_the_choice(client, programmes):
    url = reverse("trainings:catalogue")
    client.get(url)  # the choices are cached
    newcomer = ProgramFactory(provider=ProviderFactory(name="LPK Pendatang Baru", short_name=""))
    html = client.get(url, {"provider": newcomer.provider.pk, "open": "on"}).content.decode()
    assert f'<option value="{newcomer.provider.pk}" selected>LPK Pendatang Baru</option>' in html
    assert 'id="id_open" checked' in html and '<option value="" selected>' in html  # category: all


def test_the_catalogue_filter_reports_a_choice_that_does_not_exist(client, programmes):
    html = client.get(reverse("trainings:catalogue"), {"provider": "999999"}).content.decode()
    assert 'class="form-select is-invalid" id="id_provider"' in html and "invalid-feedback" in html


def test_the_programme_page_shows_its_open_batches_and_the_rules(client, programmes):
    welding = programmes["welding"]
    welding.min_age, welding.max_age, welding.local_only = 18, 35, True
    welding.save()
    BatchFactory(program=welding, status=Batch.Status.DRAFT, name="Angkatan Draf")
    response = client.get(welding.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["batches"]) == 1 and "Angkatan Draf" not in html
    assert "Usia: 18 sampai 35 tahun" in html and "Khusus penduduk Kabupaten Bekasi" in html
    assert "Masuk untuk mendaftar" in html  # a visitor is asked to log in


def test_an_unpublished_programme_is_not_found(client, db):
    program = ProgramFactory(is_published=False)
    assert client.get(program.get_absolute_url()).status_code == 404


def test_the_programme_page_query_count_does_not_grow_with_batches(client, seeker, profile, programmes):
    welding = programmes["welding"]
    client.force_login(seeker)
    client.get(welding.get_absolute_url())  # the navbar's unread count is cached after the first page
    before = _count_queries(client, welding.get_absolute_url())
    for _ in range(5):
        BatchFactory(program=welding)
    assert _count_queries(client, welding.get_absolute_url()) == before
