"""Business metrics about seekers, counted by core.metrics when the audited write commits.

`APPLICATIONS` lives here because every application (training, financing, placement, internship)
is a seeker's and every app that takes one sits above this one: each registers its own kind from
its `AppConfig.ready()`:

    metrics.count_when_audited(
        model="trainings.enrolment", action="enrolment_applied", count=APPLICATIONS.labels(kind="training").inc
    )
"""

from prometheus_client import Counter

AK1_CARDS_ISSUED = Counter("bekasi_ak1_cards_issued", "AK/1 job-seeker cards issued")
APPLICATIONS = Counter("bekasi_applications", "Applications submitted by job seekers, by kind", ["kind"])
