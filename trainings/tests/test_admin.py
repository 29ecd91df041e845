"""Disnaker's admin: lists with seats, applicant lists with bulk actions, exports."""

import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditLog
from trainings import services
from trainings.models import Batch, Certificate, Enrolment

from .factories import BatchFactory

S = Enrolment.Status
ENROLMENTS = reverse("admin:trainings_enrolment_changelist")
BATCHES = reverse("admin:trainings_batch_changelist")


@pytest.fixture
def staff(client, disnaker_staff):
    client.force_login(disnaker_staff)
    return client


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_applicant_changelist_query_count_does_not_grow_with_data(staff, apply):
    batch = BatchFactory(capacity=40)
    for _ in range(2):
        apply(batch)
    few = _queries(staff, ENROLMENTS)
    for _ in range(12):
        services.enrolment_accept(enrolment=apply(BatchFactory()), actor=None)
    # Session, user, user and group permissions, the providers of the list filter, COUNT, the
    # page's rows (person, certificate, sessions attended: one query), their batches with the
    # programme (then cached: selectors.batches_with_programme), the user's roles (navigation); on
    # PostgreSQL the table-size estimate first (core.pagination). The second time the roles and the
    # permissions come from the cache (accounts.models.User.roles, accounts/permissions_cache.py)
    # and the size estimate from the worker's memory; the providers and the batches are read again
    # (new ones were saved), still one query each.
    assert few == 9 + (connection.vendor == "postgresql")
    assert _queries(staff, ENROLMENTS) == 6


def test_the_batch_changelist_shows_seats_and_its_query_count_does_not_grow(staff, apply):
    batch = BatchFactory(capacity=3)
    services.enrolment_accept(enrolment=apply(batch), actor=None)
    apply(batch)
    few = _queries(staff, BATCHES)
    for _ in range(10):
        BatchFactory()
    # Session, user, user and group permissions, the providers of the list filter, COUNT, the
    # page's rows (with programme, provider and applicants waiting), the user's roles, and the
    # date hierarchy's range and days. The second time the roles and the permissions come from the
    # cache; the providers are read again (new ones were saved).
    assert few == 10
    assert _queries(staff, BATCHES) == few - 3
    html = staff.get(BATCHES).content.decode()
    assert '<td class="field-seats_taken">1</td>' in html and '<td class="field-seats_free_display">2</td>' in html


def test_staff_accept_in_bulk_from_the_admin(staff, apply):
    batch = BatchFactory(capacity=2)
    enrolments = [apply(batch) for _ in range(3)]
    response = staff.post(
        ENROLMENTS, {"action": "accept", ACTION_CHECKBOX_NAME: [e.pk for e in enrolments]}, follow=True
    )
    assert response.status_code == 200
    assert sorted(Enrolment.objects.values_list("status", flat=True)) == [S.ACCEPTED, S.ACCEPTED, S.APPLIED]
    assert "penuh" in response.content.decode()


def test_rejecting_from_the_admin_asks_for_a_reason_first(staff, apply, batch):
    enrolment = apply(batch)
    data = {"action": "reject", ACTION_CHECKBOX_NAME: [enrolment.pk]}
    response = staff.post(ENROLMENTS, data)
    assert response.status_code == 200 and 'name="reason"' in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == S.APPLIED

    staff.post(ENROLMENTS, {**data, "apply": "1", "reason": "Usia melebihi batas"})
    enrolment.refresh_from_db()
    assert enrolment.status == S.REJECTED and enrolment.status_reason == "Usia melebihi batas"


def test_status_and_seats_are_read_only_and_a_batch_edit_keeps_the_seat_count(staff, apply, disnaker_staff):
    batch = BatchFactory(capacity=5)
    change = reverse("admin:trainings_batch_change", args=[batch.pk])
    form = staff.get(change).context["adminform"].form
    assert "status" not in form.fields and "seats_taken" not in form.fields
    services.enrolment_accept(enrolment=apply(batch), actor=None)
    data = {
        name: (value.pk if hasattr(value, "pk") else value)
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data.update(capacity=8, location="Bengkel Las 2")
    response = staff.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    batch.refresh_from_db()
    assert (batch.capacity, batch.location, batch.seats_taken, batch.status) == (8, "Bengkel Las 2", 1, "published")


def test_batch_actions_publish_and_cancel_with_a_reason(staff, apply):
    draft = BatchFactory(status=Batch.Status.DRAFT)
    staff.post(BATCHES, {"action": "publish", ACTION_CHECKBOX_NAME: [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Batch.Status.PUBLISHED
    apply(draft)
    staff.post(BATCHES, {"action": "cancel", ACTION_CHECKBOX_NAME: [draft.pk], "apply": "1", "reason": "Banjir"})
    draft.refresh_from_db()
    assert draft.status == Batch.Status.CANCELLED and draft.status_reason == "Banjir"
    assert Enrolment.objects.get().status == S.REJECTED


def test_staff_export_selected_applicants_with_full_nik(staff, apply, batch):
    enrolment = apply(batch)
    response = staff.post(ENROLMENTS, {"action": "export_csv", ACTION_CHECKBOX_NAME: [enrolment.pk]})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][2] == enrolment.seeker.nik  # Disnaker may see full NIKs; the export is audited
    response = staff.post(ENROLMENTS, {"action": "export_xlsx", ACTION_CHECKBOX_NAME: [enrolment.pk]})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_an_export_is_audited_on_each_batch_it_takes_applicants_from(staff, apply, batch, disnaker_staff):
    other_batch = BatchFactory()
    selected = [apply(batch).pk, apply(other_batch).pk]
    response = staff.post(ENROLMENTS, {"action": "export_csv", ACTION_CHECKBOX_NAME: selected})
    b"".join(response.streaming_content)
    exports = AuditLog.objects.filter(action="applicants_exported")
    assert sorted((e.content_type.model, e.object_id, e.actor_id) for e in exports) == [
        ("batch", batch.pk, disnaker_staff.pk),
        ("batch", other_batch.pk, disnaker_staff.pk),
    ]
    assert {e.reason for e in exports} == {"csv, 1 rows, full NIK: True"}


def test_revoking_a_certificate_needs_a_reason(staff, apply, batch, time_machine, disnaker_staff):
    enrolment = apply(batch)
    services.enrolment_accept(enrolment=enrolment, actor=None)
    time_machine.move_to(batch.start_date)
    staff.force_login(disnaker_staff)
    services.batch_start(batch=batch, actor=None)
    services.enrolment_complete(enrolment=enrolment, actor=None)
    certificate = Certificate.objects.get()
    url = reverse("admin:trainings_certificate_changelist")
    staff.post(url, {"action": "revoke", ACTION_CHECKBOX_NAME: [certificate.pk], "apply": "1", "reason": ""})
    certificate.refresh_from_db()
    assert certificate.is_valid
    staff.post(url, {"action": "revoke", ACTION_CHECKBOX_NAME: [certificate.pk], "apply": "1", "reason": "Data palsu"})
    certificate.refresh_from_db()
    assert not certificate.is_valid


def test_staff_find_applicants_by_nik_name_email_or_certificate_number(staff, apply, batch):
    one, other = apply(batch), apply(batch)
    for term, expected in [
        (one.seeker.nik, [one]),
        (one.seeker.full_name, [one]),
        (other.seeker.user.email.upper(), [other]),
        ("0000000000000000", []),
    ]:
        response = staff.get(ENROLMENTS, {"q": term})
        assert [e.pk for e in response.context["cl"].result_list] == [e.pk for e in expected], term


def test_the_action_message_says_what_was_done_and_how_many_were_skipped(rf):
    from django.utils import translation

    from trainings.admin import _report

    class Admin:  # records what the action tells the staff member
        sent = []

        def message_user(self, request, message, level):
            self.sent.append(message)

    request = rf.get("/")
    admin = Admin()
    with translation.override("id"):
        _report(admin, request, 3, [("Rina", "Kuota angkatan penuh.")], action="accept")
    assert admin.sent == ["3 pendaftaran diterima, 1 dilewati.", "Rina: Kuota angkatan penuh."]


def test_the_enrolment_list_shows_a_renamed_batch_or_programme_at_once(staff, apply):
    """The batch names of the list come from the cache (selectors.batches_with_programme)."""
    from trainings.selectors import batches_with_programme

    batch = BatchFactory(name="Angkatan Januari", program__title="Las Listrik")
    apply(batch)
    assert "Las Listrik – Angkatan Januari" in staff.get(ENROLMENTS).content.decode()
    assert str(batches_with_programme([batch.pk])[batch.pk]) == "Las Listrik – Angkatan Januari"  # cached
    batch.name = "Angkatan Februari"
    batch.save()
    assert "Las Listrik – Angkatan Februari" in staff.get(ENROLMENTS).content.decode()
    program = batch.program
    program.title = "Las SMAW"
    program.save()
    html = staff.get(ENROLMENTS).content.decode()
    assert "Las SMAW – Angkatan Februari" in html and "Las Listrik" not in html


def test_cached_batches_are_read_once(apply, django_assert_num_queries):
    from trainings.selectors import batches_with_programme

    batches = BatchFactory.create_batch(3)
    with django_assert_num_queries(1):
        first = batches_with_programme([b.pk for b in batches] + [None])
    with django_assert_num_queries(0):
        again = batches_with_programme([b.pk for b in batches])
    assert (
        {pk: str(b) for pk, b in first.items()}
        == {pk: str(b) for pk, b in again.items()}
        == {b.pk: str(b) for b in batches}
    )
    assert again[batches[0].pk].program_id == batches[0].program_id
