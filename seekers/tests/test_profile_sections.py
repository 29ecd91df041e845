"""The profile pages after the personal data (education, experience, skills, preferences): each
saves through seekers.services.profile_section_save, all or nothing, audited by name only."""

import datetime

from django.urls import reverse

from core.models import AuditLog, EducationLevel
from seekers.models import Experience, JobSeeker


def _management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "20",
    }  # fmt: skip


def _education_post(profile, **rows):
    school = profile.educations.get()
    data = {"education_level": EducationLevel.objects.get(code="S1").pk}
    data |= _management("edu", 2, 1) | _management("course", 0, 0)
    data |= {
        "edu-0-id": school.pk, "edu-0-level": school.level_id, "edu-0-school": school.school,
        "edu-0-major": school.major, "edu-0-graduation_year": school.graduation_year,
        "edu-1-level": EducationLevel.objects.get(code="S1").pk, "edu-1-school": "Universitas Pelita Bangsa",
        "edu-1-major": "Teknik Industri", "edu-1-graduation_year": "2023",
    }  # fmt: skip
    return data | rows


def _audits():
    return list(AuditLog.objects.filter(action="profile_updated").values_list("reason", flat=True))


def test_the_education_page_saves_level_and_schools_with_one_audit_row_of_names(client, profile):
    client.force_login(profile.user)
    before = JobSeeker.objects.get(pk=profile.pk).updated_at
    response = client.post(reverse("seekers:profile_education"), _education_post(profile))
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.education_level.code == "S1"
    assert sorted(profile.educations.values_list("school", flat=True)) == [
        "SMK Negeri 1 Cikarang Barat",
        "Universitas Pelita Bangsa",
    ]
    assert _audits() == ["education_level, education+"]
    assert profile.updated_at > before


def test_changed_and_removed_rows_are_named_without_their_values(client, profile):
    day = datetime.date
    old = Experience.objects.create(
        seeker=profile, employer="PT Lama", position="Operator", start_date=day(2019, 1, 1), end_date=day(2020, 1, 1)
    )
    kept = Experience.objects.create(
        seeker=profile, employer="PT Maju Jaya", position="Operator", start_date=day(2021, 1, 1)
    )
    client.force_login(profile.user)
    data = _management("exp", 2, 2) | {
        "exp-0-id": kept.pk, "exp-0-employer": "PT Maju Jaya", "exp-0-position": "Kepala regu",
        "exp-0-start_date": "2021-01-01", "exp-0-end_date": "", "exp-0-description": "",
        "exp-1-id": old.pk, "exp-1-employer": "PT Lama", "exp-1-position": "Operator",
        "exp-1-start_date": "2019-01-01", "exp-1-end_date": "2020-01-01", "exp-1-description": "",
        "exp-1-DELETE": "on",
    }  # fmt: skip
    assert client.post(reverse("seekers:profile_experience"), data).status_code == 302
    assert list(profile.experiences.values_list("position", flat=True)) == ["Kepala regu"]
    [reason] = _audits()
    assert reason == "experience.position, experience-"
    assert "Kepala" not in reason and "PT Lama" not in reason


def test_skills_and_languages_are_saved_together_and_audited(client, profile):
    client.force_login(profile.user)
    data = {"skills": "pengelasan, forklift"} | _management("lang", 1, 0)
    data |= {"lang-0-language": "ja", "lang-0-level": "N4"}
    assert client.post(reverse("seekers:profile_skills"), data).status_code == 302
    assert sorted(profile.skills.values_list("name", flat=True)) == ["forklift", "pengelasan"]
    assert _audits() == ["skills, languageskill+"]


def test_an_invalid_row_saves_nothing_of_the_page(client, profile):
    client.force_login(profile.user)
    data = _education_post(profile, **{"edu-1-graduation_year": "1800"})
    response = client.post(reverse("seekers:profile_education"), data)
    assert response.status_code == 200
    assert "graduation_year" in response.context["formsets"][0].errors[1]
    profile.refresh_from_db()
    assert profile.education_level.code == "SMK" and profile.educations.count() == 1
    assert _audits() == []


def test_saving_a_page_unchanged_writes_no_audit_row(client, profile):
    client.force_login(profile.user)
    data = {"employment_status": profile.employment_status, "preferred_position": "", "willing_abroad": "",
            "expected_wage": "", "disability": "", "accommodations": ""}  # fmt: skip
    assert client.post(reverse("seekers:profile_preferences"), data).status_code == 302
    assert _audits() == []
    data["willing_abroad"] = "on"
    client.post(reverse("seekers:profile_preferences"), data)
    assert _audits() == ["willing_abroad"]
    assert JobSeeker.objects.get(pk=profile.pk).willing_abroad
