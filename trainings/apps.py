from django.apps import AppConfig
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


def _release_seat(sender, instance, **kwargs):
    from .services import enrolment_release_on_delete

    enrolment_release_on_delete(enrolment=instance)


def _personal_data(user):
    from .models import Enrolment

    return list(
        Enrolment.objects.filter(seeker__user=user).values(
            "batch__program__title", "batch__name", "batch__program__provider__name", "status", "status_reason",
            "motivation", "applied_at", "pre_test_score", "post_test_score", "certificate__number",
            "certificate__issued_on",
        )
    )  # fmt: skip


def _seeker_section_context(seeker):
    from .selectors import enrolments_for_seeker

    return {"enrolments": enrolments_for_seeker(seeker)[:5]}


class TrainingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trainings"
    verbose_name = _("Training")

    def ready(self):
        from accounts import landing
        from accounts.roles import Role
        from core import glossary, metrics
        from seekers import sections
        from seekers.metrics import APPLICATIONS

        landing.register(
            "partner",
            landing.Landing(applies=lambda user: user.has_role(Role.PARTNER), url_name="trainings:partner_home"),
        )
        # Seekers may erase their account (seekers.services.deletion_carry_out), which cascades to
        # their enrolments. seekers cannot call trainings (the dependency points the other way),
        # so the seat a deleted enrolment held is given back here.
        pre_delete.connect(_release_seat, sender="trainings.Enrolment", dispatch_uid="trainings_release_seat")
        from .glossary import group as glossary_group

        glossary.register(glossary_group())  # /istilah-status/: what each status means
        from core.caching import bump_on_change, on_change

        from .selectors import BATCHES_VERSION_KEY, forget_batch_counts, forget_catalogue

        # The catalogue's cached filter choices and result lists (selectors.catalogue_*).
        on_change(forget_catalogue, ("trainings.Provider", "trainings.Program", "trainings.Batch"), uid="catalogue")
        # The batch names of the admin's enrolment list (selectors.batches_with_programme).
        bump_on_change(BATCHES_VERSION_KEY, ("trainings.Program", "trainings.Batch"), uid="batch_names")
        # The per-status counts of a batch's applicants (selectors.batch_status_counts).
        on_change(forget_batch_counts, ("trainings.Enrolment", "trainings.Batch"), uid="batch_counts")
        # Which institution each partner account works for (models.provider_of).
        from .models import provider_of

        provider_of.connect()
        # The training card on the seeker's dashboard, for the same reason.
        sections.register_personal_data("trainings", _personal_data)
        sections.register(
            sections.Section(
                name="trainings",
                template="trainings/_seeker_section.html",
                context=_seeker_section_context,
                order=10,
                seeker_models={"trainings.Enrolment": "seeker_id", "trainings.Certificate": "enrolment.seeker_id"},
                shared_models=("trainings.Provider", "trainings.Program", "trainings.Batch"),
            )
        )
        metrics.count_when_audited(
            model="trainings.enrolment", action="enrolment_applied", count=APPLICATIONS.labels(kind="training").inc
        )
