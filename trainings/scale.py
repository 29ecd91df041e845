"""The trainings part of `manage.py seed_scale`: providers (BLK, BPPTIK, partner institutions),
programmes, batches (five years' worth, in every status), enrolments in every status (600,000 at
200,000 seekers, one batch with 5,000 applicants), sessions and attendance for the running batches,
certificates and audit rows. Bench scenarios: the catalogue, a programme page, "my trainings",
the certificate check, the partner applicant list, the admin enrolment list; and the contention
scenario (50 seekers applying at once for a 10-seat first-come batch). See core/scale.py."""

import datetime
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from core.models import AuditLog, EducationLevel, Kecamatan
from core.scale import bulk, scale_email, scaled, timed_part
from seekers.models import Document, JobSeeker

from .models import Attendance, Batch, Certificate, Enrolment, Program, Provider, ProviderStaff, Session

S = Enrolment.Status
WORDS = ["Pengelasan SMAW", "Instalasi Listrik", "Operator CNC", "Otomotif Sepeda Motor", "Teknisi AC", "Menjahit",
         "Tata Boga", "Administrasi Perkantoran", "Pemrograman Web", "Android", "Jaringan Komputer", "Desain Grafis",
         "Digital Marketing", "Kewirausahaan", "Barista", "Operator Forklift", "Bahasa Jepang",
         "Tata Rias"]  # fmt: skip
DESCRIPTION = (
    "Pelatihan berbasis kompetensi sesuai SKKNI, dengan praktik di bengkel dan uji kompetensi di akhir "
    "pelatihan. Peserta mendapat modul, alat pelindung diri, makan siang dan uang transport. "
) * 8  # ~1.7 KB, like the programmes staff write
POPULAR_APPLICANTS = 5_000
CONTENTION_SEATS = 10


def _popular_batch():
    return Batch.objects.annotate(n=Count("enrolments")).order_by("-n", "pk").first()


def seed(*, seekers, stdout):
    rng = random.Random(3218)
    today = timezone.localdate()
    now = timezone.now()
    kecamatan = list(Kecamatan.objects.all())
    levels = list(EducationLevel.objects.filter(rank__lte=31).order_by("rank"))
    seeker_ids = list(JobSeeker.objects.order_by("pk").values_list("pk", flat=True))
    bench_seeker = JobSeeker.objects.get(user__email=scale_email("bench-seeker")).pk
    others = [pk for pk in seeker_ids if pk != bench_seeker]
    n_providers = scaled(45, seekers, minimum=3)
    n_programs = scaled(317, seekers, minimum=6)
    n_batches = scaled(1_500, seekers, minimum=12)
    n_enrolments = scaled(600_000, seekers, minimum=100)
    popular_n = min(POPULAR_APPLICANTS, len(others))

    with timed_part(stdout, "trainings") as counts:
        providers = bulk(Provider, [
            Provider(name=["UPTD BLK Kabupaten Bekasi", "BPPTIK Cikarang"][i] if i < 2 else f"LPK Bench {i:03d}",
                     short_name="" if i < 2 else f"LPK {i:03d}", kind=("blk", "bpptik")[i] if i < 2 else "partner",
                     address="Jl. Raya Industri", kecamatan=rng.choice(kecamatan))
            for i in range(n_providers)
        ])  # fmt: skip
        programs = bulk(Program, [
            Program(provider=providers[j % n_providers], title=f"{rng.choice(WORDS)} {j + 1}",
                    category=rng.choice(Program.Category.values),
                    mode=rng.choice(["offline"] * 4 + ["online", "hybrid"]),
                    description=DESCRIPTION, competency_standard="SKKNI 2016", hours=rng.choice([40, 80, 160, 240]),
                    fee=0 if providers[j % n_providers].kind != "partner" else rng.choice([0, 0, 2_750_000, 3_500_000]),
                    min_education=rng.choice(levels), min_age=18, max_age=rng.choice([35, 45, 55]),
                    is_published=rng.random() < 0.95)
            for j in range(n_programs)
        ])  # fmt: skip
        published = [p for p in programs if p.is_published]
        # Batches: spread over five years; the newest few of each programme running or open.
        batches = []
        for b in range(n_batches):
            program = programs[b % n_programs]
            age = (n_batches - b) * 5 * 365 // n_batches  # days since it started (first ones oldest)
            start = today - datetime.timedelta(days=age - 45)
            if start > today + datetime.timedelta(days=7):
                status = "published"
            elif start + datetime.timedelta(days=30) >= today:
                status = "running"
            else:
                status = "finished"
            if not program.is_published:
                status = "cancelled" if status == "published" else status
            opens = start - datetime.timedelta(days=45)
            batches.append(Batch(
                program=program, name=f"Angkatan {b // n_programs + 1}", status=status,
                admission=rng.choice(["selection", "selection", "first_come"]), start_date=start,
                end_date=start + datetime.timedelta(days=30), capacity=rng.choice([16, 20, 24]),
                registration_opens=opens, registration_closes=start - datetime.timedelta(days=3),
                kecamatan=program.provider.kecamatan, location="Gedung pelatihan",
                status_reason="Peserta kurang" if status == "cancelled" else "",
            ))  # fmt: skip
        batches = bulk(Batch, batches)
        open_batches = [b for b in batches if b.status == "published" and b.registration_opens <= today]
        popular = open_batches[-1] if open_batches else batches[-1]
        counts["providers"], counts["programmes"], counts["batches"] = len(providers), len(programs), len(batches)

        # Enrolments: about the same number per batch, the popular batch 5,000.
        per_batch = max(1, (n_enrolments - popular_n) // max(1, len(batches) - 1))
        rows = []
        seats: dict[int, int] = {}
        for batch in batches:
            n = popular_n if batch is popular else min(len(others), rng.randint(per_batch // 2, per_batch * 3 // 2))
            applied_base = datetime.datetime.combine(batch.registration_opens, datetime.time(8), tzinfo=datetime.UTC)
            window = max(1, (batch.registration_closes - batch.registration_opens).days) * 86_400
            chosen = rng.sample(others, n)
            times = sorted(applied_base + datetime.timedelta(seconds=rng.randrange(window)) for _ in chosen)
            for i, (seeker, applied) in enumerate(zip(chosen, times, strict=True)):
                status, extra = _status(rng, batch, i)
                if status in Enrolment.SEAT_STATUSES:
                    seats[batch.pk] = seats.get(batch.pk, 0) + 1
                rows.append(Enrolment(
                    batch=batch, seeker_id=seeker, status=status, applied_at=min(applied, now),
                    local_resident=rng.random() < 0.85, motivation="Ingin bekerja di industri.", **extra,
                ))  # fmt: skip
        # The bench seeker: applied to a few, completed some (with certificates), one open.
        mine = rng.sample([b for b in batches if b.status == "finished"], min(4, len(batches) // 3)) + open_batches[:2]
        for batch in mine:
            status = S.COMPLETED if batch.status == "finished" else S.APPLIED
            if status in Enrolment.SEAT_STATUSES:
                seats[batch.pk] = seats.get(batch.pk, 0) + 1
            rows.append(Enrolment(
                batch=batch, seeker_id=bench_seeker, status=status, local_resident=True,
                applied_at=datetime.datetime.combine(batch.registration_opens, datetime.time(9), tzinfo=datetime.UTC),
                completed_at=now if status == S.COMPLETED else None,
            ))  # fmt: skip
        enrolments = bulk(Enrolment, rows)
        for batch in batches:
            batch.seats_taken = min(seats.get(batch.pk, 0), batch.capacity)
        Batch.objects.bulk_update(batches, ["seats_taken"], batch_size=5_000)
        counts["enrolments"] = len(enrolments)

        # Sessions and attendance for running batches (the partner list counts days present).
        by_batch = {b.pk: b for b in batches}
        sessions = bulk(Session, [
            Session(batch=b, date=b.start_date + datetime.timedelta(days=d), topic=f"Hari {d + 1}")
            for b in batches if b.status == "running" for d in range(max(0, min(10, (today - b.start_date).days)))
        ])  # fmt: skip
        days: dict[int, list[Session]] = {}
        for s in sessions:
            days.setdefault(s.batch_id, []).append(s)
        attendance = [
            Attendance(session=s, enrolment_id=e.pk, status=rng.choice(["present"] * 8 + ["excused", "absent"]))
            for e in enrolments
            if e.status == S.ATTENDING
            for s in days.get(e.batch_id, [])
        ]
        bulk(Attendance, attendance)
        counts["sessions"], counts["attendance marks"] = len(sessions), len(attendance)

        completed = [e for e in enrolments if e.status == S.COMPLETED]
        certificates = []
        for n, e in enumerate(completed, start=1):
            issued = by_batch[e.batch_id].end_date
            certificates.append(Certificate(
                enrolment_id=e.pk, number=f"3216-PLT-{issued.year}-S{n:06d}", token=uuid.UUID(int=rng.getrandbits(128)),
                issued_on=issued,
            ))  # fmt: skip
        bulk(Certificate, certificates)
        counts["certificates"] = len(certificates)

        # Audit rows for the decisions (one per enrolment that left "applied").
        enrolment_type = ContentType.objects.get_for_model(Enrolment)
        staff = User.objects.get(email=scale_email("bench-staff"))
        audits = bulk(AuditLog, [
            AuditLog(actor=staff, content_type=enrolment_type, object_id=e.pk, action="status_change",
                     from_status="applied", to_status=e.status)
            for e in enrolments if e.status != S.APPLIED and rng.random() < 0.5
        ])  # fmt: skip
        counts["audit rows"] = len(audits)

        # The bench partner account works for the institution running the popular batch.
        ProviderStaff.objects.create(user=User.objects.get(email=scale_email("bench-partner")),
                                     provider_id=popular.program.provider_id)  # fmt: skip
        del published


def _status(rng, batch, i):
    """The status of the i-th applicant (in order of application) of `batch`, and matching fields."""
    if batch.status == "finished":
        if i < batch.capacity:
            status = rng.choice([S.COMPLETED] * 9 + [S.DROPPED])
        else:
            status = rng.choice([S.REJECTED, S.REJECTED, S.WITHDRAWN])
    elif batch.status == "running":
        status = S.ATTENDING if i < batch.capacity else rng.choice([S.REJECTED, S.WITHDRAWN])
    elif batch.status == "cancelled":
        status = S.REJECTED
    elif i < batch.capacity // 2:
        status = S.ACCEPTED
    else:
        status = rng.choice([S.APPLIED] * 6 + [S.SHORTLISTED, S.SHORTLISTED, S.WAITLISTED, S.REJECTED])
    extra = {}
    if status == S.WAITLISTED:
        extra["waitlisted_at"] = timezone.now()
    if status == S.COMPLETED:
        extra["completed_at"] = datetime.datetime.combine(batch.end_date, datetime.time(12), tzinfo=datetime.UTC)
        extra["pre_test_score"], extra["post_test_score"] = rng.randint(40, 70), rng.randint(60, 100)
    if status in (S.REJECTED, S.DROPPED):
        extra["status_reason"] = "Tidak memenuhi syarat" if status == S.REJECTED else "Tidak hadir"
    if status not in (S.APPLIED, S.SHORTLISTED, S.WAITLISTED):
        extra["decided_at"] = timezone.now()
    return status, extra


# --- make bench --------------------------------------------------------------------------------


def _user(name):
    return lambda: User.objects.get(email=scale_email(name))


def bench_scenarios():
    popular = _popular_batch()
    program = Program.objects.published().annotate(n=Count("batches")).order_by("-n", "pk").first()
    certificate = Certificate.objects.filter(enrolment__seeker__user__email=scale_email("bench-seeker")).first()
    kecamatan = Kecamatan.objects.order_by("code")[8]
    return [
        {"name": "training catalogue", "path": "/pelatihan/", "method": "GET", "user": None, "kind": "public"},
        {"name": "catalogue with a filter", "path": f"/pelatihan/?open=on&price=free&kecamatan={kecamatan.pk}",
         "method": "GET", "user": None, "kind": "public"},
        {"name": "programme page", "path": program.get_absolute_url(), "method": "GET", "user": None,
         "kind": "public"},
        {"name": "my trainings", "path": "/pelatihan/saya/", "method": "GET", "user": _user("bench-seeker"),
         "kind": "seeker"},
        {"name": "certificate check (public)", "path": certificate.get_verify_url() if certificate else "/",
         "method": "GET", "user": None, "kind": "public"},
        {"name": f"partner applicant list ({popular.n:,})", "path": f"/pelatihan/mitra/angkatan/{popular.pk}/",
         "method": "GET", "user": _user("bench-partner"), "kind": "staff"},
        {"name": "partner applicant list, page 100", "path": f"/pelatihan/mitra/angkatan/{popular.pk}/?page=100",
         "method": "GET", "user": _user("bench-partner"), "kind": "staff"},
        {"name": "admin enrolment list", "path": "/admin/trainings/enrolment/", "method": "GET",
         "user": _user("bench-staff"), "kind": "staff"},
    ]  # fmt: skip


def contention(*, clients=50, seats=CONTENTION_SEATS):
    """A fresh first-come batch with `seats` seats open for registration, and `clients` job seekers
    with complete profiles who may apply for it: (apply path, users, a function that returns
    (seats taken on the batch, enrolments holding a seat) once they have tried)."""
    today = timezone.localdate()
    program = Program.objects.create(
        provider=Provider.objects.order_by("pk").first(), title=f"Rebutan kursi {timezone.now():%H%M%S%f}",
        category="vocational", hours=40, fee=0, is_published=True,
    )  # fmt: skip
    batch = Batch.objects.create(
        program=program, name="Angkatan uji", status="published", admission="first_come",
        start_date=today + datetime.timedelta(days=30), end_date=today + datetime.timedelta(days=40),
        capacity=seats, registration_opens=today - datetime.timedelta(days=1),
        registration_closes=today + datetime.timedelta(days=20),
    )  # fmt: skip
    complete = Document.objects.filter(kind="photo").values("seeker")
    users = list(
        User.objects.filter(seeker__in=complete, seeker__domicile_kecamatan__isnull=False, is_active=True)
        .exclude(seeker__enrolments__batch=batch).order_by("-pk")[:clients]
    )  # fmt: skip

    def outcome():
        batch.refresh_from_db()
        held = Enrolment.objects.filter(batch=batch, status__in=Enrolment.SEAT_STATUSES).count()
        return batch.seats_taken, held

    return f"/pelatihan/angkatan/{batch.pk}/daftar/", users, outcome
