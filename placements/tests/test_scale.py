import io

from placements import scale
from placements.models import Application, Placement, Vacancy
from seekers.tests.factories import JobSeekerFactory


def test_seed_scale_fills_vacancies_applications_and_placements_and_names_its_scenarios(db):
    JobSeekerFactory.create_batch(30)
    out = io.StringIO()
    scale.seed(seekers=30, stdout=out)
    assert "placements:" in out.getvalue()
    big = Vacancy.objects.get(title=scale.BIG_VACANCY_TITLE)
    assert big.applications.count() == 30  # all the seekers there are, up to 5,000
    assert Vacancy.objects.count() == 50 and Application.objects.count() > 30 and Placement.objects.exists()
    scale.seed(seekers=30, stdout=out)  # a second run adds nothing
    assert Vacancy.objects.count() == 50
    scenarios = {s["name"]: s for s in scale.bench_scenarios()}
    ranked = scenarios["ranked applicants of a 5,000-applicant vacancy"]
    assert ranked["path"].endswith(f"/{big.pk}/") and ranked["kind"] == "staff"
    assert ranked["user"]().employer_staff.employer == big.employer
    assert {s["kind"] for s in scenarios.values()} == {"public", "staff"}
