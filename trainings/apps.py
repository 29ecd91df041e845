from django.apps import AppConfig
from django.db.models.signals import pre_delete


def _release_seat(sender, instance, **kwargs):
    from .services import enrolment_release_on_delete

    enrolment_release_on_delete(enrolment=instance)


class TrainingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trainings"

    def ready(self):
        # Seekers may erase their account (seekers.services.deletion_carry_out), which cascades to
        # their enrolments. seekers cannot call trainings (the dependency points the other way),
        # so the seat a deleted enrolment held is given back here.
        pre_delete.connect(_release_seat, sender="trainings.Enrolment", dispatch_uid="trainings_release_seat")
