from django.apps import AppConfig
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


def _release_seat(sender, instance, **kwargs):
    from .services import enrolment_release_on_delete

    enrolment_release_on_delete(enrolment=instance)


def _seeker_section_context(seeker):
    from .selectors import enrolments_for_seeker

    return {"enrolments": enrolments_for_seeker(seeker)[:5]}


class TrainingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trainings"
    verbose_name = _("Training")

    def ready(self):
        from seekers import sections

        # Seekers may erase their account (seekers.services.deletion_carry_out), which cascades to
        # their enrolments. seekers cannot call trainings (the dependency points the other way),
        # so the seat a deleted enrolment held is given back here.
        pre_delete.connect(_release_seat, sender="trainings.Enrolment", dispatch_uid="trainings_release_seat")
        # The training card on the seeker's dashboard, for the same reason.
        sections.register(
            sections.Section(
                name="trainings", template="trainings/_seeker_section.html", context=_seeker_section_context, order=10
            )
        )
