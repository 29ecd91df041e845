from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from trainings.models import Batch, Program, Provider


def test_the_demo_has_providers_open_batches_and_a_linked_partner_account(client, db):
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    assert set(Provider.objects.values_list("kind", flat=True)) == {"blk", "bpptik", "partner"}
    assert Program.objects.filter(category="entrepreneurship").exists()
    assert Program.objects.filter(fee__gt=0).exists()
    assert Program.objects.filter(provider__kind="blk", title__icontains="las").exists()
    assert Batch.objects.open_for_registration().count() == Program.objects.count()

    mitra = User.objects.get(email="mitra@demo.bekasikab.go.id")
    assert mitra.provider_staff.provider.kind == "partner"
    client.force_login(mitra)
    assert len(client.get(reverse("trainings:partner_home")).context["page"]) >= 1
    assert client.get(reverse("trainings:catalogue"), {"open": "on"}).context["page"].paginator.count == 17
