"""The findings of issue 15 on the profile steps: money as people write it, the step indicator,
the phone number as typed, the kecamatan prompt, no delete box on empty rows, the NIK check."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.forms import parse_rupiah
from seekers.forms import PersonalForm, PreferencesForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed", ["5.000.000", "Rp 5.000.000", "Rp5.000.000", "rp. 5.000.000", "5000000", "5.000.000,00"]
)
def test_a_wage_is_accepted_the_way_indonesians_write_it(typed):
    assert parse_rupiah(typed) == Decimal("5000000")


@pytest.mark.parametrize("typed", ["5,5 juta", "5.00.000", "Rp -5.000", "lima juta"])
def test_an_unreadable_amount_gets_a_clear_message(typed):
    with pytest.raises(ValidationError) as error:
        parse_rupiah(typed)
    assert error.value.code == "invalid_rupiah"


def test_the_preferences_form_saves_a_wage_typed_with_dots(profile):
    form = PreferencesForm(
        {
            "employment_status": profile.employment_status,
            "expected_wage": "Rp 5.000.000",
            "preferred_position": "Welder",
        },
        instance=profile,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["expected_wage"] == Decimal("5000000")


def test_the_stored_wage_comes_back_with_thousands_dots(profile):
    profile.expected_wage = Decimal("4500000")
    assert 'value="4.500.000"' in str(PreferencesForm(instance=profile)["expected_wage"])


def test_the_step_indicator_says_step_4_of_6_and_marks_the_current_step(client, profile):
    client.force_login(profile.user)
    html = client.get(reverse("seekers:profile_skills"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Langkah 4 dari 6" in html
    assert 'aria-valuenow="4"' in html
    assert html.count('aria-current="step"') == 1


def test_the_phone_number_is_shown_as_people_write_it(profile):
    profile.phone = "+6285712345678"
    assert PersonalForm(instance=profile).initial["phone"] == "0857-1234-5678"


def test_the_kecamatan_asks_for_a_choice_instead_of_defaulting_to_outside(profile):
    field = PersonalForm(instance=profile).fields["domicile_kecamatan"]
    assert "Outside" not in str(field.empty_label)


def test_an_empty_extra_row_has_no_delete_box(client, profile):
    client.force_login(profile.user)
    response = client.get(reverse("seekers:profile_experience"))
    formset = response.context["formsets"][0]
    extra = formset.forms[-1]
    assert extra.instance.pk is None and "DELETE" not in extra.fields


def test_a_birth_date_that_differs_from_the_nik_is_saved_with_a_gentle_message(client, profile):
    client.force_login(profile.user)
    page = client.get(reverse("seekers:profile_personal"))
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["birth_date"] = (profile.birth_date + datetime.timedelta(days=1)).isoformat()
    response = client.post(reverse("seekers:profile_personal"), data, HTTP_ACCEPT_LANGUAGE="id", follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any("NIK Anda" in m for m in messages), messages
    profile.refresh_from_db()
    assert profile.birth_date == datetime.date.fromisoformat(data["birth_date"])


def test_the_empty_new_row_shows_no_required_marks_but_a_started_row_needs_its_fields(client, profile):
    client.force_login(profile.user)
    html = client.get(reverse("seekers:profile_experience")).content.decode()
    new_row = html.split('id="exp-new"')[1].split("</fieldset>")[0]
    assert "asteriskField" not in new_row
    data = {
        "exp-TOTAL_FORMS": "1", "exp-INITIAL_FORMS": "0", "exp-MIN_NUM_FORMS": "0", "exp-MAX_NUM_FORMS": "20",
        "exp-0-position": "Operator",
    }  # fmt: skip
    profile.experiences.all().delete()
    response = client.post(reverse("seekers:profile_experience"), data)
    assert response.status_code == 200
    assert "employer" in response.context["formsets"][0].forms[0].errors


def test_save_and_add_another_saves_and_comes_back_with_a_new_empty_row(client, profile):
    client.force_login(profile.user)
    profile.experiences.all().delete()
    data = {
        "exp-TOTAL_FORMS": "1", "exp-INITIAL_FORMS": "0", "exp-MIN_NUM_FORMS": "0", "exp-MAX_NUM_FORMS": "20",
        "exp-0-employer": "PT Maju", "exp-0-position": "Operator", "exp-0-start_date": "2020-01-01",
        "add_row": "exp-new",
    }  # fmt: skip
    response = client.post(reverse("seekers:profile_experience"), data)
    assert response.url == reverse("seekers:profile_experience") + "#exp-new"
    assert profile.experiences.count() == 1


def test_the_last_education_is_not_asked_again_but_taken_from_the_highest_school(client, profile):
    from core.models import EducationLevel

    client.force_login(profile.user)
    page = client.get(reverse("seekers:profile_education"))
    assert "education_level" not in page.content.decode()
    school = profile.educations.get()
    data = {
        "edu-TOTAL_FORMS": "2", "edu-INITIAL_FORMS": "1", "edu-MIN_NUM_FORMS": "0", "edu-MAX_NUM_FORMS": "20",
        "course-TOTAL_FORMS": "0", "course-INITIAL_FORMS": "0", "course-MIN_NUM_FORMS": "0",
        "course-MAX_NUM_FORMS": "20",
        "edu-0-id": school.pk, "edu-0-level": school.level_id, "edu-0-school": school.school,
        "edu-1-level": EducationLevel.objects.get(code="D3").pk, "edu-1-school": "Politeknik Bekasi",
    }  # fmt: skip
    assert client.post(reverse("seekers:profile_education"), data).status_code == 302
    profile.refresh_from_db()
    assert profile.education_level.code == "D3"
