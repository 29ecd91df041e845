import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from placements import selectors, services
from placements.models import FollowUp, Placement
from placements.services import PlacementError
from placements.tasks import send_follow_ups
from seekers import services as seeker_services
from seekers.models import AK1Card, AK1Report, JobSeeker
from seekers.tests.factories import CompleteJobSeekerFactory, JobSeekerFactory
from trainings.models import Enrolment, ProviderStaff
from trainings.tests.factories import BatchFactory, ProviderFactory

from .factories import EmployerFactory, PlacementFactory, pdf_upload, photo_upload


def _finished_batch(provider, *, ended_days_ago=10):
    today = timezone.localdate()
    end = today - datetime.timedelta(days=ended_days_ago)
    return BatchFactory(
        program__provider=provider,
        status="finished",
        start_date=end - datetime.timedelta(days=30),
        end_date=end,
        registration_opens=end - datetime.timedelta(days=60),
        registration_closes=end - datetime.timedelta(days=31),
    )


def _graduate(provider, *, seeker=None, ended_days_ago=10):
    batch = _finished_batch(provider, ended_days_ago=ended_days_ago)
    seeker = seeker or CompleteJobSeekerFactory()
    return Enrolment.objects.create(
        batch=batch,
        seeker=seeker,
        status=Enrolment.Status.COMPLETED,
        completed_at=timezone.now() - datetime.timedelta(days=ended_days_ago),
    )


@pytest.fixture
def institution(partner_staff):
    provider = ProviderFactory(name="LPK Mitra Karya")
    ProviderStaff.objects.create(user=partner_staff, provider=provider)
    return provider


def _report(actor, enrolment, **kwargs):
    fields = {
        "seeker": enrolment.seeker,
        "reporter": Placement.Reporter.INSTITUTION,
        "actor": actor,
        "enrolment": enrolment,
        "employer": EmployerFactory(),
        "position": "Juru Las",
        "contract_type": "pkwt",
        "start_date": timezone.localdate(),
        "channel": Placement.Channel.INSTITUTION,
        "evidence": pdf_upload(),
        **kwargs,
    }
    return services.placement_report(**fields)


def test_an_institution_reports_its_graduate_with_checked_evidence(partner_staff, institution):
    enrolment = _graduate(institution)
    placement = _report(partner_staff, enrolment)
    assert placement.provider == institution and placement.status == Placement.Status.REPORTED
    assert placement.evidence_content_type == "application/pdf"
    assert placement.evidence.read().startswith(b"%PDF-")


def test_a_photo_of_the_contract_is_re_encoded_and_a_fake_pdf_refused(partner_staff, institution):
    enrolment = _graduate(institution)
    assert _report(partner_staff, enrolment, evidence=photo_upload()).evidence_content_type == "image/jpeg"
    fake = pdf_upload()
    fake.file.write(b"")
    fake.file.seek(0)
    fake.file.truncate()
    fake.file.write(b"<html>not a pdf</html>")
    fake.size = 22
    with pytest.raises(Exception) as refused:
        _report(partner_staff, _graduate(institution), evidence=fake)
    assert "PDF" in str(refused.value)
    assert Placement.objects.count() == 1  # nothing half-saved


def test_an_institution_cannot_report_someone_it_did_not_train(partner_staff, institution):
    other = _graduate(ProviderFactory(name="LPK Lain"))
    with pytest.raises(PlacementError) as refused:
        _report(partner_staff, other)
    assert refused.value.code == "not_own_graduate"


def test_an_institution_cannot_report_someone_who_has_not_completed(partner_staff, institution):
    enrolment = _graduate(institution)
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Enrolment.Status.DROPPED)
    enrolment.refresh_from_db()
    with pytest.raises(PlacementError) as refused:
        _report(partner_staff, enrolment)
    assert refused.value.code == "not_graduate"


def test_the_partner_page_cannot_be_tampered_into_reporting_another_institutions_graduate(
    client, partner_staff, institution
):
    other = _graduate(ProviderFactory(name="LPK Lain"))
    client.force_login(partner_staff)
    response = client.post(
        reverse("placements:partner_placements"),
        {
            "enrolment": other.pk,
            "employer_name": "PT X",
            "position": "Operator",
            "contract_type": "pkwt",
            "channel": "institution",
            "start_date": timezone.localdate().isoformat(),
            "evidence": pdf_upload(),
        },
    )
    assert response.status_code == 200 and not Placement.objects.exists()
    assert "enrolment" in response.context["form"].errors


def test_a_start_more_than_90_days_ahead_is_refused(partner_staff, institution):
    enrolment = _graduate(institution)
    _report(partner_staff, enrolment, start_date=timezone.localdate() + datetime.timedelta(days=90))
    with pytest.raises(PlacementError) as refused:
        _report(partner_staff, _graduate(institution), start_date=timezone.localdate() + datetime.timedelta(days=91))
    assert "start_date" in refused.value.error_dict


def test_a_start_before_the_training_ended_needs_disnaker_and_a_reason(partner_staff, institution, disnaker_staff):
    enrolment = _graduate(institution, ended_days_ago=5)
    early = timezone.localdate() - datetime.timedelta(days=10)
    with pytest.raises(PlacementError):
        _report(partner_staff, enrolment, start_date=early)
    disnaker = {"reporter": Placement.Reporter.DISNAKER, "start_date": early}
    with pytest.raises(PlacementError) as refused:
        _report(disnaker_staff, enrolment, **disnaker)
    assert "early_start_reason" in refused.value.error_dict
    placement = _report(disnaker_staff, enrolment, **disnaker, early_start_reason="Direkrut saat praktik kerja")
    assert placement.early_start_reason == "Direkrut saat praktik kerja"


def test_verifying_a_placement_closes_the_ak1_card_as_hired_through_the_seekers_service(disnaker_staff):
    seeker = CompleteJobSeekerFactory()
    card = seeker_services.card_issue(seeker=seeker, actor=None)
    placement = PlacementFactory(seeker=seeker, status=Placement.Status.REPORTED)
    services.placement_verify(placement=placement, actor=disnaker_staff)
    card.refresh_from_db()
    assert card.status == AK1Card.Status.CLOSED
    report = AK1Report.objects.get(card=card)
    assert not report.still_looking and report.employer == placement.employer.name
    assert JobSeeker.objects.get(pk=seeker.pk).employment_status == JobSeeker.EmploymentStatus.HIRED
    assert seeker.user.notifications.filter(event="seekers.card_closed").exists()
    assert seeker.user.notifications.filter(event="placements.placement_decided").exists()
    assert sorted(FollowUp.objects.values_list("months", flat=True)) == [3, 6]


def test_a_rejected_placement_keeps_the_card_and_needs_a_reason(disnaker_staff):
    seeker = CompleteJobSeekerFactory()
    card = seeker_services.card_issue(seeker=seeker, actor=None)
    placement = PlacementFactory(seeker=seeker, status=Placement.Status.REPORTED)
    with pytest.raises(PlacementError):
        services.placement_reject(placement=placement, actor=disnaker_staff, reason=" ")
    services.placement_reject(placement=placement, actor=disnaker_staff, reason="Surat palsu")
    card.refresh_from_db()
    assert card.status == AK1Card.Status.ACTIVE


def test_follow_ups_ask_once_at_3_and_6_months_and_the_answer_is_one_tap(client, disnaker_staff):
    start = datetime.date(2026, 1, 15)
    with time_machine.travel(datetime.datetime(2026, 1, 20, 3, tzinfo=datetime.UTC)):
        placement = PlacementFactory(status=Placement.Status.REPORTED, start_date=start)
        services.placement_verify(placement=placement, actor=disnaker_staff)
    with time_machine.travel(datetime.datetime(2026, 4, 14, 3, tzinfo=datetime.UTC)):
        assert send_follow_ups() == 0  # one day early
    with time_machine.travel(datetime.datetime(2026, 4, 15, 3, tzinfo=datetime.UTC)):
        assert send_follow_ups() == 1
        assert send_follow_ups() == 0
    follow_up = FollowUp.objects.get(months=3)
    message = placement.seeker.user.notifications.get(event="placements.follow_up", channel="inbox")
    assert follow_up.get_absolute_url() in message.link and follow_up.get_absolute_url() in message.body
    response = client.post(follow_up.get_absolute_url(), {"answer": "yes"})
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.still_employed is True and follow_up.answered_at is not None
    # A day the scheduler missed is caught up the next morning.
    with time_machine.travel(datetime.datetime(2026, 7, 16, 3, tzinfo=datetime.UTC)):
        assert send_follow_ups() == 1


def test_retention_at_6_months_comes_from_the_answers(partner_staff, institution):
    placed = []
    for _ in range(2):
        p = PlacementFactory(enrolment=_graduate(institution, ended_days_ago=300), provider=institution)
        p.start_date = timezone.localdate() - datetime.timedelta(days=250)
        p.save()
        placed.append(p)
    FollowUp.objects.create(placement=placed[0], months=6, due_on=timezone.localdate(), answered_at=timezone.now(),
                            still_employed=True)  # fmt: skip
    FollowUp.objects.create(placement=placed[1], months=6, due_on=timezone.localdate(), answered_at=timezone.now(),
                            still_employed=False)  # fmt: skip
    figures = selectors.institution_figures([institution])[institution.pk]
    assert figures.retention_6_months == 0.5


def test_the_placement_rate_counts_graduates_placed_within_6_months(partner_staff, institution):
    quick = _graduate(institution, ended_days_ago=100)
    late = _graduate(institution, ended_days_ago=300)
    _graduate(institution, ended_days_ago=50)  # not placed
    PlacementFactory(seeker=quick.seeker, enrolment=quick, provider=institution,
                     start_date=timezone.localdate() - datetime.timedelta(days=70), wage=6_000_000)  # fmt: skip
    PlacementFactory(seeker=late.seeker, enrolment=late, provider=institution,
                     start_date=timezone.localdate() - datetime.timedelta(days=10))  # fmt: skip
    PlacementFactory(seeker=_graduate(institution).seeker, provider=institution, status=Placement.Status.REPORTED)
    figures = selectors.institution_figures([institution])[institution.pk]
    assert figures.graduates == 4
    assert figures.placed_within_6_months == 1
    assert figures.placement_rate == 0.25
    assert figures.median_days == 30
    assert figures.median_wage == 6_000_000


# --- Local share ------------------------------------------------------------------------------


def _hire(employer, *, local, year=2026, status=Placement.Status.VERIFIED):
    seeker = JobSeekerFactory() if local else JobSeekerFactory(outside=True)
    return PlacementFactory(seeker=seeker, employer=employer, start_date=datetime.date(year, 3, 1), status=status)


def test_an_employer_without_placements_has_no_share_and_is_not_flagged(db):
    row = selectors.local_share(EmployerFactory(), 2026)
    assert row.hires == 0 and row.share is None and not row.flagged


def test_an_employer_hiring_only_non_locals_is_flagged(db):
    employer = EmployerFactory()
    _hire(employer, local=False)
    _hire(employer, local=False)
    row = selectors.local_share(employer, 2026)
    assert row.share == 0 and row.flagged


def test_the_share_at_the_minimum_is_not_flagged_and_below_is(db, settings):
    settings.LOCAL_WORKER_MIN_SHARE = 0.30
    employer = EmployerFactory()
    for local in (True, True, True, False, False, False, False, False, False, False):
        _hire(employer, local=local)
    assert selectors.local_share(employer, 2026).share == pytest.approx(0.3)
    assert not selectors.local_share(employer, 2026).flagged
    _hire(employer, local=False)
    assert selectors.local_share(employer, 2026).flagged


def test_unverified_and_rejected_placements_do_not_count_and_years_are_separate(db):
    employer = EmployerFactory()
    _hire(employer, local=True)
    _hire(employer, local=False, status=Placement.Status.REPORTED)
    _hire(employer, local=False, status=Placement.Status.REJECTED)
    _hire(employer, local=False, year=2025)
    rows = {r.year: r for r in selectors.local_share_by_year(employer)}
    assert (rows[2026].hires, rows[2026].local) == (1, 1)
    assert (rows[2025].hires, rows[2025].local) == (1, 0)


def test_a_person_who_moved_away_after_starting_still_counts_as_local(disnaker_staff):
    employer = EmployerFactory()
    seeker = CompleteJobSeekerFactory()
    placement = services.placement_report(
        seeker=seeker, reporter=Placement.Reporter.DISNAKER, actor=disnaker_staff, employer=employer,
        position="Operator", contract_type="pkwt", start_date=timezone.localdate(), channel="job_fair",
    )  # fmt: skip
    services.placement_verify(placement=placement, actor=disnaker_staff)
    JobSeeker.objects.filter(pk=seeker.pk).update(
        domicile_kecamatan=None, domicile_desa=None, domicile_outside="Karawang"
    )
    row = selectors.local_share(employer, timezone.localdate().year)
    assert (row.hires, row.local) == (1, 1)


def test_the_dashboard_aggregates_are_plain_values(db):
    employer = EmployerFactory()
    _hire(employer, local=True)
    _hire(employer, local=False)
    counts = selectors.placement_counts_by_year_and_kecamatan()
    assert counts == [
        {"year": 2026, "kecamatan_code": "32.16.09", "kecamatan": "Cikarang Utara", "local": 1, "non_local": 1}
    ]
    shares = selectors.local_share_per_employer(year=2026)
    assert shares == [
        {"employer_id": employer.pk, "employer": employer.name, "hires": 2, "local": 1, "share": 0.5, "flagged": False}
    ]


def test_a_seeker_reports_their_own_new_job(client, profile):
    client.force_login(profile.user)
    response = client.post(
        reverse("placements:my_placements"),
        {
            "employer_name": "Toko Maju Jaya",
            "position": "Kasir",
            "contract_type": "pkwt",
            "channel": "own_search",
            "start_date": timezone.localdate().isoformat(),
            "evidence": photo_upload(),
        },
    )
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert placement.reporter == Placement.Reporter.SEEKER and placement.employer_name == "Toko Maju Jaya"


def test_the_evidence_is_served_only_to_those_who_may_see_the_placement(client, partner_staff, institution):
    placement = _report(partner_staff, _graduate(institution))
    url = reverse("placements:evidence", args=[placement.pk])
    client.force_login(partner_staff)
    assert client.get(url).status_code == 200
    client.force_login(UserFactory(role=Role.PARTNER))  # another institution's clerk (no provider)
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
