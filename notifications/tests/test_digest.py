from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from notifications.digest import Figure, week_bounds
from notifications.models import Channel, Notification
from notifications.tasks import send_weekly_digest

WIB = ZoneInfo("Asia/Jakarta")
# Beat sends the digest on Monday 30 November 2026 at 07:00 in Bekasi: the week is 23-29 November.
MONDAY_MORNING = datetime(2026, 11, 30, 7, 0, tzinfo=WIB)


def _joined(*args):
    return datetime(*args, tzinfo=WIB)


def lowongan_figures(*, start, end):
    """A provider as another app would write one (the extension point)."""
    return [Figure("Lowongan baru", 1234)]


def week_figures(*, start, end):
    """A second provider, with a translated label: rendered in each recipient's language."""
    assert (start, end) == (_joined(2026, 11, 23), _joined(2026, 11, 30))
    return [Figure(_("New job seekers this week"), 2)]


def test_the_digest_covers_the_last_full_week_in_bekasi_time():
    start, end = week_bounds(MONDAY_MORNING)
    assert (start, end) == (_joined(2026, 11, 23), _joined(2026, 11, 30))
    # Sunday night in Bekasi is still Sunday afternoon in UTC: the same week is the "last" one
    # only from Monday 00:00 WIB.
    assert week_bounds(_joined(2026, 11, 29, 23, 0))[1] == _joined(2026, 11, 23)


def test_every_active_tkp3d_member_and_nobody_else_gets_the_digest_by_email(
    tkp3d_member, disnaker_staff, seeker, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS_DIGEST_FIGURES = [f"{__name__}.week_figures", f"{__name__}.lowongan_figures"]
    english = UserFactory(full_name="Made Wirawan", role=Role.TKP3D, language="en")
    UserFactory(full_name="Purnawirawan", role=Role.TKP3D, is_active=False)
    with time_machine.travel(MONDAY_MORNING, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert send_weekly_digest.apply().get() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([tkp3d_member.email, english.email])
    by_address = {m.to[0]: m for m in mail.outbox}

    indonesian = by_address[tkp3d_member.email]
    assert indonesian.subject == "Ringkasan mingguan TKP3D, 23 Nov – 29 Nov 2026"
    assert "Pencari kerja baru minggu ini: 2" in indonesian.body
    assert "Lowongan baru: 1.234" in indonesian.body
    html = indonesian.alternatives[0][0]
    assert "Pencari kerja baru minggu ini" in html and "1.234" in html

    english_mail = by_address[english.email]
    assert english_mail.subject == "TKP3D weekly digest, 23 Nov – 29 Nov 2026"
    assert "New job seekers this week: 2" in english_mail.body
    assert "Lowongan baru: 1,234" in english_mail.body

    assert not Notification.objects.filter(recipient__in=[seeker, disnaker_staff]).exists()
    assert set(Notification.objects.values_list("channel", flat=True)) == {Channel.INBOX, Channel.EMAIL}


def test_a_second_run_in_the_same_week_sends_nothing_and_next_week_sends_again(
    tkp3d_member, django_capture_on_commit_callbacks
):
    for moment, sent in [(MONDAY_MORNING, 1), (_joined(2026, 11, 30, 9, 0), 0), (_joined(2026, 12, 7, 7, 0), 1)]:
        with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
            assert send_weekly_digest.apply().get() == sent
    assert len(mail.outbox) == 2
