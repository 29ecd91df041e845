"""The lost-device procedure: a superuser removes a person's second factor, with a reason.

    manage.py otp_reset --account staff@example.org --by admin@example.org --reason "phone stolen, ticket 123"

The person enrols again at their next login (a new QR code and new recovery codes). Audited on
the person's account, with the superuser as actor; the person's sessions end.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.services import otp_reset


class Command(BaseCommand):
    help = "Remove a person's second factor (lost phone); they enrol again at their next login. Audited."

    def add_arguments(self, parser):
        parser.add_argument("--account", required=True, help="email or phone of the person")
        parser.add_argument("--by", required=True, help="email of the superuser carrying it out")
        parser.add_argument("--reason", required=True, help="why (ticket number, how identity was checked)")

    def handle(self, *args, account, by, reason, **options):
        User = get_user_model()
        actor = User.objects.filter(email__iexact=by, is_superuser=True, is_active=True).first()
        if actor is None:
            raise CommandError("--by must name an active superuser")
        person = User.objects.filter(email__iexact=account).first() or User.objects.filter(phone=account).first()
        if person is None:
            raise CommandError("no such account")
        if not reason.strip():
            raise CommandError("--reason is required")
        removed = otp_reset(user=person, actor=actor, reason=reason)
        self.stdout.write(f"removed {removed} device(s); the person enrols again at their next login")
