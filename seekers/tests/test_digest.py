from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from notifications.digest import week_bounds
from seekers.digest import figures
from seekers.models import JobSeeker
from seekers.tests.factories import JobSeekerFactory

WIB = ZoneInfo("Asia/Jakarta")
MONDAY_MORNING = datetime(2026, 11, 30, 7, 0, tzinfo=WIB)  # the digest's week: 23-29 November


def _registered(*args):
    profile = JobSeekerFactory()
    JobSeeker.objects.filter(pk=profile.pk).update(created_at=datetime(*args, tzinfo=WIB))  # auto_now_add
    return profile


def test_the_digest_counts_profiles_of_the_week_and_in_total_in_one_query(db, django_assert_num_queries):
    _registered(2026, 11, 22, 23, 59)  # the week before
    _registered(2026, 11, 23, 0, 0)  # first minute of the week
    _registered(2026, 11, 29, 23, 59)  # last minute of the week
    _registered(2026, 11, 30, 6, 0)  # this morning: next week's
    UserFactory()  # an account that never made a profile: not a job seeker
    UserFactory(is_staff=True)
    UserFactory(role=Role.PARTNER)
    start, end = week_bounds(MONDAY_MORNING)
    with django_assert_num_queries(1):  # users joined with their profiles, two counts
        result = figures(start=start, end=end)
    assert [(str(f.label), f.value) for f in result] == [
        ("Pencari kerja baru minggu ini", 2),
        ("Total pencari kerja terdaftar", 3),
    ]


def test_a_job_seeker_is_a_person_with_a_profile_whatever_their_account(db):
    with_profile = JobSeekerFactory().user
    staff_with_profile = JobSeekerFactory(user=UserFactory(is_staff=True)).user  # a clerk who is also looking
    UserFactory()  # registered, no profile yet
    UserFactory(role=Role.TKP3D)
    assert set(get_user_model().objects.job_seekers()) == {with_profile, staff_with_profile}
