"""The apps' figures, plugged into the registry (called once, from DashboardConfig.ready()).

Each part reads its app only through that app's selectors. An app whose selectors are not there
adds nothing: no empty panels.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from seekers import selectors as seekers
from trainings import selectors as trainings

from .indicators import Indicator, Measure, Unit, register_measure

PERSON = "seeker__"
PROGRAMME = "batch__program__"


def register_seekers():
    register_measure(
        Measure(
            key="seekers",
            app="seekers",
            queryset=seekers.seekers_for_statistics,
            date_field="created_at",
            person="",
            stock=True,
            indicators=(
                Indicator(
                    key="seekers_registered",
                    label=_("Job seekers registered"),
                    definition=_(
                        "Job-seeker profiles created in the period (an account without a profile is not counted), "
                        "by the person's current domicile; people living outside Kabupaten Bekasi count too, "
                        "under “outside Kabupaten Bekasi”."
                    ),
                    funnel=1,
                    order=10,
                ),
            ),
        )
    )
    register_measure(
        Measure(
            key="cards",
            app="seekers",
            queryset=seekers.cards_for_statistics,
            date_field="issued_at",
            person=PERSON,
            indicators=(
                Indicator(
                    key="cards_issued",
                    label=_("AK/1 cards issued"),
                    definition=_(
                        "AK/1 cards whose issue date falls in the period, whatever their status now "
                        "(a renewal is not a new card)."
                    ),
                    unit=Unit.CARDS,
                    funnel=2,
                    order=20,
                ),
            ),
        )
    )


def register_trainings():
    register_measure(
        Measure(
            key="accepted",
            app="trainings",
            queryset=trainings.enrolments_for_statistics,
            date_field="decided_at",
            person=PERSON,
            training=PROGRAMME,
            indicators=(
                Indicator(
                    key="trainees_accepted",
                    label=_("Trainees accepted"),
                    definition=_(
                        "Enrolments accepted in the period (dated by the acceptance) that still hold their seat or "
                        "went on to attend, complete or drop out; rejected, withdrawn and waitlisted applications "
                        "do not count."
                    ),
                    condition=Q(status__in=trainings.ACCEPTED_STATUSES),
                    funnel=3,
                    order=30,
                ),
            ),
        )
    )
    register_measure(
        Measure(
            key="completed",
            app="trainings",
            queryset=trainings.enrolments_for_statistics,
            date_field="completed_at",
            person=PERSON,
            training=PROGRAMME,
            indicators=(
                Indicator(
                    key="trainees_completed",
                    label=_("Trainees completed"),
                    definition=_("Enrolments completed in the period (the certificate is issued at completion)."),
                    condition=Q(status="completed"),
                    funnel=4,
                    order=40,
                ),
            ),
        )
    )
    register_measure(
        Measure(
            key="outcomes",
            app="trainings",
            queryset=trainings.business_outcomes_for_statistics,
            date_field="recorded_at",
            person="enrolment__seeker__",
            training="enrolment__batch__program__",
            indicators=(
                Indicator(
                    key="entrepreneurs_started",
                    label=_("Entrepreneurs started"),
                    definition=_(
                        "Graduates of entrepreneurship training whose outcome, recorded in the period, says they "
                        "started a business."
                    ),
                    condition=Q(started=True),
                    order=50,
                ),
            ),
        )
    )


def register_all():
    register_seekers()
    register_trainings()
