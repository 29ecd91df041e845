"""Every public and job-seeker page at 360 x 640: no horizontal scroll, every interactive element
at least 44 x 44 px (inline text links excepted, as WCAG 2.5.5 allows), and no axe-core violation
(WCAG 2.1 A/AA). axe-core comes from the pinned npm package (package.json), copied by
`make vendor` to tests/browser/vendor/ and injected by the test only: the portal never serves it."""

import json
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.tests.factories import PASSWORD, UserFactory
from seekers.services import card_issue
from seekers.tests.factories import CompleteJobSeekerFactory
from trainings.tests.factories import BatchFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"

PUBLIC = [
    ("core:home", ()), ("trainings:catalogue", ()), ("seekers:register", ()), ("accounts:login", ()),
    ("accounts:password_reset", ()), ("core:privacy", ()), ("core:status_glossary", ()),
    ("placements:index", ()), ("financing:index", ()), ("overseas:index", ()),
    ("vacancies:list", ()), ("vacancies:register", ()), ("placements:broker_report", ()),
    ("financing:simulator", ()), ("statistics:index", ()),
]  # fmt: skip

SEEKER = [
    "seekers:dashboard", "seekers:profile_personal", "seekers:profile_education", "seekers:profile_experience",
    "seekers:profile_skills", "seekers:profile_preferences", "seekers:profile_documents", "seekers:card",
    "seekers:card_report", "seekers:deletion_request", "trainings:my_trainings", "notifications:inbox",
    "notifications:preferences", "accounts:verify_phone", "placements:my_applications",
    "placements:my_placements", "financing:my_applications", "overseas:my_candidacy",
]  # fmt: skip

MEASURE = (Path(__file__).parent / "measure_targets.js").read_text()


def _urls(names):
    urls = []
    for item in names:
        name, args = item if isinstance(item, tuple) else (item, ())
        urls.append(reverse(name, args=args))
    return urls


def _check(page, url):
    response = page.goto(url)
    assert response.status < 400, f"{url}: HTTP {response.status}"
    found = page.evaluate(MEASURE)
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():  # the menu's links are measured open
        toggler.click()
        opened = page.evaluate(MEASURE)
        found["small"] += [s for s in opened["small"] if s not in found["small"]]
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
          const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
          const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
          const describe = n => n.target.join(' ') + ' ' + (n.failureSummary || '').slice(0, 160);
          return r.violations.map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(describe)}));
        }"""
    )
    problems = []
    if found["overflow"] > 0:
        problems.append(f"scrolls sideways by {found['overflow']} px")
    if found["small"]:
        problems.append("targets under 44 px: " + "; ".join(found["small"][:8]))
    if result:
        problems.append("axe: " + json.dumps(result, ensure_ascii=False)[:1500])
    return [f"{url}: {p}" for p in problems]


@pytest.fixture
def small_phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 360, "height": 640},
        is_mobile=True,
        has_touch=True,
        locale="id-ID",
        bypass_csp=True,  # to inject axe-core: the test only, the portal keeps its policy
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def test_every_public_and_seeker_page_fits_a_small_phone_with_big_targets_and_no_axe_violation(small_phone):
    batch = BatchFactory()
    seeker = CompleteJobSeekerFactory(user=UserFactory(email="rina@example.id", phone="+6281234567890"))
    card_issue(seeker=seeker, actor=seeker.user)
    page = small_phone
    problems = []
    for url in _urls(PUBLIC) + [reverse("trainings:program", args=(batch.program_id,))]:
        problems += _check(page, url)

    page.goto(reverse("accounts:login"))
    page.locator("#id_username").fill("rina@example.id")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_load_state()
    for url in _urls(SEEKER):
        problems += _check(page, url)
    assert not problems, "\n".join(problems)
