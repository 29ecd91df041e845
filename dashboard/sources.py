"""The apps' figures, plugged into the registry (called once, from DashboardConfig.ready()).

Each part reads its app only through that app's selectors. An app whose selectors are not there
adds nothing: no empty panels.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from financing import selectors as financing
from overseas import selectors as overseas
from placements import selectors as placements
from seekers import selectors as seekers
from trainings import selectors as trainings

from . import panels
from .indicators import (
    Derived,
    Indicator,
    Measure,
    Panel,
    Totals,
    Unit,
    register_derived,
    register_measure,
    register_panel,
    register_totals,
)

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


def register_placements():
    counted = Q(status__in=("verified", "ended"))
    register_measure(
        Measure(
            key="placements",
            app="placements",
            queryset=placements.placements_for_statistics,
            date_field="start_date",
            person=PERSON,
            indicators=(
                Indicator(
                    key="placements_verified",
                    label=_("Placements verified"),
                    definition=_(
                        "Placements starting in the period that Disnaker verified (also those that have ended "
                        "since); reported but not yet verified and rejected ones do not count."
                    ),
                    condition=counted,
                    funnel=5,
                    order=60,
                ),
                Indicator(
                    key="placements_local",
                    label=_("Placements of local workers"),
                    definition=_("Verified placements of people living in Kabupaten Bekasi when they started."),
                    condition=counted & Q(is_local=True),
                    order=61,
                ),
                Indicator(
                    key="placements_nonlocal",
                    label=_("Placements of non-local workers"),
                    definition=_("Verified placements of people living outside Kabupaten Bekasi when they started."),
                    condition=counted & Q(is_local=False),
                    order=62,
                ),
            ),
        )
    )
    register_derived(
        Derived(
            key="local_share",
            label=_("Local-worker share of verified placements"),
            definition=_("Placements of local workers as a percentage of all verified placements."),
            numerator="placements_local",
            denominator="placements_verified",
            order=63,
        )
    )
    register_panel(
        Panel(
            key="employers_below_target",
            title=_("Employers below the local-worker target"),
            template="dashboard/panels/employers.html",
            build=lambda filters: panels.employers_below_target(placements.local_share_per_employer(year=filters.year)),
            order=10,
        )
    )
    register_panel(
        Panel(
            key="placement_rates",
            title=_("Partner institutions by placement rate"),
            template="",  # shown as the ranking (selectors.provider_ranking)
            build=lambda filters: panels.placement_ranking(placements.institution_placement_rates(year=filters.year)),
            order=11,
        )
    )


def register_financing():
    def money(key, label, definition, count_of, order):
        return Indicator(key=key, label=label, definition=definition, unit=Unit.RUPIAH, count_of=count_of,
                         public=False, order=order)  # fmt: skip

    register_totals(
        Totals(
            key="loans",
            app="financing",
            compute=lambda year: financing.loan_totals(year=year),
            indicators=(
                Indicator(
                    key="approved_count",
                    label=_("Loans approved"),
                    order=70,
                    public=False,
                    definition=_("Training loans a bank approved in the year (offers made)."),
                ),
                money(
                    "approved_amount",
                    _("Loans approved (Rp)"),
                    _("Rupiah approved in those loans."),
                    "approved_count",
                    71,
                ),
                Indicator(
                    key="disbursed_count",
                    label=_("Loans disbursed"),
                    order=72,
                    public=False,
                    definition=_("Training loans paid out in the year."),
                ),
                money(
                    "disbursed_amount",
                    _("Loans disbursed (Rp)"),
                    _("Rupiah paid out in those loans."),
                    "disbursed_count",
                    73,
                ),
                Indicator(
                    key="arrears_count",
                    label=_("Loans in arrears"),
                    order=74,
                    public=False,
                    definition=_("Loans in arrears now."),
                ),
                money(
                    "arrears_outstanding",
                    _("Outstanding in arrears (Rp)"),
                    _("Rupiah still owed on the loans in arrears now."),
                    "arrears_count",
                    75,
                ),
            ),  # fmt: skip
        )
    )
    register_panel(
        Panel(
            key="portfolio",
            title=_("Financing portfolio by bank and status"),
            template="dashboard/panels/portfolio.html",
            build=lambda filters: panels.portfolio(financing.portfolio_by_bank_and_status(year=filters.year)),
            order=20,
        )
    )


def _overseas_totals(year) -> dict:
    return {
        "departures": overseas.departures_per_year().get(year, 0),
        "returns": overseas.returns_per_year().get(year, 0),
        "returnees_replaced": overseas.replaced_per_year().get(year, 0),
        "abroad_now": overseas.abroad_now(),
    }


def register_overseas():
    register_totals(
        Totals(
            key="overseas",
            app="overseas",
            compute=_overseas_totals,
            indicators=(
                Indicator(
                    key="departures",
                    label=_("Overseas departures"),
                    order=80,
                    public=False,
                    definition=_("Interns who left for their placement abroad in the year."),
                ),
                Indicator(
                    key="returns",
                    label=_("Returns from overseas"),
                    order=81,
                    public=False,
                    definition=_("Interns who came back in the year (at the end of the contract or early)."),
                ),
                Indicator(
                    key="returnees_replaced",
                    label=_("Returnees re-placed"),
                    order=82,
                    public=False,
                    definition=_(
                        "Of those who came back in the year, the ones placed in work again within "
                        "6 months of their return."
                    ),
                ),
                Indicator(
                    key="abroad_now",
                    label=_("Abroad now"),
                    order=83,
                    public=False,
                    definition=_("Interns abroad today."),
                ),
            ),  # fmt: skip
        )
    )
    register_panel(
        Panel(
            key="overseas_pipeline",
            title=_("Overseas pipeline by stage"),
            template="dashboard/panels/pipeline.html",
            build=lambda filters: panels.pipeline(overseas.pipeline_by_stage(year=filters.year)),
            order=30,
        )
    )


def register_all():
    register_seekers()
    register_trainings()
    register_placements()
    register_financing()
    register_overseas()
