import datetime
import json
import re
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core import caching
from core.models import EducationLevel, Kecamatan
from placements import selectors, services
from placements.models import ContractType, OccupationGroup, Vacancy
from placements.selectors import forget_vacancy_lists
from placements.services import PlacementError
from placements.tasks import expire_vacancies

from .factories import VacancyFactory, umk

LIST = "/lowongan/"


def _draft(employer, **kwargs):
    today = timezone.localdate()
    fields = {
        "employer": employer,
        "title": "Operator Forklift",
        "occupation": OccupationGroup.objects.get(code="83"),
        "contract_type": ContractType.PKWT,
        "kecamatan": Kecamatan.objects.get(code="32.16.08"),
        "wage_min": umk(),
        "wage_max": umk() + 500_000,
        "closing_date": today + datetime.timedelta(days=10),
        **kwargs,
    }
    return Vacancy(**fields)


def test_an_employer_draft_goes_through_verification_before_seekers_see_it(employer, officer, disnaker_staff):
    vacancy = services.vacancy_save(vacancy=_draft(employer), actor=officer)
    services.vacancy_submit(vacancy=vacancy, actor=officer)
    assert not Vacancy.objects.published().exists()
    vacancy = services.vacancy_publish(vacancy=Vacancy.objects.get(pk=vacancy.pk), actor=disnaker_staff)
    assert vacancy.status == Vacancy.Status.PUBLISHED and vacancy.published_at is not None
    assert list(Vacancy.objects.published()) == [vacancy]


def test_staff_return_a_vacancy_with_a_reason_and_the_officer_is_told(employer, officer, disnaker_staff):
    vacancy = services.vacancy_submit(
        vacancy=services.vacancy_save(vacancy=_draft(employer), actor=officer), actor=officer
    )
    with pytest.raises(PlacementError):
        services.vacancy_return(vacancy=vacancy, actor=disnaker_staff, reason="")
    vacancy = services.vacancy_return(vacancy=vacancy, actor=disnaker_staff, reason="Gaji tidak jelas")
    assert vacancy.status == Vacancy.Status.DRAFT
    assert officer.notifications.filter(event="placements.vacancy_decided").exists()


def test_a_wage_below_the_umk_is_refused_with_the_amount(employer, officer):
    with pytest.raises(PlacementError) as refused:
        services.vacancy_save(vacancy=_draft(employer, wage_min=umk() - 1, wage_max=umk()), actor=officer)
    assert "wage_min" in refused.value.error_dict
    assert "Rp 5.938.885" in str(refused.value) or "Rp 5.558.515" in str(refused.value)


def test_an_apprenticeship_may_pay_less_than_the_umk(employer, officer):
    vacancy = _draft(
        employer, contract_type=ContractType.APPRENTICESHIP, wage_min=Decimal("3000000"), wage_max=Decimal("3500000")
    )
    assert services.vacancy_save(vacancy=vacancy, actor=officer).pk


def test_a_closing_date_in_the_past_is_refused(employer, officer):
    with pytest.raises(PlacementError) as refused:
        services.vacancy_save(
            vacancy=_draft(employer, closing_date=timezone.localdate() - datetime.timedelta(days=1)), actor=officer
        )
    assert "closing_date" in refused.value.error_dict


def test_an_unverified_employer_cannot_have_a_vacancy_published(disnaker_staff):
    vacancy = VacancyFactory(status=Vacancy.Status.SUBMITTED, employer__verified_at=None)
    with pytest.raises(PlacementError):
        services.vacancy_publish(vacancy=vacancy, actor=disnaker_staff)


def test_the_beat_task_expires_vacancies_after_their_closing_day_in_jakarta(db):
    closing = datetime.date(2026, 12, 1)
    vacancy = VacancyFactory(closing_date=closing)
    # 16:59 UTC on 1 December is 23:59 in Jakarta: still the closing day.
    with time_machine.travel(datetime.datetime(2026, 12, 1, 16, 59, tzinfo=datetime.UTC)):
        assert expire_vacancies() == 0
    # 17:01 UTC is 00:01 on 2 December in Jakarta (still 1 December in UTC).
    with time_machine.travel(datetime.datetime(2026, 12, 1, 17, 1, tzinfo=datetime.UTC)):
        assert expire_vacancies() == 1
        assert expire_vacancies() == 0
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.EXPIRED


def test_the_public_list_shows_only_open_published_vacancies(client, db):
    shown = VacancyFactory(title="Operator Produksi Shift")
    VacancyFactory(title="Draft", status=Vacancy.Status.DRAFT)
    VacancyFactory(title="Submitted", status=Vacancy.Status.SUBMITTED)
    VacancyFactory(title="Closed", status=Vacancy.Status.CLOSED)
    html = client.get(LIST).content.decode()
    assert shown.title in html
    assert "Draft" not in html and "Submitted" not in html and "Closed" not in html


def test_search_finds_every_word_and_filters_narrow_the_list(client, db):
    welder = VacancyFactory(
        title="Juru Las SMAW", skills="pengelasan", kecamatan=Kecamatan.objects.get(code="32.16.08")
    )
    welder.search_text = "Juru Las SMAW pengelasan"
    welder.save()
    VacancyFactory(title="Admin Gudang")
    html = client.get(LIST, {"q": "las smaw"}).content.decode()
    assert "Juru Las SMAW" in html and "Admin Gudang" not in html
    html = client.get(LIST, {"kecamatan": Kecamatan.objects.get(code="32.16.09").pk}).content.decode()
    assert "Admin Gudang" in html and "Juru Las SMAW" not in html


def test_the_education_filter_shows_what_that_education_can_apply_for(client, db):
    VacancyFactory(title="Butuh Sarjana", min_education=EducationLevel.objects.get(code="S1"))
    VacancyFactory(title="Tanpa Syarat")
    html = client.get(LIST, {"education": EducationLevel.objects.get(code="SMA").pk}).content.decode()
    assert "Tanpa Syarat" in html and "Butuh Sarjana" not in html


def test_bad_filter_values_are_ignored_not_an_error(client, db):
    VacancyFactory(title="Operator")
    response = client.get(LIST, {"kecamatan": "abc", "wage": "-5", "occupation": "99999", "page": "x"})
    assert response.status_code == 200 and "Operator" in response.content.decode()


def test_the_vacancy_list_costs_the_same_queries_for_many_vacancies(client, db, django_assert_num_queries):
    VacancyFactory.create_batch(2)
    client.get(LIST)  # the filter choices go to the cache
    forget_vacancy_lists()
    client.get(LIST, {"sort": "newest"})  # the filter choices again
    with django_assert_num_queries(2):
        # 1. COUNT of the matching vacancies, 2. the page with employer, kecamatan, occupation, education
        client.get(LIST)
    VacancyFactory.create_batch(10)  # saving a vacancy forgets the cached lists
    client.get(LIST, {"q": "x"})  # the filter choices again
    with django_assert_num_queries(2):
        client.get(LIST, {"sort": "newest"})


def test_a_cached_list_costs_no_query_and_a_published_vacancy_shows_at_once(client, db, django_assert_num_queries):
    first = VacancyFactory(title="Operator Pertama")
    assert "Operator Pertama" in client.get(LIST).content.decode()
    with django_assert_num_queries(0):
        html = client.get(LIST).content.decode()
    assert "Operator Pertama" in html
    VacancyFactory(title="Operator Kedua")
    html = client.get(LIST).content.decode()
    assert "Operator Kedua" in html and first.title in html


def test_the_vacancy_page_carries_job_posting_json_ld(client, db):
    vacancy = VacancyFactory(title="Operator </script> Produksi", description="Kerja shift.")
    html = client.get(reverse("vacancies:detail", args=[vacancy.pk])).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "JobPosting" and data["title"] == "Operator </script> Produksi"
    assert data["hiringOrganization"]["name"] == vacancy.employer.name
    assert data["baseSalary"]["currency"] == "IDR"
    assert data["validThrough"].startswith(vacancy.closing_date.isoformat())


def test_the_vacancy_page_costs_one_query_then_none_for_the_public(client, db, django_assert_num_queries):
    vacancy = VacancyFactory(title="Operator Las")
    url = reverse("vacancies:detail", args=[vacancy.pk])
    with django_assert_num_queries(1):
        # 1. the vacancy with employer, sector, kecamatan, occupation and education
        client.get(url)
    with django_assert_num_queries(0):
        # from the cache: title, JSON-LD and details
        html = client.get(url).content.decode()
    assert "Operator Las" in html and "application/ld+json" in html and "?next=/lowongan/" in html


def _page(client, vacancy):
    response = client.get(reverse("vacancies:detail", args=[vacancy.pk]))
    return response.status_code, response.content.decode()


def test_a_cached_vacancy_page_shows_a_closed_vacancy_at_once(client, db, officer, employer):
    vacancy = VacancyFactory(employer=employer, title="Operator Forklift")
    status, html = _page(client, vacancy)
    assert status == 200 and 'data-testid="vacancy-closed"' not in html and "?next=/lowongan/" in html
    services.vacancy_close(vacancy=vacancy, actor=officer)
    status, html = _page(client, vacancy)
    assert status == 200 and 'data-testid="vacancy-closed"' in html and "?next=/lowongan/" not in html


def test_a_cached_vacancy_page_is_gone_at_once_when_unpublished_or_deleted(client, db):
    vacancy, other = VacancyFactory(), VacancyFactory()
    assert _page(client, vacancy)[0] == 200 and _page(client, other)[0] == 200
    vacancy.status = Vacancy.Status.DRAFT  # as the admin's change form could
    vacancy.save()
    assert _page(client, vacancy)[0] == 404
    url = reverse("vacancies:detail", args=[other.pk])
    other.delete()
    assert client.get(url).status_code == 404


def test_a_cached_vacancy_page_shows_an_edit_and_a_renamed_employer_at_once(client, db, disnaker_staff):
    vacancy = VacancyFactory(title="Operator Mesin", description="Shift pagi.")
    html = _page(client, vacancy)[1]
    assert "Operator Mesin" in html and "Shift pagi." in html
    vacancy.title, vacancy.description = "Operator Mesin CNC", "Shift malam."
    services.vacancy_save(vacancy=vacancy, actor=disnaker_staff)
    html = _page(client, vacancy)[1]
    assert "Operator Mesin CNC" in html and "Shift malam." in html and "Shift pagi." not in html
    assert '"title": "Operator Mesin CNC"' in html  # the JSON-LD too
    vacancy.employer.name = "PT Gamma Baru"
    vacancy.employer.save()
    assert "PT Gamma Baru" in _page(client, vacancy)[1]


def test_a_cached_vacancy_page_is_closed_the_day_after_its_closing_date(client, db):
    vacancy = VacancyFactory(closing_date=timezone.localdate())
    assert 'data-testid="vacancy-closed"' not in _page(client, vacancy)[1]
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        assert 'data-testid="vacancy-closed"' in _page(client, vacancy)[1]


def test_a_change_read_before_it_commits_is_not_kept_in_the_cache(client, db, django_capture_on_commit_callbacks):
    """A page rendered from the database while a change is still uncommitted (here: cached after
    the first forget, as another worker would) is forgotten again when the change commits."""
    vacancy = VacancyFactory(title="Operator Lama")
    with django_capture_on_commit_callbacks(execute=True):
        vacancy.title = "Operator Baru"
        vacancy.save()
        # another worker, not seeing the change yet, caches the old page under the new version
        language, day = "id", timezone.localdate()
        _entry, version = selectors.cached_vacancy_page(vacancy.pk, language, day)
        selectors.cache_vacancy_page(
            vacancy.pk,
            language,
            day,
            {"title": "Operator Lama", "json_ld": "", "body": "Operator Lama", "is_open": True},
            version,
        )
    assert "Operator Baru" in _page(client, vacancy)[1]


def test_a_seeker_on_a_cached_vacancy_page_sees_their_own_application(client, db, profile):
    vacancy = VacancyFactory()
    _page(client, vacancy)  # cached by a visitor
    client.force_login(profile.user)
    html = _page(client, vacancy)[1]
    assert 'data-testid="apply"' in html
    services.application_apply(vacancy=vacancy, seeker=profile, actor=profile.user)
    html = _page(client, vacancy)[1]
    assert 'data-testid="already-applied"' in html and 'data-testid="apply"' not in html


def test_the_vacancy_page_works_with_the_cache_down(client, db, monkeypatch):
    vacancy = VacancyFactory(title="Operator Tanpa Cache")

    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    for name in ("get", "get_many", "set", "delete_many"):
        monkeypatch.setattr(caching.cache, name, broken)
    status, html = _page(client, vacancy)
    assert status == 200 and "Operator Tanpa Cache" in html


def test_drafts_and_unknown_vacancies_answer_404(client, db):
    draft = VacancyFactory(status=Vacancy.Status.DRAFT)
    assert client.get(reverse("vacancies:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("vacancies:detail", args=[99999])).status_code == 404


@pytest.mark.postgres
def test_full_text_search_uses_the_gin_index_on_postgresql(db):
    template = VacancyFactory(title="Admin Gudang")
    fields = {f.attname: getattr(template, f.attname) for f in Vacancy._meta.concrete_fields if f.name != "id"}
    Vacancy.objects.bulk_create(
        [Vacancy(**{**fields, "title": f"Admin Gudang {i}", "search_text": f"Admin Gudang {i}"}) for i in range(3000)]
    )
    Vacancy.objects.filter(pk=template.pk).update(title="Operator Mesin CNC", search_text="Operator Mesin CNC")
    queryset = selectors.vacancy_list(q="mesin cnc")
    assert [v.title for v in queryset] == ["Operator Mesin CNC"]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE placements_vacancy")
        cursor.execute("SET LOCAL enable_seqscan = off")
        # The filter alone, as in the page's COUNT: the GIN index finds the one match.
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "pl_vac_fts_idx" in plan
