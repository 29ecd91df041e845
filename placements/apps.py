from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


def _delete_file_after_commit(sender, instance, **kwargs):
    # An erased account cascades to placements and staff rows: their files go with them.
    for name in ("evidence", "letter"):
        field_file = getattr(instance, name, None)
        if field_file:
            storage, path = field_file.storage, field_file.name
            transaction.on_commit(lambda storage=storage, path=path: storage.delete(path))


def _personal_data(user):
    from .models import Application, Placement

    return {
        "applications": list(
            Application.objects.filter(seeker__user=user).values(
                "vacancy__title", "vacancy__employer__name", "status", "status_reason", "cover_note", "applied_at"
            )
        ),
        "placements": list(
            Placement.objects.filter(seeker__user=user).values(
                "employer__name", "employer_name", "position", "contract_type", "start_date", "wage", "channel",
                "status", "end_date", "status_reason",
            )
        ),
    }  # fmt: skip


def _seeker_section_context(seeker):
    from .selectors import vacancies_matching

    # One query: the dashboard is the seekers' most visited page (applications have their own).
    return {"vacancies": vacancies_matching(seeker, limit=5)}


class PlacementsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "placements"
    verbose_name = _("Placements")

    def ready(self):
        from accounts import landing
        from accounts.roles import Role
        from core.caching import on_change
        from seekers import sections

        from . import tasks  # noqa: F401  (registers the beat tasks with Celery)
        from .selectors import forget_vacancy_lists

        landing.register(
            "employer",
            landing.Landing(applies=lambda user: user.has_role(Role.EMPLOYER), url_name="placements:employer_home"),
        )
        for model in ("placements.Placement", "placements.EmployerStaff"):
            post_delete.connect(_delete_file_after_commit, sender=model, dispatch_uid=f"delete_files_{model}")
        # What the public list, vacancy pages and register show: a vacancy, its employer, and the
        # reference rows whose names they print.
        shown = ("placements.Vacancy", "placements.Employer", "placements.IndustrialEstate",
                 "placements.OccupationGroup", "core.Kecamatan", "core.EducationLevel", "core.Sector")  # fmt: skip
        on_change(forget_vacancy_lists, shown, uid="vacancy_lists")
        sections.register_personal_data("placements", _personal_data)
        sections.register(
            sections.Section(
                name="placements",
                template="placements/_seeker_section.html",
                context=_seeker_section_context,
                order=20,
                seeker_models={"placements.Application": "seeker_id"},
                shared_models=("placements.Vacancy", "placements.Employer"),
            )
        )
