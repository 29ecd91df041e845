from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

# Enrolment statuses that end the training before a loan is paid out.
ENDED = ("dropped", "withdrawn", "rejected")


def _enrolment_saved(sender, instance, **kwargs):
    """trainings cannot call financing (the dependency points the other way): when an enrolment
    ends, its open loan applications stop here, inside the enrolment's own transaction."""
    if instance.status not in ENDED:
        return
    from .models import Application
    from .services import applications_stop_for_enrolment

    if Application.objects.filter(enrolment=instance, status__in=Application.BEFORE_DISBURSEMENT).exists():
        applications_stop_for_enrolment(enrolment=instance)


def _candidacy_saved(sender, instance, **kwargs):
    """The same for an overseas candidacy that ends (did not pass, withdrawn) before disbursement."""
    if instance.status not in ("failed", "withdrawn"):
        return
    from .models import Application
    from .services import applications_stop_for_candidacy

    if Application.objects.filter(candidacy=instance, status__in=Application.BEFORE_DISBURSEMENT).exists():
        applications_stop_for_candidacy(candidacy=instance)


def _personal_data(user):
    from .models import Application

    return list(
        Application.objects.filter(seeker__user=user).values(
            "reference", "bank__name", "product__name", "status", "status_reason", "amount_requested",
            "tenor_requested", "consent_version", "consent_at", "approved_amount", "approved_rate", "approved_tenor",
            "disbursed_on", "disbursed_amount", "outstanding", "days_past_due",
        )
    )  # fmt: skip


def _seeker_section_context(seeker):
    from .selectors import applications_for_seeker

    return {"loan_applications": applications_for_seeker(seeker)[:3]}


class FinancingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "financing"
    verbose_name = _("Training loans")

    def ready(self):
        from accounts import landing
        from accounts.roles import Role
        from seekers import sections

        landing.register(
            "bank",
            landing.Landing(
                applies=lambda user: user.has_role(Role.BANK) or user.has_role(Role.BANK_SUPERVISOR),
                url_name="financing:bank_home",
            ),
        )
        post_save.connect(_enrolment_saved, sender="trainings.Enrolment", dispatch_uid="financing_enrolment_ended")
        post_save.connect(_candidacy_saved, sender="overseas.Candidacy", dispatch_uid="financing_candidacy_ended")
        # The public simulator's cached product list (selectors.published_products_cached).
        from core.caching import on_change

        from .selectors import forget_products

        on_change(forget_products, ("financing.Product", "financing.PartnerBank"), uid="financing_products_cache")
        # Which bank each officer works for (models.bank_of).
        from .models import bank_of

        bank_of.connect()
        sections.register_personal_data("financing", _personal_data)
        sections.register(
            sections.Section(
                name="financing",
                template="financing/_seeker_section.html",
                context=_seeker_section_context,
                order=30,
                # Also what "my loan" (views.my_application, cached under the same version keys)
                # shows: documents, instalments, repayments (bulk writes bump in services too).
                seeker_models={
                    "financing.Application": "seeker_id",
                    "financing.LoanDocument": "application.seeker_id",
                    "financing.Instalment": "application.seeker_id",
                    "financing.Repayment": "application.seeker_id",
                },
                shared_models=("financing.PartnerBank", "financing.Product"),
            )
        )
