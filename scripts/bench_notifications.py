#!/usr/bin/env python
"""Benchmark: send N email notifications through a real Celery worker; print the throughput.

Not a test. Needs PostgreSQL and Redis, each of its own (the script migrates the database and
leaves no rows behind, but any message already waiting in the Redis queue would be consumed):

    createdb -h 127.0.0.1 -U postgres bekasi_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bekasi_bench REDIS_URL=redis://127.0.0.1:6379/13 \\
        .venv/bin/python scripts/bench_notifications.py --count 10000 --concurrency 2

Email goes to Django's locmem backend inside the worker (nothing leaves the machine). It
writes the notifications the way the portal does (one `notify()` per transaction, published on
commit) and prints how fast; then starts a worker (prefork, `--concurrency`), waits until every
one is sent, and prints the worker's throughput (first claim to last send).
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The benchmark must never send real messages, whatever the environment says.
os.environ["EMAIL_URL"] = "memorymail://"
os.environ["NOTIFICATIONS_GATEWAY"] = "notifications.gateways.ConsoleGateway"
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 40)
os.environ["DJANGO_SETTINGS_MODULE"] = "bekasi_jobs.settings"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--users", type=int, default=100)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database (see the docstring).")
    if not os.environ.get("REDIS_URL"):
        sys.exit("Set REDIS_URL to a Redis database of its own (see the docstring).")

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import transaction
    from django.db.models import Max, Min

    from accounts.models import User
    from notifications.digest import Figure
    from notifications.models import Channel, Notification
    from notifications.services import notify

    call_command("migrate", verbosity=0)
    run = f"bench{int(time.time())}"
    users = [
        User.objects.create_user(f"{run}-{i}@bench.invalid", None, full_name=f"Bench {i}") for i in range(args.users)
    ]
    context = {
        "figures": [Figure("New job-seeker accounts this week", 123), Figure("Job-seeker accounts in total", 45678)],
        "start": date.today() - timedelta(days=7),
        "last_day": date.today() - timedelta(days=1),
    }

    print(f"writing {args.count} notifications (one notify() per transaction, queued on commit) ...")
    started = time.monotonic()
    for i in range(args.count):
        with transaction.atomic():
            notify(user=users[i % len(users)], event="notifications.weekly_digest", context=context)
    written = time.monotonic() - started
    print(f"web side: {args.count} written and queued in {written:.1f} s = {args.count / written:.0f}/s")

    # The worker starts with the whole batch waiting: what it sends per second is its own speed,
    # not the writer's.
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "bekasi_jobs",
            "worker",
            "--pool=prefork",
            f"--concurrency={args.concurrency}",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
            "--hostname",
            f"{run}@%h",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
        start_new_session=True,
    )
    try:
        emails = Notification.objects.filter(recipient__in=users, channel=Channel.EMAIL)
        last_report = time.monotonic()
        while (sent := emails.filter(status=Notification.Status.SENT).count()) < args.count:
            if worker.poll() is not None:
                sys.exit("The worker died.")
            if time.monotonic() - last_report > 10:
                print(f"  sent {sent}/{args.count}")
                last_report = time.monotonic()
            time.sleep(0.5)
        span = emails.aggregate(first=Min("claimed_at"), last=Max("sent_at"))
        sending = (span["last"] - span["first"]).total_seconds()
        print(
            f"worker (prefork, concurrency {args.concurrency}): {args.count} emails sent in {sending:.1f} s"
            f" = {args.count / sending:.0f} msgs/s"
        )
        attempts = sorted(set(emails.values_list("attempts", flat=True)))
        print(f"attempts per email: {attempts} (1: each sent exactly once)")
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
        User.objects.filter(pk__in=[u.pk for u in users]).delete()  # and their notifications


if __name__ == "__main__":
    main()
