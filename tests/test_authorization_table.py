"""Authorisation as data (issue 14): every URL pattern of the project, as every role, against the
table in tests/authorization_table.py. A URL without an entry fails the test: whoever adds a page
says who may see it.

Outcomes of a GET: "ok" (200), "login" (redirect to the login page), "redirect" (elsewhere),
"denied" (403), "missing" (404: another tenant's object, or not theirs), "method" (405: POST only).
Every URL that takes an argument is walked with a real object of tenant A (the `world` fixture:
seeker A, partner institution A, employer A, bank A), so the B personas show that another tenant's
object is a 404; a new URL with an argument fails until the fixture gives it an object. The admin
site is represented by its index and the job-seeker pages (its own permission system guards the
rest, tested in each app's test_admin).
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from dashboard.models import MeetingReport
from financing.models import Application as LoanApplication
from financing.models import LoanDocument
from financing.tests.factories import ApplicationFactory as LoanApplicationFactory
from financing.tests.factories import (
    BankStaffFactory,
    PartnerBankFactory,
    ProductFactory,
    accepted_enrolment,
    jpeg_upload,
)
from notifications.models import Channel
from notifications.tests.factories import NotificationFactory
from overseas.models import Candidacy
from overseas.tests.factories import IntakeFactory
from placements.models import FollowUp, Placement
from placements.tests.factories import ApplicationFactory as JobApplicationFactory
from placements.tests.factories import EmployerStaffFactory, PlacementFactory, VacancyFactory, pdf_upload
from seekers import services as seeker_services
from seekers.models import Document
from seekers.tests.factories import CompleteJobSeekerFactory
from trainings import services as training_services
from trainings.models import Certificate, Enrolment
from trainings.tests.factories import BatchFactory, ProgramFactory, ProviderFactory, ProviderStaffFactory

from .authorization_table import ADMIN_URLS, POST_AS_OTHER_TENANT, ROLES, TABLE

pytestmark = pytest.mark.django_db


def _patterns():
    """{URL name: [its arguments]} for every named pattern outside the admin site."""

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.app_name == "admin":
                    continue
                yield from walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name:
                yield (f"{namespace}:{p.name}" if namespace else p.name), list(getattr(p.pattern, "converters", {}))

    return dict(walk(get_resolver().url_patterns))


def _url_names():
    return sorted(_patterns())


@pytest.fixture
def world():
    """Two tenants of every kind (A and B); every object in a URL belongs to tenant A: seeker A,
    partner institution A, employer A, bank A. The B personas show that another tenant's object is
    a 404; the personas of other kinds show that the role itself is refused."""
    today = timezone.localdate()
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
    # Seeker A finished an earlier course of partner A: a certificate, and a job found through it.
    finished = Enrolment.objects.create(
        batch=BatchFactory(program=ProgramFactory(provider=provider_a)), seeker=seeker_a,
        status=Enrolment.Status.COMPLETED, completed_at=timezone.now(), local_resident=True,
    )  # fmt: skip
    certificate = Certificate.objects.create(enrolment=finished, number="3216-PLT-2026-900001", issued_on=today)

    # Placements: employer A's vacancy, seeker A's application to it, seeker A's job at employer A
    # (reported by partner A for its graduate), its follow-up question.
    employer_a, employer_b = EmployerStaffFactory(), EmployerStaffFactory()
    vacancy = VacancyFactory(employer=employer_a.employer)
    job_application = JobApplicationFactory(vacancy=vacancy, seeker=seeker_a)
    placement = PlacementFactory(
        seeker=seeker_a, employer=employer_a.employer, enrolment=finished, provider=provider_a,
        reporter=Placement.Reporter.INSTITUTION, evidence=pdf_upload(), evidence_content_type="application/pdf",
    )  # fmt: skip
    follow_up = FollowUp.objects.create(placement=placement, months=3, due_on=today)

    # Financing: seeker A's loan application for the course, sent to bank A, with a KTP scan.
    bank_a, bank_b = PartnerBankFactory(), PartnerBankFactory()
    officers = {}
    for name, role, bank in (("bank_a", Role.BANK, bank_a), ("bank_b", Role.BANK, bank_b),
                             ("supervisor", Role.BANK_SUPERVISOR, bank_a)):  # fmt: skip
        officers[name] = UserFactory(role=role)
        BankStaffFactory(user=officers[name], bank=bank)
    product = ProductFactory(bank=bank_a)
    loan = LoanApplicationFactory(
        product=product, seeker=seeker_a, enrolment=accepted_enrolment(seeker=seeker_a),
        status=LoanApplication.Status.SENT,
    )  # fmt: skip
    scan = LoanDocument.objects.create(
        application=loan, kind=LoanDocument.Kind.choices[0][0], file=jpeg_upload(), content_type="image/jpeg", size=1
    )

    # Overseas: seeker A's candidacy for an intake (of a sending organisation no persona works for).
    intake = IntakeFactory()
    candidacy = Candidacy.objects.create(intake=intake, seeker=seeker_a, height_cm=170, weight_kg=60)
    stage = intake.stages.order_by("position").first()

    people = {
        "anonymous": None, "seeker_a": seeker_a.user, "seeker_b": seeker_b.user, "partner_a": partner_a,
        "partner_b": partner_b, "employer_a": employer_a.user, "employer_b": employer_b.user, **officers,
        "tkp3d": UserFactory(role=Role.TKP3D), "disnaker": UserFactory(is_staff=True, role=Role.DISNAKER),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }  # fmt: skip
    # TKP3D's meeting report (dashboard), ready to download.
    report = MeetingReport.objects.create(
        requested_by=people["tkp3d"], filters={}, language="id", status=MeetingReport.Status.READY,
        file=ContentFile(b"%PDF-1.4 report", name="laporan.pdf"),
    )  # fmt: skip

    args = {
        "seekers:document": [document.pk], "seekers:document_thumbnail": [document.pk],
        "seekers:card_pdf": [card.pk], "seekers:card_verify": [card.token],
        "trainings:program": [batch.program.pk], "trainings:apply": [batch.pk],
        "trainings:withdraw": [enrolment.pk], "trainings:certificate_pdf": [certificate.pk],
        "trainings:certificate_verify": [certificate.token], "trainings:partner_attendance": [session.pk],
        "notifications:mark_read": [notification.pk], "accounts:password_reset_confirm": ["MQ", "set-password"],
        "vacancies:detail": [vacancy.pk], "placements:apply": [vacancy.pk], "placements:propose": [vacancy.pk],
        "placements:withdraw": [job_application.pk], "placements:follow_up": [follow_up.token],
        "placements:evidence": [placement.pk], "placements:employer_evidence": [placement.pk],
        "placements:employer_application": [job_application.pk], "placements:employer_decide": [job_application.pk],
        "placements:performance_pdf": [employer_a.employer.pk],
        "financing:product": [product.pk], "financing:apply": [product.pk], "financing:document": [loan.pk, scan.pk],
        "overseas:intake": [intake.pk], "overseas:apply": [intake.pk], "overseas:withdraw": [candidacy.pk],
        "overseas:staff_intake": [intake.pk], "overseas:staff_candidacy": [candidacy.pk],
        "overseas:staff_stage": [intake.pk, stage.pk], "overseas:staff_stage_sheet": [intake.pk, stage.pk],
        "dashboard:report_download": [report.pk],
    }  # fmt: skip
    for name in ("partner_batch", "partner_decide", "partner_batch_start", "partner_batch_finish",
                 "partner_export_csv", "partner_export_xlsx", "partner_sessions"):  # fmt: skip
        args[f"trainings:{name}"] = [batch.pk]
    for name in ("partner_enrolment", "partner_scores", "partner_complete", "partner_drop", "partner_outcome"):
        args[f"trainings:{name}"] = [enrolment.pk]
    for name in ("employer_vacancy", "employer_vacancy_edit", "employer_vacancy_submit", "employer_vacancy_close",
                 "employer_export"):  # fmt: skip
        args[f"placements:{name}"] = [vacancy.pk]
    for name in ("my_application", "my_terms", "my_document", "my_submit", "my_offer", "my_withdraw",
                 "staff_application", "staff_verify", "staff_return", "staff_send",
                 "bank_application", "bank_decide", "bank_confirm", "bank_disburse", "bank_write_off"):  # fmt: skip
        args[f"financing:{name}"] = [loan.pk]
    admin_args = {"admin:seekers_jobseeker_change": [seeker_a.pk]}
    return people, args, admin_args


def _outcome(response):
    code = response.status_code
    if code == 302:
        return (
            "login"
            if response["Location"].startswith(reverse("accounts:login")) or "/admin/login/" in response["Location"]
            else "redirect"
        )
    return {200: "ok", 403: "denied", 404: "missing", 405: "method"}.get(code, f"HTTP {code}")


def observe(client, world):
    people, args, admin_args = world
    arguments = _patterns()
    seen = {}
    for name in [*_url_names(), *ADMIN_URLS]:
        if arguments.get(name) and name not in args:
            raise AssertionError(f"{name} takes arguments: give the world fixture an object of tenant A for it")
        url = reverse(name, args=args.get(name) or admin_args.get(name) or [])
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


def _snapshot():
    """Every row an action of the POST walk could change, and the audit trail's length."""
    from django.apps import apps

    from core.models import AuditLog

    labels = ["trainings.Enrolment", "trainings.Batch", "trainings.BusinessOutcome", "placements.Application",
              "placements.Vacancy", "financing.Application", "financing.LoanDocument", "overseas.Candidacy",
              "notifications.Notification"]  # fmt: skip
    rows = {label: list(apps.get_model(label).objects.order_by("pk").values()) for label in labels}
    return rows, AuditLog.objects.count()


def test_post_actions_on_tenant_a_objects_are_404_for_tenant_b_and_change_nothing(client, world):
    people, args, _admin_args = world
    before = _snapshot()
    got = {}
    for name, persona in POST_AS_OTHER_TENANT.items():
        assert TABLE[name][persona] == "method", name  # a POST-only action this persona's kind may take
        client.force_login(people[persona])
        got[name] = _outcome(client.post(reverse(name, args=args[name]), {"decision": "x", "reason": "x"}))
    assert got == dict.fromkeys(POST_AS_OTHER_TENANT, "missing")
    assert _snapshot() == before
