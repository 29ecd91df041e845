"""Demo targets for this year, so that `make run` shows progress bars on the TKP3D dashboard."""

from django.utils import timezone

from accounts.models import User

from . import services, summaries
from .models import Target

DEMO_TARGETS = {"seekers_registered": 60, "cards_issued": 30, "trainees_accepted": 40, "trainees_completed": 25,
                "entrepreneurs_started": 5}  # fmt: skip


def seed(*, faker, password):
    year = timezone.localdate().year
    staff = User.objects.filter(email="staf@demo.bekasikab.go.id").first()
    for key, value in DEMO_TARGETS.items():
        if not Target.objects.filter(indicator=key, year=year, kecamatan=None, category="").exists():
            services.target_save(target=Target(indicator=key, year=year, value=value, note="Demo"), actor=staff)
    summaries.refresh()  # the beat job does it every 10 minutes; the demo should not wait
    return []
