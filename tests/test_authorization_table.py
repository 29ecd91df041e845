"""Authorisation as data (issue 14): every URL pattern of the project, as every role, against the
table in tests/authorization_table.py. A URL without an entry fails the test: whoever adds a page
says who may see it.

Outcomes of a GET: "ok" (200), "login" (redirect to the login page), "redirect" (elsewhere),
"denied" (403), "missing" (404: another tenant's object, or not theirs), "method" (405: POST only).
Objects in the URLs belong to seeker A and partner institution A, so the B personas show that
another tenant's object is a 404. The admin site is represented by its index and the job-seeker
pages (its own permission system guards the rest, tested in each app's test_admin).
"""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from notifications.models import Channel
from notifications.tests.factories import NotificationFactory
from seekers import services as seeker_services
from seekers.models import Document
from seekers.tests.factories import CompleteJobSeekerFactory
from trainings import services as training_services
from trainings.tests.factories import BatchFactory, ProgramFactory, ProviderFactory, ProviderStaffFactory

from .authorization_table import ADMIN_URLS, ROLES, TABLE

pytestmark = pytest.mark.django_db


PLACEHOLDERS = {"IntConverter": 1, "UUIDConverter": uuid.UUID(int=1), "StringConverter": "x", "SlugConverter": "x"}


def _patterns():
    """{URL name: {argument: placeholder}} for every named pattern outside the admin site."""

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.app_name == "admin":
                    continue
                yield from walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name:
                converters = getattr(p.pattern, "converters", {})
                kwargs = {k: PLACEHOLDERS.get(type(c).__name__, "x") for k, c in converters.items()}
                yield (f"{namespace}:{p.name}" if namespace else p.name), kwargs

    return dict(walk(get_resolver().url_patterns))


def _url_names():
    return sorted(_patterns())


@pytest.fixture
def world():
    seeker_a, seeker_b = CompleteJobSeekerFactory(), CompleteJobSeekerFactory()
    provider_a, provider_b = ProviderFactory(), ProviderFactory()
    partner_a, partner_b = UserFactory(role=Role.PARTNER), UserFactory(role=Role.PARTNER)
    ProviderStaffFactory(user=partner_a, provider=provider_a)
    ProviderStaffFactory(user=partner_b, provider=provider_b)
    batch = BatchFactory(program=ProgramFactory(provider=provider_a))
    enrolment = training_services.enrolment_apply(batch=batch, seeker=seeker_a, actor=seeker_a.user)
    session = training_services.session_add(batch=batch, day=batch.start_date, actor=partner_a)
    card = seeker_services.card_issue(seeker=seeker_a, actor=seeker_a.user)
    document = Document.objects.filter(seeker=seeker_a).first()
    notification = NotificationFactory(recipient=seeker_a.user, channel=Channel.INBOX)
    args = {
        "seekers:document": [document.pk], "seekers:document_thumbnail": [document.pk],
        "seekers:card_pdf": [card.pk], "seekers:card_verify": [card.token],
        "trainings:program": [batch.program.pk], "trainings:apply": [batch.pk],
        "trainings:withdraw": [enrolment.pk], "trainings:certificate_pdf": [999999],
        "trainings:certificate_verify": [uuid.uuid4()], "trainings:partner_attendance": [session.pk],
        "notifications:mark_read": [notification.pk], "accounts:password_reset_confirm": ["MQ", "set-password"],
    }  # fmt: skip
    for name in ("partner_batch", "partner_decide", "partner_batch_start", "partner_batch_finish",
                 "partner_export_csv", "partner_export_xlsx", "partner_sessions"):  # fmt: skip
        args[f"trainings:{name}"] = [batch.pk]
    for name in ("partner_enrolment", "partner_scores", "partner_complete", "partner_drop", "partner_outcome"):
        args[f"trainings:{name}"] = [enrolment.pk]
    people = {
        "anonymous": None, "seeker_a": seeker_a.user, "seeker_b": seeker_b.user, "partner_a": partner_a,
        "partner_b": partner_b, "bank": UserFactory(role=Role.BANK), "tkp3d": UserFactory(role=Role.TKP3D),
        "disnaker": UserFactory(is_staff=True, role=Role.DISNAKER),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }  # fmt: skip
    admin_args = {"admin:seekers_jobseeker_change": [seeker_a.pk]}
    return people, args, admin_args


def _outcome(response):
    code = response.status_code
    if code == 302:
        return "login" if response["Location"].startswith(reverse("accounts:login")) or "/admin/login/" in response[
            "Location"
        ] else "redirect"
    return {200: "ok", 403: "denied", 404: "missing", 405: "method"}.get(code, f"HTTP {code}")


def observe(client, world):
    people, args, admin_args = world
    placeholders = _patterns()
    seen = {}
    for name in [*_url_names(), *ADMIN_URLS]:
        if name in args or name in admin_args or not placeholders.get(name):
            url = reverse(name, args=args.get(name) or admin_args.get(name) or [])
        else:  # an object this fixture does not make: a placeholder id (nobody's object)
            url = reverse(name, kwargs=placeholders[name])
        row = {}
        for role in ROLES:
            client.logout()
            if people[role] is not None:
                client.force_login(people[role])
            row[role] = _outcome(client.get(url))
        seen[name] = row
    return seen


def test_every_url_name_has_an_entry_in_the_authorisation_table():
    missing = [name for name in _url_names() if name not in TABLE]
    assert missing == [], f"add these URLs to tests/authorization_table.py: {missing}"


def test_every_url_as_every_role_answers_as_the_table_says(client, world):
    seen = observe(client, world)
    different = {
        (name, role): (TABLE.get(name, {}).get(role), got)
        for name, row in seen.items()
        for role, got in row.items()
        if TABLE.get(name, {}).get(role) != got
    }
    assert different == {}, "(url, role): (expected, got)"
