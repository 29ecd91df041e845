from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from accounts.models import User
from accounts.roles import Role
from core.management.commands.seed_demo import DEMO_PASSWORD


def test_seed_demo_creates_one_working_account_per_role_and_can_run_twice(db, capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    for role in Role:
        assert User.objects.filter(groups__name=role.value).count() == 1, role
    request = RequestFactory().post("/")
    assert authenticate(request, username="081234567890", password=DEMO_PASSWORD).uses_seeker_pages
