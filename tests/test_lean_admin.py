"""The lean admin (core/admin_site.py, core/admin_lists.py, core/templatetags/lean_admin.py):
the app list only where shown, the filter panel from the cache but always the right one."""

import re

import pytest
from django.contrib.admin import site
from django.contrib.admin.templatetags import admin_list
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape

from core.admin_lists import LeanChangeListMixin, lean_results
from core.models import Kecamatan
from core.templatetags.lean_admin import lean_result_list
from seekers import services as seekers_services
from seekers.tests.factories import CompleteJobSeekerFactory


def test_the_admin_index_and_an_app_index_still_list_the_models(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:seekers_jobseeker_changelist") in html
    assert reverse("admin:trainings_enrolment_changelist") in html
    app = admin_client.get(reverse("admin:app_list", args=["seekers"])).content.decode()
    assert reverse("admin:seekers_ak1card_changelist") in app


def test_a_lean_list_has_no_sidebar_and_an_ordinary_one_keeps_it(admin_client):
    lean = admin_client.get(reverse("admin:seekers_jobseeker_changelist"))
    assert 'id="nav-sidebar"' not in lean.content.decode()
    ordinary = admin_client.get(reverse("admin:seekers_ak1card_changelist")).content.decode()
    assert 'id="nav-sidebar"' in ordinary and reverse("admin:seekers_jobseeker_changelist") in ordinary


def test_the_cached_filter_panel_follows_the_chosen_filters(client, disnaker_staff):
    CompleteJobSeekerFactory.create_batch(2)
    kecamatan = Kecamatan.objects.get(code="32.16.17")
    client.force_login(disnaker_staff)
    url = reverse("admin:seekers_jobseeker_changelist")
    plain = client.get(url).content.decode()
    assert "Clear all filters" not in plain and "Hapus semua filter" not in plain
    chosen = client.get(url, {"domicile_kecamatan__id__exact": kecamatan.pk}).content.decode()
    panel = chosen[chosen.index('id="changelist-filter"') :]
    selected = panel[panel.index('class="selected"') :][:300]
    assert kecamatan.name in selected  # the chosen kecamatan marked, not the cached "All"
    assert client.get(url).content.decode().count('class="selected"') == plain.count('class="selected"')


def test_a_renamed_kecamatan_shows_in_the_filter_at_once(client, disnaker_staff):
    client.force_login(disnaker_staff)
    url = reverse("admin:seekers_jobseeker_changelist")
    client.get(url)
    kecamatan = Kecamatan.objects.get(code="32.16.17")
    kecamatan.name = "Muara Gembong Baru"
    kecamatan.save()
    assert "Muara Gembong Baru" in client.get(url).content.decode()


@pytest.fixture
def rows_of_every_lean_list(db, disnaker_staff):
    """Seekers with and without cards, enrolments in several states (one completed with a
    certificate), audit rows: every column of the lean lists shows something, and an empty value."""
    from trainings.models import Certificate, Enrolment
    from trainings.tests.factories import BatchFactory

    seekers = CompleteJobSeekerFactory.create_batch(3)
    seekers_services.card_issue(seeker=seekers[0], actor=disnaker_staff)
    batch = BatchFactory()
    for seeker, status in zip(seekers, ("applied", "accepted", "completed"), strict=True):
        enrolment = Enrolment.objects.create(
            batch=batch, seeker=seeker, status=status, local_resident=status != "applied"
        )
    Certificate.objects.create(enrolment=enrolment, number="3216-PLT-2026-000009", issued_on=batch.end_date)


@pytest.mark.parametrize("query", [{}, {"o": "-1"}, {"o": "1.2"}])
def test_the_lean_rows_are_django_s_rows(admin_client, rows_of_every_lean_list, query):
    lean_admins = [(m, a) for m, a in site._registry.items() if isinstance(a, LeanChangeListMixin)]
    assert {m._meta.label_lower for m, _a in lean_admins} >= {"seekers.jobseeker", "trainings.enrolment"}
    for model, _admin in lean_admins:
        response = admin_client.get(
            reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"), query
        )
        cl = response.context["cl"]
        assert len(cl.result_list) > 0, model
        django_rows = [list(row) for row in admin_list.results(cl)]
        assert [list(row) for row in lean_results(cl)] == django_rows, model
        assert django_rows[0][0] in response.content.decode()
        # The whole table as Django's {% result_list %} writes it: the same HTML to the byte.
        django_table = render_to_string("admin/change_list_results.html", admin_list.result_list(cl))
        assert render_to_string("admin/lean_change_list_results.html", lean_result_list(cl)) == django_table, model
        assert django_table.count("<tr>") == len(cl.result_list) + 1
        assert django_table in response.content.decode()


def test_the_lean_action_form_is_django_s(admin_client):
    from django.contrib.admin import helpers

    from core.admin_lists import LeanActionForm

    response = admin_client.get(reverse("admin:trainings_enrolment_changelist"))
    choices = response.context["action_form"].fields["action"].choices
    assert len(choices) > 3
    for _twice in range(2):
        lean, plain = LeanActionForm(auto_id=None), helpers.ActionForm(auto_id=None)
        lean.fields["action"].choices = plain.fields["action"].choices = choices
        assert str(lean) == str(plain)
        assert lean.as_p() == plain.as_p()
    assert str(response.context["action_form"]["action"]) in response.content.decode()


def _without_csrf_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.mark.parametrize(
    "query",
    [{}, {"q": "a"}, {"o": "-1"}, {"p": "2"}, {"status__exact": "accepted"}, {"domicile_kecamatan__id__exact": "1"}],
)
def test_a_lean_list_page_is_django_s_page(admin_client, rows_of_every_lean_list, monkeypatch, query):
    """Rows, filter panel and the memoised pieces (title, styles, breadcrumbs, add button, search
    box, paginator): the whole page as Django's change_list.html writes it, also once memoised."""
    from trainings.models import Enrolment

    lean_admins = [(m, a) for m, a in site._registry.items() if isinstance(a, LeanChangeListMixin)]
    compared = []
    for model, model_admin in lean_admins:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        monkeypatch.setattr(model_admin, "list_per_page", 2)  # a paginator with pages
        lean = [admin_client.get(url, query) for _twice in range(2)]
        if lean[0].status_code == 302:  # a filter of another list: Django's "?e=1"
            monkeypatch.undo()
            continue
        compared.append(model)
        assert lean[0].templates[0].name == "admin/lean_change_list.html"
        monkeypatch.setattr(model_admin, "change_list_template", "admin/change_list.html")
        django = admin_client.get(url, query)
        monkeypatch.undo()
        assert django.templates[0].name == "admin/change_list.html"
        expected = _without_csrf_tokens(django.content.decode())
        for response in lean:
            assert _without_csrf_tokens(response.content.decode()) == expected, (model, query)
    assert compared
    # A new enrolment: the memoised paginator and search box count it at once.
    url = reverse("admin:trainings_enrolment_changelist")
    before = admin_client.get(url).context["cl"].result_count
    Enrolment.objects.create(batch=Enrolment.objects.first().batch, seeker=CompleteJobSeekerFactory(), status="applied")
    html = admin_client.get(url).content.decode()
    paginator = html[html.index('class="paginator"') :][:400]
    assert f"{before + 1} " in paginator and f"{before} " not in paginator


def test_the_memoised_user_tools_give_each_person_their_own_name_and_a_working_token(disnaker_staff):
    """The header's user tools are rendered once per process (core.templatetags.lean_admin
    UserToolsNode): the name and the CSRF token are this request's, never the first viewer's."""
    from django.test import Client

    from accounts.roles import Role
    from accounts.tests.factories import UserFactory

    other = UserFactory(full_name="<Budi> Santoso", is_staff=True, role=Role.DISNAKER)
    url = reverse("admin:trainings_enrolment_changelist")
    pages = {}
    for user in (disnaker_staff, other, disnaker_staff):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        html = client.get(url).content.decode()
        tools = html[html.index('id="user-tools"') :][:1500]
        pages[user.pk] = tools
        assert f"<strong>{escape(user.get_short_name())}</strong>" in tools
        token = re.search(r'id="logout-form".*?name="csrfmiddlewaretoken" value="([^"]+)"', tools, re.S).group(1)
        # The token is this session's: the logout is accepted (a wrong one answers 403)...
        assert client.post(reverse("admin:logout"), {"csrfmiddlewaretoken": token}).status_code == 302
        assert reverse("admin:login") in client.get(url)["Location"]  # ... and the person is logged out
    assert "&lt;Budi&gt;" in pages[other.pk] and "Siti" not in pages[other.pk]
