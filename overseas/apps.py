from django.apps import AppConfig
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


def _release_place(sender, instance, **kwargs):
    from .services import candidacy_release_on_delete

    candidacy_release_on_delete(candidacy=instance)


def _personal_data(user):
    from .models import Candidacy, DataTransfer

    candidacies = Candidacy.objects.filter(seeker__user=user)
    return {
        "candidacies": list(
            candidacies.values(
                "intake__name",
                "intake__organisation__name",
                "status",
                "status_reason",
                "applied_at",
                "height_cm",
                "weight_kg",
                "passed_on",
            )
        ),
        "stage_results": list(
            candidacies.values(
                "results__stage__name", "results__held_on", "results__result", "results__score", "results__note"
            ).exclude(results__isnull=True)
        ),
        "documents": list(
            candidacies.exclude(documents__isnull=True).values(
                "documents__kind", "documents__number", "documents__issued_on", "documents__expires_on"
            )
        ),
        "deployment": list(
            candidacies.exclude(deployment__isnull=True).values(
                "deployment__host_company",
                "deployment__prefecture",
                "deployment__job_field",
                "deployment__departure_date",
                "deployment__contract_end",
                "deployment__status",
                "deployment__emergency_contact_name",
                "deployment__emergency_contact_phone",
            )
        ),
        "sent_abroad": list(
            DataTransfer.objects.filter(candidacy__seeker__user=user).values(
                "recipient", "recipient_country", "legal_basis", "data_categories", "purpose", "transferred_on"
            )
        ),
        "return": list(
            candidacies.exclude(return_record__isnull=True).values(
                "return_record__returned_on",
                "return_record__early",
                "return_record__skill_level",
                "return_record__japanese_level",
                "return_record__intention",
            )
        ),
    }


def _seeker_section_context(seeker):
    from .selectors import current_candidacy

    return {"candidacy": current_candidacy(seeker)}


class OverseasConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "overseas"
    verbose_name = _("Japan internships")

    def ready(self):
        from accounts import landing
        from accounts.roles import Role
        from seekers import sections

        from . import tasks  # noqa: F401  (registers the reminder tasks of the beat schedule with Celery)

        landing.register(
            "sending_org",
            landing.Landing(
                applies=lambda user: user.has_role(Role.SENDING_ORG), url_name="overseas:staff_home", order=60
            ),
        )
        # Seekers may erase their account (seekers.services.deletion_carry_out), which cascades to
        # their candidacies; seekers cannot call this app, so the place is given back here.
        pre_delete.connect(_release_place, sender="overseas.Candidacy", dispatch_uid="overseas_release_place")
        # The public pages' cached fragments (selectors.public_key): forgotten when what they show changes.
        from core.caching import bump_on_change, on_change

        from .replacement import AFFILIATIONS_VERSION_KEY
        from .selectors import CHOICES_VERSION_KEY, RETURNS_VERSION_KEY, forget_intake_counts, forget_public_pages

        on_change(
            forget_public_pages,
            ("overseas.Intake", "overseas.IntakeStage", "overseas.Scheme", "overseas.SendingOrganisation"),
            uid="overseas_public_cache",
        )
        # The candidate list's cached filter choices (selectors.candidate_filter_choices).
        bump_on_change(CHOICES_VERSION_KEY, ("overseas.Intake", "core.Kecamatan"), uid="overseas_choices_cache")
        # The intake page's cached counts (selectors.intake_counts).
        on_change(
            forget_intake_counts,
            ("overseas.Candidacy", "overseas.StageResult", "overseas.Intake"),
            uid="overseas_intake_counts",
        )
        # The returnee list's cached total and figures (selectors.all_replacement_figures).
        bump_on_change(RETURNS_VERSION_KEY, ("overseas.Candidacy", "overseas.ReturnRecord"), uid="overseas_returns")
        # The returnee list's cached vacancy pool (replacement._shared_pool).
        bump_on_change(AFFILIATIONS_VERSION_KEY, ("overseas.JapaneseAffiliation",), uid="overseas_pool")
        sections.register_personal_data("overseas", _personal_data)
        sections.register(
            sections.Section(
                name="overseas",
                template="overseas/_seeker_section.html",
                context=_seeker_section_context,
                order=20,
                # Also what "my internship candidacy" (views.my_candidacy, cached under the same
                # version keys) shows: stage results, documents, the return; scheme, organisation.
                seeker_models={
                    "overseas.Candidacy": "seeker_id",
                    "overseas.Deployment": "candidacy.seeker_id",
                    "overseas.StageResult": "candidacy.seeker_id",
                    "overseas.CandidateDocument": "candidacy.seeker_id",
                    "overseas.ReturnRecord": "candidacy.seeker_id",
                },
                shared_models=(
                    "overseas.Intake",
                    "overseas.IntakeStage",
                    "overseas.Scheme",
                    "overseas.SendingOrganisation",
                ),
            )
        )
