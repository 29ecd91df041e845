import datetime

import pytest
import time_machine
from django.urls import reverse

from core.models import EducationLevel
from overseas import services
from overseas.models import Candidacy, JapaneseLevel
from overseas.services import OverseasError
from seekers.models import JobSeeker, LanguageSkill
from seekers.tests.factories import CompleteJobSeekerFactory

from .factories import IntakeFactory

JAKARTA = datetime.timezone(datetime.timedelta(hours=7))


def _codes(exc):
    return sorted(error.code for error in exc.value.error_list)


def test_an_eligible_seeker_applies_and_takes_a_place(intake, profile):
    candidacy = services.candidacy_apply(intake=intake, seeker=profile, height_cm=168, weight_kg=58, actor=profile.user)

    intake.refresh_from_db()
    assert candidacy.status == Candidacy.Status.APPLIED
    assert candidacy.next_stage.position == 1
    assert candidacy.local_resident is True
    assert intake.candidates_count == 1
    assert profile.user.notifications.filter(event="overseas.candidacy_applied").exists()


def test_an_ineligible_seeker_is_told_every_failing_reason_at_once(db):
    intake = IntakeFactory(
        min_age_men=18,
        max_age_men=24,
        min_education=EducationLevel.objects.get(code="D3"),
        min_height_cm=160,
        min_weight_kg=50,
        min_japanese_level=JapaneseLevel.N4,
    )
    seeker = CompleteJobSeekerFactory(birth_date=datetime.date(1999, 1, 1))  # 27 on the reference date
    LanguageSkill.objects.create(seeker=seeker, language="ja", level="N5")

    with pytest.raises(OverseasError) as exc:
        services.candidacy_apply(intake=intake, seeker=seeker, height_cm=155, weight_kg=45, actor=seeker.user)

    assert _codes(exc) == ["age", "education", "height", "japanese", "weight"]
    assert "27" in " ".join(exc.value.messages)
    assert not Candidacy.objects.exists()


def test_age_is_computed_on_the_intakes_reference_date_not_today(db):
    # 30 on 16 May 2026 (today is 15 June 2026): within 18-30 today, 31 on the reference date.
    intake = IntakeFactory(max_age_men=30, reference_date=datetime.date(2026, 12, 31))
    seeker = CompleteJobSeekerFactory(birth_date=datetime.date(1995, 12, 30))

    with pytest.raises(OverseasError) as exc:
        services.candidacy_apply(intake=intake, seeker=seeker, height_cm=170, weight_kg=60, actor=seeker.user)

    assert _codes(exc) == ["age"]
    # One day younger, and they are 30 on the reference date: accepted.
    younger = CompleteJobSeekerFactory(birth_date=datetime.date(1996, 1, 1))
    services.candidacy_apply(intake=intake, seeker=younger, height_cm=170, weight_kg=60, actor=younger.user)


def test_women_are_checked_against_their_own_age_range_and_a_closed_gender_is_refused(db):
    intake = IntakeFactory(max_age_women=25, accepts_men=False)
    woman = CompleteJobSeekerFactory(gender=JobSeeker.Gender.FEMALE, birth_date=datetime.date(2000, 1, 1))
    man = CompleteJobSeekerFactory()

    with pytest.raises(OverseasError) as too_old:
        services.candidacy_apply(intake=intake, seeker=woman, height_cm=160, weight_kg=50, actor=woman.user)
    with pytest.raises(OverseasError) as wrong_gender:
        services.candidacy_apply(intake=intake, seeker=man, height_cm=170, weight_kg=60, actor=man.user)

    assert _codes(too_old) == ["age"]
    assert _codes(wrong_gender) == ["gender"]


@pytest.mark.parametrize(
    ("moment", "code"),
    [
        # 1 February 00:01 in Bekasi is still 31 January 17:01 in UTC: closed all the same.
        (datetime.datetime(2026, 2, 1, 0, 1, tzinfo=JAKARTA), "registration_closed"),
        # 23:59 on the last day: still open.
        (datetime.datetime(2026, 1, 31, 23, 59, tzinfo=JAKARTA), None),
        # 1 January 00:01 in Bekasi, 31 December 17:01 UTC: already open.
        (datetime.datetime(2026, 1, 1, 0, 1, tzinfo=JAKARTA), None),
        (datetime.datetime(2025, 12, 31, 23, 59, tzinfo=JAKARTA), "registration_not_open"),
    ],
)
def test_the_registration_window_is_whole_days_in_asia_jakarta(db, moment, code):
    intake = IntakeFactory(registration_opens=datetime.date(2026, 1, 1), registration_closes=datetime.date(2026, 1, 31))
    seeker = CompleteJobSeekerFactory()

    with time_machine.travel(moment, tick=False):
        if code is None:
            services.candidacy_apply(intake=intake, seeker=seeker, height_cm=170, weight_kg=60, actor=seeker.user)
            return
        with pytest.raises(OverseasError) as exc:
            services.candidacy_apply(intake=intake, seeker=seeker, height_cm=170, weight_kg=60, actor=seeker.user)

    assert _codes(exc) == [code]
    assert "2026" in exc.value.messages[0]


def test_a_full_intake_refuses_with_a_clear_message_and_a_freed_place_is_open_again(apply):
    intake = IntakeFactory(quota=1)
    first = apply(intake)
    seeker = CompleteJobSeekerFactory()

    with pytest.raises(OverseasError) as exc:
        services.candidacy_apply(intake=intake, seeker=seeker, height_cm=170, weight_kg=60, actor=seeker.user)
    assert _codes(exc) == ["full"]
    assert "1" in exc.value.messages[0]

    services.candidacy_withdraw(candidacy=first, reason="Sakit", actor=first.seeker.user)
    services.candidacy_apply(intake=intake, seeker=seeker, height_cm=170, weight_kg=60, actor=seeker.user)
    intake.refresh_from_db()
    assert intake.candidates_count == 1


def test_one_candidacy_in_progress_per_person(intake, profile):
    services.candidacy_apply(intake=intake, seeker=profile, height_cm=170, weight_kg=60, actor=profile.user)
    other = IntakeFactory()

    with pytest.raises(OverseasError) as exc:
        services.candidacy_apply(intake=other, seeker=profile, height_cm=170, weight_kg=60, actor=profile.user)

    assert _codes(exc) == ["duplicate"]


def test_the_intake_page_lists_the_reasons_before_anyone_clicks(client, seeker, db):
    CompleteJobSeekerFactory(user=seeker, birth_date=datetime.date(1980, 1, 1))
    intake = IntakeFactory(min_height_cm=165)
    client.force_login(seeker)

    response = client.get(intake.get_absolute_url())

    assert response.status_code == 200
    assert [str(p) for p in response.context["problems"]] and "46" in " ".join(response.context["problems"])
    assert b'data-testid="apply-form"' not in response.content


def test_applying_through_the_page_and_being_refused_shows_the_message_not_an_error(client, profile, intake):
    client.force_login(profile.user)
    url = reverse("overseas:apply", args=[intake.pk])

    short = client.post(url, {"height_cm": 150, "weight_kg": 60, "confirm": "on"}, follow=True)
    intake.min_height_cm = 160
    intake.save()
    refused = client.post(url, {"height_cm": 150, "weight_kg": 60, "confirm": "on"}, follow=True)

    assert short.redirect_chain[-1][0] == reverse("overseas:my_candidacy")
    # The first went through, so the second is refused as a duplicate and for the height.
    texts = [str(m) for m in refused.context["messages"]]
    assert any("150" in t for t in texts) and any("one at a time" in t or "satu" in t for t in texts)


def test_the_public_page_lists_open_intakes_only(client, db):
    IntakeFactory(name="Gelombang terbuka")
    IntakeFactory(name="Gelombang tertutup", registration_closes=datetime.date(2026, 5, 31))
    IntakeFactory(name="Belum terbit", is_published=False)

    response = client.get(reverse("overseas:index"))

    assert [i.name for i in response.context["intakes"]] == ["Gelombang terbuka"]


def test_an_erased_account_gives_its_place_back(apply):
    intake = IntakeFactory(quota=2)
    candidacy = apply(intake)

    candidacy.seeker.user.delete()

    intake.refresh_from_db()
    assert intake.candidates_count == 0
