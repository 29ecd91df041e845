"""The lean admin (core/admin_site.py, core/admin_lists.py, core/templatetags/lean_admin.py):
the app list only where shown, the filter panel from the cache but always the right one."""

from django.urls import reverse

from core.models import Kecamatan
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
