"""Fill a fresh database with a small, believable data set and one known account per role.

Each app may contribute its own part in `<app>/demo.py` (a `seed(*, faker, stdout)` function);
they run in INSTALLED_APPS order, so later apps find what earlier ones made. Running it twice
does not duplicate anything.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from faker import Faker

DEMO_PASSWORD = "bekasi-demo-2026"  # noqa: S105 - printed on purpose: demo data only


class Command(BaseCommand):
    help = "Create demo data and one demo account per role (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=3216, help="random seed for repeatable data")

    def handle(self, *args, seed, **options):
        faker = Faker("id_ID")
        faker.seed_instance(seed)
        accounts = []
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                made = import_module(module_name).seed(faker=faker, password=DEMO_PASSWORD)
                accounts.extend(made or [])
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Demo accounts (password for all: {DEMO_PASSWORD}):"))
        for role, login in accounts:
            self.stdout.write(f"  {role:<28} {login}")
