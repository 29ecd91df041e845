"""The financing part of `manage.py seed_scale` (see /work/notes/SCALE_CONTRACT.md): four partner
banks with eight products, and about 6,000 loan applications at 200,000 seekers, in every status,
tied to accepted enrolments of fee-charging programmes; the disbursed ones with their schedules
(from the same `build_schedule` the portal uses) and the repayments the banks reported. The first
bank gets the bench bank officer (`bench-bank@scale.test`) and 40% of the applications; the bench
seeker gets a loan being repaid. Bench scenarios: the public simulator, the bank queue, the
seeker's loan page."""

import datetime
import random
import time
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from seekers.models import JobSeeker
from trainings.models import Enrolment

from .models import Application, BankStaff, Instalment, PartnerBank, Product, Repayment, RepaymentFile
from .schedule import build_schedule

S = Application.Status
BATCH_SIZE = 5_000
DOMAIN = "scale.test"
# Share of applications per status (the rest of the 100 are repaying).
STATUS_SHARES = [
    (S.DRAFT, 3), (S.SUBMITTED, 8), (S.RETURNED, 2), (S.VERIFIED, 4), (S.SENT, 10), (S.CONFIRMING, 2),
    (S.APPROVED, 3), (S.ACCEPTED, 3), (S.DECLINED, 1), (S.REJECTED, 6), (S.WITHDRAWN, 4), (S.STOPPED, 1),
    (S.DISBURSED, 5), (S.ARREARS, 7), (S.SETTLED, 12), (S.WRITTEN_OFF, 1),
]  # fmt: skip
BANKS = [
    ("Bank BJB Kantor Cabang Cikarang", "BJB Cikarang"),
    ("BRI Unit Tambun", "BRI Tambun"),
    ("Bank Mandiri KCP Jababeka", "Mandiri Jababeka"),
    ("BNI KCP Lippo Cikarang", "BNI Lippo"),
]


def _email(name):
    return f"{name}@{DOMAIN}"


def _scaled(per_200k, seekers, minimum=1):
    return max(minimum, round(per_200k * seekers / 200_000))


def _bulk(model, rows):
    return model.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def _statuses(rng, n):
    listed = [status for status, share in STATUS_SHARES for _ in range(share)]
    listed += [S.REPAYING] * (100 - len(listed))
    return [rng.choice(listed) for _ in range(n)]


def seed(*, seekers, stdout):
    started = time.perf_counter()
    rng = random.Random(3219)
    today = timezone.localdate()
    now = timezone.now()
    banks = _bulk(PartnerBank, [
        PartnerBank(name=name, short_name=short, contact_phone=f"021-8990{i:04d}", address="Cikarang",
                    four_eyes_above=Decimal(10_000_000), arrears_after_days=30)
        for i, (name, short) in enumerate(BANKS)
    ])  # fmt: skip
    products = _bulk(Product, [
        Product(bank=banks[i % len(banks)], name=f"KUR Pelatihan {i + 1}",
                method=Product.Method.FLAT if i % 2 == 0 else Product.Method.ANNUITY,
                annual_rate=Decimal(("6.00", "11.99", "3.00", "9.50")[i % 4]), min_amount=Decimal(1_000_000),
                max_amount=Decimal(50_000_000), min_tenor=3, max_tenor=36, grace_months=(0, 0, 3)[i % 3],
                required_documents=["ktp", "kk", "income_or_guarantor"],
                riplay_costs="Bunga sesuai tabel; tanpa biaya provisi.",
                riplay_risks="Keterlambatan tercatat di SLIK OJK.",
                riplay_obligations="Membayar angsuran tepat waktu.", is_published=True)
        for i in range(2 * len(banks))
    ])  # fmt: skip
    officer = User.objects.filter(email=_email("bench-bank")).first()
    if officer is not None:
        BankStaff.objects.get_or_create(user=officer, defaults={"bank": banks[0]})

    # Accepted (or attending, completed) enrolments of fee-charging programmes, one per seeker.
    rows = (
        Enrolment.objects.filter(
            status__in=(Enrolment.Status.ACCEPTED, Enrolment.Status.ATTENDING, Enrolment.Status.COMPLETED),
            batch__program__fee__gt=0,
        )
        .order_by("pk")
        .values_list("pk", "seeker_id", "batch__program__fee")
    )
    by_seeker = {}
    for enrolment_id, seeker_id, fee in rows.iterator(chunk_size=20_000):
        by_seeker.setdefault(seeker_id, (enrolment_id, fee))
    bench_seeker = JobSeeker.objects.filter(user__email=_email("bench-seeker")).values_list("pk", flat=True).first()
    wanted = _scaled(6_000, seekers, minimum=20)
    chosen = sorted(by_seeker)
    rng.shuffle(chosen)
    chosen = chosen[:wanted]
    statuses = _statuses(rng, len(chosen))
    if bench_seeker is not None:
        if bench_seeker in chosen:
            statuses[chosen.index(bench_seeker)] = S.REPAYING
        else:
            chosen.append(bench_seeker)
            statuses.append(S.REPAYING)
            by_seeker.setdefault(bench_seeker, (None, Decimal(7_500_000)))

    applications = []
    for i, (seeker_id, status) in enumerate(zip(chosen, statuses, strict=True)):
        enrolment_id, fee = by_seeker[seeker_id]
        product = products[0] if seeker_id == bench_seeker else (
            products[0] if rng.random() < 0.4 else rng.choice(products)
        )  # fmt: skip
        amount = Decimal(max(1_000_000, int(fee) // 500_000 * 500_000))
        tenor = rng.choice([6, 7, 12, 12, 18, 24, 36])
        created = now - datetime.timedelta(days=rng.randint(1, 4 * 365))
        loan = status in Application.LOAN_STATUSES
        decided = status in Application.APPROVED_STATUSES or status in (S.REJECTED, S.CONFIRMING)
        months = rng.randint(1, tenor) if loan else 0
        disbursed_on = today - datetime.timedelta(days=30 * months + rng.randint(1, 20)) if loan else None
        if seeker_id == bench_seeker:
            disbursed_on, months = today - datetime.timedelta(days=95), 3
        applications.append(
            Application(
                reference=f"PB-{created.year}-S{i:06d}", seeker_id=seeker_id, product=product, bank_id=product.bank_id,
                purpose=Product.Purpose.COURSE_FEE, enrolment_id=enrolment_id, amount_requested=amount,
                tenor_requested=tenor, status=status, created_at=created,
                submitted_at=None if status == S.DRAFT else created + datetime.timedelta(hours=2),
                consent_version="" if status == S.DRAFT else "2026-11-pb1",
                consent_at=None if status == S.DRAFT else created + datetime.timedelta(hours=2),
                status_reason="Alasan contoh" if status in (S.RETURNED, S.REJECTED, S.STOPPED, S.WRITTEN_OFF) else "",
                decision="approve" if decided and status != S.REJECTED else ("reject" if status == S.REJECTED else ""),
                approved_amount=amount if decided and status != S.REJECTED else None,
                approved_rate=product.annual_rate if decided and status != S.REJECTED else None,
                approved_tenor=tenor if decided and status != S.REJECTED else None,
                decided_at=created + datetime.timedelta(days=5) if decided else None,
                disbursed_on=disbursed_on, disbursed_amount=amount if loan else None,
                bank_reference=f"TRX{i:08d}" if loan else "",
                outstanding=None, days_past_due=rng.randint(31, 120) if status in (S.ARREARS, S.WRITTEN_OFF) else 0,
            )
        )  # fmt: skip
        applications[-1].months_paid = months
    created_at = [a.created_at for a in applications]
    applications = _bulk(Application, applications)
    for application, created in zip(applications, created_at, strict=True):
        application.created_at = created  # auto_now_add overwrote it on insert

    files = {bank.pk: RepaymentFile(bank=bank, uploaded_by=officer, filename="angsuran-scale.csv",
                                    sha256=f"scale-{bank.pk}", rows=0, rows_new=0) for bank in banks}  # fmt: skip
    _bulk(RepaymentFile, list(files.values()))
    instalments, repayments = [], []
    for application, paid_months in ((a, getattr(a, "months_paid", 0)) for a in applications):
        if application.status not in Application.LOAN_STATUSES:
            continue
        schedule = build_schedule(
            principal=application.disbursed_amount, annual_rate=application.approved_rate,
            tenor=application.approved_tenor, method=application.product.method,
            grace=application.product.grace_months, start=application.disbursed_on,
        )  # fmt: skip
        settled = application.status == S.SETTLED
        paid_rows = len(schedule.rows) if settled else min(paid_months, len(schedule.rows) - 1)
        if application.status in (S.ARREARS, S.WRITTEN_OFF):
            paid_rows = max(0, paid_rows - 2)
        balance = application.disbursed_amount
        for row in schedule.rows:
            paid = row.number <= paid_rows
            instalments.append(Instalment(
                application=application, number=row.number, due_date=row.due_date, principal=row.principal,
                interest=row.interest, amount=row.amount, balance_after=row.balance,
                paid_amount=row.amount if paid else Decimal(0),
            ))  # fmt: skip
            if paid and row.due_date <= today:
                balance = row.balance
                repayments.append(Repayment(
                    application=application, file=files[application.bank_id], paid_on=row.due_date,
                    amount=row.amount, outstanding=row.balance,
                    days_past_due=application.days_past_due if row.number == paid_rows else 0,
                ))  # fmt: skip
        application.outstanding = Decimal(0) if settled else balance
    _bulk(Instalment, instalments)
    _bulk(Repayment, repayments)
    loans = [a for a in applications if a.status in Application.LOAN_STATUSES]
    Application.objects.bulk_update(applications, ["created_at", "outstanding"], batch_size=BATCH_SIZE)
    stdout.write(
        f"  financing: {len(banks)} banks, {len(products)} products, {len(applications):,} applications, "
        f"{len(loans):,} loans, {len(instalments):,} instalments, {len(repayments):,} repayments "
        f"in {time.perf_counter() - started:.1f} s"
    )


def _user(name):
    return lambda: User.objects.get(email=_email(name))


def bench_scenarios():
    product = Product.objects.published().order_by("pk").first()
    loan = Application.objects.filter(seeker__user__email=_email("bench-seeker")).order_by("-pk").first()
    return [
        {"name": "loan simulator (public)",
         "path": f"/pembiayaan/simulasi/?product={product.pk if product else ''}&amount=Rp+7.000.000&tenor=12",
         "method": "GET", "user": None, "kind": "public"},
        {"name": "bank queue", "path": "/pembiayaan/bank/", "method": "GET", "user": _user("bench-bank"),
         "kind": "staff"},
        {"name": "bank list of loans being repaid", "path": "/pembiayaan/bank/?status=repaying", "method": "GET",
         "user": _user("bench-bank"), "kind": "staff"},
        {"name": "seeker loan page", "path": f"/pembiayaan/saya/{loan.pk if loan else 0}/", "method": "GET",
         "user": _user("bench-seeker"), "kind": "seeker"},
    ]  # fmt: skip
