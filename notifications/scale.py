"""The notifications part of `manage.py seed_scale`: the messages people have had (in-app inbox,
with email copies), mostly sent and read, some unread, a few failed. About 2.5 inbox messages per
seeker on average; the bench seeker has 12, 3 of them unread. See core/scale.py."""

import datetime
import random

from django.utils import timezone

from accounts.models import User
from core.scale import SCALE_DOMAIN, bulk, scale_email, timed_part

from .models import Channel, Notification

EVENTS = [
    ("seekers.card_issued", "Kartu AK/1 Anda sudah terbit", "Kartu AK/1 Anda sudah terbit dan berlaku dua tahun."),
    ("seekers.report_due", "Waktunya lapor AK/1", "Laporkan status kerja Anda dalam 7 hari."),
    ("trainings.enrolment_applied", "Pendaftaran pelatihan diterima", "Pendaftaran Anda sudah kami terima."),
    ("trainings.enrolment_accepted", "Anda diterima di pelatihan", "Selamat, Anda mendapat kursi di angkatan ini."),
    ("trainings.enrolment_rejected", "Hasil seleksi pelatihan", "Mohon maaf, Anda belum diterima di angkatan ini."),
    ("trainings.enrolment_completed", "Sertifikat pelatihan Anda", "Selamat, Anda lulus. Sertifikat bisa diunduh."),
]


def seed(*, seekers, stdout):
    rng = random.Random(3219)
    now = timezone.now()
    with timed_part(stdout, "notifications") as counts:
        accounts = User.objects.filter(email__endswith=f"@{SCALE_DOMAIN}", is_staff=False)
        users = list(accounts.order_by("pk").values_list("pk", "email"))
        bench = scale_email("bench-seeker")
        rows = []
        for user_id, email in users:
            n = 12 if email == bench else rng.choice([0, 0, 1, 2, 3, 4, 5, 5])
            for k in range(n):
                event, subject, body = rng.choice(EVENTS)
                created = now - datetime.timedelta(days=rng.randint(0, 700), seconds=rng.randint(0, 86_399))
                unread = k < 3 if email == bench else rng.random() < 0.15
                status = "failed" if rng.random() < 0.01 else "sent"
                common = {"recipient_id": user_id, "event": event, "language": "id", "subject": subject, "body": body,
                          "link": "/pencari-kerja/", "next_attempt_at": created}  # fmt: skip
                rows.append(Notification(channel=Channel.INBOX, status="sent", sent_at=created,
                                         read_at=None if unread else created, **common))  # fmt: skip
                if rng.random() < 0.6:  # an email copy
                    rows.append(Notification(channel=Channel.EMAIL, status=status,
                                             attempts=6 if status == "failed" else 1,
                                             sent_at=created if status == "sent" else None,
                                             last_error="timeout" if status == "failed" else "", **common))  # fmt: skip
        created = bulk(Notification, rows)
        counts["messages"] = len(created)
