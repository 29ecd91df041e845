"""Breach drill (UU 27/2022, art. 46: notify the people concerned): whose personal data could a
given account have seen in a period? From the audit trail: every record the account viewed in full,
changed, decided on or exported, resolved to the person it is about.

    manage.py breach_drill --account staff@example.org --since 2026-11-01 --until 2026-11-30

Prints one line per person (account id, name, what was done, first and last time) and, for exports,
how many rows left the portal. The role the account held is printed too: a role that lists every
seeker (Disnaker) could also have *seen* masked lists that the audit trail does not record.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.models import AuditLog

PERSON_PATHS = ("user", "recipient", "seeker.user", "enrolment.seeker.user", "card.seeker.user")


def person_of(obj):
    """The account a record is about, following the usual relations; None if none."""
    User = get_user_model()
    if isinstance(obj, User):
        return obj
    for path in PERSON_PATHS:
        current = obj
        for attr in path.split("."):
            current = getattr(current, attr, None)
            if current is None:
                break
        if isinstance(current, User):
            return current
    return None


def _day(value, *, end=False):
    day = datetime.date.fromisoformat(value)
    moment = datetime.datetime.combine(day, datetime.time.max if end else datetime.time.min)
    return timezone.make_aware(moment)


def drill(*, account, since, until):
    """{person id: {"person": User or None, "label": str, "actions": set, "first": dt, "last": dt}}"""
    people, exports = {}, []
    entries = (
        AuditLog.objects.filter(actor=account, created_at__gte=since, created_at__lte=until)
        .select_related("content_type")
        .order_by("created_at")
    )
    for entry in entries.iterator():
        if entry.action.startswith("exported"):
            exports.append(entry)
            continue
        model = entry.content_type.model_class()
        obj = model._base_manager.filter(pk=entry.object_id).first() if model else None
        person = person_of(obj) if obj is not None else None
        if person is not None and person.pk == account.pk:
            continue
        key = person.pk if person else f"{entry.content_type.model}:{entry.object_id}"
        row = people.setdefault(
            key,
            {
                "person": person,
                "label": (person.full_name if person else f"{entry.content_type} #{entry.object_id} (deleted)"),
                "actions": set(),
                "first": entry.created_at,
            },
        )
        row["actions"].add(entry.action)
        row["last"] = entry.created_at
    return people, exports


class Command(BaseCommand):
    help = "List the people whose data an account could have seen in a period (from the audit trail)."

    def add_arguments(self, parser):
        parser.add_argument("--account", required=True, help="email or phone of the account")
        parser.add_argument("--since", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--until", required=True, help="last day, YYYY-MM-DD")

    def handle(self, *args, account, since, until, **options):
        User = get_user_model()
        user = User.objects.filter(email__iexact=account).first() or User.objects.filter(phone=account).first()
        if user is None:
            raise CommandError("no such account")
        try:
            start, end = _day(since), _day(until, end=True)
        except ValueError as exc:
            raise CommandError(f"dates are YYYY-MM-DD: {exc}") from None
        people, exports = drill(account=user, since=start, until=end)
        roles = ", ".join(user.groups.values_list("name", flat=True)) or "-"
        self.stdout.write(
            f"account {user.pk} ({user.full_name}); roles: {roles}; staff: {user.is_staff}; "
            f"superuser: {user.is_superuser}; period {since} to {until}"
        )
        self.stdout.write(f"{len(people)} person(s) whose records the account opened, changed or decided on:")
        for key, row in sorted(people.items(), key=lambda item: item[1]["first"]):
            self.stdout.write(
                f"  {key}\t{row['label']}\t{', '.join(sorted(row['actions']))}\t"
                f"{timezone.localtime(row['first']):%Y-%m-%d %H:%M} .. {timezone.localtime(row['last']):%Y-%m-%d %H:%M}"
            )
        for entry in exports:
            self.stdout.write(
                f"  EXPORT {timezone.localtime(entry.created_at):%Y-%m-%d %H:%M} {entry.action}: {entry.reason}"
                " (everyone in that export)"
            )
