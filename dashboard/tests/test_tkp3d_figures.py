from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from core.models import Kecamatan
from seekers.tests.factories import JobSeekerFactory


def test_the_dashboard_counts_profiles_and_the_kecamatan_they_live_in(client, tkp3d_member, django_assert_num_queries):
    setu, tambun = Kecamatan.objects.filter(code__in=["32.16.18", "32.16.02"])
    JobSeekerFactory.create_batch(2, domicile_kecamatan=setu, domicile_desa=None)
    JobSeekerFactory(domicile_kecamatan=tambun, domicile_desa=None)
    JobSeekerFactory(domicile_kecamatan=None, domicile_desa=None, domicile_outside="Kota Bekasi")
    UserFactory()  # an account without a profile yet: not a job seeker
    UserFactory(role=Role.PARTNER)
    client.force_login(tkp3d_member)
    # session, user, user permissions, group permissions, both figures (one aggregate), the
    # navbar's roles and unread count
    with django_assert_num_queries(7):
        response = client.get(reverse("dashboard:index"))
    assert (response.context["account_count"], response.context["kecamatan_count"]) == (4, 2)
